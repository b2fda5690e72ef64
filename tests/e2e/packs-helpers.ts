import { expect, type BrowserContext, type Page } from '@playwright/test';
import type { BadInputCase } from '../fixtures/packs/bad-inputs';

/**
 * Makes the app's model download fail at once. Pack tests never grade, and loading
 * the 23 MB model on every page added about a minute per test on a busy 2-core
 * machine. The app stays usable when the model cannot load.
 */
export async function skipModelDownload(target: Page | BrowserContext): Promise<void> {
  await target.route('**/models/**', (route) => route.abort('blockedbyclient'));
}

/** A domain as stored, without ids and times, for comparing before and after a round trip. */
export interface StoredDomainContent {
  name: string;
  description: string;
  subdomains: { name: string; scope: string }[];
  terms: { prompt: string; definitions: string[]; source: string; subdomain: string }[];
}

/** Reads every domain with its subdomains and terms from the page's IndexedDB, bypassing the app. */
export async function readStoredDomains(page: Page): Promise<StoredDomainContent[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('know-it-all-tutor');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const readAll = <T>(store: string): Promise<T[]> =>
      new Promise((resolve, reject) => {
        const request = db.transaction(store, 'readonly').objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as T[]);
        request.onerror = () => reject(request.error);
      });
    type Row = Record<string, unknown>;
    const [domains, subdomains, terms] = await Promise.all([
      readAll<Row>('domains'),
      readAll<Row>('subdomains'),
      readAll<Row>('terms'),
    ]);
    db.close();
    return domains
      .map((domain) => {
        const own = subdomains
          .filter((subdomain) => subdomain.domainId === domain.id)
          .sort((a, b) => (a.position as number) - (b.position as number));
        const names = new Map(own.map((subdomain) => [subdomain.id, subdomain.name as string]));
        return {
          name: domain.name as string,
          description: domain.description as string,
          subdomains: own.map((subdomain) => ({ name: subdomain.name as string, scope: subdomain.scope as string })),
          terms: terms
            .filter((term) => term.domainId === domain.id)
            .map((term) => ({
              prompt: term.prompt as string,
              definitions: term.definitions as string[],
              source: term.source as string,
              subdomain: names.get(term.subdomainId as string) ?? '',
            }))
            .sort((a, b) => a.prompt.localeCompare(b.prompt)),
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
  });
}

/** Opens the import screen through the main navigation. */
export async function openImportScreen(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import a pack or term list' })).toBeVisible();
}

/** Picks a file in the import screen's file input. */
export async function pickImportFile(page: Page, name: string, bytes: Uint8Array | string, mimeType = ''): Promise<void> {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes);
  await page.getByLabel('Choose a file, or drop it here').setInputFiles({ name, mimeType, buffer });
}

/** Expects the import screen to list the problem of a bad file, with its code and the words it must mention. */
export async function expectImportProblem(page: Page, badInput: BadInputCase): Promise<void> {
  const problems = page.getByTestId('import-problems');
  await expect(problems.getByRole('heading')).toHaveText(`"${badInput.fileName}" cannot be imported`);
  await expect(problems.locator(`li[data-code="${badInput.code}"]`).first()).toBeVisible();
  for (const words of badInput.mentions) {
    await expect(problems.locator('li').first()).toContainText(words);
  }
}
