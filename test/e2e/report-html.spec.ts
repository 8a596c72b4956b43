// report.html in a real browser (Debian's Chromium), as a support engineer opens it from an
// extracted bundle: on a laptop, on a phone and printed. Screenshots and the PDF are saved under
// test-results/e2e/report-html/ for a human look.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { renderReport } from '../../core/node/bundle/report/render.js';
import { repoRoot } from '../support/paths.js';
import {
  ARABIC,
  HOSTILE,
  JAPANESE,
  reportCase,
  reportManifest,
} from '../support/report-fixture.js';

const outDir = path.join(repoRoot, 'test-results/e2e/report-html');

test.describe('report.html in Chromium', () => {
  let url: string;

  test.beforeAll(async () => {
    await mkdir(outDir, { recursive: true });
    const file = path.join(outDir, 'report.html');
    await writeFile(
      file,
      renderReport({
        manifest: reportManifest(),
        caseJson: reportCase(),
        systemReportHtml:
          '<h2>System at a glance</h2><table class="kv summary"><tbody><tr><th>OS</th><td>Debian 12</td></tr></tbody></table>',
      }),
    );
    url = pathToFileURL(file).href;
  });

  test('renders without running or loading anything, values shown as text', async ({ page }) => {
    const messages: string[] = [];
    page.on('console', (m) => messages.push(m.text()));
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await page.goto(url);
    await expect(page.locator('h1')).toContainText('case 123456, app-01.example.com');
    // the CSP admitted the style block: the layout is styled (no violation reported)
    expect(messages.filter((m) => /Content Security Policy/i.test(m))).toEqual([]);
    expect(
      await page
        .locator('table.kv th')
        .first()
        .evaluate((el) => getComputedStyle(el).fontWeight),
    ).toBe('600');
    expect(await page.locator('script, img, iframe, object, embed').count()).toBe(0);
    expect(dialogs).toBe(0);
    expect(requests).toEqual([url]);
    await expect(page.locator('#index')).toContainText(`/etc/app/${HOSTILE}.conf`);
    await expect(page.locator('#index')).toContainText(JAPANESE);
    await page.screenshot({ path: path.join(outDir, 'desktop.png'), fullPage: true });
  });

  test('reads right to left where the text is right to left', async ({ page }) => {
    await page.goto(url);
    const cell = page.locator('td', { hasText: ARABIC });
    await expect(cell).toHaveCount(1);
    expect(await cell.evaluate((el) => el.matches(':dir(rtl)'))).toBe(true);
    const ltr = page.locator('td', { hasText: 'zoe@example.com' });
    expect(await ltr.evaluate((el) => el.matches(':dir(ltr)'))).toBe(true);
  });

  test('fits a phone screen: wide tables scroll inside, the page does not', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(url);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(1);
    await page.screenshot({ path: path.join(outDir, 'phone.png'), fullPage: true });
  });

  test('prints: navigation hidden, every section on paper', async ({ page }) => {
    await page.goto(url);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav').evaluate((el) => getComputedStyle(el).display)).toBe('none');
    await expect(page.locator('#index')).toBeVisible();
    const pdf = await page.pdf({ path: path.join(outDir, 'report.pdf'), format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
