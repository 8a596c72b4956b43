// Collect in Chromium against `casepack serve`: a real tree of files and a profile given by path.
// The plan is shown, one file is switched off, the run's progress is seen, a hung command is
// skipped by the user while the rest finishes, and Review opens the new bundle.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { itemBySource, manifestOf } from '../support/bundle-read.js';
import { expect, shot, test } from './fixtures.js';

test('plan, switch an item off, skip a hung command, then review the bundle', async ({
  app,
  served,
}) => {
  const logs = path.join(served.dir, 'root/var/log/app');
  await mkdir(logs, { recursive: true });
  await mkdir(path.join(served.dir, 'root/etc/app'), { recursive: true });
  await writeFile(path.join(served.dir, 'root/etc/app/app.conf'), 'listen = 8080\n');
  await writeFile(path.join(logs, 'server.log'), 'server started\nrequest served\n');
  const debug = path.join(logs, 'debug.log');
  await writeFile(debug, 'debug line nobody wants\n'.repeat(2000));
  const profile = path.join(served.dir, 'app.yaml');
  await writeFile(
    profile,
    [
      'name: app',
      'description: The app under test',
      'files:',
      `  - { id: config, kind: config, paths: ["${served.dir}/root/etc/app/*.conf"] }`,
      `  - { id: logs, kind: other, paths: ["${logs}/*.log"] }`,
      `  - { id: gone, paths: ["${served.dir}/root/opt/none/*.conf"] }`,
      'commands:',
      '  - { id: hello, argv: [echo, hello from the command], timeout: 10s }',
      '  - { id: hang, argv: [sleep, "600"], timeout: 30m }',
    ].join('\n'),
  );

  // A product error needs a system report: leaving it out is warned about, in the app's terms.
  await app.getByLabel('Case type').selectOption('product-error');
  await app.getByRole('link', { name: '2. Collect' }).click();
  await app.getByLabel('Profile file').fill(profile);
  await app.getByLabel('Since').fill('24h');
  await app.getByLabel('Include the system report').uncheck();
  await app.getByRole('button', { name: 'Show the plan' }).click();

  const plan = app.getByRole('region', { name: 'The plan' });
  await expect(plan.getByRole('heading', { name: /^The plan for / })).toBeVisible();
  await expect(plan).toContainText('5 of 5 items');
  await expect(plan.getByLabel(`Collect ${path.join(logs, 'server.log')}`)).toBeChecked();
  await expect(plan.getByLabel('Collect sleep 600')).toBeChecked();
  // The entry that matches nothing is listed with its reason.
  await expect(plan).toContainText('app · gone');
  await plan.getByLabel(`Collect ${debug}`).uncheck();
  await expect(plan).toContainText('4 of 5 items');
  await shot(app, 'collect-plan');

  await plan.getByRole('button', { name: 'Start collection' }).click();
  const progress = app.getByRole('region', { name: 'Collection progress' });
  await expect(progress.getByRole('heading', { name: 'Collecting…' })).toBeVisible();
  // The rest finishes while the hung command runs on.
  await expect(app.getByTestId('overall-progress')).toContainText('3 of 4 items');
  const running = app.getByRole('region', { name: 'Running now' });
  await expect(running.getByTestId('running-item')).toHaveCount(1);
  await expect(running).toContainText('sleep 600');
  await expect(progress.getByRole('progressbar', { name: 'Overall progress' })).toBeVisible();
  await shot(app, 'collect-running');

  await running.getByRole('button', { name: 'Skip sleep 600' }).click();
  await expect(progress.getByRole('heading', { name: 'The bundle is ready' })).toBeVisible();
  const problems = app.getByRole('region', { name: 'Items not fully collected' });
  await expect(problems.getByTestId('problem-item').filter({ hasText: 'sleep 600' })).toContainText(
    'skipped by the user',
  );
  await expect(problems.getByTestId('problem-item').filter({ hasText: debug })).toContainText(
    'switched off by the user',
  );
  await expect(app.getByText(/\d+ collected, 0 truncated, 3 skipped, 0 failed/)).toBeVisible();
  const noReport = app.getByText(/^a product error needs system report and this bundle has none/);
  await expect(noReport).toContainText(
    'To fix: collect again with "Include the system report" switched on.',
  );
  await expect(app.getByText('--no-system-report')).toHaveCount(0);
  await shot(app, 'collect-done');

  // The bundle on the host says the same.
  const bundlesDir = path.join(served.dataDir, 'bundles');
  const [name] = await readdir(bundlesDir);
  const bundle = path.join(bundlesDir, name!);
  const m = manifestOf(bundle);
  expect(itemBySource(m, 'hang')).toMatchObject({ status: 'skipped' });
  expect(itemBySource(m, debug)).toMatchObject({ status: 'skipped' });
  expect(itemBySource(m, debug).path).toBeUndefined();

  await app.getByRole('button', { name: 'Continue to Review' }).click();
  await expect(app.getByText(bundle)).toBeVisible();
  const files = app.getByRole('navigation', { name: 'Bundle files' });
  await expect(files.getByText('server.log')).toBeVisible();
  await expect(files.getByText('debug.log')).toHaveCount(0);
  // The hung command's (empty) output is there, marked as skipped.
  await expect(files.getByText('hang.txt')).toBeVisible();
  await expect(files.getByText('skipped', { exact: true })).toBeVisible();
  await shot(app, 'collect-review');
});

test('a secret typed into the case: the run ends refused by the leak check, and says where', async ({
  app,
  served,
}) => {
  await writeFile(path.join(served.dir, 'app.conf'), 'listen = 8080\n');
  const profile = path.join(served.dir, 'small.yaml');
  await writeFile(
    profile,
    ['name: small', 'files:', `  - { id: config, paths: ["${served.dir}/app.conf"] }`].join('\n'),
  );
  await app.getByLabel('Description').fill('we tried password=Tr0ub4dor&3-case on the console');
  await app.getByRole('link', { name: '2. Collect' }).click();
  await app.getByLabel('Profile file').fill(profile);
  await app.getByLabel('Include the system report').uncheck();
  await app.getByRole('button', { name: 'Show the plan' }).click();
  await app.getByRole('button', { name: 'Start collection' }).click();
  const refused = app.getByRole('alert').filter({ hasText: 'The leak check refused this bundle' });
  await expect(refused).toBeVisible();
  await expect(refused).toContainText('case.json');
  await expect(
    app.getByRole('heading', { name: 'The bundle is written but not releasable' }),
  ).toBeVisible();
  await shot(app, 'collect-refused');
});
