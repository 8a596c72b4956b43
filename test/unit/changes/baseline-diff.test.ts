// Baselines and configuration diffs on real files: snapshot, change, compare.
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Plan, PlanItem } from '../../../core/common/collect/plan.js';
import type { ChangesSummary } from '../../../core/common/changes/summary.js';
import { latestBaseline, listBaselines } from '../../../core/node/changes/baseline-store.js';
import { collectChanges } from '../../../core/node/changes/collect-changes.js';
import { snapshotPlan } from '../../../core/node/changes/snapshot.js';
import { identitySession } from '../../../core/node/redact/identity.js';
import { MemorySink } from '../../support/memory-sink.js';
import { tempDir } from '../../support/tmp.js';

function planFor(files: string[], skipped: Array<{ path: string; reason: string }> = []) {
  const items: PlanItem[] = [
    ...files.map((f, i): PlanItem => ({
      id: `app-config-${i}`,
      spec: 'app-config',
      profile: 'my-app',
      type: 'file',
      action: 'collect',
      kind: 'config',
      source: f,
      path: `config${f}`,
      size: 0,
      mtime: new Date().toISOString(),
      estimatedBytes: 0,
      maxBytes: 1024 * 1024,
      overLimit: 'tail',
      window: false,
      timezone: 'UTC',
    })),
    ...skipped.map((s, i): PlanItem => ({
      id: `skip-${i}`,
      spec: 'app-config',
      profile: 'my-app',
      type: 'file',
      action: 'skip',
      kind: 'config',
      source: s.path,
      status: 'failed',
      reason: s.reason,
    })),
  ];
  const plan: Pick<Plan, 'profiles' | 'items' | 'host'> = {
    host: 'testhost',
    profiles: [
      {
        name: 'my-app',
        source: '/profiles/my-app.yaml',
        sha256: 'abc',
        extends: [],
        applies: true,
        appliesReason: 'test',
        vars: {},
      },
    ],
    items,
  };
  return plan;
}

async function changesNow(dataDir: string, root: string, plan: ReturnType<typeof planFor>) {
  const sink = new MemorySink();
  const now = Date.now();
  const out = await collectChanges({
    plan,
    dataDir,
    root,
    window: { since: now - 3_600_000, until: now + 3_600_000 },
    session: identitySession(),
    sink,
  });
  const summary = JSON.parse(sink.text('changes/summary.json')) as ChangesSummary;
  return { out, sink, summary };
}

