import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { validTestPack } from '../fixtures/packs/bad-inputs';
import { heading } from './helpers';
import { openImportScreen, pickImportFile, readStoredDomains, skipModelDownload } from './packs-helpers';

// The service worker would download the model for offline use, which skipModelDownload cannot stop.
test.use({ serviceWorkers: 'block' });

test.beforeEach(async ({ page }) => {
  await skipModelDownload(page);
});

test('pack round trip keeps every term', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Add the sample domain' }).click();
  await expect(heading(page, 'Web APIs')).toBeVisible();
  const before = await readStoredDomains(page);
  expect(before).toHaveLength(1);
  expect(before[0]?.terms.length).toBeGreaterThan(10);

  await page.getByRole('button', { name: 'Export' }).click();
  await expect(page.getByLabel('Include my progress (my answers and their scores)')).not.toBeChecked();
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download Web APIs.tutor-pack.json' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe('Web APIs.tutor-pack.json');
  const packText = await readFile(await download.path(), 'utf8');
  expect(JSON.parse(packText)).toMatchObject({ format: 'know-it-all-tutor-pack', formatVersion: '1.0' });
  expect(packText).not.toContain('"progress"');

  await page.getByRole('link', { name: 'Domains', exact: true }).first().click();
  await page.getByRole('button', { name: 'Delete Web APIs' }).click();
  await page.getByRole('button', { name: 'Delete domain' }).click();
  await expect(page.getByRole('link', { name: 'Web APIs', exact: true })).toHaveCount(0);
  expect(await readStoredDomains(page)).toEqual([]);

  await openImportScreen(page);
  await pickImportFile(page, download.suggestedFilename(), packText, 'application/json');
  await expect(page.getByTestId('preview-domain-name')).toHaveText('Web APIs');
  await expect(page.getByText('This adds a new domain, "Web APIs".')).toBeVisible();
  await expect(page.getByTestId('summary-new-terms')).toContainText(`${before[0]?.terms.length} new terms`);
  expect(await readStoredDomains(page)).toEqual([]);
  await page.getByRole('button', { name: 'Import "Web APIs"' }).click();

  await expect(heading(page, 'Web APIs')).toBeVisible();
  expect(await readStoredDomains(page)).toEqual(before);
  for (const term of before[0]?.terms ?? []) {
    await expect(page.getByRole('heading', { level: 4, name: term.prompt, exact: true })).toBeVisible();
    for (const definition of term.definitions) {
      await expect(page.getByText(definition, { exact: true }).first()).toBeVisible();
    }
  }
});

test('CSV import with preview', async ({ page }) => {
  await page.goto('./#/import');
  const csv = await readFile(new URL('../fixtures/packs/example-terms.csv', import.meta.url));
  await pickImportFile(page, 'example-terms.csv', csv, 'text/csv');

  await expect(page.getByTestId('term-list-reading')).toContainText('Read 3 rows as term, definition, subdomain');
  await expect(page.getByTestId('term-list-reading')).toContainText('separated by comma (detected), after a header row');
  const table = page.getByRole('table', { name: 'First rows as read' });
  await expect(table.getByRole('row')).toHaveCount(4);
  await expect(table.getByRole('row').nth(3)).toContainText('Status code "200"');
  await page.getByLabel('Domain name').fill('Flashcards from CSV');
  await page.getByLabel('Domain name').press('Enter');
  await expect(page.getByText('This adds a new domain, "Flashcards from CSV".')).toBeVisible();
  await expect(page.getByTestId('summary-new-subdomains')).toHaveText('2 new subdomains: Design, HTTP');
  await page.getByRole('button', { name: 'Import "Flashcards from CSV"' }).click();

  await expect(heading(page, 'Flashcards from CSV')).toBeVisible();
  const stored = await readStoredDomains(page);
  expect(stored).toEqual([
    {
      name: 'Flashcards from CSV',
      description: '',
      subdomains: [
        { name: 'Design', scope: '' },
        { name: 'HTTP', scope: '' },
      ],
      terms: [
        { prompt: 'API', definitions: ['A contract that lets two pieces of software talk to each other.'], source: '', subdomain: 'Design' },
        { prompt: 'Endpoint', definitions: ['A URL at which an API accepts requests, such as /users.'], source: '', subdomain: 'HTTP' },
        { prompt: 'Status code "200"', definitions: ['The server handled the request successfully.'], source: '', subdomain: 'HTTP' },
      ],
    },
  ]);
});

test('term list options in the preview', async ({ page }) => {
  await page.goto('./#/import');
  await pickImportFile(page, 'terms.txt', 'term;definition\nAPI;A contract, between programs\nDNS;Name lookup, for hosts\n');
  const reading = page.getByTestId('term-list-reading');
  const importButton = page.getByRole('button', { name: 'Import "terms"' });
  await expect(reading).toContainText('Read 2 rows as term, definition, separated by semicolon (detected), after a header row');

  await page.getByLabel('Columns separated by').selectOption({ label: 'comma' });
  await expect(page.getByTestId('import-options-problems')).toContainText('line 1 has 1 column when split at each comma');
  await expect(importButton).toBeDisabled();

  await page.getByLabel('Columns separated by').selectOption({ label: 'semicolon' });
  await expect(page.getByTestId('import-options-problems')).toHaveCount(0);
  await page.getByLabel('The first row is a header').uncheck();
  await expect(reading).toContainText('Read 3 rows');
  await expect(page.getByTestId('summary-new-terms')).toContainText('3 new terms');

  await page.getByLabel('Domain name').fill(' ');
  await page.getByLabel('Domain name').press('Enter');
  await expect(page.getByTestId('import-options-problems')).toContainText('The domain name is empty');
  await expect(page.getByRole('button', { name: /^Import/ })).toBeDisabled();
  expect(await readStoredDomains(page)).toEqual([]);
});

