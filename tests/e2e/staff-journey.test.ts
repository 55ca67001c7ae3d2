import { describe, expect, test } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { allowConsoleError, audit, clickAndLoad, useE2E } from './support/e2e.ts';
import { DEMO_PASSWORD, DEMO_RESIDENT, DEMO_STAFF, mainText, signIn, submitSignIn, visit } from './support/flows.ts';
import { postForm, strongPassword, uniqueEmail } from './support/http.ts';

const e2e = useE2E();

const DEMO_ADMIN = 'admin@vivaio.example';
const SESSION_COOKIE = 'vivaio_session';

const heading = async (page: Page) => ((await page.locator('h1').first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
const textOf = async (locator: Locator) => ((await locator.first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
const pathOf = (page: Page) => new URL(page.url()).pathname;
const sessionCookie = async (context: BrowserContext) =>
  (await context.cookies()).find((c) => c.name === SESSION_COOKIE && c.value !== '') ?? null;

/**
 * Ticks or unticks a checkbox from the keyboard: Bootstrap Italia draws the box on the label, so
 * the input itself is not clickable, and keyboard use is what we want to cover anyway.
 */
async function setChecked(page: Page, box: Locator, wanted: boolean): Promise<void> {
  if ((await box.isChecked()) !== wanted) {
    await box.focus();
    await page.keyboard.press('Space');
  }
  expect(await box.isChecked(), `checkbox ${await box.getAttribute('id')} is ${wanted ? 'ticked' : 'clear'}`).toBe(wanted);
}

/** Follows a link in the back office's own tab navigation and audits the page it opens. */
async function openStaffSection(page: Page, href: string): Promise<void> {
  await clickAndLoad(page, page.locator(`main nav a[href="${href}"]`));
  await audit(page);
  expect(pathOf(page)).toBe(href);
}

/**
 * The staff mailbox (demo mode has no SMTP): searches for `address`, opens the message to it and
 * returns the first link in the message text that matches `pattern`.
 */
async function linkFromMailbox(staff: Page, address: string, pattern: RegExp): Promise<string> {
  await openStaffSection(staff, '/it/staff/mailbox');
  await staff.locator('main form[role="search"] input[type="search"]').fill(address);
  await clickAndLoad(staff, staff.locator('main form[role="search"] button[type="submit"]'));
  await audit(staff);
  const row = staff.locator('main table tbody tr', { hasText: address });
  expect(await row.count(), `mailbox rows for ${address}`).toBe(1);
  await clickAndLoad(staff, row.locator('a[href*="/staff/mailbox/"]'));
  await audit(staff);
  expect(pathOf(staff)).toMatch(/^\/it\/staff\/mailbox\/\d+$/);
  expect(await mainText(staff)).toContain(address);
  const body = (await staff.locator('main .vv-pre').textContent()) ?? '';
  const link = body.match(pattern)?.[0];
  if (!link) throw new Error(`no link matching ${pattern} in the message to ${address}:\n${body}`);
  // The same link is offered as a clickable list below the text.
  expect(await staff.locator(`main ul a[href="${link}"]`).count(), 'the link is also listed under the text').toBe(1);
  return link;
}

/**
 * Whether the roles on a user's page are read-only: the fieldset is disabled (Playwright's
 * isDisabled() does not answer for a fieldset) and so is every box in it.
 */
async function rolesLocked(page: Page): Promise<boolean> {
  const fieldset = page.locator('main section[aria-labelledby="roles-title"] fieldset');
  const disabled = await fieldset.evaluate((el) => (el as HTMLFieldSetElement).disabled);
  const boxes = await fieldset.locator('input[name="roles"]').all();
  expect(boxes.length, 'one box per role').toBe(6);
  const states = await Promise.all(boxes.map((b) => b.isDisabled()));
  if (states.some((s) => s !== disabled)) throw new Error(`fieldset disabled=${disabled} but boxes disabled=${states.join(',')}`);
  return disabled;
}

/** The operations listed in the audit table that is open, top to bottom. */
async function auditActions(page: Page): Promise<string[]> {
  return (await page.locator('main table tbody tr td:nth-child(3) code').allTextContents()).map((s) => s.trim());
}

/** Filters the audit page that is open by the start of the operation name. */
async function filterAudit(page: Page, action: string): Promise<void> {
  await page.locator('#a-action').fill(action);
  await clickAndLoad(page, page.locator('main form[role="search"] button[type="submit"]'));
  await audit(page);
  expect(new URL(page.url()).searchParams.get('action')).toBe(action);
}

test('an administrator invites an evaluator, who accepts in English; roles are then changed and audited', { timeout: 150_000 }, async () => {
  const invitedAs = 'Dora Valutatrice';
  const chosenName = 'Dora Invitata';
  const email = uniqueEmail('dora');
  const password = strongPassword();

  // 1. The admin opens the back office from the header, then the invitations page, and invites.
  const admin = await e2e.newPage();
  await signIn(admin, 'it', DEMO_ADMIN, DEMO_PASSWORD);
  await clickAndLoad(admin, admin.locator('header a[href="/it/staff"]'));
  await audit(admin);
  expect(pathOf(admin)).toBe('/it/staff');
  expect(await heading(admin)).toBe('Back-office');
  await openStaffSection(admin, '/it/staff/invitations');
  expect(await heading(admin)).toBe('Inviti');

  const form = admin.locator('main form', { has: admin.locator('#f-email') });
  await form.locator('#f-name').fill(invitedAs);
  await form.locator('#f-email').fill(email);
  await form.locator('#f-locale').selectOption('en');
  await setChecked(admin, form.locator('#inv-evaluator'), true);
  await setChecked(admin, form.locator('#inv-coach'), true);
  // An administrator may also invite administrators; staff may not (checked further down).
  expect(await form.locator('#inv-admin').count(), 'the admin role is offered to an administrator').toBe(1);
  await clickAndLoad(admin, form.locator('button[type="submit"]'));
  await audit(admin);
  expect(pathOf(admin)).toBe('/it/staff/invitations');
  expect(await textOf(admin.locator('main [role="status"]'))).toBe(`Invito inviato a ${email}.`);
  expect(await admin.locator('main [role="alert"]').count(), 'no error after sending').toBe(0);

  const pendingRow = admin.locator('main table tbody tr', { hasText: email });
  expect(await pendingRow.count(), `invitation rows for ${email}`).toBe(1);
  expect(await textOf(pendingRow.locator('th'))).toBe(invitedAs);
  expect(await textOf(pendingRow.locator('td').nth(1))).toBe('Valutatore, Tutor');
  expect(await textOf(pendingRow.locator('td').nth(2))).toBe('In attesa');
  expect(await pendingRow.locator('button', { hasText: 'Revoca' }).getAttribute('aria-label')).toBe(`Revoca l’invito a ${email}`);

  // 2. The invitation link, from the message in the staff mailbox.
  const link = await linkFromMailbox(admin, email, /https?:\/\/\S+\/en\/invitation\?token=[^\s"<>]+/);
  expect(new URL(link).origin, 'the link points at this site').toBe(e2e.baseUrl);

  // The invited person, in a browser of their own (Italian, like most visitors).
  const invitee = await e2e.newPage();
  await invitee.goto(link);
  await audit(invitee);
  expect(await invitee.getAttribute('html', 'lang')).toBe('en');
  expect(await heading(invitee)).toBe('Accept the invitation');
  expect(await textOf(invitee.locator('main p.lead'))).toBe(
    `You have been invited to Vivaio as: Evaluator, Coach. Choose a password to activate your account ${email}.`,
  );
  const accept = invitee.locator('main form', { has: invitee.locator('#f-password') });
  expect(await accept.locator('#f-name').inputValue(), 'the name given by the office is proposed').toBe(invitedAs);
  await accept.locator('#f-name').fill(chosenName);
  await accept.locator('#f-password').fill(password);
  await accept.locator('#f-passwordConfirm').fill(password);
  await setChecked(invitee, accept.locator('#f-privacy'), true);
  await clickAndLoad(invitee, accept.locator('button[type="submit"]'));
  await audit(invitee);

  // Signed in, on the account page, in English, with the invited roles.
  expect(pathOf(invitee)).toBe('/en/account');
  expect(await invitee.getAttribute('html', 'lang')).toBe('en');
  expect(await heading(invitee)).toBe('My profile');
  expect(await textOf(invitee.locator('main [role="status"]'))).toBe('Invitation accepted. Welcome to Vivaio!');
  expect(await sessionCookie(invitee.context()), 'signed in after accepting').not.toBeNull();
  expect(await invitee.locator('header').textContent()).toContain(chosenName);
  expect(await invitee.locator('#f-name').inputValue()).toBe(chosenName);
  expect(await invitee.locator('#f-locale').inputValue(), 'the language chosen by the office is the preference').toBe('en');
  const profile = invitee.locator('main section[aria-labelledby="profile-title"] dl');
  expect(await textOf(profile.locator('dd').nth(0)), 'an invitation confirms the address').toBe(`${email} (confirmed)`);
  const accountRoles = (await textOf(profile.locator('dd').nth(1))).split(', ').sort();
  expect(accountRoles).toEqual(['Coach', 'Evaluator']);
  // Not staff: no back-office link in the header.
  expect(await invitee.locator('header a[href$="/staff"]').count()).toBe(0);

  // The link works once.
  await invitee.goto(link);
  await audit(invitee);
  expect(await textOf(invitee.locator('main [role="alert"]'))).toBe(
    'This invitation is not valid, has expired or has already been used. Ask the office to send a new one.',
  );
  expect(await invitee.locator('main form').count(), 'no form on a used invitation').toBe(0);

  // 3. Back to the admin: the invitation is accepted, and no longer revocable.
  await openStaffSection(admin, '/it/staff/invitations');
  const acceptedRow = admin.locator('main table tbody tr', { hasText: email });
  expect(await textOf(acceptedRow.locator('td').nth(2))).toBe('Accettato');
  expect(await acceptedRow.locator('button').count()).toBe(0);

  // The users page filtered by role lists the new evaluator.
  await openStaffSection(admin, '/it/staff/users');
  expect(await heading(admin)).toBe('Utenti');
  await admin.locator('#role').selectOption('evaluator');
  await clickAndLoad(admin, admin.locator('main form[role="search"] button[type="submit"]'));
  await audit(admin);
  expect(new URL(admin.url()).searchParams.get('role')).toBe('evaluator');
  expect(await admin.locator('#role').inputValue(), 'the filter stays selected').toBe('evaluator');
  const listed = await admin.locator('main table tbody tr td:nth-child(2)').allTextContents();
  expect(listed.map((s) => s.trim())).toContain(email);
  expect(listed.map((s) => s.trim()), 'only evaluators are listed').not.toContain(DEMO_STAFF);
  const userRow = admin.locator('main table tbody tr', { hasText: email });
  expect(await textOf(userRow.locator('th'))).toBe(chosenName);
  expect((await textOf(userRow.locator('td').nth(1))).split(', ').sort()).toEqual(['Tutor', 'Valutatore']);
  expect(await textOf(userRow.locator('td').nth(2))).toBe('Attivo');

  // Their detail page shows the roles.
  await clickAndLoad(admin, userRow.locator('th a'));
  await audit(admin);
  const detailPath = pathOf(admin);
  expect(detailPath).toMatch(/^\/it\/staff\/users\/[0-9a-f-]{36}$/);
  const userId = detailPath.split('/').pop()!;
  expect(await heading(admin)).toBe(chosenName);
  expect(await mainText(admin)).toContain(email);
  const checkedRoles = async (page: Page) =>
    (await page.locator('main input[name="roles"]').evaluateAll((boxes) => boxes.filter((b) => (b as HTMLInputElement).checked).map((b) => (b as HTMLInputElement).value))).sort();
  expect(await checkedRoles(admin)).toEqual(['coach', 'evaluator']);
  expect(await rolesLocked(admin), 'an administrator may change roles').toBe(false);

  // The audit trail, filtered by operation, has the invitation created and accepted.
  await openStaffSection(admin, '/it/staff/audit');
  expect(await heading(admin)).toBe('Registro delle attività');
  await filterAudit(admin, 'invitation.');
  const invitationActions = await auditActions(admin);
  expect(invitationActions).toContain('invitation.created');
  expect(invitationActions).toContain('invitation.accepted');
  expect(invitationActions.every((a) => a.startsWith('invitation.')), `only invitation.* rows: ${invitationActions.join(', ')}`).toBe(true);
  const createdRow = admin.locator('main table tbody tr', { hasText: 'invitation.created' }).filter({ hasText: email });
  expect(await createdRow.count(), 'the creation row names the address').toBe(1);
  expect(await textOf(createdRow.locator('td').nth(1)), 'created by the admin').toBe(DEMO_ADMIN);
  const acceptedEvent = admin.locator('main table tbody tr', { hasText: 'invitation.accepted' }).filter({ hasText: email });
  expect(await acceptedEvent.count(), 'the acceptance row is by the new person').toBe(1);

  // A date that does not exist, typed into the address: a translated field message, not a 500.
  const bad = await visit(admin, '/it/staff/audit?from=2026-13-45');
  expect(bad, 'status of the audit page with a bad date').toBe(200);
  expect(await heading(admin)).toBe('Registro delle attività');
  expect(await admin.locator('#a-from').getAttribute('aria-invalid')).toBe('true');
  expect(await admin.locator('#a-from').getAttribute('aria-describedby')).toBe('a-from-error');
  expect(await textOf(admin.locator('#a-from-error'))).toBe('Inserisci una data valida (gg/mm/aaaa).');
  expect(await admin.locator('#a-to').getAttribute('aria-invalid'), 'only the bad field is marked').toBeNull();
  expect(await admin.locator('main table tbody tr').count(), 'the unfiltered list is still shown').toBeGreaterThan(0);
  // The same in English.
  expect(await visit(admin, '/en/staff/audit?to=2026-13-45')).toBe(200);
  expect(await textOf(admin.locator('#a-to-error'))).toBe('Enter a valid date (dd/mm/yyyy).');

  // 4. The admin removes the coach role.
  await visit(admin, detailPath);
  const rolesForm = admin.locator('main form', { has: admin.locator('#role-coach') });
  await setChecked(admin, rolesForm.locator('#role-coach'), false);
  await clickAndLoad(admin, rolesForm.locator('button[type="submit"]'));
  await audit(admin);
  expect(pathOf(admin)).toBe(detailPath);
  expect(await textOf(admin.locator('main section[aria-labelledby="roles-title"] [role="status"]'))).toBe('Ruoli aggiornati.');
  expect(await checkedRoles(admin)).toEqual(['evaluator']);
  // Reloaded from the server, not just the form as submitted.
  await visit(admin, detailPath);
  expect(await checkedRoles(admin)).toEqual(['evaluator']);
  expect(await admin.locator('main section[aria-labelledby="history-title"] code', { hasText: 'user.roles_changed' }).count()).toBe(1);

  // The audit trail of this user (the link on the detail page) has the change and what it was.
  await clickAndLoad(admin, admin.locator(`main a[href="/it/staff/audit?entityId=${userId}"]`));
  await audit(admin);
  const changed = admin.locator('main table tbody tr', { hasText: 'user.roles_changed' });
  expect(await changed.count()).toBe(1);
  expect(await textOf(changed.locator('td').nth(1))).toBe(DEMO_ADMIN);
  expect(await textOf(changed.locator('td').nth(4))).toBe('{"added":[],"removed":["coach"]}');
  await filterAudit(admin, 'user.roles_changed');
  expect(await admin.locator('#a-entityId').inputValue(), 'the other filter is kept').toBe(userId);
  expect(await auditActions(admin)).toEqual(['user.roles_changed']);

  // The invitee's own page follows at the next request.
  await visit(invitee, '/en/account');
  expect(await textOf(invitee.locator('main section[aria-labelledby="profile-title"] dd').nth(1))).toBe('Evaluator');

  // A member of staff who is not an administrator sees the roles but cannot change them.
  const staff = await e2e.newPage();
  await signIn(staff, 'it', DEMO_STAFF, DEMO_PASSWORD);
  await visit(staff, detailPath);
  expect(await heading(staff)).toBe(chosenName);
  expect(await checkedRoles(staff)).toEqual(['evaluator']);
  expect(await rolesLocked(staff), 'the roles fieldset and its boxes are disabled').toBe(true);
  expect(await staff.locator('main section[aria-labelledby="roles-title"] button').count(), 'no save button').toBe(0);
  expect(await staff.locator('main section[aria-labelledby="access-title"]').count(), 'no access section').toBe(0);
  expect(await staff.locator('main button', { hasText: 'Disattiva l’account' }).count(), 'no disable button').toBe(0);

  // The disabled fieldset is not the only lock: the same form posted by staff is refused.
  const staffCookie = await sessionCookie(staff.context());
  const forged = await postForm(
    e2e.baseUrl,
    `${detailPath}?_action=staff.setRoles`,
    { userId, roles: 'admin' },
    { cookie: `${SESSION_COOKIE}=${staffCookie!.value}` },
  );
  expect(forged.status, 'the action answers with the page and its error').toBe(200);
  const refusal = await forged.text();
  expect(refusal).toContain('Il tuo account non ha il ruolo necessario per questa operazione.');
  expect(refusal).not.toContain('Ruoli aggiornati.');
  await visit(admin, detailPath);
  expect(await checkedRoles(admin), 'roles unchanged after the refused post').toEqual(['evaluator']);

  // Staff may invite, but not administrators.
  await visit(staff, '/it/staff/invitations');
  expect(await staff.locator('#inv-admin').count(), 'the admin role is not offered to staff').toBe(0);
  expect(await staff.locator('#inv-evaluator').count()).toBe(1);
});

describe('access to the back office', () => {
  test('a resident gets the translated 403 page and no back-office link', async () => {
    const resident = await e2e.newPage();
    allowConsoleError(resident, /status of 403/);
    await signIn(resident, 'it', DEMO_RESIDENT, DEMO_PASSWORD);
    expect(await resident.locator('header a[href="/it/staff"]').count(), 'no back-office link in the header').toBe(0);
    for (const path of ['/it/staff', '/it/staff/audit']) {
      expect(await visit(resident, path), `status of ${path}`).toBe(403);
      expect(pathOf(resident), 'no redirect: the address stays').toBe(path);
      expect(await resident.getAttribute('html', 'lang')).toBe('it');
      expect(await heading(resident), `title on ${path}`).toBe('Accesso non consentito');
      const text = await mainText(resident);
      expect(text).toContain('Non hai i permessi per vedere questa pagina.');
      expect(text, 'nothing of the back office leaks').not.toContain('Registro delle attività');
    }
    // The same in English.
    expect(await visit(resident, '/en/staff/users')).toBe(403);
    expect(await heading(resident)).toBe('Access not allowed');
  });

  test('an anonymous visitor is sent to sign in and brought back after signing in as staff', async () => {
    const page = await e2e.newPage();
    expect(await visit(page, '/en/staff/users')).toBe(200);
    const login = new URL(page.url());
    expect(login.pathname).toBe('/en/login');
    expect(login.searchParams.get('next')).toBe('/en/staff/users');
    expect(await heading(page)).toBe('Sign in');
    expect(await page.locator('main form input[name="next"]').inputValue()).toBe('/en/staff/users');

    await submitSignIn(page, DEMO_STAFF, DEMO_PASSWORD);
    expect(page.url()).toBe(`${e2e.baseUrl}/en/staff/users`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await heading(page)).toBe('Users');
    expect(await page.locator('main table tbody tr').count(), 'the demo accounts are listed').toBeGreaterThan(0);
  });
});

test('the audit filter refuses a day that is not in the calendar', async () => {
  const admin = await e2e.newPage();
  await signIn(admin, 'it', DEMO_ADMIN, DEMO_PASSWORD);
  // Well-formed but impossible: 30 February must not quietly become 2 March.
  for (const [field, day] of [['from', '2026-02-30'], ['to', '2026-04-31']] as const) {
    expect(await visit(admin, `/it/staff/audit?${field}=${day}`), `status with ${field}=${day}`).toBe(200);
    expect(await admin.locator(`#a-${field}`).getAttribute('aria-invalid'), `${field}=${day} is marked invalid`).toBe('true');
    expect(await textOf(admin.locator(`#a-${field}-error`))).toBe('Inserisci una data valida (gg/mm/aaaa).');
  }
  // A real day is accepted.
  expect(await visit(admin, '/it/staff/audit?from=2024-02-29')).toBe(200);
  expect(await admin.locator('#a-from').getAttribute('aria-invalid')).toBeNull();
});
