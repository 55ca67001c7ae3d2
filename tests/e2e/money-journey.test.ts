import { readFile } from 'node:fs/promises';
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2E } from './support/e2e.ts';
import { DEMO_PASSWORD, DEMO_STAFF, mainText, signIn, visit } from './support/flows.ts';
import { activate, cents, definitions, euro, parseCsv, readPublicFigures, rowOf, squash, tableByCaption, type PublicFigures } from './support/money.ts';
import { pathOf, readMail, setChecked, textOf } from './support/proposals.ts';

/**
 * Money in the browser (issue 6, "Browser"), on the demo data (db/seed/donors.ts, db/seed/money.ts):
 * the public reads the transparency figures; staff record a pledge of the demo foundation to the
 * sport call's fund and make it binding, then pay from it the advance of UISP Catania Sud, which the
 * demo left approved and waiting; a second tab with the same payment form is told the payment is
 * already recorded; the donor sees the pledge binding with the amount drawn, and its statement; the
 * public page and the open data show the payment, to the cent. Everything through links, forms and
 * the keyboard. The tests run in order and share the server.
 */
const e2e = useE2E();

const DONOR_EMAIL = 'donatore@vivaio.example';
const DONOR = 'Fondazione Comunità Esempio';
const PROGRAMME = '«IdeAzione»';
const CALL = 'Sport nei cortili';
const CALL_SLUG = 'sport-nei-cortili-2025';
/** The grant followed: its beneficiary on public pages, its start-up (project) in the back office. */
const BENEFICIARY = 'UISP Catania Sud';
const STARTUP = 'Ginnastica dolce per over 65';
const PLEDGE_CENTS = 7_500_00;
const AGREEMENT = 'Accordo FCE-2026-E2E';
const PAYMENT_REF = 'Mandato n. 2026/0199';

/** Shared by the tests, in order. */
const state: {
  before?: PublicFigures;
  grantsCsvBefore?: Record<string, string>;
  donorBefore?: DonorTotals;
  pledgeId?: string;
  trancheCents?: number;
  today?: string;
} = {};

type DonorTotals = { pledged: number; committed: number; disbursed: number };

async function donorTotals(page: Page): Promise<DonorTotals> {
  const rows = await tableByCaption(page, 'Importi per stato');
  return { pledged: cents(rowOf(rows, 'Offerto')['Importo']!), committed: cents(rowOf(rows, 'Vincolante')['Importo']!), disbursed: cents(rowOf(rows, 'Erogato')['Importo']!) };
}

async function grantsCsv(): Promise<{ response: Response; records: Record<string, string>[]; header: string[] }> {
  const response = await fetch(new URL('/api/v1/open-data/grants.csv', e2e.baseUrl));
  const { header, records } = parseCsv(await response.text());
  return { response, header, records };
}

test('the public and the donor see the figures before the payment', { timeout: 60_000 }, async () => {
  const page = await e2e.newPage();
  expect(await visit(page, '/it/transparency')).toBe(200);
  state.before = await readPublicFigures(page, PROGRAMME, CALL, BENEFICIARY);
  expect(state.before.callDisbursed, 'the demo has paid something on the sport call').toBeGreaterThan(0);
  expect(state.before.grantDisbursed, 'nothing paid yet to the beneficiary followed').toBe(0);

  const { records } = await grantsCsv();
  state.grantsCsvBefore = records.find((r) => r.beneficiario === BENEFICIARY);
  expect(state.grantsCsvBefore?.importo_erogato).toBe('0,00');

  const donor = await e2e.newPage();
  await signIn(donor, 'it', DONOR_EMAIL, DEMO_PASSWORD);
  expect(await visit(donor, '/it/donor')).toBe(200);
  state.donorBefore = await donorTotals(donor);
});

