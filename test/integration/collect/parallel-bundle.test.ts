// Issue 7's check of the parallel bundle: a collection whose large log is deflated in 1 MiB blocks
// on several threads is a valid zip for three unrelated readers (Info-ZIP's `unzip -t`, yauzl,
// Python's zipfile), and every entry holds exactly the input after redaction: the bytes
// `casepack scrub` writes for the same file with the same rules.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CollectResult } from '../../../core/common/api/collect.js';
import type { Manifest } from '../../../core/common/manifest/schema.js';
import { manifestOf } from '../../support/bundle-read.js';
import { runCliJson } from '../../support/cli.js';
import { tempDir } from '../../support/tmp.js';
import { readEverywhere, readWithYauzl, type EntryDigest } from '../../support/zip-readers.js';

const PASSWORD = 'Quartz7781-river_';
const TOKEN = 'ghp_' + 'T4m9QxW2bV7nK3pL8rZ5sC1dF6gH0jY2uE9a';

async function sha256File(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const b of createReadStream(file)) h.update(b as Buffer);
  return h.digest('hex');
}

/** A Java-style log of about `mib` MiB with a secret every 997 lines (they land on block edges). */
function bigLog(mib: number): Buffer {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < mib * 1024 * 1024; i++) {
    const t = new Date(Date.UTC(2026, 0, 1, 0, 0, 0) + i * 250).toISOString().replace('T', ' ');
    const line =
      i % 997 === 0
        ? `${t.slice(0, 23)} WARN  [pool-${i % 7}] retry with password=${PASSWORD} and token ${TOKEN}`
        : `${t.slice(0, 23)} INFO  [pool-${i % 7}] request ${i} from 10.1.${i % 250}.${(i * 7) % 250} served in ${i % 900} ms`;
    lines.push(line);
    size += line.length + 1;
  }
  return Buffer.from(lines.join('\n') + '\n');
}

describe('a parallel-compressed bundle (issue 7)', () => {
  let root: string;
  let scrubbed: string;
  let bundle: string;
  let env: NodeJS.ProcessEnv;
  let collect: (settings: string) => Promise<string>;
  /** The bundle read by all three readers, and its manifest: once, for every test. */
  let digests: Record<string, EntryDigest>;
  let m: Manifest;

  beforeAll(async () => {
    const dir = await tempDir();
    root = path.join(dir, 'tree');
    scrubbed = path.join(dir, 'scrubbed');
    const out = path.join(dir, 'out');
    await mkdir(path.join(root, 'logs'), { recursive: true });
    await mkdir(path.join(root, 'conf'), { recursive: true });
    await mkdir(out);
    await writeFile(path.join(root, 'logs/server.log'), bigLog(9));
    await writeFile(
      path.join(root, 'logs/server.log.1.gz'),
      gzipSync(bigLog(1), { level: 9 }), // already compressed: stored, not deflated again
    );
    await writeFile(
      path.join(root, 'conf/app.properties'),
      `db.url=jdbc:postgresql://db:5432/app\ndb.user=app\ndb.password=${PASSWORD}\n`,
    );
    await writeFile(path.join(root, 'conf/empty.conf'), '');
    const settings = path.join(dir, 'settings.yaml');
    await writeFile(settings, '');
    env = { CASEPACK_CONFIG: settings, CASEPACK_DATA_DIR: path.join(dir, 'data') };
    const profile = path.join(dir, 'tree.yaml');
    await writeFile(
      profile,
      `name: tree\nfiles:\n  - { id: tree, kind: log, paths: ["${root}/**"], maxBytes: 1GiB }\n`,
    );
    collect = async (settingsText) => {
      await writeFile(settings, settingsText);
      const o = await mkdtemp(path.join(out, 'run-'));
      const r = await runCliJson<CollectResult>(
        [
          'collect',
          '--profile',
          profile,
          '--since',
          '2000-01-01T00:00:00Z',
          '--until',
          '2100-01-01T00:00:00Z',
          '--no-system-report',
          '--out',
          o,
          '--yes',
        ],
        { env },
      );
      expect(r.code, r.stderr).toBe(0);
      return r.json.bundle;
    };
    bundle = await collect('');
    digests = await readEverywhere(bundle); // throws unless all three agree and CRCs hold
    m = manifestOf(bundle);
    const s = await runCliJson(['scrub', root, '--out', scrubbed], { env });
    expect(s.code, s.stderr).toBe(0);
  }, 180_000);

  it('is read the same by unzip -t, yauzl and Python, and matches its manifest', async () => {
    const files = m.items.filter((i) => i.path);
    expect(files.filter((i) => i.source.startsWith(root + path.sep)).length).toBe(4);
    for (const item of files) expect(digests[item.path!]?.sha256, item.path).toBe(item.sha256);
  });

  it('holds exactly the redacted input: each entry equals scrub’s output for that file', async () => {
    for (const rel of [
      'logs/server.log',
      'logs/server.log.1.gz',
      'conf/app.properties',
      'conf/empty.conf',
    ]) {
      const item = m.items.find((i) => i.source === path.join(root, rel));
      expect(item?.path, rel).toBeTruthy();
      expect(digests[item!.path!]?.sha256, rel).toBe(await sha256File(path.join(scrubbed, rel)));
    }
    // The redaction really happened in the large entry, and nothing else changed in it.
    const log = await readFile(path.join(scrubbed, 'logs/server.log'), 'latin1');
    expect(log).not.toContain(PASSWORD);
    expect(log).not.toContain(TOKEN);
    expect(log).toContain('[REDACTED:');
    expect(log.split('\n').length).toBe(bigLog(9).toString('latin1').split('\n').length);
  });

  it('deflates the large log across blocks and stores the .gz as it is', async () => {
    const y = await readWithYauzl(bundle);
    const byRel = (rel: string) =>
      y.get(m.items.find((i) => i.source === path.join(root, rel))!.path!)!;
    const log = byRel('logs/server.log');
    expect(log.method).toBe(8);
    expect(log.size).toBeGreaterThan(8 * 1024 * 1024); // several 1 MiB blocks
    expect(log.compressedSize).toBeLessThan(log.size / 3);
    const gz = byRel('logs/server.log.1.gz');
    expect(gz.method).toBe(0);
  });

  it('gives the same entries when a worker thread redacts too (redaction.threads: 2)', async () => {
    const other = await collect('redaction:\n  threads: 2\n');
    const b = await readEverywhere(other);
    for (const item of m.items.filter((i) => i.source.startsWith(root + path.sep)))
      expect(b[item.path!]?.sha256, item.path).toBe(digests[item.path!]?.sha256);
  }, 180_000);
});
