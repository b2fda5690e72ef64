import { expect, type Page } from '@playwright/test';
import type { DeviceCalibration, ReviewState } from '../../src/learning/learning-records';
import type { Attempt, Domain, Term } from '../../src/storage/records';
import { heading } from './helpers';

export const MINUTE = 60_000;
export const DAY = 24 * 60 * MINUTE;
/** 09:00 UTC on Monday 3 March 2025; the learning specs run in the UTC time zone. */
export const DAY_ONE = Date.UTC(2025, 2, 3, 9, 0, 0);

export interface SeedRows {
  domains?: Domain[];
  terms?: Term[];
  attempts?: Attempt[];
}

/**
 * Opens the app so that it creates its database, then writes `rows` with the plain
 * IndexedDB API and reloads, so that every screen reads them from storage.
 */
export async function openAppWithRows(page: Page, rows: SeedRows): Promise<void> {
  await page.goto('./');
  await expect(heading(page, 'Your domains')).toBeVisible();
  await page.evaluate(async (seed: SeedRows) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('know-it-all-tutor');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const stores = Object.keys(seed) as (keyof SeedRows)[];
    await new Promise<void>((resolve, reject) => {
      const transaction = db.transaction(stores, 'readwrite');
      for (const store of stores) {
        for (const row of seed[store] ?? []) {
          transaction.objectStore(store).put(row);
        }
      }
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error);
    });
    db.close();
  }, rows);
  await page.reload();
  await expect(heading(page, 'Your domains')).toBeVisible();
}

/** Reads every row of one object store of the app's database, bypassing the app's code. */
export async function readStore<T>(page: Page, store: 'attempts' | 'reviewStates' | 'calibrations' | 'settings'): Promise<T[]> {
  return page.evaluate(async (name: string) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('know-it-all-tutor');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const rows = await new Promise<unknown[]>((resolve, reject) => {
      const request = db.transaction(name, 'readonly').objectStore(name).getAll();
      request.onsuccess = () => resolve(request.result as unknown[]);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return rows as T[];
  }, store);
}

export async function readReviewStates(page: Page): Promise<Map<string, ReviewState>> {
  const states = await readStore<ReviewState>(page, 'reviewStates');
  return new Map(states.map((state) => [state.termId, state]));
}

export async function readCalibrations(page: Page): Promise<DeviceCalibration[]> {
  return readStore<DeviceCalibration>(page, 'calibrations');
}

/** Returns the stored attempts, oldest first. */
export async function readAttempts(page: Page): Promise<Attempt[]> {
  const attempts = await readStore<Attempt>(page, 'attempts');
  return attempts.sort((a, b) => a.answeredAt - b.answeredAt);
}

export function makeDomain(id: string, name: string): Domain {
  return { id, name, description: '', createdAt: DAY_ONE - 30 * DAY, updatedAt: DAY_ONE - 30 * DAY };
}

export function makeTerm(id: string, domainId: string, prompt: string, definition: string, order: number): Term {
  const createdAt = DAY_ONE - 30 * DAY + order;
  return { id, domainId, subdomainId: '', prompt, definitions: [definition], source: '', createdAt, updatedAt: createdAt };
}

/** Terms with definitions a learner can answer in a test. */
export const DRILL_TERMS = [
  { prompt: 'API', definition: 'A contract that lets two pieces of software talk to each other.' },
  { prompt: 'Latency', definition: 'The time a message takes to travel from its sender to its receiver.' },
  { prompt: 'Cache', definition: 'A store of copies of data kept close to where they are used, so later reads are faster.' },
  { prompt: 'Idempotent', definition: 'An operation that has the same effect whether it runs once or many times.' },
  { prompt: 'Throughput', definition: 'The amount of work a system completes per unit of time.' },
  { prompt: 'Deadlock', definition: 'A state in which each of several processes waits for another to release a resource.' },
] as const;

/**
 * Makes the verdict on screen the one the test needs: clicks "I was right" on a fail
 * that should pass, or "I was wrong" on a pass that should fail. The model decides
 * the raw verdict, so the test does not depend on how a particular model scores.
 */
export async function settleVerdict(page: Page, verdictTestId: string, wanted: 'Pass' | 'Fail'): Promise<void> {
  const verdict = page.getByTestId(verdictTestId);
  await expect(verdict).toHaveText(/^(Pass|Fail)$/);
  const shown = (await verdict.textContent())?.trim();
  if (shown !== wanted) {
    await page.getByRole('button', { name: wanted === 'Pass' ? 'I was right' : 'I was wrong' }).click();
  }
  await expect(verdict).toHaveText(wanted);
}
