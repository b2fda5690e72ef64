import { expect, test } from '@playwright/test';
import { API_TERM, heading, PHOTOSYNTHESIS_TERM, readStoredData, tabTo, waitForModel } from './helpers';

// The whole flow of grading-flow.spec.ts with the keyboard alone, without clicks or fill().
// Tab reaches every control, and Enter, Space or typing uses it.
test('keyboard only: create, quiz, override and reload', async ({ page }) => {
  await page.goto('./');
  await expect(heading(page, 'Your domains')).toBeVisible();

  await tabTo(page, page.getByLabel('Domain name'));
  await page.keyboard.type('Software basics');
  await page.keyboard.press('Enter');
  const domainLink = page.getByRole('link', { name: 'Software basics', exact: true });
  await expect(domainLink).toBeVisible();
  await tabTo(page, domainLink);
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Software basics')).toBeFocused();

  // Add two terms; the add form stays open after each save, with focus on the prompt.
  await tabTo(page, page.getByRole('button', { name: 'Add a term' }));
  await page.keyboard.press('Enter');
  const prompt = page.getByLabel('Prompt (the term or question)');
  await expect(prompt).toBeFocused();
  await page.keyboard.type(API_TERM.prompt);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('textbox', { name: 'Definition 1', exact: true })).toBeFocused();
  await page.keyboard.type(API_TERM.definition);
  await tabTo(page, page.getByRole('button', { name: 'Save term' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Terms (1)' })).toBeVisible();

  await expect(prompt).toBeFocused();
  await page.keyboard.type(PHOTOSYNTHESIS_TERM.prompt);
  await page.keyboard.press('Tab');
  await page.keyboard.type(PHOTOSYNTHESIS_TERM.definition);
  await tabTo(page, page.getByRole('button', { name: 'Save term' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Terms (2)' })).toBeVisible();
  // Escape closes the add form and returns focus to the button that opened it.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Add a term' })).toBeFocused();

  // Start the quiz from the domain screen.
  await page.keyboard.press('Shift+Tab');
  await tabTo(page, page.getByRole('link', { name: 'Quiz on this domain' }));
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Quiz')).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: 'Start quiz' }));
  await page.keyboard.press('Enter');
  await waitForModel(page);

  const answer = page.getByLabel(/Your answer/);
  await expect(answer).toBeFocused();
  await page.keyboard.type(API_TERM.paraphrase);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('verdict')).toHaveText('Pass');
  await expect(page.getByRole('button', { name: 'Next term' })).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(answer).toBeFocused();
  await expect(answer).toHaveValue('');
  // Shift+Enter adds a line instead of submitting.
  await page.keyboard.type('The capital city of France');
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.type('is Paris.');
  await expect(answer).toHaveValue('The capital city of France\nis Paris.');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('verdict')).toHaveText('Fail');
  const override = page.getByRole('button', { name: 'I was right' });
  await page.keyboard.press('Shift+Tab');
  await expect(override).toBeFocused();
  await page.keyboard.press('Space');
  await expect(override).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'See the summary' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Quiz summary')).toBeFocused();
  await expect(page.getByTestId('summary-passed')).toHaveText('2');
  await expect(page.getByTestId('summary-overrides')).toHaveText('1');

  await page.reload();
  await tabTo(page, page.getByRole('link', { name: 'Domains', exact: true }));
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Your domains')).toBeFocused();
  await tabTo(page, domainLink);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Terms (2)' })).toBeVisible();
  await expect(page.getByRole('article', { name: API_TERM.prompt }).getByTestId('term-history')).toContainText(
    '1 answer; last: pass',
  );
  await expect(
    page.getByRole('article', { name: PHOTOSYNTHESIS_TERM.prompt }).getByTestId('term-history'),
  ).toContainText('overridden');

  const stored = await readStoredData(page);
  expect(stored.domains).toBe(1);
  expect(stored.terms).toBe(2);
  expect(stored.attempts.map((attempt) => attempt.override)).toEqual(['none', 'right']);
  expect(stored.attempts[1]?.answer).toBe('The capital city of France\nis Paris.');
});
