import { describe, expect, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { audit, clickAndLoad, useE2E } from './support/e2e.ts';
import { DEMO_PASSWORD, DEMO_RESIDENT, mainText, signIn, submitSignIn, visit } from './support/flows.ts';
import { postForm, registerAccount, strongPassword, uniqueEmail } from './support/http.ts';

const e2e = useE2E();

const SESSION_COOKIE = 'vivaio_session';
const sessionCookie = async (context: BrowserContext) =>
  (await context.cookies()).find((c) => c.name === SESSION_COOKIE && c.value !== '') ?? null;
const formAlert = async (page: Page) => ((await page.locator('main [role="alert"]').first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

describe('cross-site requests', () => {
  const signInAction = '/it/login?_action=auth.signIn';
  const credentials = () => ({ email: uniqueEmail('nobody'), password: 'whatever-it-is-123' });

  test('a form POST from another site is refused with 403', async () => {
    const forged = await postForm(e2e.baseUrl, signInAction, credentials(), { origin: 'http://evil.example' });
    expect(forged.status).toBe(403);
    expect(forged.headers.get('set-cookie') ?? '').not.toContain(SESSION_COOKIE);

    const noOrigin = await postForm(e2e.baseUrl, signInAction, credentials(), { origin: null });
    expect(noOrigin.status, 'a form POST without Origin').toBe(403);

    const logout = await postForm(e2e.baseUrl, '/it/logout', {}, { origin: 'http://evil.example' });
    expect(logout.status, 'signing someone out from another site').toBe(403);

    // Control: the same request from the site itself reaches the action.
    const own = await postForm(e2e.baseUrl, signInAction, credentials());
    expect(own.status).toBe(200);
    expect(await own.text()).toContain('Email o password non corretti.');
  });
});

test('the session cookie is HttpOnly and SameSite=Lax, and `next` cannot leave the site', async () => {
  const account = await registerAccount(e2e.baseUrl, 'cookie');
  const page = await e2e.newPage();
  await visit(page, `/it/login?next=${encodeURIComponent('//evil.example/phish')}`);
  await submitSignIn(page, account.email, account.password);
  expect(page.url(), 'a foreign `next` falls back to the account page').toBe(`${e2e.baseUrl}/it/account`);

  const cookie = await sessionCookie(page.context());
  expect(cookie, 'session cookie after sign-in').not.toBeNull();
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
  expect(cookie!.value.length, 'the token carries enough randomness').toBeGreaterThanOrEqual(32);
  expect(await page.evaluate(() => document.cookie), 'scripts cannot read the session').not.toContain(SESSION_COOKIE);

  // Signed-in pages are never stored by shared caches.
  const response = await page.goto('/it/account');
  await audit(page);
  expect(response?.headers()['cache-control']).toMatch(/private|no-store/);
});

test('security headers are sent on pages, errors and JSON', async () => {
  for (const path of ['/it/', '/en/login', '/it/register', '/it/pagina-che-non-esiste']) {
    const response = await fetch(`${e2e.baseUrl}${path}`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp, `CSP on ${path}`).toMatch(/frame-ancestors 'none'/);
    expect(csp, `CSP on ${path}`).toMatch(/(^|;)\s*script-src [^;]*'self'/);
    expect(csp, `no inline script allowance on ${path}`).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp, `CSP on ${path}`).toMatch(/object-src 'none'/);
    expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
    expect(response.headers.get('referrer-policy'), path).toMatch(/^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/);
  }
  const health = await fetch(`${e2e.baseUrl}/healthz`);
  expect(health.headers.get('x-content-type-options')).toBe('nosniff');
  expect(health.headers.get('referrer-policy')).not.toBeNull();
});

test('six wrong passwords lock the account for a while, even against the right password', async () => {
  const account = await registerAccount(e2e.baseUrl, 'locked');
  const page = await e2e.newPage();
  await visit(page, '/it/login');
  for (let attempt = 1; attempt <= 5; attempt++) {
    await submitSignIn(page, account.email, `wrong password number ${attempt}`);
    expect(await formAlert(page), `answer to attempt ${attempt}`).toBe('Email o password non corretti.');
  }
  await submitSignIn(page, account.email, 'wrong password number 6');
  const locked = await formAlert(page);
  expect(locked, 'answer to attempt 6').toMatch(/^Troppi tentativi non riusciti\. Per sicurezza riprova dopo le \d{1,2}[:.]\d{2}/);

  await submitSignIn(page, account.email, account.password);
  expect(await formAlert(page), 'the right password while locked').toBe(locked);
  expect(new URL(page.url()).pathname).toBe('/it/login');
  expect(await sessionCookie(page.context())).toBeNull();

  // The lock is on the account, not on everyone behind this address.
  const other = await e2e.newPage();
  await signIn(other, 'it', DEMO_RESIDENT, DEMO_PASSWORD);
});

test('changing the password signs out the same user’s other sessions', async () => {
  const account = await registerAccount(e2e.baseUrl, 'twodevices');
  const laptop = await e2e.newPage();
  const phone = await e2e.newPage();
  await signIn(laptop, 'it', account.email, account.password);
  await signIn(phone, 'it', account.email, account.password);

  const newPassword = strongPassword();
  const form = laptop.locator('main form', { has: laptop.locator('#f-currentPassword') });
  await form.locator('#f-currentPassword').fill(account.password);
  await form.locator('#f-password').fill(newPassword);
  await form.locator('#f-passwordConfirm').fill(newPassword);
  await clickAndLoad(laptop, form.locator('button[type="submit"]'));
  await audit(laptop);
  expect(await mainText(laptop)).toContain('Password cambiata. Altre sessioni chiuse: 1.');

  // The other browser is signed out at its next request.
  await visit(phone, '/it/account');
  const redirected = new URL(phone.url());
  expect(redirected.pathname).toBe('/it/login');
  expect(redirected.searchParams.get('next')).toBe('/it/account');
  expect(await sessionCookie(phone.context()), 'the stale cookie is cleared').toBeNull();

  // The session that made the change stays, and the new password works elsewhere.
  await visit(laptop, '/it/account');
  expect(new URL(laptop.url()).pathname).toBe('/it/account');
  await submitSignIn(phone, account.email, newPassword);
  expect(new URL(phone.url()).pathname).toBe('/it/account');
});
