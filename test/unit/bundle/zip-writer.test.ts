// The zip writer against real readers: every zip written here is checked with `unzip -t`, yauzl
// and Python's zipfile, and the content they read back is compared byte for byte (by sha256) with
// what went in.
import { randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ZipWriter, type ZipWriterOptions } from '../../../core/node/bundle/zip-writer.js';
import { sha256, textStream } from '../../support/content.js';
import { tempDir } from '../../support/tmp.js';
import {
  readEverywhere,
  readWithPython,
  readWithYauzl,
  unzipTest,
} from '../../support/zip-readers.js';

async function writeZip(
  file: string,
  fill: (z: ZipWriter) => Promise<unknown>,
  opts: ZipWriterOptions = {},
): Promise<ZipWriter> {
  const fh = await open(file, 'w');
  try {
    const z = new ZipWriter(fh, opts);
    await fill(z);
    await z.finish();
    return z;
  } finally {
    await fh.close();
  }
}

describe('zip writer', () => {
  it('writes many small, empty, non-ASCII, stored and incompressible entries that every reader reads back intact', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'mixed.zip');
    const expected: Record<string, { size: number; sha256: string }> = {};
    const put = (name: string, data: Buffer | string) => {
      const buf = Buffer.from(data);
      expected[name] = { size: buf.length, sha256: sha256(buf) };
      return buf;
    };
    const gz = gzipSync('a rotated log line\n'.repeat(5000));
    const random = randomBytes(3 * 1024 * 1024 + 17);
    await writeZip(file, (z) =>
      Promise.all([
        // added concurrently: the writer serialises them
        ...Array.from({ length: 300 }, (_, i) =>
          z.addBuffer(
            `config/file-${i}.conf`,
            put(`config/file-${i}.conf`, `key${i} = ${'v'.repeat(i)}\n`),
          ),
        ),
        z.addBuffer('empty.txt', put('empty.txt', '')),
        z.addEntry('also-empty.log', Readable.from([]), {}).then(() => put('also-empty.log', '')),
        z.addBuffer('日本語/ログ.txt', put('日本語/ログ.txt', 'こんにちは\n')),
        z.addBuffer('عربي/ملف.txt', put('عربي/ملف.txt', 'مرحبا\n')),
        z.addBuffer('logs/old.log.1.gz', put('logs/old.log.1.gz', gz)),
        z.addBuffer('lib/app.jar', put('lib/app.jar', gz)),
        z.addBuffer('dumps/no-extension', put('dumps/no-extension', gz)), // gzip by its magic bytes
        z.addBuffer('dumps/random.bin', put('dumps/random.bin', random)),
        z.addBuffer('dumps/forced.bin', put('dumps/forced.bin', random.subarray(0, 5000)), {
          store: false,
        }),
        z.addBuffer('notes.txt', put('notes.txt', 'plain words '.repeat(100)), { store: true }),
      ]),
    );
    const read = await readEverywhere(file);
    expect(read).toEqual(
      Object.fromEntries(Object.entries(expected).sort(([a], [b]) => (a < b ? -1 : 1))),
    );

    const py = await readWithPython(file);
    // already-compressed and incompressible content is stored, text is deflated
    for (const n of ['logs/old.log.1.gz', 'lib/app.jar', 'dumps/no-extension', 'dumps/random.bin'])
      expect(py.get(n)?.method, n).toBe(0);
    expect(py.get('config/file-299.conf')?.method).toBe(8);
    // the caller decides when it says so
    expect(py.get('dumps/forced.bin')?.method).toBe(8);
    expect(py.get('notes.txt')?.method).toBe(0);
    // non-ASCII names carry the UTF-8 flag; ASCII names do not need it
    expect(py.get('日本語/ログ.txt')?.utf8).toBe(true);
    expect(py.get('config/file-1.conf')?.utf8).toBe(false);
  });

  it('keeps the bytes buffered before a stored block of half to one output buffer (a .gz of 700 KiB after a small file)', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'stored-block.zip');
    const small = Buffer.from('a small file\n');
    const rotated = randomBytes(700 * 1024);
    const after = Buffer.from('the next entry\n'.repeat(50));
    await writeZip(file, async (z) => {
      await z.addBuffer('small.txt', small);
      await z.addBuffer('logs/rotated.log.1.gz', rotated);
      await z.addBuffer('after.txt', after);
    });
    expect(await unzipTest(file)).toMatch(/No errors detected/);
    expect(await readEverywhere(file)).toEqual({
      'after.txt': { size: after.length, sha256: sha256(after) },
      'logs/rotated.log.1.gz': { size: rotated.length, sha256: sha256(rotated) },
      'small.txt': { size: small.length, sha256: sha256(small) },
    });
  });

  it('deflates one large entry on several threads into a valid zip with the same bytes (issue 7)', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'large.zip');
    const big = textStream(256 * 1024 * 1024, 7);
    const z = await writeZip(file, (z) => z.addEntry('logs/server.log', big.stream));
    expect(z.deflateStats.maxConcurrent).toBeGreaterThanOrEqual(2);
    expect(z.deflateStats.blocks).toBeGreaterThanOrEqual(256);
    const read = await readEverywhere(file);
    expect(read['logs/server.log']).toEqual(big.digest());
    const y = await readWithYauzl(file);
    const entry = y.get('logs/server.log')!;
    expect(entry.method).toBe(8);
    expect(entry.compressedSize).toBeLessThan(entry.size / 2);
  });

  it('compresses the next entries while one is written, keeping each intact and in order', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'pipelined.zip');
    const gens = Array.from({ length: 12 }, (_, i) => textStream((i % 4) * 700_000 + 1000, i + 1));
    let results: Array<{ name: string }> = [];
    await writeZip(file, async (z) => {
      results = await Promise.all(gens.map((g, i) => z.addEntry(`logs/app-${i}.log`, g.stream)));
    });
    expect(results.map((r) => r.name)).toEqual(gens.map((_, i) => `logs/app-${i}.log`));
    const read = await readEverywhere(file);
    gens.forEach((g, i) => expect(read[`logs/app-${i}.log`]).toEqual(g.digest()));
  });

  it('writes zip64 records that readers accept (forced below 4 GiB)', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'zip64.zip');
    const gens = [textStream(3_000_000, 3), textStream(10, 4)];
    await writeZip(
      file,
      (z) =>
        Promise.all([
          z.addEntry('a.log', gens[0]!.stream),
          z.addEntry('b.log', gens[1]!.stream),
          z.addBuffer('c.gz', gzipSync('stored')),
        ]),
      { zip64At: 0 },
    );
    const listing = await unzipTest(file);
    expect(listing).toContain('No errors detected');
    const read = await readEverywhere(file);
    expect(read['a.log']).toEqual(gens[0]!.digest());
    expect(read['b.log']).toEqual(gens[1]!.digest());
    expect(read['c.gz']).toEqual({
      size: gzipSync('stored').length,
      sha256: sha256(gzipSync('stored')),
    });
  });

  it('writes more than 65,535 entries (zip64 end of central directory)', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'many.zip');
    const count = 70_000;
    await writeZip(file, async (z) => {
      const batch: Promise<unknown>[] = [];
      for (let i = 0; i < count; i++) {
        batch.push(z.addBuffer(`d${i % 100}/e${i}.txt`, `entry ${i}\n`));
        if (batch.length === 1000) await Promise.all(batch.splice(0));
      }
      await Promise.all(batch);
    });
    expect(await unzipTest(file)).toContain('No errors detected');
    const [y, p] = await Promise.all([readWithYauzl(file), readWithPython(file)]);
    expect(y.size).toBe(count);
    expect(p.size).toBe(count);
    expect(y.get('d99/e69999.txt')?.sha256).toBe(sha256('entry 69999\n'));
    expect(p.get('d0/e0.txt')?.sha256).toBe(sha256('entry 0\n'));
  });

  it('removes an entry whose source fails and goes on with the rest', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'failing.zip');
    const good = textStream(2_500_000, 9);
    let failure: unknown;
    await writeZip(file, async (z) => {
      const failing = new Readable({
        read() {
          this.push(Buffer.alloc(1_500_000, 'x'));
          setImmediate(() => this.destroy(new Error('EIO: the disk under the log went away')));
        },
      });
      const results = await Promise.allSettled([
        z.addBuffer('before.txt', 'before\n'),
        z.addEntry('logs/broken.log', failing),
        z.addEntry('logs/good.log', good.stream),
      ]);
      failure = results[1].status === 'rejected' ? results[1].reason : undefined;
    });
    expect(String(failure)).toContain('the disk under the log went away');
    const read = await readEverywhere(file);
    expect(Object.keys(read)).toEqual(['before.txt', 'logs/good.log']);
    expect(read['logs/good.log']).toEqual(good.digest());
  });

  it('makes names safe and unique for every file system', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'names.zip');
    const names: string[] = [];
    await writeZip(file, async (z) => {
      for (const n of [
        'logs/a.log',
        'logs/A.log',
        'logs/a.log',
        '/etc/x:y?.conf',
        'c\\d\\con.txt',
        'dir/trailing. ',
      ])
        names.push((await z.addBuffer(n, n)).name);
      await expect(z.addBuffer('../../etc/passwd', 'x')).rejects.toThrow(
        /not a usable zip entry name/,
      );
    });
    expect(names).toEqual([
      'logs/a.log',
      'logs/A~2.log',
      'logs/a~3.log',
      'etc/x_y_.conf',
      'c/d/_con.txt',
      'dir/trailing__',
    ]);
    expect(Object.keys(await readEverywhere(file)).sort()).toEqual([...names].sort());
  });
});
