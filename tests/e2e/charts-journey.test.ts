import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2E } from './support/e2e.ts';
import { DEMO_PASSWORD, DEMO_STAFF, signIn, visit } from './support/flows.ts';
import { DEMO_COACH, follow, openCoachStartup } from './support/incubation.ts';
import { cents, definitions, euro, rowOf, squash, tableByCaption } from './support/money.ts';
import { pathOf } from './support/proposals.ts';

/**
 * The four figures as server-rendered charts where people follow money (issue 6 point 4), on the
 * demo data (db/seed/money.ts): the staff funding overview and a call's page, a start-up's staff
 * page, its coach's page, its public profile and the donor's area. Each chart is checked against
 * the figures the back office computes on its own (the call's ledger and its start-ups' table),
 * carries its table, names every amount in its SVG, and has ids unique on the page. The tests run
 * in order and share what the call page showed.
 */
const e2e = useE2E();

const CALL = 'Sport nei cortili';
/** A demo start-up with a grant and a public profile (db/seed/startup-texts.ts). */
const STARTUP = 'Basket in piazza Lanza';
const SLUG = 'basket-in-piazza-lanza';
const DONOR_EMAIL = 'donatore@vivaio.example';

type Four = { planned: number; awarded: number; committed: number; disbursed: number };
const HEADS = { planned: 'Programmato', awarded: 'Ammesso', committed: 'Giuridicamente vincolante', disbursed: 'Erogato' } as const;

/** What the call page showed: each start-up's figures from the back office's own table, and the call's ledger. */
const state: { startups?: Map<string, Four>; ledger?: Four; callPath?: string } = {};

/** A dash (no grant yet) is zero. */
const amount = (text: string) => (squash(text) === '–' ? 0 : cents(text));

/** A chart's table row as its four figures; every amount printed as an Italian reader expects ("4.000,00 €"). */
function fourOf(row: Record<string, string>): Four {
  const four = Object.fromEntries(Object.entries(HEADS).map(([key, head]) => [key, cents(row[head]!)])) as Four;
  for (const head of Object.values(HEADS)) expect(row[head], head).toBe(euro(cents(row[head]!)));
  return four;
}

/**
 * The chart whose table is captioned `title: importi`: one SVG image named by its own title and
 * description, every amount of the table written in it as text; returns the table's rows.
 */
async function chart(page: Page, title: string, caption = `${title}: importi`): Promise<Map<string, Record<string, string>>> {
  const rows = await tableByCaption(page, caption);
  const block = page.locator('main .vv-funding', { has: page.locator('caption', { hasText: caption }) });
  const svg = block.locator('svg[role="img"]');
  expect(await svg.count(), `one chart beside "${caption}"`).toBe(1);
  const [titleId, descId] = ((await svg.getAttribute('aria-labelledby')) ?? '').split(' ');
  expect(squash((await svg.locator(`[id="${titleId}"]`).textContent()) ?? '')).toBe(title);
  expect(await svg.locator(`desc[id="${descId}"]`).count()).toBe(1);
  const drawn = squash((await svg.textContent()) ?? '');
  for (const row of rows.values()) {
    if (row[Object.keys(row)[0]!] === 'Totale') continue;
    for (const head of Object.values(HEADS)) expect(drawn, `${head} ${row[head]} is written in the chart`).toContain(`${head} ${row[head]}`);
  }
  return rows;
}

/** No id twice on the page (several charts, each with its own patterns and titles). */
async function expectUniqueIds(page: Page): Promise<void> {
  const ids = await page.locator('[id]').evaluateAll((els) => els.map((e) => e.id));
  expect(ids.filter((id, i) => ids.indexOf(id) !== i), 'duplicate ids').toEqual([]);
}

test('staff see the calls and a call’s start-ups as charts that agree with the back office’s own figures', { timeout: 90_000 }, async () => {
  const staff = await e2e.newPage();
  await signIn(staff, 'it', DEMO_STAFF, DEMO_PASSWORD);
  expect(await visit(staff, '/it/staff/funding')).toBe(200);
  const overview = fourOf(rowOf(await chart(staff, 'Avanzamento finanziario degli avvisi'), CALL));
  await expectUniqueIds(staff);

  // The call's page: its ledger (its own query) gives the same four figures.
  await follow(staff, staff.getByRole('link', { name: CALL, exact: true }));
  expect(pathOf(staff)).toMatch(/^\/it\/staff\/funding\/calls\/[0-9a-f-]{36}$/);
  state.callPath = pathOf(staff);
  const ledger = await definitions(staff);
  state.ledger = { planned: cents(ledger['Risorse']!), awarded: cents(ledger['Ammesso']!), committed: cents(ledger['Impegnato']!), disbursed: cents(ledger['Erogato']!) };
  expect(overview).toEqual(state.ledger);
  expect(overview.disbursed, 'the demo paid something on the call').toBeGreaterThan(0);

  // One group per start-up, as in the start-ups' table; the total matches the ledger.
  const grants = await tableByCaption(staff, 'Start-up e contributi');
  const rows = await chart(staff, 'Avanzamento finanziario delle start-up');
  state.startups = new Map();
  for (const [name, row] of grants) {
    const four = fourOf(rowOf(rows, name));
    expect(four, name).toEqual({ planned: amount(row['In graduatoria']!), awarded: amount(row['Contributo ammesso']!), committed: amount(row['Impegnato']!), disbursed: amount(row['Erogato']!) });
    state.startups.set(name, four);
  }
  expect(rows.size, 'the start-ups and a total row').toBe(grants.size + 1);
  const total = fourOf(rowOf(rows, 'Totale'));
  expect({ awarded: total.awarded, committed: total.committed, disbursed: total.disbursed }).toEqual({ awarded: state.ledger.awarded, committed: state.ledger.committed, disbursed: state.ledger.disbursed });
  expect(state.startups.get(STARTUP)?.awarded, `${STARTUP} has a grant`).toBeGreaterThan(0);
  await expectUniqueIds(staff);

  // A start-up with a grant links from the chart's table to its grant.
  await follow(staff, staff.locator('main .vv-funding table').getByRole('link', { name: STARTUP, exact: true }));
  expect(pathOf(staff)).toMatch(/^\/it\/staff\/funding\/grants\/[0-9a-f-]{36}$/);
});

