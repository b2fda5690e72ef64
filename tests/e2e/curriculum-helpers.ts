import { expect, type Page } from '@playwright/test';

/** Fills in and saves the language model settings, then checks the saved notice. */
export async function saveModelSettings(page: Page, baseUrl: string, model: string, apiKey = ''): Promise<void> {
  await page.goto('./#/curriculum/model');
  await page.getByLabel('Base URL').fill(baseUrl);
  await page.getByLabel('API key (optional)').fill(apiKey);
  await page.getByLabel('Model', { exact: true }).fill(model);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved the language model settings.' })).toBeVisible();
}

/** Fills the new-domain form on the curriculum screen and presses "Generate draft". */
export async function startGeneration(
  page: Page,
  domainName: string,
  options: { subdomains: number; terms: number; maxTokens: number; attempts: number },
): Promise<void> {
  await page.goto('./#/curriculum');
  await page.getByLabel('Domain name').fill(domainName);
  await page.getByLabel('Subdomains').fill(String(options.subdomains));
  await page.getByLabel('Terms per subdomain').fill(String(options.terms));
  // The Advanced section stays open after a draft, and a click would close it again.
  if (!(await page.getByLabel('Max tokens per request').isVisible())) {
    await page.getByText('Advanced').click();
  }
  await page.getByLabel('Max tokens per request').fill(String(options.maxTokens));
  await page.getByLabel('Attempts per request').fill(String(options.attempts));
  await page.getByRole('button', { name: 'Generate draft' }).click();
}
