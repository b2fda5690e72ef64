// Faults of a language-model server as the browser meets them: CORS refusal, unreachable
// server, HTTP errors, a cancel. The misbehaving server runs in this test process on 127.0.0.1.
import { createServer } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { FAKE_MODEL_ID, startFaultyServer, type FaultyServer } from '../../scripts/llm/faulty-server';
import { saveModelSettings, startGeneration } from './curriculum-helpers';
import { readStoredData } from './helpers';

let server: FaultyServer;

test.beforeAll(async () => {
  server = await startFaultyServer();
});

test.afterAll(async () => {
  await server.close();
});

const SMALL = { subdomains: 2, terms: 2, maxTokens: 200, attempts: 1 };

/** Dispatches a cancelable beforeunload event in the page and returns whether a handler cancelled it. */
function beforeUnloadIsCancelled(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const event = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(event);
    return event.defaultPrevented;
  });
}

test('CORS refusal names the origin and the server setting', async ({ page, baseURL }) => {
  const origin = new URL(baseURL ?? '').origin;
  await page.goto('./#/curriculum/model');
  await page.getByLabel('Base URL').fill(server.baseUrl('no-cors'));
  await page.getByRole('button', { name: 'Test connection' }).click();
  const result = page.getByTestId('connection-result');
  await expect(result).toContainText('blocked the reply');
  await expect(result).toContainText('(CORS)');
  await expect(result).toContainText(`Allow the origin ${origin}`);
  await expect(result).toContainText(`OLLAMA_ORIGINS=${origin}`);
  await expect(result).toContainText('--allowed-origins');
});

test('unreachable server', async ({ page }) => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => probe.close(() => resolve()));

  await page.goto('./#/curriculum/model');
  await page.getByLabel('Base URL').fill(`http://127.0.0.1:${port}/v1`);
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByTestId('connection-result')).toContainText(`Could not connect to http://127.0.0.1:${port}/v1`);
});

test('invalid base URL', async ({ page }) => {
  await page.goto('./#/curriculum/model');
  await page.getByLabel('Base URL').fill('localhost:8080');
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByTestId('connection-result')).toContainText('uses localhost:, but only http: and https: are supported');
});

test('401 hides the key and keeps the database unchanged', async ({ page }) => {
  const key = 'sk-e2e-secret-key-0123456789';
  await saveModelSettings(page, server.baseUrl('unauthorized'), FAKE_MODEL_ID, key);
  await startGeneration(page, 'Web APIs', SMALL);
  const error = page.getByTestId('generation-error');
  await expect(error).toContainText('rejected the API key (401');
  await expect(error).not.toContainText(key);
  await expect(error.getByRole('link', { name: 'Open the language model settings' })).toBeVisible();
  const stored = await readStoredData(page);
  expect(stored.domains).toBe(0);
  expect(stored.terms).toBe(0);
  // The key is kept in IndexedDB only, not in Web Storage.
  const webStorage = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(webStorage).not.toContain(key);
});

test('5xx during generation leaves nothing saved', async ({ page }) => {
  await saveModelSettings(page, server.baseUrl('server-error'), FAKE_MODEL_ID);
  await startGeneration(page, 'Web APIs', SMALL);
  await expect(page.getByTestId('generation-error')).toContainText('failed with 500');
  await expect(page.getByTestId('draft-review')).toHaveCount(0);
  expect((await readStoredData(page)).domains).toBe(0);
});

test('cancel stops a streaming generation', async ({ page }) => {
  await saveModelSettings(page, server.baseUrl('slow-stream'), FAKE_MODEL_ID);
  await startGeneration(page, 'Web APIs', SMALL);
  await expect(page.getByTestId('generation-progress')).toContainText('characters received');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('generation-error')).toContainText('Generation was cancelled; nothing was saved.');
  await expect(page.getByRole('button', { name: 'Generate draft' })).toBeEnabled();
  expect((await readStoredData(page)).domains).toBe(0);
});

test('fake server draft can be saved in part', async ({ page }) => {
  await saveModelSettings(page, server.baseUrl('ok'), FAKE_MODEL_ID);
  await startGeneration(page, 'Fake subject', SMALL);
  const review = page.getByTestId('draft-review');
  await expect(review.getByTestId('draft-term')).toHaveCount(4);
  await expect(page.getByRole('button', { name: 'Generate draft' })).toBeEnabled();

  // An unsaved draft makes the browser confirm before the tab closes or reloads.
  expect(await beforeUnloadIsCancelled(page)).toBe(true);

  // The later of two terms with the same prompt is flagged, and saving both is rejected.
  const terms = review.getByTestId('draft-term');
  const firstPrompt = await terms.nth(0).getByLabel('Term', { exact: true }).inputValue();
  await terms.nth(1).getByLabel('Term', { exact: true }).fill(firstPrompt);
  await expect(review.getByTestId('duplicate-flag')).toHaveCount(1);
  await expect(terms.nth(1).getByTestId('duplicate-flag')).toContainText('already has a term with this prompt');
  await terms.nth(0).getByRole('checkbox').check();
  await terms.nth(1).getByRole('checkbox').check();
  await review.getByRole('button', { name: 'Save 2 accepted terms' }).click();
  await expect(page.getByTestId('generation-error')).toContainText('have the same prompt');
  expect((await readStoredData(page)).domains).toBe(0);

  // Deleting one of the pair clears the flag; the remaining accepted term is saved alone.
  await terms.nth(1).getByRole('button', { name: 'Delete term' }).click();
  await expect(review.getByTestId('duplicate-flag')).toHaveCount(0);
  await review.getByRole('button', { name: 'Save 1 accepted term' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Fake subject' })).toBeVisible();
  const stored = await readStoredData(page);
  expect(stored.domains).toBe(1);
  expect(stored.subdomains).toBe(1);
  expect(stored.terms).toBe(1);
  expect(await beforeUnloadIsCancelled(page)).toBe(false);
});