test('staff record a pledge of the foundation to the sport call’s fund and make it binding', { timeout: 60_000 }, async () => {
  const staff = await e2e.newPage();
  await signIn(staff, 'it', DEMO_STAFF, DEMO_PASSWORD);
  await visit(staff, '/it/staff/funding');
  await activate(staff, staff.getByRole('link', { name: 'Registra un impegno' }));
  expect(pathOf(staff)).toBe('/it/staff/funding/pledges/new');

  // Sent without choosing anything: a message on each missing field, nothing recorded.
  await activate(staff, staff.getByRole('button', { name: 'Registra l’impegno' }));
  expect(await textOf(staff.locator('main [role="alert"]'))).toBe('Il modulo contiene errori: correggi i campi indicati.');
  for (const field of ['donorId', 'target', 'amount']) {
    expect(await textOf(staff.locator(`#pledge-${field}-error`)), field).toBe('Questo campo è obbligatorio.');
    expect(await staff.locator(`#pledge-${field}`).getAttribute('aria-invalid'), field).toBe('true');
  }

  await staff.locator('#pledge-donorId').selectOption({ label: DONOR });
  const fund = staff.locator('#pledge-target optgroup[label="Fondi degli avvisi"] option', { hasText: `«${CALL}»` });
  expect(await fund.count(), 'one fund option for the sport call').toBe(1);
  await staff.locator('#pledge-target').selectOption((await fund.getAttribute('value'))!);
  await staff.locator('#pledge-amount').fill('7.500');
  await activate(staff, staff.locator('#pledge-amount'));
  const pledgePath = pathOf(staff);
  expect(pledgePath).toMatch(/^\/it\/staff\/funding\/pledges\/[0-9a-f-]{36}$/);
  state.pledgeId = pledgePath.split('/').at(-1)!;
  expect(await textOf(staff.locator('main [role="status"]'))).toBe('Impegno registrato come promesso.');
  expect(await definitions(staff)).toMatchObject({ Destinazione: `Fondo dell’avviso «${CALL}»`, Restrizione: 'Nessuna', Importo: euro(PLEDGE_CENTS), Stato: 'Promesso', Accordo: '–' });

  // The signed agreement makes it binding (date: today, the form's default).
  const commit = staff.locator('main section[aria-labelledby="commit-pledge"] form');
  state.today = await commit.locator('#commit-agreementOn').inputValue();
  expect(state.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await commit.locator('#commit-agreementRef').fill(AGREEMENT);
  await activate(staff, commit.getByRole('button', { name: 'Rendi vincolante' }));
  expect(pathOf(staff)).toBe(pledgePath);
  expect(await textOf(staff.locator('main [role="status"]'))).toMatch(/^Accordo registrato: l’impegno è vincolante/);
  const binding = await definitions(staff);
  expect(binding.Stato).toBe('Vincolante');
  expect(binding.Accordo).toMatch(new RegExp(`^${AGREEMENT} del \\d{1,2} \\p{L}+ \\d{4}$`, 'u'));
  expect(await staff.locator('main section[aria-labelledby="commit-pledge"]').count(), 'no second commitment form').toBe(0);
});

test('staff pay the approved advance from that pledge; a second tab is told it is already recorded', { timeout: 60_000 }, async () => {
  const context = await e2e.newContext();
  const staff = await context.newPage();
  await signIn(staff, 'it', DEMO_STAFF, DEMO_PASSWORD);
  await visit(staff, '/it/staff/funding');
  const todo = staff.locator('main table', { has: staff.locator('caption', { hasText: 'Da fare' }) }).locator('tr', { hasText: STARTUP });
  expect(squash((await todo.textContent()) ?? '')).toContain('Approvata, da pagare');
  await activate(staff, todo.getByRole('link', { name: `Apri il contributo di ${STARTUP}` }));
  const grantPath = pathOf(staff);
  expect(grantPath).toMatch(/^\/it\/staff\/funding\/grants\/[0-9a-f-]{36}$/);

  const tranches = await tableByCaption(staff, 'Tranche');
  const advance = rowOf(tranches, '1');
  expect(advance['Tranche']).toBe('Anticipo');
  expect(advance['Stato']).toBe('Approvata, da pagare');
  state.trancheCents = cents(advance['Importo']!);
  expect(state.trancheCents, 'the advance is 40 % of the 10.000,00 € grant').toBe(4_000_00);

  // A colleague's tab (or the same page kept open) with the same payment form.
  const stale = await context.newPage();
  expect(await visit(stale, grantPath)).toBe(200);

  const pay = staff.locator('main section[aria-labelledby="pay-1"] form');
  expect(await textOf(staff.locator('#pay-1'))).toBe('Registra l’erogazione della tranche 1: Anticipo');
  expect(cents(await pay.locator('#pay-1-amount').inputValue()), 'the amount offered is the tranche’s').toBe(state.trancheCents);
  const source = pay.locator(`#pay-1-source-${state.pledgeId}`);
  expect(await textOf(pay.locator(`label[for="pay-1-source-${state.pledgeId}"]`))).toBe(`Impegno di ${DONOR} (restano ${euro(PLEDGE_CENTS)})`);
  await pay.locator('#pay-1-reference').fill(PAYMENT_REF);
  await setChecked(staff, source, true);
  await activate(staff, pay.getByRole('button', { name: 'Registra l’erogazione' }));
  expect(pathOf(staff)).toBe(grantPath);
  expect(new URL(staff.url()).searchParams.get('done')).toBe('paid');
  expect(await textOf(staff.locator('main [role="status"]'))).toMatch(/^Erogazione registrata/);
  expect(rowOf(await tableByCaption(staff, 'Tranche'), '1')['Stato']).toBe('Pagata');
  expect(await staff.locator('main section[aria-labelledby="pay-1"]').count(), 'no payment form for a paid tranche').toBe(0);
  const payments = staff.locator('main table', { has: staff.locator('caption', { hasText: 'Erogazioni' }) }).locator('tbody tr');
  expect(await payments.count(), 'one payment on this grant').toBe(1);
  const paid = squash((await payments.first().textContent()) ?? '');
  for (const part of ['Anticipo', euro(state.trancheCents), PAYMENT_REF, DONOR]) expect(paid).toContain(part);

  // The stale tab sends the same payment: refused with a clear message, nothing recorded twice.
  const stalePay = stale.locator('main section[aria-labelledby="pay-1"] form');
  await stalePay.locator('#pay-1-reference').fill(`${PAYMENT_REF}-bis`);
  await setChecked(stale, stalePay.locator(`#pay-1-source-${state.pledgeId}`), true);
  await activate(stale, stalePay.getByRole('button', { name: 'Registra l’erogazione' }));
  expect(pathOf(stale)).toBe(grantPath);
  expect(new URL(stale.url()).searchParams.has('done'), 'not a success').toBe(false);
  expect(await textOf(stale.locator('main [role="alert"]'))).toBe('L’erogazione di questa tranche è già stata registrata (forse da un collega): ricarica la pagina.');
  await visit(stale, grantPath);
  expect(await stale.locator('main table', { has: stale.locator('caption', { hasText: 'Erogazioni' }) }).locator('tbody tr').count(), 'still one payment').toBe(1);
  expect(await mainText(stale)).not.toContain(`${PAYMENT_REF}-bis`);

  // The pledge shows what was drawn and what is left.
  await visit(staff, `/it/staff/funding/pledges/${state.pledgeId}`);
  expect(await definitions(staff)).toMatchObject({ Stato: 'Vincolante', Erogato: euro(state.trancheCents), 'Resta da erogare': euro(PLEDGE_CENTS - state.trancheCents) });
  const draw = staff.locator('main table', { has: staff.locator('caption', { hasText: 'Erogazioni pagate con questo impegno' }) }).locator('tbody tr');
  expect(await draw.count()).toBe(1);
  expect(squash((await draw.textContent()) ?? '')).toContain(PAYMENT_REF);

  // The donor was written to (demo mode: the staff mailbox).
  const mail = await readMail(staff, DONOR_EMAIL, DONOR_EMAIL);
  expect(squash(mail.subject)).toBe(`Erogati ${euro(state.trancheCents)} a «${STARTUP}»`);
  expect(mail.body).toContain(PAYMENT_REF);
});

test('the donor sees the pledge binding with the amount drawn, and downloads the statement', { timeout: 60_000 }, async () => {
  const page = await e2e.newPage({ acceptDownloads: true });
  await signIn(page, 'it', DONOR_EMAIL, DEMO_PASSWORD);
  expect(await visit(page, '/it/donor')).toBe(200);
  const tranche = state.trancheCents!;
  const row = page.locator('main section[aria-labelledby="pledges-title"] tbody tr', { hasText: AGREEMENT });
  expect(await row.count(), 'the new pledge is listed once').toBe(1);
  const cells = (await row.locator('th, td').allTextContents()).map(squash);
  const code = cells[0]!;
  expect(code).toMatch(/^IMP-[0-9A-F]{8}$/);
  expect(cells[2]).toBe(`Fondo dell’avviso «${CALL}»`);
  expect(cells[3]).toBe(euro(PLEDGE_CENTS));
  expect(cells[4]).toBe('Vincolante (accordo firmato)');
  expect(cells[5]).toMatch(new RegExp(`^${AGREEMENT} del \\d{1,2} \\p{L}+ \\d{4}$`, 'u'));
  expect(cells[6], 'the payment drawn on it').toBe(euro(tranche));
  const totals = await donorTotals(page);
  const was = state.donorBefore!;
  expect(totals).toEqual({ pledged: was.pledged + PLEDGE_CENTS, committed: was.committed + PLEDGE_CENTS, disbursed: was.disbursed + tranche });

  // The statement, from the keyboard: a CSV file with the pledge's lines.
  const link = page.getByRole('link', { name: 'Scarica l’estratto conto (CSV)' });
  const [download] = await Promise.all([page.waitForEvent('download'), link.press('Enter')]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const { header, records } = parseCsv(await readFile((await download.path())!, 'utf8'));
  expect(header).toEqual(['Data', 'Tipo', 'Impegno', 'Destinazione', 'Importo (euro)', 'Stato', 'Riferimento']);
  const lines = records.filter((r) => r['Impegno'] === code);
  expect(lines.map((l) => l['Tipo'])).toEqual(['Impegno offerto', 'Accordo firmato', 'Erogazione']);
  expect(lines[1]).toMatchObject({ Data: state.today, 'Importo (euro)': '7500,00', Riferimento: AGREEMENT });
  expect(lines[2]).toMatchObject({ Data: state.today, Destinazione: `${STARTUP} – Anticipo`, 'Importo (euro)': '4000,00', Stato: 'Pagato', Riferimento: PAYMENT_REF });
  // The totals at the foot agree with the page.
  const total = (kind: string) => cents(records.find((r) => r['Tipo'] === kind)?.['Importo (euro)'] ?? '');
  expect([total('Totale offerto'), total('Totale vincolante'), total('Totale erogato')]).toEqual([totals.pledged, totals.committed, totals.disbursed]);
  const response = await page.context().request.get((await link.getAttribute('href'))!);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('text/csv; charset=utf-8');
  expect(response.headers()['content-disposition']).toMatch(/^attachment;/);
  expect(response.headers()['cache-control']).toContain('no-store');
});

test('the transparency page and the open data show the payment, to the cent', { timeout: 60_000 }, async () => {
  const page = await e2e.newPage();
  expect(await visit(page, '/it/transparency')).toBe(200);
  const tranche = state.trancheCents!;
  const was = state.before!;
  const now = await readPublicFigures(page, PROGRAMME, CALL, BENEFICIARY);
  expect(now.callDisbursed).toBe(was.callDisbursed + tranche);
  expect(now.programmeDisbursed).toBe(was.programmeDisbursed + tranche);
  expect(now.grantDisbursed).toBe(tranche);
  // The binding pledge adds to the call's planned resources; its payment does not change them.
  expect(now.callPledges).toBe(was.callPledges + PLEDGE_CENTS);
  expect(now.callPlanned).toBe(was.callPlanned + PLEDGE_CENTS);
  expect(now.callCommitted).toBe(was.callCommitted);
  expect(now.donationsCommitted).toBe(was.donationsCommitted + PLEDGE_CENTS);
  // Printed as an Italian reader expects them.
  const calls = rowOf(await tableByCaption(page, 'Avanzamento finanziario degli avvisi: importi'), CALL);
  expect(calls['Erogato']).toBe(euro(was.callDisbursed + tranche));
  const count = Number(/in (\d+) pagamenti/.exec(was.paymentsLine)?.[1]);
  expect(now.paymentsLine).toBe(`Totale erogato: ${euro(was.programmeDisbursed + tranche)} in ${count + 1} pagamenti.`);

  // The payment heads the payments table (latest first), without reference or donor name.
  const first = page.locator('main section[aria-labelledby="payments"] tbody tr').first();
  const cells = (await first.locator('th, td').allTextContents()).map(squash);
  expect(await first.locator('time').getAttribute('datetime')).toBe(state.today);
  expect(cells.slice(1)).toEqual([euro(tranche), `${BENEFICIARY}${CALL}`, 'Anticipo', 'Donazione privata']);
  const html = await page.content();
  for (const secret of [PAYMENT_REF, AGREEMENT]) expect(html, `${secret} is not public`).not.toContain(secret);

  // Open data: the grant's paid amount, in the art. 27 file.
  const { response, records } = await grantsCsv();
  expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  const grant = records.find((r) => r.beneficiario === BENEFICIARY)!;
  expect(grant).toMatchObject({ ...state.grantsCsvBefore, importo_erogato: '4000,00' });
  const sport = records.filter((r) => r.avviso === CALL_SLUG);
  expect(sport.reduce((sum, r) => sum + cents(r.importo_erogato!), 0), 'the file adds up to the page').toBe(now.callDisbursed);
});

test('the other money pages pass the accessibility audit, in Italian and English', { timeout: 60_000 }, async () => {
  const staff = await e2e.newPage();
  await signIn(staff, 'it', DEMO_STAFF, DEMO_PASSWORD);
  await visit(staff, '/it/staff/funding');
  const callPath = (await staff.getByRole('link', { name: CALL, exact: true }).getAttribute('href'))!;
  expect(callPath).toMatch(/^\/it\/staff\/funding\/calls\/[0-9a-f-]{36}$/);
  await visit(staff, '/it/staff/donors');
  const donorPath = (await staff.locator('main table').getByRole('link', { name: DONOR }).getAttribute('href'))!;
  const pages = [callPath, `${callPath}/plan`, '/it/staff/funding/pledges', '/it/staff/funding/pledges?status=cancelled', `/it/staff/funding/pledges/${state.pledgeId}`, '/it/staff/funding/pledges/new', donorPath, '/it/staff/donors/new'];
  for (const path of pages) {
    for (const lang of ['it', 'en']) expect(await visit(staff, path.replace(/^\/it\//, `/${lang}/`)), path).toBe(200);
  }

  const visitor = await e2e.newPage();
  for (const path of ['/en/transparency', '/it/donors', '/en/donors', '/it/donors/join']) expect(await visit(visitor, path), path).toBe(200);
  expect(await mainText(visitor)).toBeTruthy();
  const donor = await e2e.newPage();
  await signIn(donor, 'it', DONOR_EMAIL, DEMO_PASSWORD);
  expect(await visit(donor, '/en/donor')).toBe(200);
  const pdf = await donor.context().request.get('/en/donor/statement.pdf');
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
});
