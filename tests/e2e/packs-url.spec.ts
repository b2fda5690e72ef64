// URL import against a server this file starts on 127.0.0.1. Its port differs from the
// app's, so the browser applies CORS: /cors/ sends Access-Control-Allow-Origin and
// /no-cors/ does not.

import { expect, test } from '@playwright/test';
import { startPackServer, type PackServer } from '../fixtures/packs/pack-server';
import { heading } from './helpers';
import { readStoredDomains, skipModelDownload } from './packs-helpers';

test.use({ serviceWorkers: 'block' });

let server: PackServer;

test.beforeEach(async ({ page }) => {
  await skipModelDownload(page);
});

test.beforeAll(async () => {
  server = await startPackServer();
});

test.afterAll(async () => {
  await server.close();
});

test('URL import with CORS headers', async ({ page }) => {
  await page.goto('./#/import');
  await page.getByLabel('Address of a pack or term list').fill(`${server.url}/cors/example.tutor-pack.json`);
  await page.getByRole('button', { name: 'Fetch' }).click();

  await expect(page.getByTestId('preview-domain-name')).toHaveText('Web APIs (example pack)');
  await page.getByRole('button', { name: 'Import "Web APIs (example pack)"' }).click();
  await expect(heading(page, 'Web APIs (example pack)')).toBeVisible();
  expect((await readStoredDomains(page))[0]?.terms).toHaveLength(4);
});

test('URL import of a term list', async ({ page }) => {
  await page.goto('./#/import');
  await page.getByLabel('Address of a pack or term list').fill(`${server.url}/cors/example-terms.tsv`);
  await page.getByRole('button', { name: 'Fetch' }).click();

  await expect(page.getByTestId('term-list-reading')).toContainText('separated by tab');
});

const failures: { kind: string; path: string; code: string; mentions: string[] }[] = [
  { kind: 'no CORS header', path: '/no-cors/example.tutor-pack.json', code: 'fetch-failed', mentions: ['Access-Control-Allow-Origin: *', 'Choose file'] },
  { kind: '404 response', path: '/cors/missing.tutor-pack.json', code: 'http-error', mentions: ['HTTP 404'] },
  { kind: 'HTML page', path: '/html-page', code: 'html-page', mentions: ['HTML page', 'raw'] },
  { kind: 'oversized response', path: '/huge-streamed.json', code: 'file-too-large', mentions: ['5.0 MiB'] },
];

for (const failure of failures) {
  test(`URL import rejects ${failure.kind}`, async ({ page }) => {
    await page.goto('./#/import');
    await page.getByLabel('Address of a pack or term list').fill(`${server.url}${failure.path}`);
    await page.getByRole('button', { name: 'Fetch' }).click();

    const problems = page.getByTestId('import-problems');
    await expect(problems.locator(`li[data-code="${failure.code}"]`)).toBeVisible();
    for (const words of failure.mentions) {
      await expect(problems).toContainText(words);
    }
    expect(await readStoredDomains(page)).toEqual([]);
  });
}

test('URL import rejects a non-http link', async ({ page }) => {
  await page.goto('./#/import');
  // type=url accepts any scheme, so the app's own check is what rejects it.
  await page.getByLabel('Address of a pack or term list').fill('javascript:alert(1)');
  await page.getByRole('button', { name: 'Fetch' }).click();

  await expect(page.getByTestId('import-problems').locator('li[data-code="unsupported-url-scheme"]')).toBeVisible();
});
