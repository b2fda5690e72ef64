import { expect, test } from '@playwright/test';
import { readStoredData } from './helpers';

// The service worker's model cache would use up the tiny quota before the test starts.
test.use({ serviceWorkers: 'block' });

test('full storage shows a message and stores nothing', async ({ page, baseURL }) => {
  await page.goto('./');
  await expect(page.getByRole('button', { name: 'Add the sample domain' })).toBeVisible();

  // Chromium's DevTools protocol can shrink this origin's quota, so that IndexedDB
  // raises a real QuotaExceededError on the next large write.
  const session = await page.context().newCDPSession(page);
  const origin = new URL(baseURL ?? page.url()).origin;
  await session.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 });

  await page.getByRole('button', { name: 'Add the sample domain' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: "Could not add the domain \"Web APIs\": the browser's storage for this site is full." }),
  ).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'No changes were stored.' })).toBeVisible();

  await session.send('Storage.overrideQuotaForOrigin', { origin });
  const stored = await readStoredData(page);
  expect(stored.domains).toBe(0);
  expect(stored.subdomains).toBe(0);
  expect(stored.terms).toBe(0);

  // With the quota back, the same action succeeds.
  await page.getByRole('button', { name: 'Add the sample domain' }).click();
  await expect(page.getByRole('heading', { name: 'Terms (18)' })).toBeVisible();
});
