// The case form as a new user meets it: first screen, labelled controls, a checklist that answers
// as they type, the draft kept across a reload, and the contact remembered for the next case.
import { expect, shot, test } from './fixtures.js';

test('a fresh profile opens on the case form with every main field visible at once', async ({
  app,
}) => {
  for (const label of [
    'Summary',
    'Description',
    'Steps to reproduce',
    'Case type',
    'Contact e-mail',
  ])
    await expect(app.getByLabel(label, { exact: true })).toBeVisible();
  await expect(app.getByRole('radiogroup', { name: 'Severity' })).toBeVisible();
  await expect(app.getByRole('button', { name: 'New case' })).toBeVisible();
  // Detected facts are filled in for the user.
  await expect(app.getByLabel('Operating system')).not.toHaveValue('');
  await shot(app, 'case-empty');
});

test('the checklist of what Level 1 still needs reacts to every input', async ({ app }) => {
  const missing = app.getByTestId('checklist-missing');
  await expect(missing.getByRole('button', { name: 'Summary' })).toBeVisible();
  await expect(missing.getByRole('button', { name: 'Steps to reproduce' })).toHaveCount(0);

  await app.getByLabel('Summary', { exact: true }).fill('Users cannot log in after the 5.2 update');
  await expect(missing.getByRole('button', { name: 'Summary' })).toHaveCount(0);

  // A product error also needs steps, expected and actual result.
  await app.getByLabel('Case type').selectOption('product-error');
  await expect(missing.getByRole('button', { name: 'Steps to reproduce' })).toBeVisible();
  await expect(app.getByLabel('Steps to reproduce')).toHaveAttribute('aria-required', 'true');

  // A P1 needs a phone number to call at any hour.
  await app.getByRole('radio', { name: 'P1 - Critical' }).check();
  await expect(missing.getByRole('button', { name: 'Contact phone' })).toBeVisible();
  await app.getByRole('radio', { name: 'P3 - Medium' }).check();
  await expect(missing.getByRole('button', { name: 'Contact phone' })).toHaveCount(0);

  // An invalid e-mail address is called out, with the reason.
  await app.getByLabel('Contact e-mail').fill('ana at example');
  await expect(missing).toContainText('"ana at example" is not an e-mail address');

  // Clicking a missing item takes the user to its field.
  await missing.getByRole('button', { name: 'Description' }).click();
  await expect(app.getByLabel('Description', { exact: true })).toBeFocused();

  await app.getByLabel('Contact name').fill('Ana Lima');
  await app.getByLabel('Contact e-mail').fill('ana@example.com');
  await app.getByLabel('Product', { exact: true }).fill('IGL Server');
  await app.getByLabel('Product version').fill('5.2.1');
  await app
    .getByLabel('Description', { exact: true })
    .fill('Since the update every login fails with HTTP 500.');
  await app.getByLabel('Steps to reproduce').fill('Open the login page\nLog in as any user');
  await app.getByLabel('Expected result').fill('The dashboard opens');
  await app.getByLabel('Actual result').fill('HTTP 500: ORA-01017');
  await expect(app.getByTestId('checklist-complete')).toBeVisible();
  await shot(app, 'case-complete');

  // The draft survives a reload: nothing typed is lost.
  await app.reload();
  await expect(app.getByLabel('Summary', { exact: true })).toHaveValue(
    'Users cannot log in after the 5.2 update',
  );
  await expect(app.getByTestId('checklist-complete')).toBeVisible();
});

test('the contact is remembered for the next case', async ({ app }) => {
  await app.getByLabel('Contact name').fill('Ana Lima');
  await app.getByLabel('Contact e-mail').fill('ana@example.com');
  await app.getByRole('button', { name: 'Continue to Collect' }).click();
  await expect(app).toHaveURL(/#\/collect$/);
  await app.getByRole('button', { name: 'New case' }).click();
  await expect(app.getByLabel('Summary', { exact: true })).toHaveValue('');
  await expect(app.getByLabel('Contact e-mail')).toHaveValue('ana@example.com');
});

test('the form is usable with the keyboard alone', async ({ app }) => {
  await app.getByLabel('Summary', { exact: true }).focus();
  await app.keyboard.type('Keyboard only');
  await app.keyboard.press('Tab');
  await expect(app.getByLabel('Case type')).toBeFocused();
  await app.keyboard.press('Tab');
  // Arrow keys move between severities, as in any radio group.
  await expect(app.getByRole('radio', { name: 'P1 - Critical' })).toBeFocused();
  await app.keyboard.press('ArrowDown');
  await expect(app.getByRole('radio', { name: 'P2 - High' })).toBeFocused();
  await app.keyboard.press('Space');
  await expect(app.getByRole('radio', { name: 'P2 - High' })).toBeChecked();
  await expect(
    app.getByTestId('checklist-missing').getByRole('button', { name: 'Severity' }),
  ).toHaveCount(0);
});
