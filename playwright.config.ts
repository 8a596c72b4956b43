// Browser tests of the UI against the real `casepack serve`, in Debian's Chromium (never a
// downloaded browser: `playwright install` cannot work here). Screenshots of every screen are
// saved under test-results/e2e/ as artifacts.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '*.spec.ts',
  outputDir: 'test-results/e2e',
  timeout: 180_000,
  expect: { timeout: 30_000 },
  // Two shared cores: one browser at a time keeps the servers the tests start responsive.
  workers: 1,
  fullyParallel: false,
  reporter: [['list']],
  globalSetup: './test/e2e/global-setup.ts',
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
});
