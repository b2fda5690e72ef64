import { expect, type Locator, type Page } from '@playwright/test';

/** A term whose paraphrase a working grader passes, and an answer it must fail. */
export const API_TERM = {
  prompt: 'API',
  definition: 'A contract that lets two pieces of software talk to each other.',
  paraphrase: 'An agreed interface through which programs communicate',
};

export const PHOTOSYNTHESIS_TERM = {
  prompt: 'Photosynthesis',
  definition: 'The process in which green plants use sunlight to turn water and carbon dioxide into sugar and oxygen.',
  secondDefinition: 'How plants make their own food from light, water and carbon dioxide.',
  unrelatedAnswer: 'The capital city of France is Paris.',
};

/** Stored row counts and attempts, read from the real IndexedDB of the page. */
export interface StoredData {
  domains: number;
  subdomains: number;
  terms: number;
  attempts: {
    answer: string;
    score: number | null;
    verdict: string;
    override: string;
    modelId: string;
    calibrationId: string;
    quizId: string;
  }[];
}

/** Reads the app's database with the plain IndexedDB API, bypassing the app's code. */
export async function readStoredData(page: Page): Promise<StoredData> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('know-it-all-tutor');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const readAll = (store: string): Promise<unknown[]> =>
      new Promise((resolve, reject) => {
        const request = db.transaction(store, 'readonly').objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as unknown[]);
        request.onerror = () => reject(request.error);
      });
    const [domains, subdomains, terms, attempts] = await Promise.all([
      readAll('domains'),
      readAll('subdomains'),
      readAll('terms'),
      readAll('attempts'),
    ]);
    db.close();
    const sorted = (attempts as (StoredData['attempts'][number] & { answeredAt: number })[]).sort(
      (a, b) => a.answeredAt - b.answeredAt,
    );
    return {
      domains: domains.length,
      subdomains: subdomains.length,
      terms: terms.length,
      attempts: sorted,
    };
  });
}

/** Limit for downloading, checking and starting the model on a slow, shared machine. */
const MODEL_LOAD_TIMEOUT_MS = 240_000;

/** Waits until the grading model has loaded: the loading bar is gone and no failure is shown. */
export async function waitForModel(page: Page): Promise<void> {
  await expect(page.getByRole('progressbar', { name: /grading model/ })).toHaveCount(0, {
    timeout: MODEL_LOAD_TIMEOUT_MS,
  });
  await expect(page.getByText('The grading model could not load')).toHaveCount(0);
}

/**
 * Presses Tab until `target` has focus, failing after `maxPresses`. Proves that the
 * control is reachable by keyboard in a sensible number of steps.
 */
export async function tabTo(page: Page, target: Locator, maxPresses = 40): Promise<void> {
  for (let presses = 0; presses < maxPresses; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) {
      return;
    }
    await page.keyboard.press('Tab');
  }
  await expect(target, `not reached with ${maxPresses} Tab presses`).toBeFocused();
}

export function heading(page: Page, name: string | RegExp): Locator {
  return page.getByRole('heading', { level: 1, name });
}

/** Width of the page's content beyond the viewport, in CSS pixels; 0 when nothing overflows. */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}
