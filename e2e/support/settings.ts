import { expect, type Page } from '@playwright/test';

/** Points the app's AI at `baseUrl` (the loopback fake) with a key, through the Settings page. */
export async function configureAi(page: Page, url: string, baseUrl: string, apiKey: string): Promise<void> {
  await page.goto(`${url}#/settings`);
  await page.getByTestId('settings-base-url').fill(baseUrl);
  await page.getByTestId('settings-api-key').fill(apiKey);
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-saved')).toBeVisible();
}
