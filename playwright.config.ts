import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutablePath } from './scripts/shared/chromium';

const projectRoot = fileURLToPath(new URL('.', import.meta.url));
// 4174, not 4173, so that the tests do not collide with `npm start` serving on 4173.
const port = Number(process.env.TUTOR_E2E_PORT ?? '4174');
const baseURL = `http://127.0.0.1:${port}`;
// Build folder. A separate one keeps this run from replacing files that another run
// serves, so Vite's lock against two builds of one project can then be bypassed too.
const outDir = process.env.TUTOR_E2E_DIST ?? 'dist';
const buildLockOption = process.env.TUTOR_E2E_DIST === undefined ? '' : ' --bypass-lock';

export default defineConfig({
  testDir: 'tests/e2e',
  // Separate folders let two runs share a work tree; each run empties its own folder first.
  outputDir: process.env.TUTOR_E2E_OUTPUT_DIR ?? 'test-results',
  // One worker: each test loads the 23 MB model and runs it on one CPU thread.
  workers: 1,
  fullyParallel: false,
  forbidOnly: process.env.CI !== undefined,
  // NOTE: generous limits. On a 2-core machine shared with model training and other
  // test runs (load average about 30), one click took up to 10 s and this flow 6 minutes.
  timeout: 600_000,
  expect: { timeout: 60_000 },
  // The JSON report feeds the pass and fail totals that .ci/run prints.
  reporter: [['list'], ['json', { outputFile: 'test-reports/playwright.json' }]],
  use: {
    baseURL,
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: chromiumExecutablePath(),
      args: [...CHROMIUM_ARGS],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: {
    // The project root, so that configs that extend this one from elsewhere still build the app.
    cwd: projectRoot,
    // --bypass-lock lets this preview run beside `npm start`'s preview of the same
    // project; Vite 8 otherwise refuses a second preview process.
    command: `npx vite build --outDir ${outDir} --emptyOutDir${buildLockOption} && npx vite preview --outDir ${outDir} --host 127.0.0.1 --port ${port} --strictPort --bypass-lock`,
    url: baseURL,
    // A server left running on the port could be serving an old build; fail instead.
    reuseExistingServer: false,
    timeout: 300_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
