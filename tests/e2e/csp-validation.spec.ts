// Schema validation in the production build, hosted with the documented content
// security policy, whose script-src has no 'unsafe-eval'. Pack import, term-list import
// and the curriculum's checks of a language model's replies must all work, and the page
// must report no policy violation. The language model is the faulty test server on
// 127.0.0.1, and the policy's connect-src lists its origin as docs/hosting.md describes.

import { expect, test, type Page } from '@playwright/test';

import { FAKE_MODEL_ID, startFaultyServer, type FaultBehaviour, type FaultyServer } from '../../scripts/llm/faulty-server';
import { BAD_PACK_INPUTS, BAD_TERM_LIST_INPUTS, validTestPack } from '../fixtures/packs/bad-inputs';
import { heading, readStoredData } from './helpers';
import { expectImportProblem, pickImportFile, readStoredDomains, skipModelDownload } from './packs-helpers';
import { APP_BASE_PATH, BUILD_TIMEOUT_MS, builtApp, collectCspViolations, FIRST_BUILD_ID } from './support/offline-flows';
import { hostingHeaders, StaticHost } from './support/static-host';

// The service worker would download the model for offline use, which skipModelDownload cannot stop.
test.use({ serviceWorkers: 'block' });

let host: StaticHost;
let languageModel: FaultyServer;
let violations: string[] = [];
let pageErrors: string[] = [];

test.beforeAll(async () => {
  test.setTimeout(BUILD_TIMEOUT_MS);
  languageModel = await startFaultyServer();
  const buildFolder = await builtApp(FIRST_BUILD_ID);
  host = await StaticHost.start(buildFolder, APP_BASE_PATH, hostingHeaders([languageModel.url]));
});

test.afterAll(async () => {
  await host?.stop();
  await languageModel?.close();
});

test.beforeEach(async ({ page }) => {
  violations = collectCspViolations(page);
  pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await skipModelDownload(page);
});

test.afterEach(() => {
  expect(violations, 'content security policy violations').toEqual([]);
  expect(pageErrors, 'uncaught errors in the page').toEqual([]);
});

test('policy has no unsafe-eval', () => {
  const policy = hostingHeaders()['Content-Security-Policy'] ?? '';
  expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval';");
  expect(policy).not.toContain("'unsafe-eval'");
});