test('the start-up’s staff page and its coach’s page chart its grant', { timeout: 90_000 }, async () => {
  const expected = state.startups!.get(STARTUP)!;
  const staff = await e2e.newPage();
  await signIn(staff, 'it', DEMO_STAFF, DEMO_PASSWORD);
  await visit(staff, '/it/staff/startups');
  await follow(staff, staff.locator('main table a', { hasText: STARTUP }));
  const rows = await chart(staff, 'Avanzamento finanziario del contributo');
  expect(fourOf(rowOf(rows, STARTUP))).toEqual(expected);
  // One row: the description says the four amounts in words.
  const desc = squash((await staff.locator('main .vv-funding svg desc').textContent()) ?? '');
  expect(desc).toBe(`${STARTUP}: programmato ${euro(expected.planned)}; ammesso ${euro(expected.awarded)}; giuridicamente vincolante ${euro(expected.committed)}; erogato ${euro(expected.disbursed)}.`);
  await follow(staff, staff.getByRole('link', { name: 'Gestisci il contributo e le tranche' }));
  expect(pathOf(staff)).toMatch(/^\/it\/staff\/funding\/grants\/[0-9a-f-]{36}$/);

  const coach = await e2e.newPage();
  await signIn(coach, 'it', DEMO_COACH, DEMO_PASSWORD);
  await openCoachStartup(coach, STARTUP);
  expect(fourOf(rowOf(await chart(coach, 'Avanzamento finanziario del contributo'), STARTUP))).toEqual(expected);
  await expectUniqueIds(coach);
});

test('the public profile shows the grant, rendered on the server and still cacheable, in both languages', { timeout: 90_000 }, async () => {
  const expected = state.startups!.get(STARTUP)!;
  const reader = await e2e.newPage();
  expect(await visit(reader, `/it/startups/${SLUG}`)).toBe(200);
  expect(squash((await reader.locator('#grant-title').textContent()) ?? '')).toBe('Contributo pubblico');
  expect(fourOf(rowOf(await chart(reader, 'Avanzamento finanziario del contributo'), STARTUP))).toEqual(expected);
  await expectUniqueIds(reader);

  // Rendered on the server: the anonymous HTML already holds the chart, and stays cacheable.
  const response = await fetch(new URL(`/it/startups/${SLUG}`, e2e.baseUrl));
  expect(response.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=30');
  const html = await response.text();
  const svg = /<svg[^>]+role="img"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? '';
  expect(svg).toContain(euro(expected.awarded).replace(' €', ''));

  const english = await e2e.newPage();
  expect(await visit(english, `/en/startups/${SLUG}`)).toBe(200);
  const row = rowOf(await tableByCaption(english, 'Financial progress of the grant: amounts'), STARTUP);
  expect(row['Awarded']).toBe(squash(new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(expected.awarded / 100)));
});

test('the donor sees the grants of the start-ups it supports, each linked to its card', { timeout: 90_000 }, async () => {
  const donor = await e2e.newPage();
  await signIn(donor, 'it', DONOR_EMAIL, DEMO_PASSWORD);
  expect(await visit(donor, '/it/donor')).toBe(200);
  const rows = await chart(donor, 'Avanzamento finanziario dei loro contributi');
  expect(rows.size, 'the demo donor supports a funded start-up').toBeGreaterThan(0);
  for (const [name, row] of rows) {
    expect(fourOf(row), name).toEqual(state.startups!.get(name));
    const link = donor.locator('main .vv-funding table').getByRole('link', { name, exact: true });
    const target = (await link.getAttribute('href'))!;
    expect(target).toMatch(/^#startup-[0-9a-f-]{36}$/);
    expect(squash((await donor.locator(target).textContent()) ?? '')).toBe(name);
  }
  await expectUniqueIds(donor);
  expect(await visit(donor, '/en/donor')).toBe(200);
  expect(await donor.locator('main caption', { hasText: 'Financial progress of their grants: amounts' }).count()).toBe(1);
});

test('the English staff pages with charts pass the accessibility audit', { timeout: 90_000 }, async () => {
  const staff = await e2e.newPage();
  await signIn(staff, 'en', DEMO_STAFF, DEMO_PASSWORD);
  expect(await visit(staff, '/en/staff/funding')).toBe(200);
  expect(await staff.locator('main caption', { hasText: 'Financial progress of the calls: amounts' }).count()).toBe(1);
  expect(await visit(staff, state.callPath!.replace(/^\/it\//, '/en/'))).toBe(200);
  expect(await staff.locator('main caption', { hasText: 'Financial progress of the start-ups: amounts' }).count()).toBe(1);
  await expectUniqueIds(staff);
});
