// Publishing a new build at the same URL: the learner is offered "Reload to update"
// once a quiz in progress has ended, accepting it brings up the new version with
// every stored record intact, and only the files that changed are downloaded.

import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

import { expect, test } from '@playwright/test';

import { API_TERM, heading, PHOTOSYNTHESIS_TERM, readStoredData } from './helpers';
import {
  addTerm,
  answerGradedByModel,
  APP_BASE_PATH,
  BUILD_TIMEOUT_MS,
  builtApp,
  createDomain,
  FIRST_BUILD_ID,
  printBrowserProblems,
  startQuiz,
  UPDATE_BUILD_ID,
  waitUntilReadyOffline,
} from './support/offline-flows';
import { StaticHost } from './support/static-host';

const DOMAIN = 'Science and software';

let host: StaticHost;
let firstFolder: string;
let updateFolder: string;

test.describe.configure({ timeout: 400_000 });

test.beforeAll(async () => {
  test.setTimeout(2 * BUILD_TIMEOUT_MS);
  firstFolder = await builtApp(FIRST_BUILD_ID);
  updateFolder = await builtApp(UPDATE_BUILD_ID);
  host = await StaticHost.start(firstFolder, APP_BASE_PATH);
});

test.afterAll(async () => {
  await host.stop();
});

/** Returns the path of the entry script that a build's index.html loads, such as 'assets/index-abc.js'. */
async function entryScriptPath(buildFolder: string): Promise<string> {
  const html = await readFile(join(buildFolder, 'index.html'), 'utf8');
  const match = /<script[^>]*\ssrc="\.\/([^"]+)"/.exec(html);
  if (!match?.[1]) {
    throw new Error(`${buildFolder}/index.html loads no script.`);
  }
  return match[1];
}

/** Returns the paths, relative to the build folder, of every file in it. */
async function filesIn(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(folder, join(entry.parentPath, entry.name)));
}

/**
 * Returns the paths of the files of `updated` that are new or differ from `current`.
 * The two builds differ in their build id, and in the model too when the model files
 * under public/models changed between the two builds.
 */
async function changedFiles(current: string, updated: string): Promise<Set<string>> {
  const changed = new Set<string>();
  for (const path of await filesIn(updated)) {
    const before = await readFile(join(current, path)).catch(() => null);
    if (before === null || !before.equals(await readFile(join(updated, path)))) {
      changed.add(path);
    }
  }
  return changed;
}

test('update waits for the quiz and keeps the data', async ({ page, context }) => {
  printBrowserProblems(page, 'first tab');
  await page.goto(host.url);
  await expect(heading(page, 'Your domains')).toBeVisible();
  await createDomain(page, DOMAIN);
  await addTerm(page, DOMAIN, API_TERM.prompt, API_TERM.definition);
  await addTerm(page, DOMAIN, PHOTOSYNTHESIS_TERM.prompt, PHOTOSYNTHESIS_TERM.definition);
  await waitUntilReadyOffline(page);
  await expect(page.getByTestId('app-version')).toHaveText(`Version 0.1.0 (build ${FIRST_BUILD_ID})`);

  // A quiz is in progress when the new version is published and found.
  await startQuiz(page, DOMAIN);
  await answerGradedByModel(page, API_TERM.prompt, API_TERM.paraphrase);
  const publishStart = host.log.length;
  host.publish(updateFolder);
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration?.update();
  });
  const offer = page.getByTestId('update-offer');
  await expect(offer).toContainText('it will be offered when this quiz ends');
  await expect(page.getByRole('button', { name: 'Reload to update' })).toHaveCount(0);

  // The quiz goes on with the version it started with.
  await page.getByRole('button', { name: 'Next term' }).click();
  await answerGradedByModel(page, PHOTOSYNTHESIS_TERM.prompt, PHOTOSYNTHESIS_TERM.secondDefinition);
  await expect(page.getByTestId('app-version')).toHaveText(`Version 0.1.0 (build ${FIRST_BUILD_ID})`);
  await page.getByRole('button', { name: 'See the summary' }).click();
  await expect(heading(page, 'Quiz summary')).toBeVisible();
  await expect(offer).toContainText('A new version of the app is ready.');

  // A second tab of the old version shows the waiting update too.
  const otherTab = await context.newPage();
  printBrowserProblems(otherTab, 'second tab');
  await otherTab.goto(host.url);
  await expect(otherTab.getByTestId('app-version')).toHaveText(`Version 0.1.0 (build ${FIRST_BUILD_ID})`);
  await expect(otherTab.getByRole('button', { name: 'Reload to update' })).toBeVisible();

  await page.getByRole('button', { name: 'Reload to update' }).click();
  await expect(page.getByTestId('app-version')).toHaveText(`Version 0.1.0 (build ${UPDATE_BUILD_ID})`);
  await expect(page.getByTestId('update-offer')).not.toContainText('new version');

  // The page runs the new build only, and the other tab says that its code is outdated.
  const scripts = await page.evaluate(() => Array.from(document.scripts, (script) => script.src));
  expect(scripts).toEqual([`${host.url}${await entryScriptPath(updateFolder)}`]);
  await expect(otherTab.getByTestId('update-offer')).toContainText('activated in another tab');

  // Every record survived the update.
  await waitUntilReadyOffline(page);
  const stored = await readStoredData(page);
  expect(stored.domains).toBe(1);
  expect(stored.terms).toBe(2);
  expect(stored.attempts).toHaveLength(2);
  expect(stored.attempts.map((attempt) => attempt.answer)).toEqual([API_TERM.paraphrase, PHOTOSYNTHESIS_TERM.secondDefinition]);

  // Only the files that differ between the builds were downloaded, which leaves out the WebAssembly runtime.
  const changed = await changedFiles(firstFolder, updateFolder);
  expect(changed).toContain('sw.js');
  expect(changed).toContain(await entryScriptPath(updateFolder));
  expect([...changed].some((path) => path.endsWith('.wasm')), 'the builds share the WebAssembly file').toBe(false);
  const downloads = host.logSince(publishStart).filter((request) => request.status === 200);
  expect(downloads.length).toBeGreaterThan(0);
  for (const download of downloads) {
    expect(changed, `${download.path} was downloaded after the update was published`).toContain(download.path);
  }
});
