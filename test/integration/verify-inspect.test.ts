// `casepack verify` and `casepack inspect` as users run them: exit codes, what they print, --json.
import { open, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BundleInspection, VerifyReport } from '../../core/common/api/bundle.js';
import { baseManifest, buildBundle, rewriteEntry } from '../support/bundle-builder.js';
import { runCli, runCliJson } from '../support/cli.js';
import { tempDir } from '../support/tmp.js';

const ENTRIES = {
  'logs/var/log/app.log': '2026-11-27 10:00:00,000 INFO started\n',
  'config/etc/app.conf': 'port = 8080\n',
};

describe('casepack verify', () => {
  it('exits 0 and says so when every entry matches', async () => {
    const zip = await buildBundle(await tempDir(), ENTRIES);
    const r = await runCli(['verify', zip]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^OK .*casepack-NEW-app-01-20261127T100000Z\.zip\n/);
    expect(r.stdout).toContain('4 items match manifest.json (size and sha256)');
    const j = await runCliJson<VerifyReport>(['verify', zip]);
    expect(j.code).toBe(0);
    expect(j.json).toMatchObject({ ok: true, entries: 5, itemsChecked: 4, problems: [] });
  });

  it('exits 1 naming the entry that does not match', async () => {
    const zip = await buildBundle(await tempDir(), ENTRIES);
    await rewriteEntry(zip, 'config/etc/app.conf', 'port = 9090\n');
    const r = await runCli(['verify', zip]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAILED');
    expect(r.stdout).toContain('config/etc/app.conf: content differs from the manifest');
    const j = await runCliJson<VerifyReport>(['verify', zip]);
    expect(j.code).toBe(1);
    expect(j.json.problems).toEqual([
      expect.objectContaining({ entry: 'config/etc/app.conf', code: 'sha256-mismatch' }),
    ]);
  });

  it('exits 1 with a clear message for a truncated download or a missing file', async () => {
    const dir = await tempDir();
    const zip = await buildBundle(dir, ENTRIES);
    const fh = await open(zip, 'r+');
    await fh.truncate(200);
    await fh.close();
    const r = await runCli(['verify', zip]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/not a readable zip file.*truncated or damaged/);
    const missing = await runCli(['verify', path.join(dir, 'nope.zip')]);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('nope.zip: no such file');
  });
});

describe('casepack inspect', () => {
  it('shows host, profiles, window, counts, items with reasons and redaction counts', async () => {
    const m = baseManifest();
    m.case = { mode: 'update', caseNumber: '123456' };
    m.items.push(
      {
        id: 'f9',
        type: 'file',
        source: '/var/log/app/pipe',
        status: 'skipped',
        reason: 'a FIFO: never opened',
      },
      {
        id: 'c1',
        type: 'command',
        source: 'java-version',
        status: 'failed',
        reason: 'killed at its timeout of 10s',
      },
    );
    m.redaction = { counts: { email: 12, 'jdbc-password': 3 } };
    const zip = await buildBundle(await tempDir(), ENTRIES, { manifest: m });
    const r = await runCli(['inspect', zip]);
    expect(r.code).toBe(0);
    for (const line of [
      'Case       update of case 123456',
      'Host       app-01 (linux)',
      'Profiles   linux-host',
      'Window     2026-11-24T10:00:00Z to 2026-11-27T10:00:00Z (UTC), log files only',
      'Items      4: 2 collected, 0 truncated, 1 skipped, 1 failed',
      'skipped    /var/log/app/pipe: a FIFO: never opened',
      'failed     java-version: killed at its timeout of 10s',
      'Redaction: 15 values replaced',
      'email 12, jdbc-password 3',
      'logs/var/log/app.log  <- /logs/var/log/app.log',
      'Also in the bundle: case.json, report.html, manifest.json',
    ])
      expect(r.stdout).toContain(line);
    const j = await runCliJson<BundleInspection>(['inspect', zip]);
    expect(j.json).toMatchObject({
      host: 'app-01',
      counts: { collected: 2, truncated: 0, skipped: 1, failed: 1 },
      case: { caseNumber: '123456' },
      redaction: { total: 15 },
    });
    expect(j.json.items.find((i) => i.source === 'java-version')?.reason).toBe(
      'killed at its timeout of 10s',
    );
  });

  it('exits 1 for something that is not a bundle', async () => {
    const dir = await tempDir();
    const notZip = path.join(dir, 'x.zip');
    await writeFile(notZip, 'hello');
    const r = await runCli(['inspect', notZip]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('not a readable zip file');
    const j = await runCliJson(['inspect', path.join(dir, 'none.zip')]);
    expect(j.code).toBe(1);
    expect(j.json).toEqual({ error: expect.objectContaining({ code: 'not-found' }) });
  });
});
