import { defineConfig } from '@playwright/test';

// Debian's Chromium, because Playwright's own browser downloads are not available here.
const executablePath = process.env.TUTOR_CHROMIUM ?? '/usr/bin/chromium';
// 4174, not 4173, so that the tests do not collide with `npm start` serving on 4173.
const port = Number(process.env.TUTOR_E2E_PORT ?? '4174');
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'tests/e2e',
  // One worker: each test loads the 23 MB model and runs it on one CPU thread.
  workers: 1,
  fullyParallel: false,
  forbidOnly: process.env.CI !== undefined,
  // NOTE: generous limits for a 2-core machine that is busy with other work;
  // a model load plus a few gradings took about 10 s per test there.
  timeout: 180_000,
  expect: { timeout: 60_000 },
  // The JSON report feeds the pass and fail totals that .ci/run prints.
  reporter: [['list'], ['json', { outputFile: 'test-reports/playwright.json' }]],
  use: {
    baseURL,
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: `npx vite build && npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: baseURL,
    // A server left running on the port could be serving an old build; fail instead.
    reuseExistingServer: false,
    timeout: 300_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
