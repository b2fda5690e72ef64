import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type { Attempt } from '../../src/storage/records';
import { heading, horizontalOverflow } from './helpers';
import { DAY, DAY_ONE, DRILL_TERMS, makeDomain, makeTerm, MINUTE, openAppWithRows } from './learning-helpers';

test.use({ timezoneId: 'UTC' });

const SCREENSHOT_FOLDER = '/tmp/screens';
const CHART_IDS = ['chart-stages', 'chart-accuracy', 'chart-answers', 'chart-missed'] as const;

/** Bar and line colours of the charts, as drawn on the canvas (see chart-options.ts). */
const COLORS = {
  primary: [0x1d, 0x4e, 0x89],
  pass: [0x1e, 0x6b, 0x34],
  fail: [0xa4, 0x16, 0x1a],
} as const;

/** Counts canvas pixels within a small distance of `rgb`, proving that a series was drawn. */
async function countPixels(page: Page, chartId: string, rgb: readonly number[]): Promise<number> {
  return page.getByTestId(chartId).evaluate((element, color) => {
    let count = 0;
    for (const canvas of element.querySelectorAll('canvas')) {
      const context = canvas.getContext('2d');
      if (context === null) {
        continue;
      }
      const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
      for (let index = 0; index < pixels.length; index += 4) {
        const close =
          Math.abs((pixels[index] ?? 0) - (color[0] ?? 0)) < 12 &&
          Math.abs((pixels[index + 1] ?? 0) - (color[1] ?? 0)) < 12 &&
          Math.abs((pixels[index + 2] ?? 0) - (color[2] ?? 0)) < 12 &&
          (pixels[index + 3] ?? 0) > 200;
        if (close) {
          count += 1;
        }
      }
    }
    return count;
  }, rgb);
}

/** Overrides in the study week, by study day index and term index. */
const OVERRIDES = new Map<string, Attempt['override']>([
  ['1-3', 'right'],
  ['2-0', 'wrong'],
]);

/**
 * A week of study of six terms: the first three are answered right on most days, the
 * next two wrong on most days, with two overrides. The sixth is never answered.
 */
function studyWeek(): { rows: Parameters<typeof openAppWithRows>[1]; attempts: Attempt[] } {
  const domain = makeDomain('d-web', 'Web basics');
  const terms = DRILL_TERMS.map((term, index) => makeTerm(`t-${index}`, domain.id, term.prompt, term.definition, index));
  const attempts: Attempt[] = [];
  const studyDays = [-6, -5, -3, -2, -1, 0];
  for (const [dayIndex, offset] of studyDays.entries()) {
    terms.slice(0, 5).forEach((term, termIndex) => {
      const knows = termIndex < 3 ? dayIndex % 3 !== 0 : dayIndex === studyDays.length - 1;
      const answeredAt = DAY_ONE + offset * DAY - 2 * 60 * MINUTE + termIndex * MINUTE;
      attempts.push({
        id: `a-${dayIndex}-${termIndex}`,
        termId: term.id,
        domainId: domain.id,
        quizId: `q-${dayIndex}`,
        answer: knows ? `My paraphrase of ${term.prompt}` : 'I am not sure',
        score: knows ? 0.82 : 0.12,
        logit: knows ? 1.2 : -1.1,
        bestReferenceIndex: 0,
        verdict: knows ? 'pass' : 'fail',
        override: OVERRIDES.get(`${dayIndex}-${termIndex}`) ?? 'none',
        threshold: 0.37,
        modelId: 'tutor-minilm-l6-ce',
        modelVersion: '1.0.0',
        calibrationId: 'shipped',
        answeredAt,
      });
    });
  }
  return { rows: { domains: [domain], terms, attempts }, attempts };
}

test('charts show empty states without data', async ({ page }) => {
  await page.clock.setFixedTime(DAY_ONE);
  await page.goto('./#/progress');
  await expect(heading(page, 'Progress')).toBeVisible();
  for (const id of CHART_IDS) {
    await expect(page.getByTestId(id), id).toHaveAttribute('data-state', 'empty');
    await expect(page.getByTestId(id).locator('canvas'), id).toHaveCount(0);
  }
  await expect(page.getByTestId('chart-stages')).toContainText('No terms yet.');
  await expect(page.getByTestId('chart-accuracy')).toContainText('No answers in the last 30 days.');
  await expect(page.getByTestId('chart-missed')).toContainText('No missed terms yet.');
  await expect(page.getByTestId('history-empty')).toBeVisible();
});

test('charts draw stored answers', async ({ page }) => {
  await page.clock.setFixedTime(DAY_ONE);
  const { rows, attempts } = studyWeek();
  await openAppWithRows(page, rows);
  await page.goto('./#/progress');
  await expect(heading(page, 'Progress')).toBeVisible();

  for (const id of CHART_IDS) {
    await expect(page.getByTestId(id), id).toHaveAttribute('data-state', 'drawn');
    await expect(page.getByTestId(id).locator('canvas'), id).toHaveCount(1);
  }
  expect(await countPixels(page, 'chart-stages', COLORS.primary)).toBeGreaterThan(200);
  expect(await countPixels(page, 'chart-answers', COLORS.primary)).toBeGreaterThan(200);
  expect(await countPixels(page, 'chart-accuracy', COLORS.pass)).toBeGreaterThan(50);
  expect(await countPixels(page, 'chart-missed', COLORS.fail)).toBeGreaterThan(200);

  const counts = page.getByTestId('stage-counts');
  await expect(counts).toContainText('Terms6');
  await expect(counts).toContainText('New1');

  // The history lists the five answered terms; one opens to its six attempts, newest first.
  const histories = page.getByTestId('term-histories');
  await expect(histories.locator('details')).toHaveCount(5);
  const api = histories.locator('details').filter({ hasText: 'API' });
  await api.locator('summary').click();
  await expect(api.locator('tbody tr')).toHaveCount(attempts.filter((attempt) => attempt.termId === 't-0').length);
  await expect(api.locator('tbody tr').first()).toContainText('My paraphrase of API');
  await expect(api).toContainText('You marked it wrong');

  mkdirSync(SCREENSHOT_FOLDER, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_FOLDER}/progress.png`, fullPage: true });

  // On a phone-sized screen the charts shrink to fit instead of scrolling sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect.poll(() => horizontalOverflow(page)).toBe(0);
  await expect.poll(() => countPixels(page, 'chart-answers', COLORS.primary)).toBeGreaterThan(100);
  await page.screenshot({ path: `${SCREENSHOT_FOLDER}/progress-phone.png`, fullPage: true });
});

test('scope narrows to one domain', async ({ page }) => {
  await page.clock.setFixedTime(DAY_ONE);
  const { rows } = studyWeek();
  const other = makeDomain('d-other', 'Other');
  await openAppWithRows(page, {
    ...rows,
    domains: [...(rows.domains ?? []), other],
    terms: [...(rows.terms ?? []), makeTerm('t-other', other.id, 'Entropy', 'A measure of disorder.', 9)],
  });
  await page.goto('./#/progress');
  await expect(page.getByTestId('stage-counts')).toContainText('Terms7');
  await page.getByLabel('Show').selectOption({ label: 'Other' });
  await expect(page.getByTestId('stage-counts')).toContainText('Terms1');
  await expect(page.getByTestId('chart-answers')).toHaveAttribute('data-state', 'empty');
  await expect(page.getByTestId('chart-stages')).toHaveAttribute('data-state', 'drawn');
});
