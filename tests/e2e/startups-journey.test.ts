import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { allowConsoleError, audit, clickAndLoad, useE2E } from './support/e2e.ts';
import { DEMO_PASSWORD, DEMO_STAFF, mainText, signIn, visit } from './support/flows.ts';
import { pathOf } from './support/proposals.ts';

/**
 * Start-ups in the browser, on the demo data: staff create the start-ups of the demo call with a
 * final ranking (when the seed has not already) and assign the demo coach; the team of one of
 * them writes its profile and publishes it; the public sees it, without JavaScript and without any
 * person's name, until the team withdraws its consent; another team is refused. The tests run in
 * order and share the server.
 */
const e2e = useE2E();

const STARTUP = 'Ginnastica dolce per over 65';
const SLUG = 'ginnastica-dolce-per-over-65';
/** The proposer of STARTUP and of another funded proposal of the call (db/seed/evaluation*.ts). */
const TEAM = 'fatima.benali@vivaio.example';
const OTHER_TEAM = 'alfio.pappalardo@vivaio.example';
const COACH = 'Elena Tutor';
const PEOPLE = ['Fatima Benali', 'Alfio Pappalardo', 'Rosaria Scuderi', 'Concetta Privitera', 'Orazio Nicolosi', 'Aisha Residente'];
const NEED = 'Gli anziani del quartiere non hanno attività motorie gratuite vicino a casa.';
let startupPath = '';

async function submit(page: Page, form: ReturnType<Page['locator']>): Promise<void> {
  await clickAndLoad(page, form.locator('button[type="submit"]'));
  await audit(page);
}

test('staff create the start-ups of the final ranking and assign a coach', { timeout: 120_000 }, async () => {
  const staff = await e2e.newPage();
  await signIn(staff, 'it', DEMO_STAFF, DEMO_PASSWORD);
  expect(await visit(staff, '/it/staff/startups')).toBe(200);
  const create = staff.locator('main form button', { hasText: 'Crea 3 start-up' });
  if ((await create.count()) > 0) {
    await clickAndLoad(staff, create);
    await audit(staff);
    expect(await mainText(staff)).toContain('Start-up create: 3.');
  }
  expect(await mainText(staff)).toContain('Tutte le proposte finanziate sono già start-up.');
  await clickAndLoad(staff, staff.locator('main table a', { hasText: STARTUP }));
  await audit(staff);
  startupPath = pathOf(staff).replace('/staff/', '/me/');
  expect(pathOf(staff)).toMatch(/^\/it\/staff\/startups\/[0-9a-f-]{36}$/);

  // Remove the demo coach if the seed assigned her, then assign her: both through the page.
  const remove = staff.locator('main form button', { hasText: `Togli ${COACH}` });
  if ((await remove.count()) > 0) {
    await clickAndLoad(staff, remove);
    await audit(staff);
    expect(await mainText(staff)).toContain('Coach tolto dalla start-up.');
  }
  const assign = staff.locator('main form', { has: staff.locator('select[name="coachId"]') });
  await assign.locator('select[name="coachId"]').selectOption({ label: `${COACH} – coach@vivaio.example` });
  await submit(staff, assign);
  const text = await mainText(staff);
  expect(text).toContain('Coach assegnato');
  expect(text).toContain(`Togli ${COACH}`);
  expect(text).toContain('Fatima Benali (Referente)');
});

test('the team writes its profile, publishes it, the public reads it without JavaScript, then it is withdrawn', { timeout: 120_000 }, async () => {
  const team = await e2e.newPage();
  await signIn(team, 'it', TEAM, DEMO_PASSWORD);
  await visit(team, '/it/me');
  await clickAndLoad(team, team.locator('main section', { hasText: 'Le mie start-up' }).locator('a', { hasText: STARTUP }));
  await audit(team);
  expect(pathOf(team)).toBe(startupPath);
  for (const link of ['/milestones', '/plan', '/monitoring']) expect(await team.locator(`main a[href="${startupPath}${link}"]`).count()).toBe(1);

  const profile = team.locator('main form', { has: team.locator('textarea[name="need"]') });
  // A blank name is refused with a message on the field, and what was typed stays.
  await profile.locator('input[name="name"]').fill(' ');
  await profile.locator('textarea[name="need"]').fill(NEED);
  await submit(team, profile);
  expect(await mainText(team)).toContain('Il modulo contiene errori');
  expect(await team.locator('#f-name-error').count()).toBe(1);
  expect(await profile.locator('textarea[name="need"]').inputValue()).toBe(NEED);
  await profile.locator('input[name="name"]').fill(STARTUP);
  await profile.locator('textarea[name="offer"]').fill('Lezioni di **ginnastica dolce** due mattine a settimana.');
  await submit(team, profile);
  expect(await mainText(team)).toContain('Profilo salvato.');
  const publish = team.locator('main form button', { hasText: 'Pubblica il profilo' });
  if ((await publish.count()) > 0) {
    await clickAndLoad(team, publish);
    await audit(team);
  }
  expect(await mainText(team)).toContain('Il profilo è pubblico dal');

  const reader = await e2e.newPage({ javaScriptEnabled: false });
  allowConsoleError(reader, /status of 404/);
  expect(await visit(reader, '/it/startups')).toBe(200);
  await clickAndLoad(reader, reader.locator('main a', { hasText: STARTUP }));
  await audit(reader);
  expect(pathOf(reader)).toBe(`/it/startups/${SLUG}`);
  const page = await mainText(reader);
  expect(page).toContain(NEED);
  expect(await reader.locator('main strong', { hasText: 'ginnastica dolce' }).count()).toBe(1);
  for (const person of PEOPLE) expect(page, 'no person on the public profile').not.toContain(person);
  const anonymous = await fetch(new URL(`/it/startups/${SLUG}`, e2e.baseUrl));
  expect(anonymous.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=30');

  await clickAndLoad(team, team.locator('main form button', { hasText: 'Revoca il consenso' }));
  await audit(team);
  expect(await mainText(team)).toContain('Consenso revocato');
  expect(await visit(reader, `/it/startups/${SLUG}`)).toBe(404);
  await visit(reader, '/it/startups');
  expect(await reader.locator('main a', { hasText: STARTUP }).count()).toBe(0);
});

test('another team cannot open the start-up: not found while private, refused once public', { timeout: 120_000 }, async () => {
  const other = await e2e.newPage();
  allowConsoleError(other, /status of 40[34]/);
  await signIn(other, 'it', OTHER_TEAM, DEMO_PASSWORD);
  expect(await visit(other, startupPath)).toBe(404);
  const team = await e2e.newPage();
  await signIn(team, 'it', TEAM, DEMO_PASSWORD);
  await visit(team, startupPath);
  await clickAndLoad(team, team.locator('main form button', { hasText: 'Pubblica il profilo' }));
  await audit(team);
  expect(await visit(other, startupPath)).toBe(403);
});
