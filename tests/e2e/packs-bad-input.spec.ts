// Every bad file of the shared table, picked in the real import screen: each must show
// its message and leave IndexedDB as it was. The cases share one page, because a page
// load costs more than all the checks of a case.

import { expect, test, type Page } from '@playwright/test';
import { BAD_PACK_INPUTS, BAD_TERM_LIST_INPUTS } from '../fixtures/packs/bad-inputs';
import { expectImportProblem, pickImportFile, readStoredDomains, skipModelDownload } from './packs-helpers';

test.use({ serviceWorkers: 'block' });

let page: Page;
const pageErrors: string[] = [];

test.beforeAll(async ({ browser }, testInfo) => {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  await skipModelDownload(context);
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(new URL('./#/import', testInfo.project.use.baseURL).href);
});

test.afterAll(async () => {
  await page.context().close();
});

for (const badInput of [...BAD_PACK_INPUTS, ...BAD_TERM_LIST_INPUTS]) {
  test(`bad input: ${badInput.kind}`, async () => {
    await pickImportFile(page, badInput.fileName, badInput.bytes);

    await expectImportProblem(page, badInput);
    await expect(page.getByTestId('import-problems')).toContainText('Nothing was stored.');
    await expect(page.getByTestId('import-preview')).toHaveCount(0);
    expect(await readStoredDomains(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
}
