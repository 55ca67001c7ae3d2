import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { audit } from './axe.ts';
import { clickAndLoad } from './browser.ts';

/** The demo accounts seeded in demo mode (db/seed/demo-accounts.ts). */
export const DEMO_PASSWORD = 'vivaio-demo-2026';
export const DEMO_STAFF = 'staff@vivaio.example';
export const DEMO_RESIDENT = 'residente@vivaio.example';

/** Opens a page and audits it. Returns the HTTP status of the document. */
export async function visit(page: Page, path: string): Promise<number> {
  const response = await page.goto(path);
  await audit(page);
  return response?.status() ?? 0;
}

/** Fills the sign-in form on the login page that is open and submits it; audits the answer. */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  const form = page.locator('main form').first();
  await form.locator('input[name="email"]').fill(email);
  await form.locator('input[name="password"]').fill(password);
  await clickAndLoad(page, form.locator('button[type="submit"]'));
  await audit(page);
}

/** Signs in from the login page in `lang` and expects to land on the account page. */
export async function signIn(page: Page, lang: 'it' | 'en', email: string, password: string): Promise<void> {
  await visit(page, `/${lang}/login`);
  await submitSignIn(page, email, password);
  expect(new URL(page.url()).pathname, `signing in as ${email}`).toBe(`/${lang}/account`);
}

/** The plain text of <main>, whitespace collapsed, for message checks. */
export async function mainText(page: Page): Promise<string> {
  return ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ').trim();
}
