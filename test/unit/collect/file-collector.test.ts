import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { open, readFile, truncate, unlink, utimes, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ZoneClock } from '../../../core/common/time/zone.js';
import type { EntryOptions } from '../../../core/node/bundle/types.js';
import { collectFile } from '../../../core/node/collect/file-collector.js';
import type { ReadStats } from '../../../core/node/collect/file-reader.js';
import { collectorContext, fileItem } from '../../support/collect-helpers.js';
import { writeLog } from '../../support/log-gen.js';
import { MemorySink } from '../../support/memory-sink.js';
import { tempDir } from '../../support/tmp.js';

const H = 3_600_000;
const MiB = 1024 * 1024;
const utc = new ZoneClock('UTC');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const from = Date.parse('2026-11-20T00:00:00Z');
const wide = { since: 0, until: Date.parse('2100-01-01T00:00:00Z'), zone: utc };

describe('file collector', () => {
  it('finds the last hour of a large log by binary search: a few reads, not a scan', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'server.log');
    // ~110 MiB: an entry every 100 ms over ~40 hours.
    const fh = await open(file, 'w');
    const step = 100;
    const count = 1_450_000;
    let buf = '';
    for (let i = 0; i < count; i++) {
      const iso = new Date(from + i * step).toISOString();
      buf += `${iso.slice(0, 10)} ${iso.slice(11, 19)},${iso.slice(20, 23)} INFO  [pool-${i % 8}] handled request number ${i} for client\n`;
      if (buf.length > 4 * MiB) {
        await fh.write(buf);
        buf = '';
      }
    }
    await fh.write(buf);
    await fh.close();
    const end = from + count * step;
    await utimes(file, end / 1000, end / 1000);
    const stats: ReadStats = { reads: 0, bytesRead: 0 };
    const ctx = collectorContext();
    const item = await collectFile(await fileItem(file), ctx, {
      since: end - H,
      until: end + H,
      zone: utc,
      stats,
    });
    expect(item.status).toBe('collected');
    expect(item.sourceSize).toBeGreaterThan(100 * MiB);
    const out = ctx.sink.text(item.path!);
    expect(out.split('\n').length - 1).toBe(H / step);
    // Probing costs about 20 reads of 64 KiB on top of streaming the window itself.
    const streamReads = Math.ceil(item.size! / (256 * 1024));
    expect(stats.reads - streamReads).toBeLessThanOrEqual(30);
    expect(stats.bytesRead - item.size!).toBeLessThan(2 * MiB);
  });

  it('reads a growing log only up to its size at open', async () => {
    const dir = await tempDir();
    const log = await writeLog(path.join(dir, 'grow.log'), 'log4j', {
      from,
      count: 12_000,
      stepMs: 1000,
      zone: 'UTC',
    });
    const original = await readFile(log.file);
    expect(original.length).toBeGreaterThan(MiB);
    // The writer keeps appending while casepack reads (here: whenever the bundle takes a chunk).
    class AppendingSink extends MemorySink {
      override async addEntry(name: string, source: Readable, opts?: EntryOptions) {
        source.on('data', () =>
          appendFileSync(log.file, '2026-11-20 10:00:00,000 INFO  appended later\n'.repeat(100)),
        );
        return super.addEntry(name, source, opts);
      }
    }
    for (const window of [true, false]) {
      const ctx = collectorContext(new AppendingSink());
      const item = await collectFile(
        await fileItem(log.file, { window, kind: window ? 'log' : 'other' }),
        ctx,
        wide,
      );
      expect(item.status).toBe('collected');
      expect(item.sourceSize).toBeLessThanOrEqual((await readFile(log.file)).length);
      expect(
        ctx.sink.entries.get(item.path!)!.data!.subarray(0, original.length).equals(original),
      ).toBe(true);
      expect(item.size).toBe(item.sourceSize);
    }
    expect(Buffer.compare((await readFile(log.file)).subarray(0, original.length), original)).toBe(
      0,
    );
  });

  it('tails a 300 MB file with no newline instead of reading it whole', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'huge.bin');
    await writeFile(file, 'no newline anywhere ');
    await truncate(file, 300 * 1000 * 1000); // sparse: fast to create
    for (const kind of ['other', 'log'] as const) {
      const stats: ReadStats = { reads: 0, bytesRead: 0 };
      const ctx = collectorContext();
      const item = await collectFile(
        await fileItem(file, { kind, window: kind === 'log', maxBytes: MiB }),
        ctx,
        { ...wide, stats },
      );
      expect(item.status).toBe('truncated');
      expect(item.size).toBe(MiB);
      expect(item.sourceSize).toBe(300 * 1000 * 1000);
      expect(item.reason).toMatch(/newest 1.0 MiB .*starts mid-line/);
      expect(stats.bytesRead).toBeLessThan(3 * MiB);
    }
  });

  it('keeps the tail of an over-size file from a line start', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'config.txt');
    const lines = Array.from({ length: 5000 }, (_, i) => `key${i} = value ${i}\n`).join('');
    await writeFile(file, lines);
    const ctx = collectorContext();
    const item = await collectFile(
      await fileItem(file, { kind: 'config', window: false, maxBytes: 10_000 }),
      ctx,
      wide,
    );
    expect(item.status).toBe('truncated');
    const out = ctx.sink.text(item.path!);
    expect(lines.endsWith(out)).toBe(true);
    expect(out).toMatch(/^key\d+ = /);
    const skip = await collectFile(
      await fileItem(file, { kind: 'config', window: false, maxBytes: 10_000, overLimit: 'skip' }),
      ctx,
      wide,
    );
    expect(skip).toMatchObject({ status: 'skipped' });
    expect(skip.reason).toMatch(/over maxBytes 9.8 KiB/);
  });

  it('passes binary and invalid UTF-8 through byte for byte', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'mixed.dat');
    const bytes = Buffer.concat([
      Buffer.from('2026-11-20 10:00:00,000 INFO caf\xe9 '),
      Buffer.from([0xff, 0xfe, 0xed, 0xa0, 0x80, 0xc3, 0x28, 0x00, 0x0a]),
      Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256)),
    ]);
    await writeFile(file, bytes);
    for (const window of [true, false]) {
      const ctx = collectorContext();
      const item = await collectFile(await fileItem(file, { window }), ctx, wide);
      expect(item.status).toBe('collected');
      expect(item.sha256).toBe(sha(bytes));
      expect(ctx.sink.entries.get(item.path!)!.data!.equals(bytes)).toBe(true);
    }
  });

  it('stores a rotated .gz as it is when it overlaps the window, and skips it by timestamps when not', async () => {
    const dir = await tempDir();
    const log = await writeLog(path.join(dir, 'app.log.2'), 'log4j', {
      from,
      count: 600,
      stepMs: 60_000,
      zone: 'UTC',
    });
    const gz = `${log.file}.gz`;
    const bytes = gzipSync(await readFile(log.file));
    await writeFile(gz, bytes);
    const lastWrite = log.entries.at(-1)!.t / 1000;
    await utimes(gz, lastWrite, lastWrite); // gzip keeps the original file time
    const ctx = collectorContext();
    const over = await collectFile(await fileItem(gz), ctx, {
      since: from + 5 * H,
      until: from + 30 * H,
      zone: utc,
    });
    expect(over.status).toBe('collected');
    expect(over.sha256).toBe(sha(bytes));
    expect(ctx.sink.entries.get(over.path!)!.opts.store).toBe(true);
    expect(over.window!.note).toMatch(/kept whole/);
    const before = await collectFile(await fileItem(gz), ctx, {
      since: from + 20 * H,
      until: from + 30 * H,
      zone: utc,
    });
    expect(before).toMatchObject({ status: 'skipped' });
    expect(before.reason).toMatch(
      /last written 2026-11-20T09:59:00.000Z, before the window's start/,
    );
    const after = await collectFile(await fileItem(gz), ctx, {
      since: from - 30 * H,
      until: from - H,
      zone: utc,
    });
    expect(after.status).toBe('skipped');
    expect(after.reason).toMatch(
      /first entry \(2026-11-20T00:00:00.000Z\) is at or after the window's end/,
    );
  });

  it('never reads a FIFO, socket or device that replaced a listed file, and notes a vanished file', async () => {
    const dir = await tempDir();
    const fifo = path.join(dir, 'fifo.log');
    execFileSync('mkfifo', [fifo]);
    const sock = path.join(dir, 'sock.log');
    const server = net.createServer().listen(sock);
    await new Promise((r) => server.once('listening', r));
    const dev = path.join(dir, 'dev.log');
    execFileSync('mknod', [dev, 'c', '1', '3']); // /dev/null's numbers
    const gone = path.join(dir, 'gone.log');
    await writeFile(gone, 'here for the listing\n');
    const goneItem = await fileItem(gone);
    await unlink(gone);
    const ctx = collectorContext();
    try {
      for (const f of [fifo, sock, dev]) {
        const item = await collectFile(await fileItem(f), ctx, wide);
        expect(item.status, f).toBe('skipped');
        expect(item.reason).toMatch(
          /not a regular file \((FIFO|socket|character device)\): never read/,
        );
      }
      expect(await collectFile(goneItem, ctx, wide)).toMatchObject({
        status: 'skipped',
        reason: 'the file vanished between listing and reading',
      });
      expect(ctx.sink.entries.size).toBe(0);
    } finally {
      server.close();
    }
  });
});