test('TSV import by drag and drop', async ({ page }) => {
  await page.goto('./#/import');
  const tsv = await readFile(new URL('../fixtures/packs/example-terms.tsv', import.meta.url), 'utf8');
  const dataTransfer = await page.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'cache-terms.tsv', { type: 'text/tab-separated-values' }));
    return transfer;
  }, tsv);

  await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer });

  await expect(page.getByTestId('term-list-reading')).toContainText('separated by tab (detected), without a header row');
  await page.getByRole('button', { name: 'Import "cache-terms"' }).click();
  await expect(heading(page, 'cache-terms')).toBeVisible();
  expect((await readStoredDomains(page))[0]?.terms.map((term) => term.prompt)).toEqual(['Cache', 'Cookie']);
});

test('merge preview and cancel', async ({ page }) => {
  await page.goto('./#/import');
  const pack = validTestPack();
  await pickImportFile(page, 'networking.json', JSON.stringify(pack));
  await page.getByRole('button', { name: 'Import "Networking"' }).click();
  await expect(heading(page, 'Networking')).toBeVisible();

  pack.terms.push({ id: 'ip', prompt: 'IP', definitions: ['The protocol that routes packets between networks by address.'] });
  (pack.terms[0] as { definitions: string[] }).definitions.push('A connection-oriented transport protocol.');
  await openImportScreen(page);
  await pickImportFile(page, 'networking-v2.json', JSON.stringify(pack));

  await expect(page.getByRole('group', { name: 'A domain named "Networking" already exists' })).toBeVisible();
  await expect(page.getByLabel(/^Merge into "Networking"/)).toBeChecked();
  await expect(page.getByTestId('summary-new-terms')).toContainText('1 new term');
  await expect(page.getByTestId('summary-existing-terms')).toContainText(
    'Terms that already exist with the same prompt: 2. New definitions for 1, a new source for 0, no change for 1.',
  );
  await page.getByLabel('Import as a copy, a new domain named "Networking (copy)"').check();
  await expect(page.getByTestId('summary-new-terms')).toContainText('3 new terms');
  await page.getByRole('button', { name: 'Cancel' }).click();

  await expect(page.getByTestId('import-preview')).toHaveCount(0);
  const stored = await readStoredDomains(page);
  expect(stored.map((domain) => domain.name)).toEqual(['Networking']);
  expect(stored[0]?.terms).toHaveLength(2);

  await pickImportFile(page, 'networking-v2.json', JSON.stringify(pack));
  await page.getByRole('button', { name: 'Merge into "Networking"' }).click();
  await expect(heading(page, 'Networking')).toBeVisible();
  const merged = await readStoredDomains(page);
  expect(merged).toHaveLength(1);
  expect(merged[0]?.terms.map((term) => [term.prompt, term.definitions.length])).toEqual([
    ['IP', 1],
    ['TCP', 2],
    ['UDP', 1],
  ]);
});

test('HTML in a pack is shown as text', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto('./#/import');
  const pack = validTestPack();
  pack.domain.name = 'Markup <b>bold</b>';
  pack.domain.description = '<svg onload="window.__packMarkupRan = 3"></svg>';
  const prompt = '<img src="x" onerror="window.__packMarkupRan = 1">';
  const definition = '<script>window.__packMarkupRan = 2</script> and <a href="javascript:alert(1)">a link</a>';
  (pack.terms[0] as Record<string, unknown>).prompt = prompt;
  (pack.terms[0] as Record<string, unknown>).definitions = [definition];
  (pack.terms[0] as Record<string, unknown>).source = '<iframe src="javascript:alert(2)"></iframe>';
  await pickImportFile(page, 'markup.json', JSON.stringify(pack));

  await expect(page.getByTestId('preview-domain-name')).toHaveText('Markup <b>bold</b>');
  await page.getByRole('button', { name: 'Import "Markup <b>bold</b>"' }).click();
  await expect(heading(page, 'Markup <b>bold</b>')).toBeVisible();

  await expect(page.getByRole('heading', { level: 4, name: prompt })).toBeVisible();
  await expect(page.getByText(definition, { exact: true })).toBeVisible();
  await expect(page.locator('main img, main script, main svg, main iframe, main b')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __packMarkupRan?: number }).__packMarkupRan)).toBeUndefined();
  expect(dialogs).toEqual([]);
});

test('export leaves out progress by default', async ({ page }) => {
  await page.goto('./#/import');
  await pickImportFile(page, 'networking.json', JSON.stringify(validTestPack()));
  await page.getByRole('button', { name: 'Import "Networking"' }).click();
  await expect(heading(page, 'Networking')).toBeVisible();
  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByLabel('Chosen subdomains').check();
  await page.getByRole('button', { name: 'Download Networking.tutor-pack.json' }).click();
  const panel = page.getByRole('region', { name: 'Export "Networking" as a pack' });
  await expect(panel.getByRole('alert')).toContainText('Choose at least one subdomain');

  await page.getByLabel('Basics (1 term)').check();
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download Networking.tutor-pack.json' }).click();
  const pack = JSON.parse(await readFile(await (await downloadPromise).path(), 'utf8')) as Record<string, unknown>;

  expect(pack.terms).toEqual([{ id: expect.any(String), subdomainId: expect.any(String), prompt: 'TCP', definitions: ['A protocol that delivers a stream of bytes reliably and in order.'] }]);
  expect(pack).not.toHaveProperty('progress');
  expect(pack).not.toHaveProperty('grading');
});
