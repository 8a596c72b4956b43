// Sequential, buffered writes into a seekable file, plus the two things a zip writer needs from a
// file rather than a pipe: patching bytes already written (local headers) and cutting the file back
// (an entry whose source failed is removed whole).
import type { FileHandle } from 'node:fs/promises';

/** A failure of the output file itself (ENOSPC, EIO, EROFS ...), as opposed to an entry's source. */
export class OutputError extends Error {
  override readonly cause: NodeJS.ErrnoException;
  constructor(cause: unknown) {
    const err = cause as NodeJS.ErrnoException;
    super(err?.message ?? String(cause));
    this.name = 'OutputError';
    this.cause = err;
  }
}

export class FileOutput {
  /** Logical end of the file: bytes written plus bytes buffered. */
  position = 0;
  private buf: Buffer;
  private used = 0;
  /** File offset of buf[0]. */
  private bufStart = 0;
  private failed: OutputError | undefined;

  constructor(
    private readonly fh: FileHandle,
    bufferSize = 1 << 20,
  ) {
    this.buf = Buffer.allocUnsafe(bufferSize);
  }

  async write(data: Uint8Array): Promise<void> {
    this.check();
    if (data.length === 0) return;
    const direct = data.length >= this.buf.length / 2;
    // Whatever is buffered goes first: a large piece written past it would leave a hole (zeros)
    // where the buffered bytes belong, e.g. a local header before a stored block of 512 KiB-1 MiB.
    if (direct || this.used + data.length > this.buf.length) await this.flush();
    if (direct) {
      // Large pieces go straight to the file; copying them would only cost time.
      await this.writeAt(data, this.position);
      this.position += data.length;
      this.bufStart = this.position;
      return;
    }
    this.buf.set(data, this.used);
    this.used += data.length;
    this.position += data.length;
  }

  /** Overwrite bytes at an earlier offset (in the buffer if still there, else in the file). */
  async patch(offset: number, data: Buffer): Promise<void> {
    this.check();
    if (offset + data.length > this.position) throw new Error('patch past the end of the output');
    if (offset >= this.bufStart) {
      data.copy(this.buf, offset - this.bufStart);
      return;
    }
    const inFile = Math.min(data.length, this.bufStart - offset);
    await this.writeAt(data.subarray(0, inFile), offset);
    if (inFile < data.length) data.copy(this.buf, 0, inFile);
  }

  /** Cut the output back to `offset` (dropping everything after it). */
  async truncate(offset: number): Promise<void> {
    this.check();
    if (offset >= this.bufStart) {
      this.used = offset - this.bufStart;
    } else {
      this.used = 0;
      this.bufStart = offset;
      try {
        await this.fh.truncate(offset);
      } catch (e) {
        throw this.fail(e);
      }
    }
    this.position = offset;
  }

  async flush(): Promise<void> {
    this.check();
    if (this.used === 0) return;
    await this.writeAt(this.buf.subarray(0, this.used), this.bufStart);
    this.bufStart += this.used;
    this.used = 0;
  }

  async sync(): Promise<void> {
    await this.flush();
    try {
      await this.fh.sync();
    } catch (e) {
      throw this.fail(e);
    }
  }

  private async writeAt(data: Uint8Array, offset: number): Promise<void> {
    let done = 0;
    try {
      while (done < data.length) {
        const { bytesWritten } = await this.fh.write(data, done, data.length - done, offset + done);
        if (bytesWritten === 0)
          throw Object.assign(new Error('write wrote nothing'), { code: 'EIO' });
        done += bytesWritten;
      }
    } catch (e) {
      throw this.fail(e);
    }
  }

  private fail(e: unknown): OutputError {
    this.failed ??= e instanceof OutputError ? e : new OutputError(e);
    return this.failed;
  }

  private check(): void {
    if (this.failed) throw this.failed;
  }
}
