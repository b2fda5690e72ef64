import { expect, test } from '@playwright/test';
import { heading, readStoredData, waitForModel } from './helpers';

// The service worker would fetch the model on its own; blocking it leaves the grader
// worker's requests as the only ones that these tests intercept.
test.use({ serviceWorkers: 'block' });

test('progress bar while the model loads; app stays usable', async ({ page, context }) => {
  let releaseModel: () => void = () => undefined;
  const modelHeld = new Promise<void>((resolve) => {
    releaseModel = resolve;
  });
  await context.route('**/model.onnx', async (route) => {
    await modelHeld;
    await route.continue();
  });

  await page.goto('./');
  const progress = page.getByRole('progressbar', { name: /grading model/ });
  await expect(progress).toBeVisible();
  await expect(page.getByText(/Loading the grading model: [\d.]+ of [\d.]+ MB/)).toBeVisible();

  // The rest of the app works while the download is held back.
  await page.getByLabel('Domain name').fill('While loading');
  await page.getByRole('button', { name: 'Create domain' }).click();
  await expect(page.getByRole('link', { name: 'While loading', exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await expect(heading(page, 'Settings')).toBeFocused();
  await expect(progress).toBeVisible();

  releaseModel();
  await waitForModel(page);
  await expect(progress).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Grading model' })).toContainText('version');
});

test('quiz falls back to self-grading when the model fails', async ({ page, context }) => {
  await context.route('**/model.onnx', (route) => route.fulfill({ status: 404, body: 'not here' }));

  await page.goto('./');
  await expect(page.getByRole('alert').filter({ hasText: 'The grading model could not load' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'HTTP 404' })).toBeVisible();

  await page.getByRole('button', { name: 'Add the sample domain' }).click();
  await page.getByRole('link', { name: 'Quiz on this domain' }).click();
  await page.getByRole('button', { name: 'Start quiz' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'API' })).toBeVisible();
  await page.getByLabel(/Your answer/).fill('A way for programs to talk to each other.');
  await page.keyboard.press('Enter');

  const result = page.getByRole('region', { name: 'Grade your answer' });
  await expect(result).toBeVisible();
  // The message differs by where loading failed: before the quiz, or at this answer's grading.
  await expect(result).toContainText(/The grading model is unavailable|The model could not grade this answer/);
  await expect(result.getByTestId('reference')).toHaveCount(2);
  await expect(page.getByTestId('quiz-announcement')).toContainText('grade it yourself');
  await result.getByRole('button', { name: 'I was right' }).click();

  await expect(page.getByTestId('verdict')).toHaveText('Pass');
  await expect(page.getByTestId('verdict-detail')).toHaveText('graded by you');
  const [attempt] = (await readStoredData(page)).attempts;
  expect(attempt?.score).toBeNull();
  expect(attempt?.verdict).toBe('pass');
  expect(attempt?.calibrationId).toBe('self-graded');
  expect(attempt?.modelId).toBe('');

  // Retrying after the fault is gone loads the model.
  await context.unroute('**/model.onnx');
  await page.getByRole('button', { name: 'Try loading again' }).first().click();
  await waitForModel(page);
});
