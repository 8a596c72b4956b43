// Recent changes in a real collection: `casepack snapshot`, then files changed, added and removed,
// package history in a Debian-like root (`--changes-root`), then `casepack collect` writes
// changes/ and report.html shows it; `casepack diff` compares the bundles before and after.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CollectResult } from '../../core/common/api/collect.js';
import type { BundleDiff } from '../../core/common/changes/bundle-diff.js';
import type { ChangesSummary } from '../../core/common/changes/summary.js';
import { entry, manifestOf } from '../support/bundle-read.js';
import { minimalCase } from '../support/case-fixtures.js';
import { runCli, runCliJson } from '../support/cli.js';
import { tempDir } from '../support/tmp.js';

const H = 3_600_000;
let dir: string;
let etc: string;
let root: string;
let profile: string;
let packages: string;
let env: NodeJS.ProcessEnv;

const SECRET = 'S3cret-Value-for-the-diff!';
const MAIL = 'ops-team@example.org';
const appProperties = (mode: string) =>
  `port=8080\nmode=${mode}\nthreads=8\ndb.password=${SECRET}\nadmin.mail=${MAIL}\n`;

/** dpkg.log's own format: local time (UTC here, see TZ below) without a zone. */
const dpkgTime = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

beforeAll(async () => {
  dir = await tempDir();
  etc = path.join(dir, 'etc');
  await mkdir(etc);
  await writeFile(path.join(etc, 'app.properties'), appProperties('fast'));
  await writeFile(path.join(etc, 'removed.properties'), 'legacy=true\n');
  packages = path.join(dir, 'packages.txt');
  await writeFile(
    packages,
    'openjdk-17-jre-headless\t17.0.12+7-2\tinstall ok installed\nbase-files\t12.4+deb12u7\tinstall ok installed\n',
  );
  profile = path.join(dir, 'app.yaml');
  await writeFile(
    profile,
    stringify({
      name: 'my-app',
      files: [{ id: 'app-config', kind: 'config', paths: [`${etc}/*.properties`] }],
      commands: [{ id: 'packages-dpkg', argv: ['cat', packages], timeout: '10s' }],
    }),
  );
  // Another system's root, laid out like Debian: package history read from here, not from /.
  root = path.join(dir, 'root');
  await mkdir(path.join(root, 'var/log'), { recursive: true });
  const now = Date.now();
  await writeFile(
    path.join(root, 'var/log/dpkg.log'),
    [
      `${dpkgTime(now - 200 * H)} install too-old:amd64 <none> 1.0`,
      `${dpkgTime(now - 30 * H)} upgrade openjdk-17-jre-headless:amd64 17.0.12+7-2 17.0.13+11-2`,
      `${dpkgTime(now - 2 * H)} install linux-image-6.1.0-28-amd64:amd64 <none> 6.1.119-1`,
      '',
    ].join('\n'),
  );
  env = {
    CASEPACK_DATA_DIR: path.join(dir, 'data'),
    XDG_CONFIG_HOME: path.join(dir, 'xdg'),
    CASEPACK_CONFIG: '',
    TZ: 'UTC',
  };
});

async function collect(name: string, extra: string[] = []) {
  const out = path.join(dir, name);
  await mkdir(out);
  const r = await runCliJson<CollectResult>(
    ['collect', '--profile', profile, '--no-system-report', '--yes', '--out', out, ...extra],
    { env },
  );
  expect(r.code, r.stderr).toBe(0);
  return r.json.bundle;
}

const text = (bundle: string, name: string) => entry(bundle, name).toString('utf8');