describe('configuration baselines', () => {
  it('shows what changed, was added and was removed since the snapshot, as unified diffs', async () => {
    const dir = await tempDir();
    const dataDir = path.join(dir, 'data');
    const root = path.join(dir, 'root');
    await mkdir(root);
    const etc = path.join(dir, 'etc');
    await mkdir(etc);
    const server = path.join(etc, 'server.properties');
    const gone = path.join(etc, 'old.conf');
    const added = path.join(etc, 'new.conf');
    await writeFile(server, 'port=8080\nthreads=16\n# note: Grüße שלום\ntimeout=30\n');
    await writeFile(gone, 'legacy=true\n');
    const snap = await snapshotPlan({
      plan: planFor([server, gone]),
      dataDir,
      session: identitySession(),
    });
    expect(snap.baselines).toMatchObject([
      { profile: 'my-app', files: 2, stored: 2, checksumOnly: 0 },
    ]);

    await writeFile(server, 'port=8443\nthreads=16\n# note: Grüße שלום\ntimeout=30\n');
    await rm(gone);
    await writeFile(added, 'feature=on\n');
    const { summary, sink } = await changesNow(dataDir, root, planFor([server, added]));

    expect(summary.baselines).toMatchObject([{ profile: 'my-app', files: 2 }]);
    const byPath = new Map(summary.config.map((c) => [c.path, c]));
    expect(byPath.get(server)).toMatchObject({
      change: 'modified',
      linesAdded: 1,
      linesRemoved: 1,
    });
    expect(byPath.get(added)).toMatchObject({ change: 'added', linesAdded: 1, linesRemoved: 0 });
    expect(byPath.get(gone)).toMatchObject({ change: 'removed', note: 'deleted' });
    const diff = sink.text(`changes/config${server}.diff`);
    expect(diff).toMatch(
      new RegExp(`^--- a${server}\tbaseline .*\n\\+\\+\\+ b${server}\tnow\n@@ -1,4 \\+1,4 @@\n`),
    );
    expect(diff).toContain('\n-port=8080\n+port=8443\n threads=16\n');
    expect(sink.text(`changes/config${added}.diff`)).toMatch(
      /^--- \/dev\/null\n\+\+\+ b.*\tnow\n@@ -0,0 \+1(,1)? @@\n\+feature=on\n$/,
    );
    expect(sink.text(`changes/config${gone}.diff`)).toContain('-legacy=true');
  });

  it('reports a file that cannot be read now instead of failing', async () => {
    const dir = await tempDir();
    const dataDir = path.join(dir, 'data');
    const conf = path.join(dir, 'app.conf');
    await writeFile(conf, 'a=1\n');
    await snapshotPlan({ plan: planFor([conf]), dataDir, session: identitySession() });
    const { summary } = await changesNow(
      dataDir,
      dir,
      planFor(
        [],
        [{ path: conf, reason: 'permission denied (run casepack as a user who may read it)' }],
      ),
    );
    expect(summary.config).toEqual([
      {
        profile: 'my-app',
        path: conf,
        change: 'unreadable',
        note: 'permission denied (run casepack as a user who may read it)',
      },
    ]);
  });

  it('keeps only the newest baselines, and never a half-written one', async () => {
    const dir = await tempDir();
    const dataDir = path.join(dir, 'data');
    const conf = path.join(dir, 'app.conf');
    await writeFile(conf, 'a=1\n');
    for (let i = 0; i < 4; i++)
      await snapshotPlan({
        plan: planFor([conf]),
        dataDir,
        session: identitySession(),
        keep: 2,
        now: new Date(Date.UTC(2026, 10, 20 + i)),
      });
    const kept = await listBaselines(dataDir, 'my-app');
    expect(kept.map((d) => path.basename(d))).toEqual(['20261122T000000Z', '20261123T000000Z']);
    expect((await readdir(path.dirname(kept[0]!))).filter((n) => n.endsWith('.partial'))).toEqual(
      [],
    );
  });

  it('uses a baseline of an older casepack, and passes over a newer or damaged one', async () => {
    const dir = await tempDir();
    const dataDir = path.join(dir, 'data');
    const conf = path.join(dir, 'app.conf');
    await writeFile(conf, 'a=1\n');
    const first = await snapshotPlan({
      plan: planFor([conf]),
      dataDir,
      session: identitySession(),
      now: new Date(Date.UTC(2026, 10, 20)),
    });
    // As an older casepack wrote it: its own version, and without the optional fields added since.
    const bfile = path.join(first.baselines[0]!.dir, 'baseline.json');
    const old = JSON.parse(await readFile(bfile, 'utf8'));
    old.tool.version = '0.0.9';
    delete old.host;
    delete old.redaction;
    for (const f of old.files) delete f.mtime;
    await writeFile(bfile, JSON.stringify(old));
    // A newer format and a damaged baseline, both newer than the good one.
    const parent = path.dirname(first.baselines[0]!.dir);
    await mkdir(path.join(parent, '20261121T000000Z'));
    await writeFile(
      path.join(parent, '20261121T000000Z', 'baseline.json'),
      JSON.stringify({ ...old, formatVersion: 99, tool: { name: 'casepack', version: '9.0.0' } }),
    );
    await mkdir(path.join(parent, '20261122T000000Z'));
    await writeFile(path.join(parent, '20261122T000000Z', 'baseline.json'), '{ not json');

    const latest = await latestBaseline(dataDir, 'my-app');
    expect(latest.found?.baseline.tool.version).toBe('0.0.9');
    expect(latest.notes).toHaveLength(2);
    expect(latest.notes[0]).toMatch(/20261122T000000Z is damaged/);
    expect(latest.notes[1]).toMatch(
      /casepack 9\.0\.0 in format 99, newer than this casepack reads/,
    );

    await writeFile(conf, 'a=2\n');
    const { summary } = await changesNow(dataDir, dir, planFor([conf]));
    expect(summary.baselines).toMatchObject([{ toolVersion: '0.0.9', formatVersion: 1 }]);
    expect(summary.config).toMatchObject([{ path: conf, change: 'modified', linesAdded: 1 }]);
    expect(summary.baselineNotes.join('\n')).toMatch(/format 99/);
  });

  it('without a baseline lists the configuration files modified in the window', async () => {
    const dir = await tempDir();
    const conf = path.join(dir, 'app.conf');
    await writeFile(conf, 'a=1\n');
    const { summary, out } = await changesNow(path.join(dir, 'data'), dir, planFor([conf]));
    expect(summary.baselines).toEqual([]);
    expect(summary.baselineNotes[0]).toMatch(
      /no baseline for profile my-app.*casepack snapshot --profile my-app/,
    );
    expect(summary.configModified).toMatchObject([
      { path: conf, kind: 'config', profile: 'my-app' },
    ]);
    expect(out.items.map((i) => i.path)).toEqual(['changes/summary.json']);
  });
});
