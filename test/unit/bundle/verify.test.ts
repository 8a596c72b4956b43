// verifyBundle on real bundles and real damage: each problem names the entry.
import { open, stat, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { verifyBundle, type VerifyCheck } from '../../../core/node/bundle/verify.js';
import { buildBundle, python, rewriteEntry } from '../../support/bundle-builder.js';
import { textStream } from '../../support/content.js';
import { tempDir } from '../../support/tmp.js';

const run = promisify(execFile);

const ENTRIES = {
  'logs/var/log/app.log': '2026-11-27 10:00:00,000 INFO started\n'.repeat(2000),
  'config/etc/app.conf': 'port = 8080\n',
  'commands/uname.txt': 'Linux app-01 6.1.0\n',
};

async function good(): Promise<string> {
  return buildBundle(await tempDir(), ENTRIES, { store: ['config/etc/app.conf'] });
}

/** Offset of an entry's data in the zip (after its local header), via Python's zipfile. */
async function dataOffset(zip: string, name: string): Promise<number> {
  const out = await python(
    `
import sys, zipfile, struct
with zipfile.ZipFile(sys.argv[1]) as z, open(sys.argv[1], 'rb') as f:
    info = z.getinfo(sys.argv[2])
    f.seek(info.header_offset)
    h = f.read(30)
    n, m = struct.unpack('<HH', h[26:30])
    print(info.header_offset + 30 + n + m)
`,
    zip,
    name,
  );
  return Number(out.trim());
}

async function flipByte(file: string, offset: number): Promise<void> {
  const fh = await open(file, 'r+');
  const b = Buffer.alloc(1);
  await fh.read(b, 0, 1, offset);
  b[0] = b[0]! ^ 0x20;
  await fh.write(b, 0, 1, offset);
  await fh.close();
}

describe('verify', () => {
  it('passes a good bundle: every entry, meta entries included, matches the manifest', async () => {
    const zip = await good();
    const r = await verifyBundle(zip);
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.entries).toBe(6);
    expect(r.itemsChecked).toBe(5); // 3 files + case.json + report.html
    expect(r.formatVersion).toBe(1);
  });

  it('fails when one byte of an entry changed in the file (CRC), naming the entry', async () => {
    const zip = await good();
    await flipByte(zip, (await dataOffset(zip, 'config/etc/app.conf')) + 3);
    const r = await verifyBundle(zip);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([
      expect.objectContaining({ entry: 'config/etc/app.conf', code: 'crc-mismatch' }),
    ]);
  });

  it('fails when deflated data is damaged, naming the entry, and still checks the rest', async () => {
    const zip = await good();
    await flipByte(zip, (await dataOffset(zip, 'logs/var/log/app.log')) + 20);
    const r = await verifyBundle(zip);
    expect(r.problems.map((p) => p.entry)).toEqual(['logs/var/log/app.log']);
    expect(r.problems[0]!.code).toMatch(/entry-corrupt|crc-mismatch/);
    expect(r.itemsChecked).toBe(4);
  });

  it('fails when an entry was replaced with other content (valid zip, wrong sha256)', async () => {
    const zip = await good();
    await rewriteEntry(zip, 'commands/uname.txt', 'Linux app-01 6.1.0 tampered\n');
    const r = await verifyBundle(zip);
    expect(r.problems).toEqual([
      expect.objectContaining({ entry: 'commands/uname.txt', code: 'size-mismatch' }),
    ]);
    await rewriteEntry(zip, 'commands/uname.txt', 'Linux app-01 6.1.1\n'); // same size
    expect((await verifyBundle(zip)).problems).toEqual([
      expect.objectContaining({ entry: 'commands/uname.txt', code: 'sha256-mismatch' }),
    ]);
  });

  it('fails when an entry was added', async () => {
    const zip = await good();
    await rewriteEntry(zip, 'logs/extra.log', 'not collected by casepack\n');
    const r = await verifyBundle(zip);
    expect(r.problems).toEqual([
      expect.objectContaining({ entry: 'logs/extra.log', code: 'not-in-manifest' }),
    ]);
  });

  it('fails when an entry was removed (zip -d)', async () => {
    const zip = await good();
    await run('zip', ['-q', '-d', zip, 'config/etc/app.conf']);
    const r = await verifyBundle(zip);
    expect(r.problems).toEqual([
      expect.objectContaining({ entry: 'config/etc/app.conf', code: 'missing-entry' }),
    ]);
    expect(r.problems[0]!.message).toContain('from /config/etc/app.conf');
  });

  it('fails when the manifest was edited', async () => {
    const zip = await good();
    const manifest = JSON.parse(
      await python(
        'import sys,zipfile; print(zipfile.ZipFile(sys.argv[1]).read("manifest.json").decode())',
        zip,
      ),
    ) as { items: Array<{ path?: string; sha256?: string }>; formatVersion: number };
    manifest.items.find((i) => i.path === 'logs/var/log/app.log')!.sha256 = '0'.repeat(64);
    await rewriteEntry(zip, 'manifest.json', JSON.stringify(manifest));
    expect((await verifyBundle(zip)).problems).toEqual([
      expect.objectContaining({ entry: 'logs/var/log/app.log', code: 'sha256-mismatch' }),
    ]);
    manifest.formatVersion = 99;
    await rewriteEntry(zip, 'manifest.json', JSON.stringify(manifest));
    expect((await verifyBundle(zip)).problems.map((p) => p.code)).toContain('unsupported-format');
    await rewriteEntry(zip, 'manifest.json', '{"formatVersion": 1, "items": "nope"');
    expect((await verifyBundle(zip)).problems).toEqual([
      expect.objectContaining({ entry: 'manifest.json', code: 'manifest-invalid' }),
    ]);
    await rewriteEntry(zip, 'manifest.json', null);
    const r = await verifyBundle(zip);
    expect(r.problems.map((p) => p.code)).toEqual(['manifest-missing']);
  });

  it('fails clearly on a truncated file, a file that is not a zip, and no file', async () => {
    const zip = await good();
    await truncate(zip, Math.floor((await stat(zip)).size / 2));
    const r = await verifyBundle(zip);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([expect.objectContaining({ code: 'zip-corrupt' })]);
    expect(r.problems[0]!.message).toMatch(/not a readable zip file .* truncated or damaged/);

    const text = path.join(path.dirname(zip), 'notes.zip');
    await writeFile(text, 'just text\n');
    expect((await verifyBundle(text)).problems[0]!.code).toBe('zip-corrupt');
    expect(
      (await verifyBundle(path.join(path.dirname(zip), 'missing.zip'))).problems[0],
    ).toMatchObject({
      code: 'unreadable',
      message: expect.stringContaining('no such file'),
    });
  });

  it('streams a large entry and runs added checks over every entry', async () => {
    const dir = await tempDir();
    const big = textStream(64 * 1024 * 1024, 3);
    const { openBundle } = await import('../../../core/node/bundle/bundle-writer.js');
    const { baseManifest } = await import('../../support/bundle-builder.js');
    const b = await openBundle({ dir, name: 'big.zip' });
    const r = await b.addEntry('logs/big.log', big.stream);
    const m = baseManifest();
    m.items.push({
      id: 'big',
      type: 'file',
      source: '/big.log',
      path: r.name,
      size: r.size,
      sha256: r.sha256,
      status: 'collected',
    });
    const zip = (await b.finish({ manifest: m, caseJson: {}, reportHtml: 'x' })).path;
    const seen: string[] = [];
    const needle: VerifyCheck = {
      id: 'needle',
      scan: ({ name }) => {
        let found = false;
        return {
          write: (c) => void (found ||= c.includes('n=4242\n')),
          end: () => (found ? [{ entry: name, code: 'needle', message: `${name}: found it` }] : []),
        };
      },
      finish: ({ entries }) => (seen.push(...entries), []),
    };
    const v = await verifyBundle(zip, { checks: [needle] });
    expect(v.bytes).toBeGreaterThan(64 * 1024 * 1024);
    expect(v.checks).toEqual(['needle']);
    expect(v.problems).toEqual([
      { entry: 'logs/big.log', code: 'needle', message: 'logs/big.log: found it' },
    ]);
    expect(seen.sort()).toEqual(['case.json', 'logs/big.log', 'manifest.json', 'report.html']);
  });
});
