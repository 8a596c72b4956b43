// Review before sending: open a bundle from the host, see every redaction highlighted and counted,
// diffs as diffs, screenshots as thumbnails, what failed and why, and search the whole bundle.
import path from 'node:path';
import { writeFixtureBundle } from '../support/fixture-bundle.js';
import { expect, shot, test } from './fixtures.js';

test('a bundle opened from the host shows its redactions, diffs, images and a search', async ({
  app,
  served,
}) => {
  const bundle = path.join(served.dir, 'casepack-NEW-testhost-20261127T100500Z.zip');
  await writeFixtureBundle(bundle);

  await app.getByRole('link', { name: '3. Review' }).click();
  await app.getByRole('button', { name: 'Open a bundle file…' }).click();
  const picker = app.getByRole('dialog', { name: 'Open a bundle' });
  await picker.getByRole('button', { name: `Choose file ${path.basename(bundle)}` }).click();

  await expect(app.getByText(bundle)).toBeVisible();
  const summary = app.getByRole('region', { name: 'Redaction summary' });
  await expect(summary).toContainText('properties-password: 2');
  await expect(summary).toContainText('jdbc-password: 1');
  await expect(app.getByRole('region', { name: 'Not collected' })).toContainText(
    'permission denied',
  );

  // A text entry with its redactions highlighted and counted.
  await app.getByRole('navigation', { name: 'Bundle files' }).getByText('app.log').click();
  const text = app.getByTestId('entry-text');
  await expect(text.locator('mark.redaction')).toHaveCount(2);
  await expect(text.locator('mark.redaction').first()).toHaveText('[REDACTED:jdbc-password]');
  await expect(
    app
      .getByRole('group', { name: 'Redactions in this entry' })
      .or(app.getByLabel('Redactions in this entry')),
  ).toContainText('bearer-token: 1');
  await shot(app, 'review-redactions');

  // The configuration diff as a diff.
  await app
    .getByRole('navigation', { name: 'Bundle files' })
    .getByText('app.properties.diff')
    .click();
  await expect(app.getByTestId('diff-view')).toContainText('+db.user=scott');

  // Screenshots as thumbnails.
  await expect(app.getByRole('region', { name: 'Screenshots' }).getByRole('img')).toHaveCount(1);

  // The company name, anywhere in the bundle, whatever its case.
  await app.getByLabel('Search the whole bundle').fill('acme corp');
  await app.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(
    app.getByRole('status').filter({ hasText: 'found 4 times in 3 files' }),
  ).toBeVisible();
  await app
    .getByRole('list', { name: 'Search results' })
    .getByText('config/app.properties:3')
    .click();
  await expect(app.getByTestId('entry-text').locator('mark.search-hit')).toHaveText('Acme Corp');
  await shot(app, 'review-search');

  // Remove a file and rebuild: it is gone from the tree and the manifest says the user removed it.
  await app.getByRole('navigation', { name: 'Bundle files' }).getByText('uname.txt').click();
  await app.getByRole('button', { name: 'Remove from bundle' }).click();
  await app
    .getByRole('dialog', { name: 'Remove from the bundle?' })
    .getByRole('button', { name: 'Remove and rebuild' })
    .click();
  await expect(
    app.getByRole('status').filter({ hasText: 'commands/uname.txt was removed' }),
  ).toBeVisible();
  await expect(
    app.getByRole('navigation', { name: 'Bundle files' }).getByText('uname.txt'),
  ).toHaveCount(0);
  await expect(app.getByRole('region', { name: 'Not collected' })).toContainText(
    'removed by the user in review',
  );
  await shot(app, 'review-removed');
});
