import { expect, test, type Page } from '@playwright/test';
import { State } from 'ts-fsrs';
import { heading, waitForModel } from './helpers';
import {
  DAY,
  DAY_ONE,
  DRILL_TERMS,
  MINUTE,
  openAppWithRows,
  readAttempts,
  readReviewStates,
  settleVerdict,
} from './learning-helpers';
import { makeDrillDomain } from './support/drill-domain';

test.use({ timezoneId: 'UTC' });

const [API] = DRILL_TERMS;
const { domain: DOMAIN, terms: TERMS } = makeDrillDomain('d-drill', 'Networking drill', 3);

/** Answers the term on screen and makes its verdict `wanted`, overriding the model if needed. */
async function answerAs(page: Page, prompt: string, wanted: 'Pass' | 'Fail'): Promise<void> {
  await expect(page.getByTestId('review-prompt')).toHaveText(prompt);
  const term = DRILL_TERMS.find((candidate) => candidate.prompt === prompt);
  const answer = wanted === 'Pass' ? (term?.definition ?? prompt) : 'Something about the weather in Paris.';
  await page.getByLabel(/Your answer/).fill(answer);
  await page.getByRole('button', { name: 'Check answer' }).click();
  await settleVerdict(page, 'review-verdict', wanted);
}

test('review over simulated days', async ({ page }) => {
  await page.clock.setFixedTime(DAY_ONE);
  await openAppWithRows(page, { domains: [DOMAIN], terms: TERMS });
  await page.goto('./#/review');
  await expect(heading(page, 'Review')).toBeVisible();

  // Day 1: a limit of two new terms a day.
  const limit = page.getByLabel('New terms per day');
  await expect(limit).toHaveValue('10');
  await limit.fill('2.5');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('#daily-new-limit-error')).toHaveText('New terms per day must be a whole number from 0 to 200; got 2.5.');
  await limit.fill('');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('#daily-new-limit-error')).toHaveText('New terms per day is empty; type a whole number from 0 to 200.');
  await limit.fill('2');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('review-counts')).toContainText('2 new left today');
  await expect(page.getByTestId('review-counts')).toContainText('1 more new waiting for later days');
  await waitForModel(page);

  await answerAs(page, 'API', 'Pass');
  await expect(page.getByTestId('review-next-due')).toHaveText('Next review of this term: in 10 minutes.');
  await page.getByRole('button', { name: 'Next term' }).click();

  await answerAs(page, 'Latency', 'Fail');
  await expect(page.getByTestId('review-next-due')).toHaveText('Next review of this term: in 1 minute.');
  await page.getByRole('button', { name: 'Next term' }).click();

  // Both terms wait for their learning steps, and the third is held back by the limit.
  const done = page.getByTestId('review-done');
  await expect(done).toContainText('Nothing to review right now');
  await expect(done).toContainText('The next term is due in 1 minute.');
  await expect(done).toContainText('1 new term waits for later days.');
  let states = await readReviewStates(page);
  expect(states.get('t-api')?.due).toBe(DAY_ONE + 10 * MINUTE);
  expect(states.get('t-latency')?.due).toBe(DAY_ONE + MINUTE);
  expect(states.has('t-cache')).toBe(false);

  // Day 2: both are due, and one more new term is allowed. Terms learned before come
  // first, then new ones, then terms still in their learning steps, most overdue first.
  const dayTwo = DAY_ONE + DAY;
  await page.clock.setFixedTime(dayTwo);
  await page.getByRole('button', { name: 'Check again' }).click();
  await expect(page.getByTestId('review-counts')).toContainText('2 due');
  await expect(page.getByTestId('review-counts')).toContainText('1 new left today');

  await answerAs(page, 'Cache', 'Pass');
  await page.getByRole('button', { name: 'Next term' }).click();

  await answerAs(page, 'Latency', 'Fail');
  await expect(page.getByTestId('review-next-due')).toHaveText('Next review of this term: in 1 minute.');
  states = await readReviewStates(page);
  const latency = states.get('t-latency');
  expect(latency?.state).toBe(State.Learning);
  expect(latency?.due).toBe(dayTwo + MINUTE);
  expect(latency?.attemptCount).toBe(2);

  // An override reschedules at once. The one override button on screen turns the
  // verdict into a pass: "I was right" on a model fail, or clearing "I was wrong".
  await page.getByRole('button', { name: /^I was (right|wrong)$/ }).click();
  await expect(page.getByTestId('review-verdict')).toHaveText('Pass');
  await expect(page.getByTestId('review-next-due')).not.toHaveText('Next review of this term: in 1 minute.');
  await expect.poll(async () => (await readReviewStates(page)).get('t-latency')?.due ?? 0).toBeGreaterThan(dayTwo + MINUTE);
  await page.getByRole('button', { name: 'Next term' }).click();

  await answerAs(page, 'API', 'Pass');
  await expect(page.getByTestId('review-next-due')).toHaveText(/^Next review of this term: in \d+ days?\.$/);
  states = await readReviewStates(page);
  const api = states.get('t-api');
  expect(api?.state).toBe(State.Review);
  expect(api?.due ?? 0).toBeGreaterThanOrEqual(dayTwo + DAY);

  // Every graded attempt is stored with the sitting's id and the shipped calibration.
  const attempts = await readAttempts(page);
  expect(attempts).toHaveLength(5);
  expect(new Set(attempts.map((attempt) => attempt.calibrationId))).toEqual(new Set(['shipped']));
  expect(attempts.every((attempt) => attempt.logit !== null)).toBe(true);
});

test('quiz answers update the schedule', async ({ page }) => {
  await page.clock.setFixedTime(DAY_ONE);
  await openAppWithRows(page, { domains: [DOMAIN], terms: TERMS });
  await page.goto(`./#/quiz?domain=${DOMAIN.id}`);
  await page.getByRole('button', { name: 'Start quiz' }).click();
  await waitForModel(page);
  await expect(page.getByRole('heading', { level: 2, name: 'API' })).toBeVisible();
  await page.getByLabel(/Your answer/).fill(API.definition);
  await page.getByRole('button', { name: 'Check answer' }).click();
  await settleVerdict(page, 'verdict', 'Pass');

  await expect.poll(async () => (await readReviewStates(page)).get('t-api')?.due).toBe(DAY_ONE + 10 * MINUTE);

  // The quiz counts against the daily new-term limit, so the review serves the other two.
  await page.getByRole('link', { name: 'Review', exact: true }).click();
  await expect(heading(page, 'Review')).toBeVisible();
  await expect(page.getByTestId('review-counts')).toContainText('1 of 10 new terms introduced today');
  await expect(page.getByTestId('review-counts')).toContainText('2 new left today');
});
