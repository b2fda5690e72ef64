import { expect, test, type Page } from '@playwright/test';
import type { Attempt } from '../../src/storage/records';
import { heading, waitForModel } from './helpers';
import {
  DAY,
  DAY_ONE,
  DRILL_TERMS,
  MINUTE,
  openAppWithRows,
  readAttempts,
  readCalibrations,
  readStore,
} from './learning-helpers';
import { makeDrillDomain } from './support/drill-domain';

test.use({ timezoneId: 'UTC' });

interface ShippedCalibration {
  id: string;
  version: string;
  slope: number;
  intercept: number;
  threshold: number;
}

async function readShippedCalibration(page: Page): Promise<ShippedCalibration> {
  return page.evaluate(async () => {
    const index = (await (await fetch('models/index.json')).json()) as { default: string };
    const manifest = (await (await fetch(`models/${index.default}/manifest.json`)).json()) as {
      id: string;
      version: string;
      calibration: { slope: number; intercept: number; threshold: number };
    };
    return { id: manifest.id, version: manifest.version, ...manifest.calibration };
  });
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * A lenient learner: 121 model-graded answers with logits spread over [-3, 3], where
 * the learner passes everything from `LEARNER_CUTOFF` up and overrides the model's
 * fails in between; plus four self-graded answers, which the refit must regrade.
 */
const LEARNER_CUTOFF = -1.5;

/** Returns the override a learner gives when their verdict differs from the model's. */
function learnerOverride(learnerPasses: boolean, modelVerdict: 'pass' | 'fail'): Attempt['override'] {
  if (learnerPasses && modelVerdict === 'fail') {
    return 'right';
  }
  if (!learnerPasses && modelVerdict === 'pass') {
    return 'wrong';
  }
  return 'none';
}

function lenientAttempts(shipped: ShippedCalibration, termIds: string[]): Attempt[] {
  const attempts: Attempt[] = [];
  for (let index = 0; index <= 120; index++) {
    const logit = -3 + index * 0.05;
    const score = sigmoid(shipped.slope * logit + shipped.intercept);
    const verdict: 'pass' | 'fail' = score >= shipped.threshold ? 'pass' : 'fail';
    const learnerPasses = logit >= LEARNER_CUTOFF;
    attempts.push({
      id: `a-${index}`,
      termId: termIds[index % termIds.length] ?? '',
      domainId: 'd-calibration',
      quizId: 'q',
      answer: `Answer number ${index}`,
      score,
      logit,
      bestReferenceIndex: 0,
      verdict,
      override: learnerOverride(learnerPasses, verdict),
      threshold: shipped.threshold,
      modelId: shipped.id,
      modelVersion: shipped.version,
      calibrationId: 'shipped',
      answeredAt: DAY_ONE - 10 * DAY + index * MINUTE,
    });
  }
  for (let index = 0; index < 4; index++) {
    attempts.push({
      id: `self-${index}`,
      termId: termIds[index] ?? '',
      domainId: 'd-calibration',
      quizId: 'q',
      answer: index % 2 === 0 ? (DRILL_TERMS[index]?.definition ?? '') : 'No idea at all.',
      score: null,
      logit: null,
      bestReferenceIndex: null,
      verdict: index % 2 === 0 ? 'pass' : 'fail',
      override: 'none',
      threshold: shipped.threshold,
      modelId: '',
      modelVersion: '',
      calibrationId: 'self-graded',
      answeredAt: DAY_ONE - 2 * DAY + index * MINUTE,
    });
  }
  return attempts;
}

/** Answers the first quiz term and returns the stored attempt. */
async function answerOneQuizTerm(page: Page, domainId: string): Promise<Attempt> {
  const before = new Set((await readAttempts(page)).map((attempt) => attempt.id));
  await page.goto(`./#/quiz?domain=${domainId}`);
  await page.getByRole('button', { name: 'Start quiz' }).click();
  await page.getByLabel(/Your answer/).fill('A contract between programs.');
  await page.getByRole('button', { name: 'Check answer' }).click();
  await expect(page.getByTestId('verdict')).toHaveText(/^(Pass|Fail)$/);
  await expect.poll(async () => (await readAttempts(page)).length).toBe(before.size + 1);
  // Ending the run lets the next call start a new quiz on the same domain.
  await page.getByRole('button', { name: 'End quiz' }).click();
  // The clock is fixed, so the new attempt is found by its id, not by its time.
  const added = (await readAttempts(page)).find((attempt) => !before.has(attempt.id));
  if (added === undefined) {
    throw new Error('The quiz stored no new attempt.');
  }
  return added;
}

function numberIn(text: string | null): number {
  const value = Number((text ?? '').trim());
  if (!Number.isFinite(value)) {
    throw new Error(`Expected a number on screen, got "${text}".`);
  }
  return value;
}

test('refit lowers the cut-off and undoes', async ({ page }) => {
  await page.clock.setFixedTime(DAY_ONE);
  await page.goto('./');
  const shipped = await readShippedCalibration(page);
  const { domain, terms } = makeDrillDomain('d-calibration', 'Calibration drill');
  const seeded = lenientAttempts(
    shipped,
    terms.map((term) => term.id),
  );
  const overrides = seeded.filter((attempt) => attempt.override !== 'none').length;
  expect(overrides).toBeGreaterThanOrEqual(20);
  await openAppWithRows(page, { domains: [domain], terms, attempts: seeded });

  await page.goto('./#/recalibration');
  await expect(heading(page, 'Grading calibration')).toBeVisible();
  await waitForModel(page);
  await expect(page.getByTestId('active-calibration-name')).toHaveText('The shipped calibration of the model.');
  await expect(page.getByTestId('recalibration-readiness')).toContainText(`You have overridden ${overrides} verdicts`);

  await page.getByRole('button', { name: 'Refit from my answers' }).click();
  const proposal = page.getByTestId('recalibration-proposal');
  await expect(proposal).toBeVisible();
  await expect(proposal).toContainText(`Fitted on ${seeded.length} answers, ${overrides} of them overridden; 4 graded again by the model.`);

  // The learner passes answers the model failed, so the refit passes from a lower logit.
  const cutoffRow = proposal.getByRole('row', { name: /Logit at which answers start to pass/ });
  const cutoffBefore = numberIn(await cutoffRow.getByRole('cell').nth(0).textContent());
  const cutoffAfter = numberIn(await page.getByTestId('proposed-cutoff').textContent());
  const shippedCutoff = (Math.log(shipped.threshold / (1 - shipped.threshold)) - shipped.intercept) / shipped.slope;
  expect(cutoffBefore).toBeCloseTo(shippedCutoff, 2);
  expect(cutoffAfter).toBeLessThan(cutoffBefore - 0.5);
  const agreementBefore = numberIn((await page.getByTestId('agreement-before').textContent())?.replace('%', '') ?? null);
  const agreementAfter = numberIn((await page.getByTestId('agreement-after').textContent())?.replace('%', '') ?? null);
  expect(agreementAfter).toBeGreaterThan(agreementBefore);

  // Accept: the refit is stored, made active, and grades the next answer.
  await page.getByRole('button', { name: 'Use the refit' }).click();
  await expect(page.getByTestId('active-calibration-name')).toContainText('Your refit of');
  const [refit] = await readCalibrations(page);
  expect(refit?.id).toMatch(/^device-/);
  expect(refit?.previousCalibrationId).toBe('shipped');
  const settings = await readStore<{ key: string; value: unknown }>(page, 'settings');
  expect(settings.find((row) => row.key === 'activeCalibrationId')?.value).toBe(refit?.id);
  await expect(page.getByTestId('active-threshold')).toHaveText((refit?.threshold ?? 0).toFixed(2));

  const refitAttempt = await answerOneQuizTerm(page, domain.id);
  expect(refitAttempt.calibrationId).toBe(refit?.id);
  expect(refitAttempt.threshold).toBe(refit?.threshold);
  const expectedScore = sigmoid((refit?.slope ?? 0) * (refitAttempt.logit ?? 0) + (refit?.intercept ?? 0));
  expect(refitAttempt.score ?? -1).toBeCloseTo(expectedScore, 6);

  // Undo: grading goes back to the shipped calibration, and the refit row stays for history.
  await page.goto('./#/recalibration');
  await page.getByRole('button', { name: 'Undo this refit' }).click();
  await expect(page.getByTestId('active-calibration-name')).toHaveText('The shipped calibration of the model.');
  await expect(page.getByTestId('active-threshold')).toHaveText(shipped.threshold.toFixed(2));
  expect(await readCalibrations(page)).toHaveLength(1);

  const shippedAttempt = await answerOneQuizTerm(page, domain.id);
  expect(shippedAttempt.calibrationId).toBe('shipped');
  const shippedScore = sigmoid(shipped.slope * (shippedAttempt.logit ?? 0) + shipped.intercept);
  expect(shippedAttempt.score ?? -1).toBeCloseTo(shippedScore, 5);
});

test('refit waits for enough overrides', async ({ page }) => {
  await page.clock.setFixedTime(DAY_ONE);
  await page.goto('./');
  const shipped = await readShippedCalibration(page);
  const { domain, terms } = makeDrillDomain('d-calibration', 'Calibration drill');
  // Only the first 19 overrides are kept.
  let kept = 0;
  const attempts = lenientAttempts(
    shipped,
    terms.map((term) => term.id),
  ).map((attempt) => {
    if (attempt.override === 'none') {
      return attempt;
    }
    kept += 1;
    return kept <= 19 ? attempt : { ...attempt, override: 'none' as const };
  });
  await openAppWithRows(page, { domains: [domain], terms, attempts });
  await page.goto('./#/recalibration');
  await expect(page.getByTestId('recalibration-readiness')).toContainText('You have overridden 19 verdicts (a refit needs 20)');
  await expect(page.getByRole('button', { name: 'Refit from my answers' })).toBeDisabled();
});
