import { expect, test } from '@playwright/test';
import { heading, readStoredData, waitForModel } from './helpers';

test('sample offer adds the Web APIs domain', async ({ page }) => {
  await page.goto('./');
  const offer = page.getByRole('region', { name: 'New here? Try the sample domain' });
  await expect(offer).toBeVisible();
  await offer.getByRole('button', { name: 'Add the sample domain' }).click();

  await expect(heading(page, 'Web APIs')).toBeFocused();
  await expect(page.getByRole('heading', { name: 'Terms (18)' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Subdomains' }).getByRole('listitem')).toHaveCount(3);

  await page.getByRole('link', { name: 'Domains', exact: true }).click();
  await expect(offer).toHaveCount(0);
  await expect(page.getByText('18 terms')).toBeVisible();
  await page.reload();
  await expect(heading(page, 'Your domains')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Web APIs', exact: true })).toBeVisible();
  await expect(offer).toHaveCount(0);

  const stored = await readStoredData(page);
  expect(stored.domains).toBe(1);
  expect(stored.subdomains).toBe(3);
  expect(stored.terms).toBe(18);
});

test('sample offer can be declined', async ({ page }) => {
  await page.goto('./');
  const offer = page.getByRole('region', { name: 'New here? Try the sample domain' });
  await offer.getByRole('button', { name: 'No thanks' }).click();
  await expect(offer).toHaveCount(0);
  await page.reload();
  await expect(heading(page, 'Your domains')).toBeVisible();
  await expect(page.getByText('No domains yet.')).toBeVisible();
  await expect(offer).toHaveCount(0);
  expect((await readStoredData(page)).domains).toBe(0);
});

test('quiz on one sample subdomain', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Add the sample domain' }).click();
  await page.getByRole('region', { name: 'Subdomains' }).getByRole('link', { name: 'Quiz on Storage' }).click();
  await expect(page.getByLabel('Part')).toHaveValue(/.+/);
  await expect(page.getByLabel('Part').locator('option:checked')).toHaveText('Storage');
  await page.getByRole('button', { name: 'Start quiz' }).click();
  await waitForModel(page);

  // Terms of the Storage subdomain, in prompt order: Cache Storage comes first.
  await expect(page.getByRole('heading', { level: 2, name: 'Cache Storage' })).toBeVisible();
  await expect(page.getByText('Term 1 of 5')).toBeVisible();
  await page
    .getByLabel(/Your answer/)
    .fill('A place where saved HTTP requests and their responses are kept so they can be served later without the network.');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('verdict')).toHaveText('Pass');
  await page.getByRole('button', { name: 'End quiz' }).click();

  await expect(heading(page, 'Quiz summary')).toBeFocused();
  await expect(page.getByTestId('summary-answered')).toHaveText('1 of 5');
  await expect(page.getByRole('listitem').filter({ hasText: 'Cache Storage' })).toContainText('Pass');
});
