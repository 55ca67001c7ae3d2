import { randomBytes } from 'node:crypto';

/**
 * Plain HTTP from Node, for what a browser cannot show (headers, a forged cross-site POST) and
 * for setting up accounts quickly. Form posts carry the app's own Origin unless told otherwise,
 * as a browser would.
 */
export async function postForm(
  baseUrl: string,
  path: string,
  fields: Record<string, string>,
  options: { origin?: string | null; cookie?: string } = {},
): Promise<Response> {
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
  const origin = options.origin === undefined ? baseUrl : options.origin;
  if (origin !== null) headers.Origin = origin;
  if (options.cookie) headers.Cookie = options.cookie;
  return fetch(new URL(path, baseUrl), { method: 'POST', headers, body: new URLSearchParams(fields), redirect: 'manual' });
}

/** An address no other test uses (the server's database lives as long as the test file). */
export function uniqueEmail(prefix: string): string {
  return `${prefix}.${Date.now().toString(36)}${randomBytes(3).toString('hex')}@example.org`;
}

/** A password that passes the rules (12+ characters, not common) and is unique to the test. */
export function strongPassword(): string {
  return `orto condiviso ${randomBytes(4).toString('hex')} sul tetto`;
}

export type NewAccount = { name: string; email: string; password: string };

/**
 * Registers a resident through the registration form's action (not verified: signing in does
 * not need it). Each registration counts against the per-IP mail allowance (10 an hour), so a
 * test file should stay well below that.
 */
export async function registerAccount(baseUrl: string, prefix: string, locale: 'it' | 'en' = 'it'): Promise<NewAccount> {
  const account = { name: `Prova ${prefix}`, email: uniqueEmail(prefix), password: strongPassword() };
  const response = await postForm(baseUrl, `/${locale}/register?_action=auth.register`, {
    name: account.name,
    email: account.email,
    password: account.password,
    passwordConfirm: account.password,
    locale,
    privacy: 'on',
  });
  const body = await response.text();
  if (response.status !== 200 || !body.includes(account.email) || body.includes('alert-danger')) {
    throw new Error(`registering ${account.email} failed: HTTP ${response.status}\n${body.slice(0, 2000)}`);
  }
  return account;
}
