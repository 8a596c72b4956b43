// The whole way a new user goes in Chromium against `casepack serve`: from an empty case to a
// bundle exported to a folder for an air-gapped site. What the user then checks is checked here:
// the folder holds the bundle, its .sha256 (sha256sum -c accepts it) and a README; `casepack
// verify` accepts the bundle; the case inside holds what was typed.
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { entry } from '../support/bundle-read.js';
import { runCli } from '../support/cli.js';
import { expect, fillProductErrorCase, shot, test } from './fixtures.js';

const SUMMARY = 'Users cannot log in after the 5.2 update';

test('a new user goes from nothing to a bundle exported to a folder', async ({ app, served }) => {
  // A small tree of real files on the host, and a profile that collects them.
  const logs = path.join(served.dir, 'root/var/log/app');
  await mkdir(logs, { recursive: true });
  await mkdir(path.join(served.dir, 'root/etc/app'), { recursive: true });
  await writeFile(path.join(served.dir, 'root/etc/app/app.conf'), 'listen = 8080\n');
  // Lines from the last hour, so they fall inside the time window whenever the test runs.
  const at = (min: number) => new Date(Date.now() - min * 60_000).toISOString();
  await writeFile(
    path.join(logs, 'server.log'),
    `${at(60)} INFO server started\n${at(59)} ERROR login failed: HTTP 500\n`,
  );
  const profile = path.join(served.dir, 'app.yaml');
  await writeFile(
    profile,
    [
      'name: app',
      'description: The app under test',
      'files:',
      `  - { id: config, kind: config, paths: ["${served.dir}/root/etc/app/*.conf"] }`,
      `  - { id: logs, kind: log, paths: ["${logs}/*.log"] }`,
      'commands:',
      '  - { id: hello, argv: [echo, hello from the command], timeout: 10s }',
    ].join('\n'),
  );
  // The mounted USB stick, empty.
  const usb = path.join(served.dir, 'usb');
  await mkdir(usb);

  // 1. Case: a complete product-error case.
  await fillProductErrorCase(app, SUMMARY);
  await shot(app, 'flow-1-case');
  await app.getByRole('button', { name: 'Continue to Collect' }).click();

  // 2. Collect: plan, run, ready.
  await app.getByLabel('Profile file').fill(profile);
  await app.getByLabel('Since').fill('24h');
  await app.getByRole('button', { name: 'Show the plan' }).click();
  const plan = app.getByRole('region', { name: 'The plan' });
  await expect(plan).toContainText('3 of 3 items');
  await shot(app, 'flow-2-collect-plan');
  await plan.getByRole('button', { name: 'Start collection' }).click();
  const progress = app.getByRole('region', { name: 'Collection progress' });
  await expect(progress.getByRole('heading', { name: 'The bundle is ready' })).toBeVisible();
  // Nothing a product error needs is missing from this bundle.
  await expect(app.getByText(/\d+ collected, 0 truncated, 0 skipped, 0 failed/)).toBeVisible();
  await expect(app.getByText(/a product error needs/)).toHaveCount(0);
  await shot(app, 'flow-3-collect-done');

  // 3. Review opens the new bundle.
  const bundlesDir = path.join(served.dataDir, 'bundles');
  const [name] = await readdir(bundlesDir);
  await app.getByRole('button', { name: 'Continue to Review' }).click();
  await expect(app.getByText(path.join(bundlesDir, name!))).toBeVisible();
  const files = app.getByRole('navigation', { name: 'Bundle files' });
  await expect(files.getByText('server.log')).toBeVisible();
  await expect(files.getByText('app.conf')).toBeVisible();
  await files.getByText('server.log').click();
  await expect(app.getByTestId('entry-text')).toContainText('login failed: HTTP 500');
  await shot(app, 'flow-4-review');
  await app.getByRole('button', { name: 'Continue to Submit' }).click();

  // 4. Submit: export to a folder.
  await app.getByRole('radio', { name: 'Export to a folder' }).check();
  await app.getByLabel('Export folder').fill(usb);
  await app.getByRole('button', { name: 'Export', exact: true }).click();
  const receipt = app.getByTestId('receipt');
  await expect(receipt).toContainText('Exported');
  await expect(receipt).toContainText(name!);
  await shot(app, 'flow-5-submit-exported');

  // What the user finds in the folder, and checks.
  expect((await readdir(usb)).sort()).toEqual(
    [name!, `${name!}.README.txt`, `${name!}.sha256`].sort(),
  );
  const sums = execFileSync('sha256sum', ['-c', `${name!}.sha256`], {
    cwd: usb,
    encoding: 'utf8',
  });
  expect(sums).toBe(`${name!}: OK\n`);
  const sha = (await readFile(path.join(usb, `${name!}.sha256`), 'utf8')).split(' ')[0]!;
  await expect(receipt).toContainText(sha);
  expect(await readFile(path.join(usb, `${name!}.README.txt`), 'utf8')).toContain(sha);
  const verified = await runCli(['verify', path.join(usb, name!)]);
  expect(verified.stderr).toBe('');
  expect(verified.code).toBe(0);
  const kase = JSON.parse(entry(path.join(usb, name!), 'case.json').toString('utf8')) as {
    summary?: string;
  };
  expect(kase.summary).toBe(SUMMARY);
});
