// Every screen readable at 1280x800 and at 200% zoom (a 640x400 CSS viewport drawn at device
// scale 2 is what Chromium lays out at 200% zoom of a 1280x800 window): the main content never
// scrolls sideways, and each screen's primary button is on screen horizontally and reachable
// with the Tab key alone.
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { writeFixtureBundle } from '../support/fixture-bundle.js';
import { expect, openBundleInReview, shot, test } from './fixtures.js';

async function goTo(page: Page, screen: string): Promise<void> {
  await page.evaluate((s) => (window.location.hash = `#/${s}`), screen);
}

/** The main content is no wider than the window: nothing to scroll sideways. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => {
    const main = document.getElementById('main')!;
    return {
      page: document.documentElement.scrollWidth,
      window: document.documentElement.clientWidth,
      main: main.scrollWidth,
      mainBox: main.clientWidth,
    };
  });
  expect(widths.page, 'page wider than the window').toBeLessThanOrEqual(widths.window);
  expect(widths.main, 'main content wider than its column').toBeLessThanOrEqual(widths.mainBox);
}

/** Visible, inside the window's width, and focused by pressing Tab from the top of the page. */
async function expectReachable(page: Page, button: Locator): Promise<void> {
  await expect(button).toBeVisible();
  await expect(button).toBeEnabled();
  await button.scrollIntoViewIfNeeded();
  const box = (await button.boundingBox())!;
  const width = page.viewportSize()!.width;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(width);
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press('Tab');
    if (await button.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`${String(button)} was not reached with Tab`);
}

for (const view of [
  { name: '1280x800', viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
  { name: '200% zoom', viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 },
]) {
  test.describe(`at ${view.name}`, () => {
    test.use({ viewport: view.viewport, deviceScaleFactor: view.deviceScaleFactor });
    const tag = view.deviceScaleFactor === 2 ? 'zoom200' : '1280';

    test('every screen fits the width and its primary button is reachable', async ({
      app,
      served,
    }) => {
      const bundle = path.join(served.dir, 'casepack-NEW-testhost-20261127T100500Z.zip');
      await writeFixtureBundle(bundle);

      // Case
      await expectNoSidewaysScroll(app);
      await expectReachable(app, app.getByRole('button', { name: 'Continue to Collect' }));
      await shot(app, `layout-${tag}-case`);

      // Collect
      await goTo(app, 'collect');
      await expectNoSidewaysScroll(app);
      await expectReachable(app, app.getByRole('button', { name: 'Show the plan' }));

      // Review, with a bundle open
      await goTo(app, 'review');
      await openBundleInReview(app, bundle);
      await expect(app.getByText(bundle)).toBeVisible();
      await app.getByRole('navigation', { name: 'Bundle files' }).getByText('app.log').click();
      await expect(app.getByTestId('entry-text')).toBeVisible();
      await expectNoSidewaysScroll(app);
      await expectReachable(app, app.getByRole('button', { name: 'Continue to Submit' }));
      await shot(app, `layout-${tag}-review`);

      // Submit, exporting to a folder
      await app.getByRole('button', { name: 'Continue to Submit' }).click();
      await app.getByRole('radio', { name: 'Export to a folder' }).check();
      await app.getByLabel('Export folder').fill(path.join(served.dir, 'usb'));
      await expectNoSidewaysScroll(app);
      await expectReachable(app, app.getByRole('button', { name: 'Export', exact: true }));
      await shot(app, `layout-${tag}-submit`);

      // History and Settings
      await goTo(app, 'history');
      await expect(app.getByRole('heading', { level: 2 })).toBeVisible();
      await expectNoSidewaysScroll(app);
      await expectReachable(app, app.getByRole('button', { name: 'New case' }));
      await goTo(app, 'settings');
      await expectNoSidewaysScroll(app);
      // One Save per section; the first section's is the one to reach.
      await expectReachable(
        app,
        app.getByRole('region', { name: 'Contact' }).getByRole('button', { name: 'Save' }),
      );
      await shot(app, `layout-${tag}-settings`);
    });
  });
}
