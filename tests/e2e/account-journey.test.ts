import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { audit, clickAndLoad, useE2E } from './support/e2e.ts';
import { DEMO_PASSWORD, DEMO_RESIDENT, DEMO_STAFF, mainText, signIn, submitSignIn, visit } from './support/flows.ts';
import { strongPassword, uniqueEmail } from './support/http.ts';

const e2e = useE2E();

/** Fills the Italian registration form that is open. */
async function fillRegistration(page: Page, fields: { name: string; email: string; password: string }): Promise<void> {
  const form = page.locator('main form');
  await form.locator('#f-name').fill(fields.name);
  await form.locator('#f-email').fill(fields.email);
  await form.locator('#f-password').fill(fields.password);
  await form.locator('#f-passwordConfirm').fill(fields.password);
  await form.locator('#f-locale').selectOption('it');
  // Bootstrap Italia draws the box on the label, whose text holds a link: tick it from the keyboard.
  const privacy = form.locator('#f-privacy');
  await privacy.focus();
  await page.keyboard.press('Space');
  expect(await privacy.isChecked(), 'the privacy box is ticked').toBe(true);
}

/**
 * Staff read the outbox in the back-office mailbox (demo mode has no SMTP): find the message
 * sent to `address` and return the first link in its text that matches `pattern`.
 */
async function linkFromMailbox(staff: Page, address: string, pattern: RegExp): Promise<string> {
  await visit(staff, '/it/staff/mailbox');
  await staff.locator('main input[type="search"]').fill(address);
  await clickAndLoad(staff, staff.locator('main form[role="search"] button[type="submit"]'));
  await audit(staff);
  const row = staff.locator('main table tbody tr', { hasText: address });
  expect(await row.count(), `mailbox rows for ${address}`).toBeGreaterThan(0);
  await clickAndLoad(staff, row.first().locator('a[href*="/staff/mailbox/"]'));
  await audit(staff);
  expect(new URL(staff.url()).pathname).toMatch(/^\/it\/staff\/mailbox\/\d+$/);
  const text = await mainText(staff);
  expect(text).toContain(address);
  const link = text.match(pattern)?.[0];
  if (!link) throw new Error(`no link matching ${pattern} in the message to ${address}:\n${text}`);
  return link;
}