test('valid pack imports with its terms', async ({ page }) => {
  await page.goto(`${host.url}#/import`);
  await pickImportFile(page, 'networking.json', JSON.stringify(validTestPack()), 'application/json');
  await expect(page.getByTestId('preview-domain-name')).toHaveText('Networking');
  await page.getByRole('button', { name: 'Import "Networking"' }).click();

  await expect(heading(page, 'Networking')).toBeVisible();
  await expect(page.getByRole('heading', { level: 4, name: 'TCP', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { level: 4, name: 'UDP', exact: true })).toBeVisible();
  const stored = await readStoredDomains(page);
  expect(stored.map((domain) => domain.name)).toEqual(['Networking']);
  expect(stored[0]?.terms.map((term) => term.prompt)).toEqual(['TCP', 'UDP']);
});

// Cases that only the compiled schemas catch: a missing property, a wrong type, a
// pattern, and a term-list row checked against the pack schema's rules.
const SCHEMA_CASES = ['missing required field', 'wrong type of value', 'empty required field', 'CSV with an empty definition'];

for (const kind of SCHEMA_CASES) {
  test(`broken file: ${kind}`, async ({ page }) => {
    const badInput = [...BAD_PACK_INPUTS, ...BAD_TERM_LIST_INPUTS].find((candidate) => candidate.kind === kind);
    if (badInput === undefined) {
      throw new Error(`tests/fixtures/packs/bad-inputs.ts has no case "${kind}".`);
    }
    await page.goto(`${host.url}#/import`);
    await pickImportFile(page, badInput.fileName, badInput.bytes);

    await expectImportProblem(page, badInput);
    expect(await readStoredDomains(page)).toEqual([]);
  });
}

/** Saves the language model settings, pointing at the faulty server's `behaviour`. */
async function saveModelSettings(page: Page, behaviour: FaultBehaviour): Promise<void> {
  await page.goto(`${host.url}#/curriculum/model`);
  await page.getByLabel('Base URL').fill(languageModel.baseUrl(behaviour));
  await page.getByLabel('Model', { exact: true }).fill(FAKE_MODEL_ID);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved the language model settings.' })).toBeVisible();
}

/** Asks for a draft of 2 subdomains with 2 terms each, in one attempt per request. */
async function generateDraft(page: Page, domainName: string): Promise<void> {
  await page.goto(`${host.url}#/curriculum`);
  await page.getByLabel('Domain name').fill(domainName);
  await page.getByLabel('Subdomains').fill('2');
  await page.getByLabel('Terms per subdomain').fill('2');
  await page.getByText('Advanced').click();
  await page.getByLabel('Max tokens per request').fill('200');
  await page.getByLabel('Attempts per request').fill('1');
  await page.getByRole('button', { name: 'Generate draft' }).click();
}

/** Returns the JSON schemas that the app sent in response_format to the faulty server's `behaviour`. */
function sentSchemas(behaviour: FaultBehaviour): unknown[] {
  return languageModel.requests
    .filter((request) => request.behaviour === behaviour && request.path === '/v1/chat/completions')
    .map((request) => (request.body as { response_format?: { json_schema?: { schema?: unknown } } }).response_format?.json_schema?.schema);
}

test('valid replies give a draft', async ({ page }) => {
  await saveModelSettings(page, 'ok');
  await generateDraft(page, 'Fake subject');

  await expect(page.getByTestId('draft-review').getByTestId('draft-term')).toHaveCount(4);
  await expect(page.getByTestId('generation-error')).toHaveCount(0);
  // The schemas sent carry the counts chosen in the form.
  const schemas = sentSchemas('ok');
  expect(schemas).toHaveLength(3);
  expect(schemas[0]).toMatchObject({ properties: { subdomains: { maxItems: 2 } } });
  expect(schemas[1]).toMatchObject({ properties: { terms: { maxItems: 2 } } });
  expect(schemas[2]).toMatchObject({ properties: { terms: { maxItems: 2 } } });
});

test('reply over the chosen count is rejected', async ({ page }) => {
  await saveModelSettings(page, 'too-many-items');
  await generateDraft(page, 'Fake subject');

  const error = page.getByTestId('generation-error');
  await expect(error).toContainText('did not follow the requested JSON schema after 1 attempt');
  await expect(error).toContainText('/subdomains must NOT have more than 2 items');
  expect((await readStoredData(page)).domains).toBe(0);
});

test('reply of the wrong shape is rejected', async ({ page }) => {
  await saveModelSettings(page, 'schema-mismatch');
  await generateDraft(page, 'Fake subject');

  const error = page.getByTestId('generation-error');
  await expect(error).toContainText('did not follow the requested JSON schema after 1 attempt');
  await expect(error).toContainText("/subdomains/0 must have required property 'name'");
  await expect(error).toContainText('must NOT have additional properties ("title")');
});

/**
 * Returns the policy violations collected so far and empties the list, for a test that
 * causes one on purpose, so that afterEach still fails on any other.
 */
function takeViolations(): string[] {
  return violations.splice(0);
}

// The same servers under the name localhost: another origin, which connect-src does not list.
test('model server outside connect-src is named', async ({ page }) => {
  const unlisted = languageModel.baseUrl('ok').replace('127.0.0.1', 'localhost');
  const unlistedOrigin = new URL(unlisted).origin;
  await page.goto(`${host.url}#/curriculum/model`);
  await page.getByLabel('Base URL').fill(unlisted);
  await page.getByRole('button', { name: 'Test connection' }).click();

  const result = page.getByTestId('connection-result');
  await expect(result).toContainText(`content security policy does not allow connections to ${unlistedOrigin}`);
  await expect(result).toContainText(`add ${unlistedOrigin} to connect-src`);
  await expect(result).not.toContainText('Could not connect');
  expect(takeViolations().some((violation) => violation.includes(unlistedOrigin))).toBe(true);
});

test('pack URL outside connect-src is named', async ({ page }) => {
  const unlisted = `${host.url.replace('127.0.0.1', 'localhost')}manifest.webmanifest`;
  const unlistedOrigin = new URL(unlisted).origin;
  await page.goto(`${host.url}#/import`);
  await page.getByLabel('Address of a pack or term list').fill(unlisted);
  await page.getByRole('button', { name: 'Fetch' }).click();

  const problem = page.getByTestId('import-problems').locator('li[data-code="fetch-blocked-by-policy"]');
  await expect(problem).toContainText(`does not allow connections to ${unlistedOrigin}`);
  await expect(problem).toContainText('Choose file');
  expect(await readStoredDomains(page)).toEqual([]);
  expect(takeViolations().some((violation) => violation.includes(unlistedOrigin))).toBe(true);
});
