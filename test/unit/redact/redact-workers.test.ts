// Redaction in worker threads (core/node/redact/worker-pool.ts): a collection's session gives the
// same bundle entries (sha256, as the manifest records them), the same counts and the same leak
// findings with its workers as on the main thread alone, with secrets cut across chunk boundaries;
// a worker that stops mid-run ends in a clear error and no bundle; a cancelled item leaves the
// workers usable and a cancelled leak check leaves no bundle.
import { createReadStream } from 'node:fs';
import { access, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { Manifest } from '../../../core/common/manifest/schema.js';
import { settingsSchema } from '../../../core/common/settings/schema.js';
import { openBundle } from '../../../core/node/bundle/bundle-writer.js';
import { createCollectSession } from '../../../core/node/redact/collect-session.js';
import type { RedactionSession } from '../../../core/node/redact/types.js';
import { defaultWorkerEntry, type WorkerEntry } from '../../../core/node/redact/worker-pool.js';
import { entry } from '../../support/bundle-read.js';
import { baseManifest } from '../../support/bundle-builder.js';
import { tempDir } from '../../support/tmp.js';

const DB_PASSWORD = 'Walnut4204forest_';
const TOKEN = 'ghp_' + 'R8f3kQ2mZx7LwP0aTn5vYc1HbJ6sDe9GuK4i';
/** Removed as a password in one file, and present as plain prose in another (leak by value). */
const REUSED = 'Zq8kLm2Vx9pRt4wN';
const PEM_LINE = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7x9Jk2LmQpWzR';

/** A log of ~`lines` lines with secrets of several kinds every few lines. */
function logText(lines: number, seed: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const t = `2026-11-28 04:${String(i % 60).padStart(2, '0')}:00.${seed}`;
    if (i % 37 === 5)
      out.push(`${t} INFO connect jdbc:postgresql://db:5432/shop?password=${DB_PASSWORD}`);
    else if (i % 41 === 7) out.push(`${t} DEBUG Authorization: Bearer ${TOKEN}`);
    else if (i % 53 === 11) out.push(`${t} INFO login user=ops password=${REUSED}${i}`);
    else if (i === 900)
      out.push(
        '-----BEGIN RSA PRIVATE KEY-----',
        ...Array<string>(20).fill(PEM_LINE),
        '-----END RSA PRIVATE KEY-----',
      );
    else
      out.push(
        `${t} INFO request ${i * 7919} served in ${i % 97} ms from 10.0.${i % 9}.${i % 200}`,
      );
  }
  return out.join('\n') + '\n';
}

interface Written {
  file: string;
  sha: Map<string, string>;
  totals: Record<string, number>;
  session: RedactionSession;
  manifest: Manifest;
}

const sessions: RedactionSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close?.();
});

async function tree(): Promise<string[]> {
  const dir = await tempDir();
  const files = [
    ['app.log', logText(6000, 1)],
    ['app.properties', `db.user=shop\ndb.password=${REUSED}\n` + logText(3000, 2)],
    // One line longer than MAX_LINE (1 MiB): redacted in segments, with a secret near a cut.
    ['long.log', 'x=1 '.repeat(300_000) + `password=${DB_PASSWORD} ` + 'y '.repeat(10) + '\nend\n'],
    ['notes.txt', `the old value ${REUSED} was rotated\n` + logText(2000, 3)],
    ['small.conf', `password=${DB_PASSWORD}\n`],
  ];
  for (const [name, text] of files) await writeFile(path.join(dir, name!), text!);
  return files.map(([name]) => path.join(dir, name!));
}

async function session(workers: false | { entry?: WorkerEntry }): Promise<RedactionSession> {
  const s = await createCollectSession({
    settings: settingsSchema.parse({}),
    profiles: [],
    dataDir: await tempDir(),
    identity: { names: ['testhost'], domains: [], addresses: [], users: [] },
    env: {},
    workers,
  });
  sessions.push(s);
  return s;
}

/** Each file through the session into a real bundle, read in odd-sized chunks. */
async function write(s: RedactionSession, files: string[], chunk: number): Promise<Written> {
  const dir = await tempDir();
  const w = await openBundle({ dir, name: 'casepack-NEW-test-20261128T000000Z.zip' });
  const sha = new Map<string, string>();
  const items: Manifest['items'] = [];
  await Promise.all(
    files.map(async (f) => {
      const name = `logs/${path.basename(f)}`;
      const r = s.stream({ id: f, source: f });
      createReadStream(f, { highWaterMark: chunk }).pipe(r);
      const e = await w.addEntry(name, r);
      sha.set(name, e.sha256);
      items.push({ id: f, source: f, status: 'collected', path: name, sha256: e.sha256 } as never);
    }),
  );
  const manifest: Manifest = { ...baseManifest(), items };
  const done = await w.finish({ manifest, caseJson: {}, reportHtml: '<html></html>\n' });
  return { file: done.path, sha, totals: s.totals(), session: s, manifest };
}

