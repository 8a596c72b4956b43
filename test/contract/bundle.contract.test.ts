// The bundle methods over every transport (direct, HTTP, Electron IPC): same reports, same errors.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CasepackClient } from '../../core/common/api/client.js';
import { buildBundle, rewriteEntry } from '../support/bundle-builder.js';
import { tempDir } from '../support/tmp.js';
import { TRANSPORTS, type Started } from './transports.js';

describe.each(TRANSPORTS)('bundle methods over $name', (transport) => {
  let api: CasepackClient;
  let started: Started;
  let good: string;
  let bad: string;

  beforeAll(async () => {
    const dir = await tempDir(`casepack-bundle-contract-${transport.name}-`);
    const entries = { 'logs/app.log': 'started\n', 'config/app.conf': 'port = 1\n' };
    good = await buildBundle(dir, entries, { name: 'good.zip' });
    bad = await buildBundle(dir, entries, { name: 'bad.zip' });
    await rewriteEntry(bad, 'logs/app.log', 'tampered\n');
    await writeFile(path.join(dir, 'config.yaml'), '# defaults\n');
    started = await transport.start({
      configFile: path.join(dir, 'config.yaml'),
      dataDir: path.join(dir, 'data'),
    });
    api = started.client;
  });
  afterAll(() => started?.close());

  it('verifies a bundle and names the entry that does not match', async () => {
    expect(await api.verifyBundle({ bundle: good })).toMatchObject({ ok: true, problems: [] });
    const r = await api.verifyBundle({ bundle: bad });
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([
      expect.objectContaining({ entry: 'logs/app.log', code: 'size-mismatch' }),
    ]);
  });

  it('tells what a bundle holds', async () => {
    const b = await api.inspectBundle({ bundle: good });
    expect(b).toMatchObject({ host: 'app-01', counts: { collected: 2, failed: 0 } });
    expect(b.items.map((i) => i.path)).toEqual([
      'logs/app.log',
      'config/app.conf',
      'case.json',
      'report.html',
    ]);
  });

  it('refuses bundles outside the allowed folders and arguments that are not bundles', async () => {
    await expect(api.verifyBundle({ bundle: '/etc/passwd.zip' })).rejects.toMatchObject({
      code: 'not-found',
    });
    await expect(api.inspectBundle({ bundle: '/etc/passwd' })).rejects.toMatchObject({
      code: 'usage',
    });
    await expect(api.verifyBundle({ bundle: '' })).rejects.toMatchObject({ code: 'usage' });
  });
});
