// Steps the offline tests share: building the app into a folder, creating terms,
// taking a quiz, reading and tampering with the stored model files.

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { expect, type BrowserContext, type Page } from '@playwright/test';

import { MODEL_CACHE_NAME, storedFileKey, type StoredFileId } from '../../../src/offline/model-cache';
import { heading } from '../helpers';
import type { StaticHost } from './static-host';

/** Sub-path the tests host the app under, to prove the build does not assume the site root. */
export const APP_BASE_PATH = '/tutor/';

/** Build ids of the version a learner has and of the update published during a test. */
export const FIRST_BUILD_ID = 'offline-test-1';
export const UPDATE_BUILD_ID = 'offline-test-2';

/**
 * The tests build their own copies instead of serving dist/, which `npm start` and the
 * webServer of playwright.config.ts rebuild whenever they run. The folders are
 * overwritten by the next run rather than piling up.
 */
const BUILD_ROOT = join(process.cwd(), 'node_modules', '.cache', 'tutor-offline-tests');

const builds = new Map<string, Promise<string>>();

/**
 * Returns the folder of a production build made with VITE_BUILD_ID set to `buildId`,
 * building it on the first call in this test worker. With TUTOR_OFFLINE_REUSE_BUILDS=1,
 * a build left by an earlier run is used as it is, which saves minutes while working
 * on the tests but tests stale code after a source change.
 */
export function builtApp(buildId: string): Promise<string> {
  let build = builds.get(buildId);
  const outDir = join(BUILD_ROOT, buildId);
  if (build === undefined && process.env.TUTOR_OFFLINE_REUSE_BUILDS === '1' && existsSync(join(outDir, 'sw.js'))) {
    build = Promise.resolve(outDir);
    builds.set(buildId, build);
  }
  if (build === undefined) {
    build = promisify(execFile)('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
      env: { ...process.env, VITE_BUILD_ID: buildId },
      maxBuffer: 16 * 1024 * 1024,
    }).then(() => outDir);
    builds.set(buildId, build);
  }
  return build;
}

/** Time limit in milliseconds for a beforeAll hook that builds the app; `vite build` may take minutes on a loaded machine. */
export const BUILD_TIMEOUT_MS = 6 * 60 * 1000;

/**
 * Collects content security policy violations reported in the page. Workers report
 * theirs on the console, so console messages that name the policy count as well.
 */
export function collectCspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) {
      violations.push(message.text());
    }
  });
  void page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`Content Security Policy violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });
  return violations;
}

/**
 * Prints the warnings and errors that the page and its workers log, prefixed with
 * `label`, so that a failed run shows what the grader worker or the service worker
 * registration reported.
 */
export function printBrowserProblems(page: Page, label: string): void {
  const print = (source: string, type: string, text: string): void => {
    if (type === 'warning' || type === 'error') {
      console.log(`[${label} ${source} ${type}] ${text}`);
    }
  };
  page.on('console', (message) => print('page', message.type(), message.text()));
  // Chromium reports the console messages of the page's workers on the page too.
  page.on('pageerror', (error) => print('page', 'error', error.message));
}

export async function waitUntilReadyOffline(page: Page): Promise<void> {
  await expect(page.getByTestId('offline-status')).toHaveText(/^Ready offline/, { timeout: 150_000 });
}

/** Takes the browser and the server offline, so no request can reach the network either way. */
export async function goOffline(context: BrowserContext, host: StaticHost): Promise<void> {
  await context.setOffline(true);
  host.setOffline(true);
}

export async function goOnline(context: BrowserContext, host: StaticHost): Promise<void> {
  host.setOffline(false);
  await context.setOffline(false);
}

export async function createDomain(page: Page, name: string): Promise<void> {
  await page.getByRole('link', { name: 'Domains', exact: true }).click();
  await expect(heading(page, 'Your domains')).toBeVisible();
  await page.getByLabel('Domain name').fill(name);
  await page.getByRole('button', { name: 'Create domain' }).click();
  await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
}

/** Adds a term with one definition to the named domain, starting from any screen. */
export async function addTerm(page: Page, domainName: string, prompt: string, definition: string): Promise<void> {
  await page.getByRole('link', { name: 'Domains', exact: true }).click();
  await page.getByRole('link', { name: domainName, exact: true }).click();
  await expect(heading(page, domainName)).toBeVisible();
  await page.getByRole('button', { name: 'Add a term' }).click();
  const editor = page.getByRole('form', { name: 'New term' });
  await editor.getByLabel('Prompt (the term or question)').fill(prompt);
  await editor.getByRole('textbox', { name: 'Definition 1', exact: true }).fill(definition);
  await editor.getByRole('button', { name: 'Save term' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Added the term "${prompt}".` })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
}

/** Opens the quiz on the named domain and starts it. */
export async function startQuiz(page: Page, domainName: string): Promise<void> {
  await page.getByRole('link', { name: 'Domains', exact: true }).click();
  await page.getByRole('link', { name: `Quiz on ${domainName}` }).click();
  await page.getByRole('button', { name: 'Start quiz' }).click();
}

/** Answers the current term and waits until the model's verdict is shown; returns it. */
export async function answerGradedByModel(page: Page, prompt: string, answer: string): Promise<string> {
  await expect(page.getByRole('heading', { level: 2, name: prompt })).toBeVisible();
  await page.getByLabel(/Your answer/).fill(answer);
  await page.getByRole('button', { name: 'Check answer' }).click();
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toHaveText(/^(Pass|Fail)$/);
  // A model verdict shows a score; a self-graded one does not.
  await expect(page.getByRole('meter', { name: 'Score' })).toBeVisible();
  return (await verdict.textContent()) ?? '';
}

/** Returns the lowercase hex sha256 of the stored copy of a model file, or null when none is stored. */
export async function storedFileSha256(page: Page, file: StoredFileId): Promise<string | null> {
  return page.evaluate(
    async ({ cacheName, url }) => {
      const response = await (await caches.open(cacheName)).match(url);
      if (response === undefined) {
        return null;
      }
      const digest = await crypto.subtle.digest('SHA-256', await response.arrayBuffer());
      return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
    },
    { cacheName: MODEL_CACHE_NAME, url: storedFileKey(file) },
  );
}

/** Flips one byte in the middle of the stored copy of a model file, keeping its size. */
export async function corruptStoredFile(page: Page, file: StoredFileId): Promise<void> {
  await page.evaluate(
    async ({ cacheName, url }) => {
      const cache = await caches.open(cacheName);
      const response = await cache.match(url);
      if (response === undefined) {
        throw new Error(`${url} is not in the ${cacheName} cache.`);
      }
      const bytes = new Uint8Array(await response.arrayBuffer());
      const middle = Math.floor(bytes.length / 2);
      bytes[middle] = (bytes[middle] ?? 0) ^ 0xff;
      await cache.put(url, new Response(bytes, { headers: response.headers }));
    },
    { cacheName: MODEL_CACHE_NAME, url: storedFileKey(file) },
  );
}
