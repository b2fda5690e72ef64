// A stored model file that no longer matches the sha256 in the model manifest is
// deleted and downloaded again. When it cannot be downloaded (offline), the page says
// why, and quizzes fall back to self-grading against the reference.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { expect, test, type Page } from '@playwright/test';

import { API_TERM, heading, waitForModel } from './helpers';
import {
  addTerm,
  answerGradedByModel,
  APP_BASE_PATH,
  BUILD_TIMEOUT_MS,
  builtApp,
  corruptStoredFile,
  createDomain,
  FIRST_BUILD_ID,
  printBrowserProblems,
  goOffline,
  goOnline,
  startQuiz,
  storedFileSha256,
  waitUntilReadyOffline,
} from './support/offline-flows';
import { StaticHost } from './support/static-host';
import type { StoredFileId } from '../../src/offline/model-cache';

const DOMAIN = 'Software basics';

interface ModelFacts {
  /** The stored model file's URL and expected sha256. */
  modelFile: StoredFileId;
  modelPath: string;
  tokenizerPath: string;
}

let host: StaticHost;
let model: ModelFacts;

test.describe.configure({ timeout: 300_000 });

test.beforeAll(async () => {
  test.setTimeout(BUILD_TIMEOUT_MS);
  const buildFolder = await builtApp(FIRST_BUILD_ID);
  host = await StaticHost.start(buildFolder, APP_BASE_PATH);

  const index = JSON.parse(await readFile(join(buildFolder, 'models', 'index.json'), 'utf8')) as { default: string };
  const manifest = JSON.parse(await readFile(join(buildFolder, 'models', index.default, 'manifest.json'), 'utf8')) as {
    modelFile: string;
    tokenizerFile: string;
    files: Record<string, { sha256: string }>;
  };
  const modelPath = `models/${index.default}/${manifest.modelFile}`;
  model = {
    modelFile: { url: `${host.url}${modelPath}`, sha256: manifest.files[manifest.modelFile]?.sha256 ?? '' },
    modelPath,
    tokenizerPath: `models/${index.default}/${manifest.tokenizerFile}`,
  };
});

test.afterAll(async () => {
  await host.stop();
});

/** Collects what the grader worker logs, because that is where a discarded copy is reported. */
function collectWorkerLogs(page: Page): string[] {
  const lines: string[] = [];
  page.on('worker', (worker) => {
    worker.on('console', (message) => lines.push(message.text()));
  });
  return lines;
}

async function firstVisit(page: Page): Promise<void> {
  printBrowserProblems(page, 'page');
  await page.goto(host.url);
  await expect(heading(page, 'Your domains')).toBeVisible();
  await createDomain(page, DOMAIN);
  await addTerm(page, DOMAIN, API_TERM.prompt, API_TERM.definition);
  await waitUntilReadyOffline(page);
  expect(await storedFileSha256(page, model.modelFile), 'stored model before tampering').toBe(model.modelFile.sha256);
}

test('corrupted stored model is replaced', async ({ page }) => {
  const workerLogs = collectWorkerLogs(page);
  await firstVisit(page);

  await corruptStoredFile(page, model.modelFile);
  expect(await storedFileSha256(page, model.modelFile)).not.toBe(model.modelFile.sha256);

  const reloadStart = host.log.length;
  await page.reload();
  await waitForModel(page);
  await waitUntilReadyOffline(page);

  expect(await storedFileSha256(page, model.modelFile), 'stored model after the reload').toBe(model.modelFile.sha256);
  expect(workerLogs.some((line) => line.includes('Deleting the stored copy') && line.includes('model.onnx'))).toBe(true);
  const downloads = host.logSince(reloadStart).filter((request) => request.status === 200);
  const modelDownloads = downloads.filter((request) => request.path === model.modelPath);
  expect(modelDownloads, 'the corrupted model is downloaded again').toHaveLength(1);
  const tokenizerDownloads = downloads.filter((request) => request.path === model.tokenizerPath);
  expect(tokenizerDownloads, 'the intact tokenizer is not downloaded again').toHaveLength(0);

  await startQuiz(page, DOMAIN);
  expect(await answerGradedByModel(page, API_TERM.prompt, API_TERM.paraphrase)).toBe('Pass');
});

test('corrupted model offline falls back to self-grading', async ({ page, context }) => {
  await firstVisit(page);
  await corruptStoredFile(page, model.modelFile);

  await goOffline(context, host);
  await page.reload();
  const failure = page.getByRole('alert').filter({ hasText: 'The grading model could not load' });
  await expect(failure).toContainText('did not match the manifest and was deleted');
  await expect(failure).toContainText('model.onnx');
  await expect(page.getByTestId('offline-status')).toHaveText(/^Not ready offline/);
  expect(await storedFileSha256(page, model.modelFile), 'the corrupted copy is gone').toBeNull();

  await startQuiz(page, DOMAIN);
  await expect(page.getByRole('heading', { level: 2, name: API_TERM.prompt })).toBeVisible();
  await page.getByLabel(/Your answer/).fill(API_TERM.paraphrase);
  await page.getByRole('button', { name: 'Check answer' }).click();
  await expect(page.getByRole('heading', { name: 'Grade your answer' })).toBeVisible();
  await expect(page.getByTestId('reference')).toContainText(API_TERM.definition);
  await page.getByRole('button', { name: 'I was right' }).click();
  await expect(page.getByTestId('verdict')).toHaveText('Pass');
  await expect(page.getByTestId('verdict-detail')).toContainText('graded by you');

  // Back online, loading again downloads a good copy, and the app is ready offline again.
  await goOnline(context, host);
  await page.getByRole('button', { name: 'Try loading again' }).click();
  await waitForModel(page);
  await waitUntilReadyOffline(page);
  expect(await storedFileSha256(page, model.modelFile), 'stored model after loading again').toBe(model.modelFile.sha256);
});
