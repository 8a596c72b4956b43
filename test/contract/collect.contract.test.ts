// Background collection over every transport: a real tree of files and a profile given by path,
// an item switched off before the run, a hung command skipped by the user while the rest finishes,
// and a whole run cancelled. The same calls and events over direct, HTTP (`casepack serve`) and IPC.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CasepackClient } from '../../core/common/api/client.js';
import type { CollectRun } from '../../core/common/api/collect.js';
import { CasepackError } from '../../core/common/errors.js';
import type { CasepackEvents, EventName } from '../../core/common/events.js';
import { entry, itemBySource, manifestOf, unzipTest } from '../support/bundle-read.js';
import { tempDir } from '../support/tmp.js';
import { TRANSPORTS, type Started } from './transports.js';

/** Resolve with the first event of a kind that matches (events sent before the call are missed). */
function nextEvent<K extends EventName>(
  api: CasepackClient,
  name: K,
  match: (p: CasepackEvents[K]) => boolean,
): Promise<CasepackEvents[K]> {
  return new Promise((resolve) => {
    const off = api.on(name, (p) => {
      if (!match(p)) return;
      off();
      resolve(p);
    });
  });
}

/** The run's final state: collect:done has been sent; the state follows as the call settles. */
async function ended(api: CasepackClient, runId: string): Promise<CollectRun> {
  for (;;) {
    const s = await api.collectStatus({ runId });
    if (s.state !== 'running') return s;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(TRANSPORTS)('background collection over $name', (transport) => {
  let api: CasepackClient;
  let started: Started;
  let dir: string;
  let profile: string;
  let logs: string;

  beforeAll(async () => {
    dir = await tempDir(`casepack-collect-${transport.name}-`);
    logs = path.join(dir, 'root/var/log/app');
    await mkdir(logs, { recursive: true });
    await mkdir(path.join(dir, 'root/etc/app'), { recursive: true });
    await writeFile(path.join(dir, 'root/etc/app/app.conf'), 'listen = 8080\nworkers = 4\n');
    await writeFile(path.join(logs, 'server.log'), 'server started\nrequest served\n');
    await writeFile(path.join(logs, 'debug.log'), 'debug line nobody wants\n');
    profile = path.join(dir, 'app.yaml');
    await writeFile(
      profile,
      [
        'name: app',
        'files:',
        `  - { id: config, kind: config, paths: ["${dir}/root/etc/app/*.conf"] }`,
        `  - { id: logs, kind: other, paths: ["${logs}/*.log"] }`,
        'commands:',
        '  - { id: hello, argv: [echo, hello from the command], timeout: 10s }',
        '  - { id: hang, argv: [sleep, "600"], timeout: 30m }',
      ].join('\n'),
    );
    await writeFile(path.join(dir, 'config.yaml'), '# fresh settings\n');
    started = await transport.start({
      configFile: path.join(dir, 'config.yaml'),
      dataDir: path.join(dir, 'data'),
    });
    api = started.client;
  });
  afterAll(() => started?.close());

  it('shows the plan, leaves out a switched-off item and skips a hung command while the rest finishes', async () => {
    const plan = await api.planCollection({ profiles: [profile], since: '24h' });
    const debug = plan.items.find((i) => i.source === path.join(logs, 'debug.log'))!;
    expect(debug).toMatchObject({ action: 'collect', type: 'file' });
    expect(plan.items.map((i) => i.id)).toContain('hang');

    const out = path.join(dir, 'out-skip');
    await mkdir(out);
    const hangRunning = nextEvent(
      api,
      'collect:progress',
      (p) => p.current.includes('hang') && p.itemsDone === p.itemsTotal - 1,
    );
    const items: string[] = [];
    const offItems = api.on('collect:item', (e) => items.push(e.item.id));
    const run = await api.collectStart({
      profiles: [profile],
      since: '24h',
      outDir: out,
      systemReport: false,
      exclude: [debug.id],
    });
    expect(run).toMatchObject({ state: 'running', items: [] });
    const progress = await hangRunning;
    expect(progress.runId).toBe(run.runId);
    expect(progress.itemBytes).toHaveProperty('hang');
    expect(progress.bytesDone).toBeGreaterThan(0);

    const done = nextEvent(api, 'collect:done', (d) => d.runId === run.runId);
    const asked = await api.collectSkip({ runId: run.runId, itemId: 'hang' });
    expect(asked.skipRequested).toEqual(['hang']);
    expect((await done).bundle).toBeDefined();
    const final = await ended(api, run.runId);
    offItems();

    expect(final.state).toBe('done');
    const bundle = final.result!.bundle;
    expect(path.dirname(bundle)).toBe(out);
    // The plan's items; the recent-changes part adds its own collected entries.
    expect(final.result!.summary).toMatchObject({ skipped: 2, failed: 0 });
    expect(items).toEqual(expect.arrayContaining(['hang', 'hello']));
    unzipTest(bundle);
    const m = manifestOf(bundle);
    expect(itemBySource(m, 'hang')).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/^skipped by the user after .*killed/),
    });
    const off = itemBySource(m, path.join(logs, 'debug.log'));
    expect(off).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/switched off/) });
    expect(off.path).toBeUndefined();
    const names = m.items.flatMap((i) => (i.path ? [i.path] : []));
    expect(names.some((n) => n.endsWith('debug.log'))).toBe(false);
    expect(itemBySource(m, path.join(dir, 'root/etc/app/app.conf')).status).toBe('collected');
    const server = itemBySource(m, path.join(logs, 'server.log'));
    expect(server.status).toBe('collected');
    expect(entry(bundle, server.path!).toString()).toBe('server started\nrequest served\n');
    const hello = itemBySource(m, 'hello');
    expect(entry(bundle, hello.path!).toString()).toContain('hello from the command');

    // A finished run has nothing left to skip; an unknown run is not found.
    const late = await api.collectSkip({ runId: run.runId, itemId: 'hello' }).catch((e) => e);
    expect(late).toBeInstanceOf(CasepackError);
    expect((late as CasepackError).code).toBe('usage');
    const unknown = await api.collectStatus({ runId: 'no-such-run' }).catch((e) => e);
    expect((unknown as CasepackError).code).toBe('not-found');
  });

  it('cancels a whole run: it ends cancelled and leaves no bundle behind', async () => {
    const out = path.join(dir, 'out-cancel');
    await mkdir(out);
    const hangRunning = nextEvent(api, 'collect:progress', (p) => p.current.includes('hang'));
    const run = await api.collectStart({
      profiles: [profile],
      outDir: out,
      systemReport: false,
    });
    await hangRunning;
    const done = nextEvent(api, 'collect:done', (d) => d.runId === run.runId);
    await api.collectCancel({ runId: run.runId });
    expect((await done).error).toMatch(/cancelled/);
    const final = await ended(api, run.runId);
    expect(final.state).toBe('cancelled');
    expect(final.error?.code).toBe('cancelled');
    expect(final.result).toBeUndefined();
    expect(await readdir(out)).toEqual([]);
  });

  it('refuses a profile outside the allowed folders before anything runs', async () => {
    const e = await api.collectStart({ profiles: ['/etc/shadow'] }).catch((x) => x);
    expect(e).toBeInstanceOf(CasepackError);
    expect((e as CasepackError).code).toBe('permission');
  });
});
