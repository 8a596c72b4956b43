// Sending through the outbox to the real Request Tracker: a new case number, a receipt the user
// can check, and the history.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFixtureBundle } from '../support/fixture-bundle.js';
import { testService } from '../support/test-env.js';
import { expect, openBundleToSubmit, shot, test } from './fixtures.js';

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
