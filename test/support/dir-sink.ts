// An EntrySink that writes each entry as a plain file under a directory and hashes it, so a
// collector can be tested against the real bundle contract before (or without) the zip writer.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { EntryResult, EntrySink } from '../../core/node/bundle/types.js';

export interface DirSink extends EntrySink {
  dir: string;
  names: string[];
}

export function dirSink(dir: string): DirSink {
  const names: string[] = [];
  const sink: DirSink = {
    dir,
    names,
    async addEntry(name, source): Promise<EntryResult> {
      if (names.includes(name)) throw new Error(`duplicate entry ${name}`);
      names.push(name);
      const file = path.join(dir, name);
      await mkdir(path.dirname(file), { recursive: true });
      const hash = createHash('sha256');
      let size = 0;
      const tap = new Transform({
        transform(chunk: Buffer, _e, cb) {
          hash.update(chunk);
          size += chunk.length;
          cb(null, chunk);
        },
      });
      await pipeline(source, tap, createWriteStream(file));
      return { name, size, compressedSize: size, crc32: 0, sha256: hash.digest('hex') };
    },
    addBuffer(name, data) {
      return sink.addEntry(name, Readable.from([Buffer.from(data)]));
    },
  };
  return sink;
}
