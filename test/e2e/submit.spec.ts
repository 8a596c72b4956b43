// Sending through the outbox to the real Request Tracker: a new case number, a receipt the user
// can check, and the history.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFixtureBundle } from '../support/fixture-bundle.js';
import { testService } from '../support/test-env.js';
import { expect, fillProductErrorCase, openBundleToSubmit, shot, test } from './fixtures.js';

test.describe('with Request Tracker as the target', () => {
  const rt = testService<{
    url: string;
    tokenFile: string;
    queue: string;
    customFields: Record<string, string>;
  }>('rt');
  test.use({
    settings: [
      'targets:',
      '  vendor-rt:',
      '    type: rt',
      `    url: ${rt.url}`,
      `    queue: ${rt.queue}`,
      `    token: { file: ${rt.tokenFile} }`,
      `    customFields: ${JSON.stringify(rt.customFields)}`,
      'defaultTarget: vendor-rt',
      '',
    ].join('\n'),
  });

  test('opens a case through the outbox and shows its number, the receipt and the history', async ({
    app,
    served,
  }) => {
    const bundle = path.join(served.dir, 'casepack-NEW-testhost-20261127T100500Z.zip');
    await writeFixtureBundle(bundle);
    // A complete case, so nothing blocks the submission.
    await app.getByLabel('Summary', { exact: true }).fill('How to reset the admin password');
    await app.getByLabel('Case type').selectOption('question');
    await app.getByRole('radio', { name: 'P4 - Low' }).check();
    await app.getByLabel('Description', { exact: true }).fill('How do I reset the admin password?');
    await app.getByLabel('Contact name').fill('Ana Lima');
    await app.getByLabel('Contact e-mail').fill('ana@example.com');
    await app.getByLabel('Product', { exact: true }).fill('IGL Server');
    await app.getByLabel('Product version').fill('5.2.1');
    await expect(app.getByTestId('checklist-complete')).toBeVisible();
    await openBundleToSubmit(app, bundle);

    await expect(app.getByRole('radio', { name: 'Target vendor-rt' })).toBeChecked();
    await app.getByRole('button', { name: 'Send', exact: true }).click();
    const receipt = app.getByTestId('receipt');
    await expect(receipt).toContainText('Delivered');
    const caseNumber = (await receipt
      .getByRole('row', { name: /Case number/ })
      .locator('td')
      .textContent())!;
    expect(caseNumber).toMatch(/^\d+$/);
    // The ticket exists in RT, with the summary as its subject.
    const token = (await readFile(rt.tokenFile, 'utf8')).trim();
    const ticket = (await (
      await fetch(`${rt.url}/REST/2.0/ticket/${caseNumber}`, {
        headers: { Authorization: `token ${token}` },
      })
    ).json()) as { Subject: string };
    expect(ticket.Subject).toContain('How to reset the admin password');
    await shot(app, 'submit-delivered');

    await app.getByRole('link', { name: 'History' }).click();
    await expect(app.getByRole('table', { name: 'Sent bundles' })).toContainText(caseNumber);
    await shot(app, 'history');
  });
});

test.describe('with a folder as the target', () => {
  test.use({ settings: 'targets:\n  usb: { type: folder, path: $DIR/usb }\ndefaultTarget: usb\n' });

  test('says what the bundle lacks for the case before sending, and sends it anyway', async ({
    app,
    served,
  }) => {
    // The fixture bundle has neither a system report nor product logs; a product error needs both.
    const bundle = path.join(served.dir, 'casepack-NEW-testhost-20261127T100600Z.zip');
    await writeFixtureBundle(bundle);
    await fillProductErrorCase(app, 'Logins fail after the update');
    await openBundleToSubmit(app, bundle);

    const warnings = app.getByTestId('submit-warnings');
    await expect(warnings).toContainText('The bundle lacks what this case needs');
    await expect(warnings).toContainText(
      'a product error needs system report and this bundle has none',
    );
    await expect(warnings).toContainText(
      'a product error needs product logs from the time of the problem and this bundle has none',
    );
    // In the app's terms, not the CLI's.
    await expect(warnings).toContainText(
      'To fix: collect again with "Include the system report" switched on.',
    );
    await expect(warnings).toContainText('the time window (Since and Until on the Collect screen)');
    await expect(warnings).not.toContainText('--');
    await expect(warnings).toContainText('You can still send it');
    await shot(app, 'submit-warnings');

    await expect(app.getByRole('radio', { name: 'Target usb' })).toBeChecked();
    await app.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(app.getByTestId('receipt')).toContainText('Delivered');
    expect(await readdir(path.join(served.dir, 'usb'))).toContain(path.basename(bundle));
  });
});