test('a new resident registers, confirms the address from the email, signs in, switches language and signs out', async () => {
  const resident = await e2e.newPage();
  const name = 'Chiara Ortolani';
  const email = uniqueEmail('chiara');
  const password = strongPassword();

  // Register (Italian).
  await visit(resident, '/it/');
  await clickAndLoad(resident, resident.locator('header a[href="/it/register"]'));
  await audit(resident);
  await fillRegistration(resident, { name, email, password });
  await clickAndLoad(resident, resident.locator('main form button[type="submit"]'));
  await audit(resident);
  expect(((await resident.locator('h1').textContent()) ?? '').trim()).toBe('Controlla la tua email');
  expect(await mainText(resident)).toContain(email);

  // The verification email, read by staff in the back-office mailbox (a second browser).
  const staff = await e2e.newPage();
  await signIn(staff, 'it', DEMO_STAFF, DEMO_PASSWORD);
  const link = await linkFromMailbox(staff, email, /https?:\/\/\S+\/it\/verify-email\?token=[^\s"<>]+/);
  expect(new URL(link).origin, 'the link points at this site').toBe(e2e.baseUrl);

  // Back in the resident's browser: open the link and confirm.
  await resident.goto(link);
  await audit(resident);
  expect(((await resident.locator('h1').textContent()) ?? '').trim()).toBe('Conferma indirizzo email');
  await clickAndLoad(resident, resident.locator('main form button[type="submit"]'));
  await audit(resident);
  const afterConfirm = new URL(resident.url());
  expect(afterConfirm.pathname).toBe('/it/login');
  expect(afterConfirm.searchParams.has('verified')).toBe(true);
  expect(await mainText(resident)).toContain('Indirizzo email confermato. Ora puoi accedere.');

  // Sign in: the account page shows the name and a confirmed address.
  await submitSignIn(resident, email, password);
  expect(new URL(resident.url()).pathname).toBe('/it/account');
  expect(await resident.locator('#f-name').inputValue()).toBe(name);
  const account = await mainText(resident);
  expect(account).toContain(`${email} (confermato)`);
  expect(await resident.locator('header').textContent()).toContain(name);

  // The header's language link keeps the page.
  await clickAndLoad(resident, resident.locator('header a[hreflang="en"]'));
  await audit(resident);
  expect(new URL(resident.url()).pathname).toBe('/en/account');
  expect(await resident.getAttribute('html', 'lang')).toBe('en');
  expect(((await resident.locator('h1').textContent()) ?? '').trim()).toBe('My profile');
  expect(await resident.locator('#f-name').inputValue()).toBe(name);

  // Sign out from the header.
  await clickAndLoad(resident, resident.locator('header form[action$="/logout"] button'));
  await audit(resident);
  const signedOut = new URL(resident.url());
  expect(signedOut.pathname).toBe('/en/login');
  expect(signedOut.searchParams.has('signedOut')).toBe(true);
  expect(await mainText(resident)).toContain('You have signed out.');
  expect((await resident.context().cookies()).some((c) => c.name === 'vivaio_session' && c.value !== '')).toBe(false);

  // The confirmation link works once.
  await resident.goto(link);
  await audit(resident);
  await clickAndLoad(resident, resident.locator('main form button[type="submit"]'));
  await audit(resident);
  expect(new URL(resident.url()).pathname).toBe('/it/verify-email');
  expect(await resident.locator('main [role="alert"]').textContent()).toContain('non è valido');
});

describe('form errors keep what was typed', () => {
  test('a wrong password shows a translated error and keeps the email', async () => {
    const page = await e2e.newPage();
    await visit(page, '/it/login');
    await submitSignIn(page, DEMO_RESIDENT, 'not-the-right-password');
    expect(new URL(page.url()).pathname).toBe('/it/login');
    expect(((await page.locator('main [role="alert"]').textContent()) ?? '').trim()).toBe('Email o password non corretti.');
    expect(await page.locator('#f-email').inputValue()).toBe(DEMO_RESIDENT);
    expect(await page.locator('#f-password').inputValue(), 'passwords are never sent back').toBe('');
    expect((await page.context().cookies()).some((c) => c.name === 'vivaio_session' && c.value !== '')).toBe(false);

    // The same in English.
    await visit(page, '/en/login');
    await submitSignIn(page, DEMO_RESIDENT, 'still-not-the-right-one');
    expect(((await page.locator('main [role="alert"]').textContent()) ?? '').trim()).toBe('Wrong email or password.');
    expect(await page.locator('#f-email').inputValue()).toBe(DEMO_RESIDENT);
  });

  test('a common password at registration gets the per-field message; name and email stay', async () => {
    const page = await e2e.newPage();
    const name = 'Luca Tentativo';
    const email = uniqueEmail('luca');
    await visit(page, '/it/register');
    await fillRegistration(page, { name, email, password: 'password1234' });
    await clickAndLoad(page, page.locator('main form button[type="submit"]'));
    await audit(page);
    expect(((await page.locator('h1').textContent()) ?? '').trim()).toBe('Registrati');
    expect(await page.locator('main [role="alert"]').textContent()).toContain('Il modulo contiene errori');
    const password = page.locator('#f-password');
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    expect(await password.getAttribute('aria-describedby')).toContain('f-password-error');
    expect(await page.locator('#f-password-error').textContent()).toContain('Questa password è troppo comune');
    expect(await page.locator('#f-name').inputValue()).toBe(name);
    expect(await page.locator('#f-email').inputValue()).toBe(email);
    expect(await password.inputValue()).toBe('');
    expect(await page.locator('#f-privacy').isChecked()).toBe(true);
  });
});

test('in demo mode the login page lists the demo accounts and their password', async () => {
  const page = await e2e.newPage();
  await visit(page, '/it/login');
  const box = page.locator('main section[aria-labelledby="demo-title"]');
  expect(await box.count()).toBe(1);
  expect(((await box.locator('h2').textContent()) ?? '').trim()).toBe('Account dimostrativi');
  const text = (await box.textContent()) ?? '';
  expect(text).toContain(DEMO_PASSWORD);
  for (const email of ['admin@vivaio.example', DEMO_STAFF, DEMO_RESIDENT]) expect(text).toContain(email);

  // The listed credentials work.
  await submitSignIn(page, DEMO_STAFF, DEMO_PASSWORD);
  expect(new URL(page.url()).pathname).toBe('/it/account');
});
