// The production build, hosted under a sub-path with the documented content security
// policy, keeps working with no network after one visit: the app shell, the
// WebAssembly runtime and the model come from the browser's caches, and the data
// entered offline is still there once the browser is back online.

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { expect, test } from '@playwright/test';

import { API_TERM, heading, readStoredData, waitForModel } from './helpers';
import {
  addTerm,
  answerGradedByModel,
  APP_BASE_PATH,
  collectCspViolations,
  BUILD_TIMEOUT_MS,
  builtApp,
  createDomain,
  FIRST_BUILD_ID,
  printBrowserProblems,
  goOffline,
  goOnline,
  startQuiz,
  waitUntilReadyOffline,
} from './support/offline-flows';
import { StaticHost, type ServedRequest } from './support/static-host';

const DOMAIN = 'Software basics';
const FIRST_TERM = { prompt: API_TERM.prompt, definition: API_TERM.definition, answer: API_TERM.paraphrase };
const OFFLINE_TERM = {
  prompt: 'Latency',
  definition: 'The time a message takes to travel from its sender to its receiver.',
};

let buildFolder: string;
let host: StaticHost;

test.beforeAll(async () => {
  test.setTimeout(BUILD_TIMEOUT_MS);
  buildFolder = await builtApp(FIRST_BUILD_ID);
  host = await StaticHost.start(buildFolder, APP_BASE_PATH);
});

test.afterAll(async () => {
  await host.stop();
});

/** Sums the bytes sent per path, so a file fetched twice shows up with both downloads. */
function bytesByPath(requests: readonly ServedRequest[]): Record<string, { requests: number; bytesSent: number; encoding: string }> {
  const totals: Record<string, { requests: number; bytesSent: number; encoding: string }> = {};
  for (const request of requests) {
    const total = (totals[request.path] ??= { requests: 0, bytesSent: 0, encoding: request.encoding });
    total.requests += 1;
    total.bytesSent += request.bytesSent;
  }
  return totals;
}

test('built index.html has no inline script', async () => {
  const html = await readFile(join(buildFolder, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script\b[^>]*>/gi)].map((match) => match[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) {
    expect(script, 'every script is loaded from a file').toMatch(/\bsrc\s*=/);
  }
  expect(html).not.toMatch(/\son[a-z]+\s*=/i);
});

test('manifest makes the app installable', async ({ page, context }) => {
  await page.goto(host.url);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  const devtools = await context.newCDPSession(page);
  const manifest = await devtools.send('Page.getAppManifest');
  expect(manifest.url).toBe(`${host.url}manifest.webmanifest`);
  expect(manifest.errors).toEqual([]);
  const { installabilityErrors } = await devtools.send('Page.getInstallabilityErrors');
  // Playwright's browser contexts are off-the-record profiles, where Chromium never offers to install.
  const errors = installabilityErrors.map((error) => error.errorId).filter((id) => id !== 'in-incognito');
  expect(errors, 'reasons Chromium gives for not offering to install the app').toEqual([]);
});

test('app works offline after one visit', async ({ page, context }) => {
  const violations = collectCspViolations(page);
  printBrowserProblems(page, 'page');

  // First visit: wait until the service worker and the stored model make the app ready offline.
  const firstVisitStart = host.log.length;
  await page.goto(host.url);
  await expect(heading(page, 'Your domains')).toBeVisible();
  await createDomain(page, DOMAIN);
  await addTerm(page, DOMAIN, FIRST_TERM.prompt, FIRST_TERM.definition);
  await waitUntilReadyOffline(page);

  const firstVisit = bytesByPath(host.logSince(firstVisitStart));
  await mkdir('test-reports', { recursive: true });
  await writeFile('test-reports/offline-first-visit.json', `${JSON.stringify(firstVisit, null, 2)}\n`);
  const modelDownloads = Object.entries(firstVisit).filter(([path]) => path.endsWith('model.onnx'));
  expect(modelDownloads, 'model.onnx is downloaded once on the first visit').toHaveLength(1);
  expect(modelDownloads[0]?.[1].requests).toBe(1);

  // Offline: reload, take a quiz graded by the model, add a term.
  await goOffline(context, host);
  const offlineStart = host.log.length;
  await page.reload();
  // The reload keeps the route in the URL's hash, so the domain's screen comes back.
  await expect(heading(page, DOMAIN)).toBeVisible();
  await waitForModel(page);
  await waitUntilReadyOffline(page);

  await startQuiz(page, DOMAIN);
  const verdict = await answerGradedByModel(page, FIRST_TERM.prompt, FIRST_TERM.answer);
  expect(verdict).toBe('Pass');
  await page.getByRole('button', { name: 'See the summary' }).click();
  await expect(heading(page, 'Quiz summary')).toBeVisible();

  await addTerm(page, DOMAIN, OFFLINE_TERM.prompt, OFFLINE_TERM.definition);

  // Requests that reached the server while offline: only the browser's own check for a new sw.js may try.
  const offlineRequests = host.logSince(offlineStart);
  for (const request of offlineRequests) {
    expect(request.path, 'only the service worker update check may reach for the network').toBe('sw.js');
  }

  // Online again: everything entered offline is still there after a reload.
  await goOnline(context, host);
  await page.reload();
  await expect(heading(page, DOMAIN)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Terms (2)' })).toBeVisible();
  await expect(page.getByRole('article', { name: OFFLINE_TERM.prompt })).toContainText(OFFLINE_TERM.definition);

  const stored = await readStoredData(page);
  expect(stored.domains).toBe(1);
  expect(stored.terms).toBe(2);
  expect(stored.attempts).toHaveLength(1);
  expect(stored.attempts[0]?.answer).toBe(FIRST_TERM.answer);
  expect(stored.attempts[0]?.verdict).toBe('pass');
  expect(stored.attempts[0]?.score).toEqual(expect.any(Number));
  expect(stored.attempts[0]?.modelId).not.toBe('');

  // Every screen renders under the content security policy, the progress charts included.
  const navigation = page.getByRole('navigation', { name: 'Main' });
  for (const link of await navigation.getByRole('link').all()) {
    await link.click();
    await expect(link).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  }
  expect(violations, 'content security policy violations').toEqual([]);
});
