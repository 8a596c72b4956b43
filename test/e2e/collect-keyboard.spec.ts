// The Collect screen with the keyboard alone (Tab, Shift+Tab, Enter, Space), in Chromium against
// `casepack serve`: every control is reached in reading order by its label, shows that it has the
// focus (the control looks different focused than at rest), and a collection runs from the form
// to Review without the mouse. Where a button goes away (the plan replaces nothing, the run
// replaces the plan), the focus moves to what appeared instead of falling back to the page.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { itemBySource, manifestOf } from '../support/bundle-read.js';
import { expect, shot, test } from './fixtures.js';

type Clip = { x: number; y: number; width: number; height: number };

/**
 * The area a control's focus indicator is drawn in: the control, or for a visually hidden input
 * (a switch, a segmented control) the track drawn beside it, or for a text field its frame; with a
 * margin for an outline drawn outside the box.
 */
async function indicatorClip(control: Locator): Promise<Clip> {
  return control.evaluate((el) => {
    const hidden = (e: Element) => {
      const r = e.getBoundingClientRect();
      return getComputedStyle(e).opacity === '0' || r.width < 2 || r.height < 2;
    };
    let shown: Element = el;
    if (hidden(el) && el.nextElementSibling) shown = el.nextElementSibling;
    shown = shown.closest('.mantine-Input-wrapper') ?? shown;
    const r = shown.getBoundingClientRect();
    const m = 5;
    return {
      x: Math.max(0, r.x - m + window.scrollX),
      y: Math.max(0, r.y - m + window.scrollY),
      width: r.width + 2 * m,
      height: r.height + 2 * m,
    };
  });
}

/** The control's look at rest, before the focus comes to it. */
async function atRest(app: Page, control: Locator): Promise<{ clip: Clip; png: Buffer }> {
  const clip = await indicatorClip(control);
  return { clip, png: await app.screenshot({ clip, fullPage: true, animations: 'disabled' }) };
}

/** One key press moves the focus to `control`, and the focus can be seen there. */
async function press(app: Page, key: 'Tab' | 'Shift+Tab', control: Locator, rest?: Buffer) {
  await app.keyboard.press(key);
  await expect(control).toBeFocused();
  const clip = await indicatorClip(control);
  const focused = await app.screenshot({ clip, fullPage: true, animations: 'disabled' });
  const before = rest ?? (await atRestElsewhere(app, control, clip));
  expect(focused.equals(before), 'the focused control looks as it does at rest').toBe(false);
}

/** For a control first seen with the focus on it: its look once the focus moved on and back. */
async function atRestElsewhere(app: Page, control: Locator, clip: Clip): Promise<Buffer> {
  await control.evaluate((el) => (el as HTMLElement).blur());
  const png = await app.screenshot({ clip, fullPage: true, animations: 'disabled' });
  await control.focus();
  return png;
}

