import { expect, test, type Page } from '@playwright/test';
import { API_TERM, heading, PHOTOSYNTHESIS_TERM, readStoredData, waitForModel } from './helpers';

async function addTerm(page: Page, prompt: string, definitions: string[]): Promise<void> {
  const editor = page.getByRole('form', { name: 'New term' });
  await editor.getByLabel('Prompt (the term or question)').fill(prompt);
  for (const [index, definition] of definitions.entries()) {
    if (index > 0) {
      await editor.getByRole('button', { name: 'Add another definition' }).click();
    }
    await editor.getByRole('textbox', { name: `Definition ${index + 1}`, exact: true }).fill(definition);
  }
  await editor.getByRole('button', { name: 'Save term' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Added the term "${prompt}".` })).toBeVisible();
}

test('create, quiz, override and reload', async ({ page }) => {
  await page.goto('./');
  await expect(heading(page, 'Your domains')).toBeVisible();
  expect((await readStoredData(page)).domains).toBe(0);

  await page.getByLabel('Domain name').fill('Software basics');
  await page.getByRole('button', { name: 'Create domain' }).click();
  await page.getByRole('link', { name: 'Software basics', exact: true }).click();
  await expect(heading(page, 'Software basics')).toBeFocused();

  await page.getByRole('button', { name: 'Add a term' }).click();
  await addTerm(page, API_TERM.prompt, [API_TERM.definition]);
  await addTerm(page, PHOTOSYNTHESIS_TERM.prompt, [PHOTOSYNTHESIS_TERM.definition, PHOTOSYNTHESIS_TERM.secondDefinition]);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('heading', { name: 'Terms (2)' })).toBeVisible();

  await page.getByRole('link', { name: 'Quiz on this domain' }).click();
  await expect(page.getByLabel('Domain')).toHaveValue(/.+/);
  await page.getByRole('button', { name: 'Start quiz' }).click();
  await waitForModel(page);

  // Term 1: a paraphrase of the definition passes.
  await expect(page.getByRole('heading', { level: 2, name: API_TERM.prompt })).toBeVisible();
  const answer = page.getByLabel(/Your answer/);
  await expect(answer).toBeFocused();
  await answer.fill(API_TERM.paraphrase);
  await page.getByRole('button', { name: 'Check answer' }).click();
  await expect(page.getByTestId('verdict')).toHaveText('Pass');
  await expect(page.getByTestId('quiz-announcement')).toContainText('Pass: score');
  await expect(page.getByTestId('reference')).toHaveCount(1);
  await expect(page.getByTestId('reference').first()).toContainText('Best match');
  await page.getByRole('button', { name: 'Next term' }).click();

  // Term 2: an unrelated answer fails; the learner overrides it.
  await expect(page.getByRole('heading', { level: 2, name: PHOTOSYNTHESIS_TERM.prompt })).toBeVisible();
  await answer.fill(PHOTOSYNTHESIS_TERM.unrelatedAnswer);
  await page.getByRole('button', { name: 'Check answer' }).click();
  await expect(page.getByTestId('verdict')).toHaveText('Fail');
  await expect(page.getByTestId('reference')).toHaveCount(2);
  await expect(page.getByText('Best match')).toHaveCount(1);
  const override = page.getByRole('button', { name: 'I was right' });
  await override.click();
  await expect(override).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('verdict-detail')).toContainText('you marked it right');
  await page.getByRole('button', { name: 'See the summary' }).click();

  await expect(heading(page, 'Quiz summary')).toBeVisible();
  await expect(page.getByTestId('summary-answered')).toHaveText('2 of 2');
  await expect(page.getByTestId('summary-passed')).toHaveText('2');
  await expect(page.getByTestId('summary-overrides')).toHaveText('1');

  await page.reload();
  await expect(heading(page, 'Quiz summary').or(heading(page, 'Quiz'))).toBeVisible();
  await page.getByRole('link', { name: 'Domains', exact: true }).click();
  await page.getByRole('link', { name: 'Software basics', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Terms (2)' })).toBeVisible();
  const apiItem = page.getByRole('article', { name: API_TERM.prompt });
  await expect(apiItem).toContainText(API_TERM.definition);
  await expect(apiItem.getByTestId('term-history')).toHaveText(/^1 answer; last: pass \(score \d\.\d\d\)\.$/);
  const photosynthesisItem = page.getByRole('article', { name: PHOTOSYNTHESIS_TERM.prompt });
  await expect(photosynthesisItem).toContainText(PHOTOSYNTHESIS_TERM.secondDefinition);
  await expect(photosynthesisItem.getByTestId('term-history')).toHaveText(
    /^1 answer; last: pass \(score \d\.\d\d, overridden\)\.$/,
  );

  const stored = await readStoredData(page);
  expect(stored.domains).toBe(1);
  expect(stored.terms).toBe(2);
  expect(stored.attempts).toHaveLength(2);
  const [passed, failed] = stored.attempts;
  expect(passed?.answer).toBe(API_TERM.paraphrase);
  expect(passed?.verdict).toBe('pass');
  expect(passed?.override).toBe('none');
  expect(passed?.score).toEqual(expect.any(Number));
  expect(passed?.modelId).not.toBe('');
  expect(failed?.verdict).toBe('fail');
  expect(failed?.override).toBe('right');
  expect(failed?.quizId).toBe(passed?.quizId);
});