describe('recent changes in a collection', () => {
  let before: string;
  let after: string;

  it('without a baseline, lists what changed in the window and says how to get diffs', async () => {
    before = await collect('before', ['--changes-root', root]);
    const s = JSON.parse(text(before, 'changes/summary.json')) as ChangesSummary;
    expect(s.baselines).toEqual([]);
    expect(s.baselineNotes.join('\n')).toContain('run `casepack snapshot --profile my-app`');
    // Both configuration files were written moments ago: modified in the window.
    expect(s.configModified.map((f) => path.basename(f.path)).sort()).toEqual([
      'app.properties',
      'removed.properties',
    ]);
    expect(s.packages.map((p) => p.name)).toEqual([
      'openjdk-17-jre-headless',
      'linux-image-6.1.0-28-amd64',
    ]);
  });

  it('after a snapshot, writes the unified diff of each changed file and shows it in report.html', async () => {
    const snap = await runCli(['snapshot', '--profile', profile], { env });
    expect(snap.code, snap.stderr).toBe(0);
    await writeFile(path.join(etc, 'app.properties'), appProperties('slow'));
    await rm(path.join(etc, 'removed.properties'));
    await writeFile(path.join(etc, 'added.properties'), 'feature.x=on\n');
    await writeFile(
      packages,
      'openjdk-17-jre-headless\t17.0.13+11-2\tinstall ok installed\nbase-files\t12.4+deb12u7\tinstall ok installed\n',
    );
    const caseFile = path.join(dir, 'case.yaml');
    await writeFile(caseFile, stringify(minimalCase('product-error')));
    // The baseline was taken without pseudonyms; this collection pseudonymises e-mail addresses.
    after = await collect('after', [
      '--changes-root',
      root,
      '--case-file',
      caseFile,
      '--pseudonymize',
      'emails',
    ]);

    const diff = text(after, `changes/config${etc}/app.properties.diff`);
    expect(diff).toMatch(/^--- a.*app\.properties\tbaseline /m);
    expect(diff).toContain('-mode=fast\n+mode=slow\n');
    // Only the line that changed: the password (redacted on both sides) and the address
    // (pseudonymised on both sides, never in clear) are the same before and after.
    expect(diff.split('\n').filter((l) => /^[-+][^-+]/.test(l))).toEqual([
      '-mode=fast',
      '+mode=slow',
    ]);
    expect(diff).not.toContain(SECRET);
    expect(diff).not.toContain(MAIL);
    expect(text(after, `changes/config${etc}/removed.properties.diff`)).toContain('+++ /dev/null');
    expect(text(after, `changes/config${etc}/added.properties.diff`)).toContain('+feature.x=on');

    const s = JSON.parse(text(after, 'changes/summary.json')) as ChangesSummary;
    expect(s.baselines).toMatchObject([{ profile: 'my-app', files: 2 }]);
    expect(Object.fromEntries(s.config.map((c) => [path.basename(c.path), c.change]))).toEqual({
      'app.properties': 'modified',
      'removed.properties': 'removed',
      'added.properties': 'added',
    });
    expect(text(after, 'changes/package-history.txt')).toContain('linux-image-6.1.0-28-amd64');
    expect(text(after, 'changes/package-history.txt')).not.toContain('too-old');
    const m = manifestOf(after);
    expect(m.redaction?.leaks ?? []).toEqual([]);
    expect(m.items.filter((i) => i.type === 'change').map((i) => i.path)).toContain(
      'changes/summary.json',
    );

    const html = text(after, 'report.html');
    const at = html.indexOf('<section id="recent-changes">');
    expect(at).toBeGreaterThan(0);
    const section = html.slice(at, html.indexOf('</section>', at));
    expect(section).toContain(
      'Since the baseline: 1 configuration file modified, 1 added, 1 removed, 0 not comparable; 2 package changes (kernel 1, Java 1)',
    );
    expect(section).toContain('<span class="del">-mode=fast</span>');
    expect(section).toContain('<span class="add">+mode=slow</span>');
    expect(section).toMatch(/Kernel updates \(1\)/);
    expect(section).toMatch(
      /Java \(JVM\) updates \(1\)[\s\S]*17\.0\.12\+7-2[\s\S]*17\.0\.13\+11-2/,
    );
    // The case section knows the bundle has recent changes now.
    expect(html).toMatch(/Recent changes to configuration and software \([a-z]+, in this bundle\)/);
  });

  it('casepack diff shows the configuration and package versions that differ', async () => {
    const r = await runCliJson<BundleDiff>(['diff', before, after], { env });
    expect(r.code).toBe(0);
    expect(r.json.packages).toEqual([
      {
        name: 'openjdk-17-jre-headless',
        change: 'changed',
        old: '17.0.12+7-2',
        new: '17.0.13+11-2',
      },
    ]);
    expect(Object.fromEntries(r.json.config.map((c) => [path.basename(c.path), c.change]))).toEqual(
      {
        'app.properties': 'modified',
        'removed.properties': 'removed',
        'added.properties': 'added',
      },
    );
    const app = r.json.config.find((c) => c.path.endsWith('app.properties'))!;
    expect(app.diff).toContain('-mode=fast\n+mode=slow');

    const plain = await runCli(['diff', before, after], { env });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('openjdk-17-jre-headless');
    expect(plain.stdout).toContain('+mode=slow');

    const missing = await runCli(['diff', before, path.join(dir, 'nope.zip')], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.zip');
  });
});