function check(x: Written, signal?: AbortSignal) {
  return x.session.checkBundle!({
    bundle: x.file,
    manifest: x.manifest,
    caseJson: {},
    render: () => '<html></html>\n',
    ...(signal ? { signal } : {}),
  });
}

describe('redaction workers', () => {
  it('give the same bundle entries, counts and leak findings as the main thread', async () => {
    expect(defaultWorkerEntry()).toBeDefined();
    const files = await tree();
    let started = 0;
    const onWorker = () => started++;
    process.on('worker', onWorker);
    try {
      for (const chunk of [4093, 65536]) {
        const inThread = await write(await session(false), files, chunk);
        const pooled = await write(await session({}), files, chunk);
        expect(started).toBeGreaterThan(0);
        expect(pooled.sha).toEqual(inThread.sha);
        expect(pooled.totals).toEqual(inThread.totals);
        const text = entry(pooled.file, 'logs/app.log').toString('latin1');
        expect(text.includes(DB_PASSWORD)).toBe(false);
        expect(text.includes(TOKEN)).toBe(false);
        expect(text.includes('BEGIN RSA PRIVATE KEY')).toBe(true);
        expect(text.includes(PEM_LINE)).toBe(false);
        expect(entry(pooled.file, 'logs/long.log').toString('latin1').includes(DB_PASSWORD)).toBe(
          false,
        );
        // The value removed in app.properties is still in the prose of notes.txt: found by its
        // fingerprint, which the workers sent back, by the scan that ran in the workers.
        const [a, b] = [await check(inThread), await check(pooled)];
        expect(b.releasable).toBe(false);
        expect(b.findings).toEqual(a.findings);
        expect(b.findings).toContainEqual({
          entry: 'logs/notes.txt',
          line: 1,
          rule: 'removed-value',
        });
      }
    } finally {
      process.off('worker', onWorker);
    }
  });

  it('end in a clear error and no bundle when a worker stops', async () => {
    const files = await tree();
    const s = await session({
      entry: { url: new URL('../../support/exiting-redact-worker.ts', import.meta.url), tsx: true },
    });
    const dir = await tempDir();
    const w = await openBundle({ dir, name: 'casepack-NEW-test-20261128T000000Z.zip' });
    const r = s.stream({ id: files[0]!, source: files[0]! });
    createReadStream(files[0]!).pipe(r);
    await expect(w.addEntry('logs/app.log', r)).rejects.toThrow(
      /redaction worker exited \(code 7\)/,
    );
    // A small item still goes through the main thread; the bundle can be finished...
    const small = s.stream({ id: files[4]!, source: files[4]! });
    createReadStream(files[4]!).pipe(small);
    await w.addEntry('logs/small.conf', small);
    const manifest = baseManifest();
    const done = await w.finish({ manifest, caseJson: {}, reportHtml: '' });
    // ...but the run's check refuses it and removes it: part of the run's redaction was lost.
    const x = { file: done.path, sha: new Map(), totals: {}, session: s, manifest };
    await expect(check(x)).rejects.toThrow(/cannot be released/);
    await expect(access(done.path)).rejects.toThrow(/ENOENT/);
    // Later large items are refused at once.
    const later = s.stream({ id: files[1]!, source: files[1]! });
    createReadStream(files[1]!).pipe(later);
    await expect(w.addEntry('x', later)).rejects.toThrow();
  });

  it('keep working after a cancelled item, and a cancelled leak check leaves no bundle', async () => {
    const files = await tree();
    const ref = await write(await session(false), files, 65536);
    const s = await session({});
    const dir = await tempDir();
    const w = await openBundle({ dir, name: 'casepack-NEW-test-20261128T000000Z.zip' });
    // An item cancelled half-way (its source fails, as when the user skips it).
    let sent = 0;
    const big = Buffer.from(logText(20000, 9));
    const cancelled = new Readable({
      read() {
        if (sent > 300_000) return this.destroy(new Error('item skipped by the user'));
        this.push(big.subarray(sent, sent + 65536));
        sent += 65536;
      },
    });
    const r = s.stream({ id: 'cancelled', source: '/var/log/cancelled.log' });
    cancelled.pipe(r);
    cancelled.on('error', (e) => r.destroy(e));
    await expect(w.addEntry('logs/cancelled.log', r)).rejects.toThrow(/skipped by the user/);
    await w.abort();
    const again = await write(s, files, 65536);
    expect(again.sha).toEqual(ref.sha);
    const ac = new AbortController();
    ac.abort(new Error('collection cancelled'));
    await expect(check(again, ac.signal)).rejects.toThrow(/cancelled/);
    await expect(access(again.file)).rejects.toThrow(/ENOENT/);
  });
});
