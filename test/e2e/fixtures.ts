// Each test gets its own `casepack serve` (fresh settings file and data directory, so a fresh user
// profile) and a page signed in through the printed one-time link.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { binPath } from '../support/paths.js';

export interface Served {
  url: string;
  dir: string;
  configFile: string;
  dataDir: string;
}

export interface ServeOptions {
  /** Settings file content. */
  settings: string;
  /** Extra environment of the server process. */
  serveEnv: Record<string, string>;
}

export const test = base.extend<ServeOptions & { served: Served; app: Page }>({
  settings: ['', { option: true }],
  serveEnv: [{}, { option: true }],
  served: async ({ settings, serveEnv }, use) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'casepack-e2e-'));
    const configFile = path.join(dir, 'config.yaml');
    const dataDir = path.join(dir, 'data');
    await writeFile(configFile, settings.replaceAll('$DIR', dir));
    const child = spawn(process.execPath, [binPath, '--config', configFile, 'serve', '--json'], {
      env: { ...process.env, CASEPACK_DATA_DIR: dataDir, HOME: dir, ...serveEnv },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const url: string = await new Promise((resolve, reject) => {
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        out += d;
        if (out.includes('\n')) resolve((JSON.parse(out.split('\n')[0]!) as { url: string }).url);
      });
      child.on('exit', (code) => reject(new Error(`casepack serve exited with ${code}`)));
    });
    await use({ url, dir, configFile, dataDir });
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    await rm(dir, { recursive: true, force: true });
  },
  app: async ({ page, served }, use) => {
    await page.goto(served.url);
    await expect(page.getByRole('heading', { name: 'casepack', level: 1 })).toBeVisible();
    await use(page);
  },
});

export { expect };

/** Save a screenshot of the current screen as a test artifact (and return its path). */
export async function shot(page: Page, name: string): Promise<string> {
  const file = test.info().outputPath(`${name}.png`);
  // From the top, so the fixed header is where a user sees it.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: file, fullPage: true });
  await test.info().attach(name, { path: file, contentType: 'image/png' });
  return file;
}

/** Open a bundle on the host through Review's file picker (Review must be showing). */
export async function openBundleInReview(app: Page, bundle: string): Promise<void> {
  await app.getByRole('button', { name: 'Open a bundle file…' }).click();
  await app
    .getByRole('dialog', { name: 'Open a bundle' })
    .getByRole('button', { name: `Choose file ${path.basename(bundle)}` })
    .click();
}

/** Open a bundle on the host through Review's file picker, then go on to Submit. */
export async function openBundleToSubmit(app: Page, bundle: string): Promise<void> {
  await app.getByRole('link', { name: '3. Review' }).click();
  await openBundleInReview(app, bundle);
  await app.getByRole('button', { name: 'Continue to Submit' }).click();
}

/** Fill in a complete product-error case (nothing blocks a submission of it). */
export async function fillProductErrorCase(app: Page, summary: string): Promise<void> {
  await app.getByLabel('Summary', { exact: true }).fill(summary);
  await app.getByLabel('Case type').selectOption('product-error');
  await app.getByRole('radio', { name: 'P3 - Medium' }).check();
  await app
    .getByLabel('Description', { exact: true })
    .fill('Since the update every login fails with HTTP 500.');
  await app.getByLabel('Steps to reproduce').fill('Open the login page\nLog in as any user');
  await app.getByLabel('Expected result').fill('The dashboard opens');
  await app.getByLabel('Actual result').fill('HTTP 500 on every login');
  await app.getByLabel('Contact name').fill('Ana Lima');
  await app.getByLabel('Contact e-mail').fill('ana@example.com');
  await app.getByLabel('Product', { exact: true }).fill('IGL Server');
  await app.getByLabel('Product version').fill('5.2.1');
  await expect(app.getByTestId('checklist-complete')).toBeVisible();
}
