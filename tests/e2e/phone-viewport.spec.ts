import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { heading, horizontalOverflow, waitForModel } from './helpers';

const width = Number(process.env.TUTOR_SCREENSHOT_WIDTH ?? '360');
test.use({ viewport: { width, height: 740 } });

/** Checks that nothing sticks out sideways, then saves a full-page screenshot. */
async function checkScreen(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  expect(await horizontalOverflow(page), `${name} is wider than the ${width} px viewport`).toBe(0);
  const folder = process.env.TUTOR_SCREENSHOT_DIR;
  const file = `${name}-${width}.png`;
  await page.screenshot({ path: folder === undefined ? testInfo.outputPath(file) : `${folder}/${file}`, fullPage: true });
}

test('phone-sized screens fit and work', async ({ page }, testInfo) => {
  await page.goto('./');
  await expect(heading(page, 'Your domains')).toBeVisible();
  await checkScreen(page, testInfo, 'domains-first-run');

  await page.getByRole('button', { name: 'Add the sample domain' }).click();
  await expect(page.getByRole('heading', { name: 'Terms (18)' })).toBeVisible();
  await checkScreen(page, testInfo, 'domain');

  await page.getByRole('button', { name: 'Add a term' }).click();
  await page.getByRole('button', { name: 'Add another definition' }).click();
  await checkScreen(page, testInfo, 'term-editor');
  await page.getByRole('form', { name: 'New term' }).getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('link', { name: 'Quiz on this domain' }).click();
  await expect(heading(page, 'Quiz')).toBeVisible();
  await checkScreen(page, testInfo, 'quiz-setup');
  await page.getByRole('button', { name: 'Start quiz' }).click();
  await waitForModel(page);
  await expect(page.getByRole('heading', { level: 2, name: 'API' })).toBeVisible();
  await checkScreen(page, testInfo, 'quiz-question');
  await page.getByLabel(/Your answer/).fill('An agreed interface through which programs communicate');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('verdict')).toBeVisible();
  await checkScreen(page, testInfo, 'quiz-result');
  await page.getByRole('button', { name: 'End quiz' }).click();
  await expect(heading(page, 'Quiz summary')).toBeVisible();
  await checkScreen(page, testInfo, 'quiz-summary');

  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await expect(heading(page, 'Settings')).toBeVisible();
  await checkScreen(page, testInfo, 'settings');

  await page.getByRole('link', { name: 'Domains', exact: true }).click();
  await expect(page.getByRole('link', { name: 'Web APIs', exact: true })).toBeVisible();
  await checkScreen(page, testInfo, 'domains');
  await page.getByRole('button', { name: 'Delete Web APIs' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await checkScreen(page, testInfo, 'delete-dialog');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('link', { name: 'Web APIs', exact: true })).toBeVisible();
});
