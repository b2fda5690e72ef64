import { expect, test, type Page } from '@playwright/test';
import { heading, readStoredData } from './helpers';

async function addSample(page: Page): Promise<void> {
  await page.goto('./');
  await page.getByRole('button', { name: 'Add the sample domain' }).click();
  await expect(page.getByRole('heading', { name: 'Terms (18)' })).toBeVisible();
}

test('domain delete asks first and can be undone', async ({ page }) => {
  await addSample(page);
  await page.getByRole('link', { name: 'Domains', exact: true }).click();

  const deleteButton = page.getByRole('button', { name: 'Delete Web APIs' });
  await deleteButton.click();
  const dialog = page.getByRole('dialog', { name: 'Delete "Web APIs"?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('18 terms');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(deleteButton).toBeFocused();
  expect((await readStoredData(page)).domains).toBe(1);

  await deleteButton.click();
  await dialog.getByRole('button', { name: 'Delete domain' }).click();
  await expect(page.getByRole('link', { name: 'Web APIs', exact: true })).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Deleted the domain "Web APIs" with 18 terms.' })).toBeVisible();
  const afterDelete = await readStoredData(page);
  expect(afterDelete.domains).toBe(0);
  expect(afterDelete.subdomains).toBe(0);
  expect(afterDelete.terms).toBe(0);

  const undo = page.getByRole('button', { name: 'Undo' });
  await expect(undo).toBeFocused();
  await undo.click();
  await expect(page.getByRole('link', { name: 'Web APIs', exact: true })).toBeVisible();
  await expect(page.getByText('18 terms')).toBeVisible();
  const restored = await readStoredData(page);
  expect(restored.domains).toBe(1);
  expect(restored.subdomains).toBe(3);
  expect(restored.terms).toBe(18);
});

test('domain rename and invalid names', async ({ page }) => {
  await addSample(page);
  await page.getByRole('link', { name: 'Domains', exact: true }).click();

  await page.getByLabel('Domain name').fill('web apis');
  await page.getByRole('button', { name: 'Create domain' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'A domain named "Web APIs" already exists' })).toBeVisible();
  await expect(page.getByLabel('Domain name')).toHaveAttribute('aria-invalid', 'true');

  await page.getByRole('button', { name: 'Rename Web APIs' }).click();
  const renameBox = page.getByLabel('New name for "Web APIs"');
  await expect(renameBox).toBeFocused();
  await renameBox.fill('   ');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Domain name is empty' })).toBeVisible();
  await renameBox.fill('Browser APIs');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('link', { name: 'Browser APIs', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Rename Browser APIs' })).toBeFocused();
});

test('subdomains, term edits, search and term undo', async ({ page }) => {
  await addSample(page);
  const subdomains = page.getByRole('region', { name: 'Subdomains' });

  // Search looks in prompts and definitions, ignoring case.
  const search = page.getByLabel('Search prompts and definitions');
  await search.fill('KEY-VALUE');
  await expect(page.getByText('2 terms of 18 match "KEY-VALUE".')).toBeVisible();
  await expect(page.getByRole('article')).toHaveCount(2);
  await expect(page.getByRole('article', { name: 'localStorage' })).toBeVisible();
  await expect(page.getByRole('article', { name: 'sessionStorage' })).toBeVisible();
  await search.fill('');
  await expect(page.getByRole('article')).toHaveCount(18);

  // Add, rename and delete a subdomain; its terms move to "No subdomain".
  await subdomains.getByLabel('New subdomain name').fill('Security');
  await subdomains.getByRole('button', { name: 'Add subdomain' }).click();
  await expect(subdomains.getByText('Security', { exact: true })).toBeVisible();
  await subdomains.getByRole('button', { name: 'Rename Security' }).click();
  await subdomains.getByLabel('New name for "Security"').fill('Web security');
  await subdomains.getByRole('button', { name: 'Save' }).click();
  await expect(subdomains.getByText('Web security', { exact: true })).toBeVisible();

  // Edit a term: move it to the new subdomain and give it a second definition.
  await page.getByRole('button', { name: 'Edit CORS' }).click();
  const editor = page.getByRole('form', { name: 'Edit "CORS"' });
  await editor.getByLabel('Subdomain').selectOption({ label: 'Web security' });
  await editor.getByRole('button', { name: 'Add another definition' }).click();
  await expect(editor.getByRole('textbox', { name: 'Definition 2', exact: true })).toBeFocused();
  await editor
    .getByRole('textbox', { name: 'Definition 2', exact: true })
    .fill('A way for a server to let pages from other sites read its responses.');
  await editor.getByRole('button', { name: 'Save changes' }).click();
  const webSecurity = page.getByRole('region', { name: 'Web security (1)' });
  await expect(webSecurity.getByRole('article', { name: 'CORS' }).getByRole('listitem')).toHaveCount(2);

  // An empty definition list is rejected with a message, and the field is marked.
  await page.getByRole('button', { name: 'Edit CORS' }).click();
  await editor.getByRole('textbox', { name: 'Definition 1', exact: true }).fill('');
  await editor.getByRole('textbox', { name: 'Definition 2', exact: true }).fill(' ');
  await editor.getByRole('button', { name: 'Save changes' }).click();
  await expect(editor.getByRole('alert')).toHaveText(
    'Definition is empty; a term needs at least one reference definition.',
  );
  await expect(editor.getByRole('textbox', { name: 'Definition 1', exact: true })).toBeFocused();
  await editor.getByRole('button', { name: 'Cancel' }).click();

  await subdomains.getByRole('button', { name: 'Delete subdomain Web security' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Its 1 term will stay in the domain, under "No subdomain".');
  await dialog.getByRole('button', { name: 'Delete subdomain' }).click();
  await expect(page.getByRole('region', { name: 'No subdomain (1)' }).getByRole('article', { name: 'CORS' })).toBeVisible();

  // Delete a term, then undo.
  await page.getByRole('button', { name: 'Delete Cookie' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete term' }).click();
  await expect(page.getByRole('heading', { name: 'Terms (17)' })).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('heading', { name: 'Terms (18)' })).toBeVisible();
  await expect(page.getByRole('article', { name: 'Cookie' })).toBeVisible();

  await page.reload();
  await expect(heading(page, 'Web APIs')).toBeVisible();
  await expect(page.getByRole('article', { name: 'CORS' }).getByRole('listitem')).toHaveCount(2);
  expect((await readStoredData(page)).subdomains).toBe(3);
});

test('pass threshold setting and reset', async ({ page }) => {
  await addSample(page);
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  const threshold = page.getByRole('spinbutton', { name: 'Pass threshold, from 0 to 1' });

  await threshold.fill('1.5');
  await page.getByRole('button', { name: 'Save threshold' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Pass threshold 1.5 is invalid' })).toBeVisible();

  await threshold.fill('0.8');
  await page.getByRole('button', { name: 'Save threshold' }).click();
  await expect(page.getByTestId('threshold-in-use')).toHaveText('In use: 0.80 (yours).');
  await page.reload();
  await expect(threshold).toHaveValue('0.8');

  await page.getByRole('button', { name: 'Use the default' }).click();
  await expect(page.getByTestId('threshold-in-use')).toContainText("(the model's default)");
  await expect(threshold).toHaveValue('');

  await page.getByRole('button', { name: 'Delete all data…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete all data' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Deleted all data.' })).toBeVisible();
  const stored = await readStoredData(page);
  expect(stored.domains).toBe(0);
  expect(stored.terms).toBe(0);
  await page.getByRole('link', { name: 'Domains', exact: true }).click();
  await expect(page.getByRole('region', { name: 'New here? Try the sample domain' })).toBeVisible();
});