test('a collection from the Collect screen to Review with the keyboard alone', async ({
  app,
  served,
}) => {
  const logs = path.join(served.dir, 'logs');
  await mkdir(logs, { recursive: true });
  const at = (min: number) => new Date(Date.now() - min * 60_000).toISOString();
  const server = path.join(logs, 'server.log');
  const debug = path.join(logs, 'debug.log');
  await writeFile(server, `${at(30)} ERROR login failed: HTTP 500\n`);
  await writeFile(debug, `${at(20)} DEBUG nobody wants this\n`.repeat(100));
  const profile = path.join(served.dir, 'keyboard.yaml');
  await writeFile(
    profile,
    ['name: keyboard', 'files:', `  - { id: logs, kind: log, paths: ["${logs}/*.log"] }`].join(
      '\n',
    ),
  );

  // From the Case screen (where the app opens) back to the Collect step in the navigation.
  const collectLink = app.getByRole('link', { name: '2. Collect' });
  const linkRest = await atRest(app, collectLink);
  for (let i = 0; i < 10 && !(await collectLink.evaluate((e) => e === document.activeElement)); i++)
    await app.keyboard.press('Shift+Tab');
  await expect(collectLink).toBeFocused();
  const linkFocused = await app.screenshot({
    clip: linkRest.clip,
    fullPage: true,
    animations: 'disabled',
  });
  expect(linkFocused.equals(linkRest.png)).toBe(false);
  await app.keyboard.press('Enter');
  await expect(app).toHaveURL(/#\/collect$/);

  // The form, in reading order, each control found by its label.
  const form = app.getByRole('region', { name: 'What to collect' });
  const shipped = form.getByRole('combobox', { name: 'Shipped profiles' });
  const file = form.getByRole('textbox', { name: 'Profile file' });
  const browse = form.getByRole('button', { name: 'Browse…' });
  const since = form.getByRole('textbox', { name: 'Since' });
  const until = form.getByRole('textbox', { name: 'Until' });
  const report = form.getByRole('switch', { name: 'Include the system report' });
  const showPlan = form.getByRole('button', { name: 'Show the plan' });
  const order = [shipped, file, browse, since, until, report, showPlan];
  await expect(showPlan).toBeVisible();
  const rest = [];
  for (const c of order) rest.push((await atRest(app, c)).png);

  // Tab goes on from the Collect link into the screen, through the form in order.
  for (const [i, c] of order.entries()) {
    await press(app, 'Tab', c, rest[i]);
    if (c === file) await app.keyboard.type(profile);
    if (c === since) await app.keyboard.type('24h');
  }
  await expect(file).toHaveValue(profile);
  await expect(since).toHaveValue('24h');
  // Shift+Tab goes back; Space switches the system report off.
  await press(app, 'Shift+Tab', report);
  await expect(report).toBeChecked();
  await app.keyboard.press('Space');
  await expect(report).not.toBeChecked();
  await press(app, 'Shift+Tab', until);
  await press(app, 'Tab', report);
  await press(app, 'Tab', showPlan);
  await app.keyboard.press('Enter');

  // The plan takes the focus; Tab reaches its checkboxes and the start button.
  const plan = app.getByRole('region', { name: 'The plan' });
  const heading = plan.getByRole('heading', { name: /^The plan for / });
  await expect(heading).toBeFocused();
  await expect(plan).toContainText('2 of 2 items');
  const group = plan.getByRole('checkbox', { name: 'Collect everything of keyboard · logs' });
  const debugBox = plan.getByRole('checkbox', { name: `Collect ${debug}` });
  const serverBox = plan.getByRole('checkbox', { name: `Collect ${server}` });
  const start = plan.getByRole('button', { name: 'Start collection' });
  await press(app, 'Tab', group);
  await press(app, 'Tab', debugBox);
  await app.keyboard.press('Space');
  await expect(debugBox).not.toBeChecked();
  await expect(plan).toContainText('1 of 2 items');
  await press(app, 'Tab', serverBox);
  await press(app, 'Tab', start);
  await shot(app, 'collect-keyboard-plan');
  await app.keyboard.press('Enter');

  // The run takes the focus; when it is done, Tab reaches Continue to Review.
  const progress = app.getByRole('region', { name: 'Collection progress' });
  const state = progress.getByRole('heading', { level: 2 });
  await expect(state).toBeFocused();
  await expect(state).toHaveText('The bundle is ready');
  const review = app.getByRole('button', { name: 'Continue to Review' });
  await press(app, 'Tab', review);
  await shot(app, 'collect-keyboard-done');
  await app.keyboard.press('Enter');

  const bundlesDir = path.join(served.dataDir, 'bundles');
  const [name] = await readdir(bundlesDir);
  const bundle = path.join(bundlesDir, name!);
  await expect(app.getByText(bundle)).toBeVisible();
  // What the keys chose is what the bundle holds.
  const m = manifestOf(bundle);
  expect(itemBySource(m, server)).toMatchObject({ status: 'collected' });
  expect(itemBySource(m, debug)).toMatchObject({ status: 'skipped' });
  expect(m.items.some((i) => i.type === 'system')).toBe(false);
});
