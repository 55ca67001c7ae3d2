import { readFile } from 'node:fs/promises';
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2E } from './support/e2e.ts';
import { DEMO_PASSWORD, DEMO_RESIDENT, DEMO_STAFF, mainText, signIn, visit } from './support/flows.ts';
import { DEMO_COACH, activate, decide, follow, openCoachStartup, openTeamStartup, pdfText, planStatuses } from './support/incubation.ts';
import { pathOf, readMail, setChecked, textOf, tinyPdf } from './support/proposals.ts';

/**
 * Incubation in the browser, on the demo data (db/seed/startups.ts, milestones.ts, coaching.ts,
 * business-plan.ts): the demo resident is in the team of the oldest start-up, whose launch
 * milestone is in progress and overdue and whose legal constitution waits for the coach. The team
 * hands in the launch (text and a PDF), the coach asks for changes, the team hands in again, the
 * coach approves it (and the legal constitution), and the team sees the milestone approved and its
 * stage moved on. The team rewrites a business-plan section, adds a revenue line, reads the totals
 * computed on the server and exports the PDF; a save from a stale second tab is refused with the
 * typed text kept. The coach logs a session with attendance and the team files a monitoring
 * report. Everything through links, labels and the keyboard; the tests run in order and share the server.
 */
const e2e = useE2E();

const STARTUP = 'Basket in piazza Lanza';
const LAUNCH = 'Avvio delle attività';
const CONSTITUTION = 'Costituzione del soggetto giuridico';
const COACH_NAME = 'Elena Tutor';
const FIRST_TEXT = 'Il campetto apre **tre pomeriggi a settimana** dal 1° settembre: iscritti 34 bambini.';
const FEEDBACK = 'Manca il calendario degli istruttori e la copia della polizza assicurativa: aggiungeteli.';
const SECOND_TEXT = 'Aggiunti il calendario dei turni degli istruttori e la polizza assicurativa firmata.';
const APPROVAL = 'Ottimo lavoro, si parte!';

async function signedIn(email: string): Promise<Page> {
  const page = await e2e.newPage();
  await signIn(page, 'it', email, DEMO_PASSWORD);
  return page;
}

/** On the team's milestone plan, opens the milestone whose link is named `title`. */
async function openTeamMilestone(team: Page, startupPath: string, title: string): Promise<void> {
  await visit(team, `${startupPath}/milestones`);
  await follow(team, team.locator('main table').getByRole('link', { name: title, exact: true }));
}

/** "4 tappe approvate su 10; …" on the team's plan: how many are approved (the seed's count depends on the day). */
function approvedCount(text: string): number {
  const match = /(\d+) tappe approvate su \d+/.exec(text);
  if (!match) throw new Error(`no plan summary in: ${text.slice(0, 400)}`);
  return Number(match[1]);
}

test('a deliverable goes to the coach, comes back with changes, is handed in again and approved; the stage moves on', { timeout: 120_000 }, async () => {
  const team = await signedIn(DEMO_RESIDENT);
  const startupPath = await openTeamStartup(team, STARTUP);
  const overview = team.locator('main section[aria-labelledby="summary-title"]');
  expect(await textOf(overview.locator('dd').first())).toBe('Costituzione');
  expect(await textOf(overview.locator('dd').nth(1))).toMatch(new RegExp(`^Prossima tappa: ${CONSTITUTION}`));

  // The plan, then the milestone in progress (found by its status, not by an id).
  await follow(team, team.getByRole('link', { name: 'Piano delle tappe e consegne' }));
  const approvedBefore = approvedCount(await mainText(team));
  const before = await planStatuses(team);
  expect(before.get(LAUNCH)).toBe('In corso Scaduta');
  expect(before.get(CONSTITUTION)).toBe('Consegnata, in esame Scaduta');
  const inProgress = team.locator('main table tbody tr', { has: team.locator('.badge', { hasText: /^In corso$/ }) });
  await follow(team, inProgress.first().locator('th a[href*="/milestones/"]'));
  const milestonePath = pathOf(team);
  expect(await textOf(team.locator('main h1'))).toBe(LAUNCH);
  expect(await mainText(team)).toContain('La scadenza è passata e la tappa non è ancora approvata.');

  // An empty text is refused on its field; nothing is handed in.
  const form = team.locator('main section[aria-labelledby="submit-title"] form');
  await activate(team, form.getByRole('button', { name: 'Invia la consegna' }));
  expect(await textOf(team.locator('#f-body-error'))).toBe('Scrivi il testo della consegna.');
  expect(await team.locator('#f-body').getAttribute('aria-invalid')).toBe('true');
  expect(await mainText(team)).toContain('Ancora nessuna consegna.');

  await form.locator('#f-body').fill(FIRST_TEXT);
  await form.getByLabel('File allegati').setInputFiles({ name: 'verbale-avvio.pdf', mimeType: 'application/pdf', buffer: tinyPdf('avvio') });
  await activate(team, form.getByRole('button', { name: 'Invia la consegna' }));
  expect(pathOf(team)).toBe(milestonePath);
  expect(new URL(team.url()).searchParams.get('submitted')).toBe('1');
  expect(await textOf(team.locator('main [role="status"]'))).toBe('Consegna inviata. Il coach riceverà un’email.');
  const submitted = await mainText(team);
  expect(submitted).toContain('Consegna n. 1');
  expect(submitted).toContain('In attesa della decisione del coach.');
  expect(await team.locator('main strong', { hasText: 'tre pomeriggi a settimana' }).count(), 'the markdown is rendered').toBe(1);
  expect(await team.locator('#submit-title').count(), 'no second hand-in while the coach reviews').toBe(0);
  // The file is private to the team and the coach, served as an attachment with its sniffed type.
  const fileLink = team.getByRole('link', { name: /verbale-avvio\.pdf/ });
  const file = await team.context().request.get((await fileLink.getAttribute('href'))!);
  expect(file.status()).toBe(200);
  expect(file.headers()['content-type']).toBe('application/pdf');
  expect((await file.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  // Back on the milestone page later: the team is told it waits for the coach.
  await openTeamMilestone(team, startupPath, LAUNCH);
  expect(await textOf(team.locator('main [role="status"]'))).toBe('Consegna inviata: il coach la sta esaminando. Riceverai un’email con la sua decisione.');

  // The coach reaches it from the dashboard and asks for changes (feedback required).
  const coach = await signedIn(DEMO_COACH);
  const coachPath = await openCoachStartup(coach, STARTUP);
  expect(coachPath.split('/').pop()).toBe(startupPath.split('/').pop());
  await follow(coach, coach.getByRole('link', { name: `Esamina la consegna – ${LAUNCH}` }));
  expect(await textOf(coach.locator('#decision-title'))).toBe('La tua decisione sulla consegna n. 1');
  expect(await coach.getByRole('link', { name: /verbale-avvio\.pdf/ }).count(), 'the coach sees the file').toBe(1);
  await decide(coach, 'request_changes', null);
  expect(await textOf(coach.locator('#f-feedback-error'))).toBe('Per chiedere modifiche scrivi al team cosa cambiare.');
  expect(await coach.locator('#f-decision-request_changes').isChecked(), 'the choice is kept').toBe(true);
  await decide(coach, 'request_changes', FEEDBACK);
  expect(new URL(coach.url()).searchParams.get('decided')).toBe('changes_requested');
  expect(await textOf(coach.locator('main [role="status"]'))).toBe('Richiesta di modifiche inviata al team.');

  // The team reads the feedback and hands in a revision, starting from its previous text.
  await openTeamMilestone(team, startupPath, LAUNCH);
  const changes = await mainText(team);
  expect(changes).toContain('Il coach ha chiesto modifiche: leggi il riscontro qui sotto');
  expect(changes).toContain(FEEDBACK);
  expect(changes).toMatch(new RegExp(`Modifiche richieste il .+ da ${COACH_NAME}`));
  expect(await textOf(team.locator('#submit-title'))).toBe('Consegna la nuova versione');
  const again = team.locator('main section[aria-labelledby="submit-title"] form');
  expect(await again.locator('#f-body').inputValue()).toBe(FIRST_TEXT);
  await again.locator('#f-body').fill(`${FIRST_TEXT}\n\n${SECOND_TEXT}`);
  await activate(team, again.getByRole('button', { name: 'Invia la consegna' }));
  expect(await mainText(team)).toContain('Consegna n. 2');

  // The coach approves the revision, then the legal constitution that was waiting too.
  await visit(coach, coachPath);
  await follow(coach, coach.getByRole('link', { name: `Esamina la consegna – ${LAUNCH}` }));
  expect(await textOf(coach.locator('#decision-title'))).toBe('La tua decisione sulla consegna n. 2');
  expect(await mainText(coach)).toContain(SECOND_TEXT);
  await decide(coach, 'approve', APPROVAL);
  expect(await textOf(coach.locator('main [role="status"]'))).toBe('Tappa approvata: il team riceverà un’email.');
  expect(await coach.locator('#decision-title').count()).toBe(0);
  await visit(coach, coachPath);
  await follow(coach, coach.getByRole('link', { name: `Esamina la consegna – ${CONSTITUTION}` }));
  await decide(coach, 'approve', null);
  expect(new URL(coach.url()).searchParams.get('decided')).toBe('approved');

  // The team sees the approval with the coach's words, and the start-up's stage moved on.
  await openTeamMilestone(team, startupPath, LAUNCH);
  const approved = await mainText(team);
  expect(approved).toMatch(/Tappa approvata il \d/);
  expect(approved).toMatch(new RegExp(`Approvata il .+ da ${COACH_NAME}`));
  expect(approved).toContain(APPROVAL);
  expect(await team.locator('#submit-title').count(), 'an approved milestone is closed').toBe(0);
  await visit(team, `${startupPath}/milestones`);
  const after = await planStatuses(team);
  expect(after.get(LAUNCH)).toBe('Approvata');
  expect(after.get(CONSTITUTION)).toBe('Approvata');
  expect(approvedCount(await mainText(team)), 'the launch and the legal constitution').toBe(approvedBefore + 2);
  await visit(team, startupPath);
  expect(await textOf(overview.locator('dd').first())).toBe('Monitoraggio');
  expect(await textOf(overview.locator('dd').nth(1)), 'the next milestone is a monitoring report').toMatch(/^Prossima tappa: Monitoraggio \d, entro il/);

  // The request for changes reached the team by email (demo mode: the staff mailbox).
  const staff = await signedIn(DEMO_STAFF);
  const mail = await readMail(staff, `Modifiche richieste: ${LAUNCH}`, DEMO_RESIDENT);
  expect(mail.subject).toBe(`Modifiche richieste: ${LAUNCH}`);
  expect(mail.body).toContain(FEEDBACK);
});

const SUMMARY = 'Un campetto di basket aperto ai bambini di San Cristoforo, con doposcuola e merenda solidale.';
const NEW_LINE = 'Merenda solidale del sabato';
const STALE_NEED = 'Testo scritto nella seconda scheda, che non deve andare perso.';

test('the team rewrites a business-plan section, adds a revenue line, reads the totals and exports the PDF; a stale save is refused', { timeout: 120_000 }, async () => {
  const team = await signedIn(DEMO_RESIDENT);
  const startupPath = await openTeamStartup(team, STARTUP);
  await follow(team, team.getByRole('link', { name: 'Business plan', exact: true }));
  expect(pathOf(team)).toBe(`${startupPath}/plan`);
  expect(await mainText(team)).toContain('Ultimo salvataggio: n. 7');
  // A second tab on the same plan, left open while the first one saves.
  const tab = await team.context().newPage();
  await visit(tab, `${startupPath}/plan`);

  // Rewrite the summary, then add a revenue line: the form comes back with the row and the text kept.
  await team.getByRole('textbox', { name: 'Sintesi', exact: true }).fill(SUMMARY);
  await activate(team, team.getByRole('button', { name: 'Aggiungi una voce di ricavo' }));
  expect(await mainText(team)).toContain('Righe modificate ma non ancora salvate');
  expect(await team.getByRole('textbox', { name: 'Sintesi', exact: true }).inputValue()).toBe(SUMMARY);
  const revenue = team.locator('main table', { has: team.locator('caption', { hasText: 'Voci di ricavo' }) });
  expect(await revenue.locator('tbody tr').count()).toBe(5);
  await team.getByRole('textbox', { name: 'Nome della voce 5 (Ricavi)', exact: true }).fill(NEW_LINE);
  // Until saved, the new row's cells are named after its place ("Anno 1 – voce 5 (Ricavi)").
  await team.getByRole('textbox', { name: 'Anno 1 – voce 5 (Ricavi)', exact: true }).fill('3.500,00');
  await team.getByRole('textbox', { name: 'Anno 2 – voce 5 (Ricavi)', exact: true }).fill('1.200,50');
  await team.getByRole('textbox', { name: 'Anno 3 – voce 5 (Ricavi)', exact: true }).fill('800');
  await activate(team, team.getByRole('button', { name: 'Salva il business plan' }).first());
  expect(new URL(team.url()).searchParams.get('saved')).toBe('8');
  expect(await textOf(team.locator('main [role="status"]'))).toBe('Business plan salvato (salvataggio n. 8).');

  // Totals computed on the server, in cents: 36.000 + 3.500 in year 1 now beat 39.000 of costs.
  const totals = team.locator('main section[aria-labelledby="totals-title"]');
  const row = async (name: string) => (await totals.locator('tbody tr', { has: team.locator('th', { hasText: name }) }).locator('td').allTextContents()).map((s) => s.replace(/\s+/g, ' ').trim());
  expect(await row('Totale ricavi')).toEqual(['39.500,00 €', '45.200,50 €', '48.500,00 €', '133.200,50 €']);
  expect(await row('Margine (ricavi meno costi)')).toEqual(['500,00 €', '6.200,50 €', '7.800,00 €', '14.500,50 €']);
  expect(await textOf(totals.locator('p.fs-5'))).toBe('Anno di pareggio: anno 1.');

  // The PDF, from the keyboard: an attachment, a real PDF with the new text and figures.
  const pdfLink = team.getByRole('link', { name: 'Scarica il PDF' });
  const [download] = await Promise.all([team.waitForEvent('download'), pdfLink.press('Enter')]);
  expect(download.suggestedFilename()).toBe('business-plan-basket-in-piazza-lanza.pdf');
  const bytes = await readFile((await download.path())!);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(bytes.length, 'a non-trivial document').toBeGreaterThan(5_000);
  const pdf = await pdfText(bytes);
  expect(pdf.pages).toBeGreaterThanOrEqual(2);
  expect(pdf.text).toContain('Basket in piazza Lanza');
  expect(pdf.text).toContain('Piano di lavoro, salvataggio n. 8');
  expect(pdf.text).toContain(NEW_LINE);
  expect(pdf.text).toContain('Anno di pareggio: anno 1.');
  expect(pdf.text.replace(/\s+/g, ' ')).toContain('Un campetto di basket aperto ai bambini');
  const response = await team.context().request.get((await pdfLink.getAttribute('href'))!);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/pdf');
  expect(response.headers()['content-disposition']).toMatch(/^attachment;.*business-plan-basket-in-piazza-lanza\.pdf/);
  expect(response.headers()['cache-control']).toBe('private, no-store');

  // The stale tab: its save is refused, what was typed stays, the teammate's text is shown beside it.
  await tab.getByRole('textbox', { name: 'Il bisogno del quartiere', exact: true }).fill(STALE_NEED);
  await activate(tab, tab.getByRole('button', { name: 'Salva il business plan' }).first());
  expect(await textOf(tab.locator('main [role="alert"]'))).toMatch(/^Aisha Residente ha salvato il business plan \(.+\) mentre lo stavi modificando\./);
  expect(await tab.getByRole('textbox', { name: 'Il bisogno del quartiere', exact: true }).inputValue()).toBe(STALE_NEED);
  const theirs = tab.locator('#section-summary details');
  expect(await textOf(theirs.locator('summary'))).toBe('Testo salvato da Aisha Residente (salvataggio n. 8)');
  expect(await textOf(theirs)).toContain(SUMMARY);
  await visit(team, `${startupPath}/plan`);
  expect(await mainText(team)).toContain('Ultimo salvataggio: n. 8');
  expect(await team.getByRole('textbox', { name: 'Il bisogno del quartiere', exact: true }).inputValue()).not.toBe(STALE_NEED);
});

/** The session register's totals: "29 incontri, 41 h 45 min in totale." and "(111 presenze su 116)". */
function tally(text: string) {
  const totals = /(\d+) incontri, (?:(\d+) h)? ?(?:(\d+) min)? in totale\./.exec(text);
  const rate = /\((\d+) presenze su (\d+)\)/.exec(text);
  if (!totals || !rate) throw new Error(`no totals in: ${text.slice(0, 600)}`);
  const n = (s: string | undefined) => Number(s ?? 0);
  return { sessions: n(totals[1]), minutes: n(totals[2]) * 60 + n(totals[3]), present: n(rate[1]), expected: n(rate[2]) };
}

test('the coach logs a session with attendance; the team files its monitoring report', { timeout: 90_000 }, async () => {
  const coach = await signedIn(DEMO_COACH);
  const coachPath = await openCoachStartup(coach, STARTUP);
  await follow(coach, coach.getByRole('link', { name: 'Registro degli incontri' }));
  expect(pathOf(coach)).toBe(`${coachPath}/sessions`);
  const before = tally(await mainText(coach));
  const log = coach.locator('main form', { has: coach.locator('input[name="heldOn"]') });
  await log.getByRole('textbox', { name: 'Durata in minuti', exact: true }).fill('75');
  await log.getByRole('textbox', { name: 'Argomenti', exact: true }).fill('Apertura del campetto\nTurni degli istruttori');
  await log.getByRole('textbox', { name: 'Note', exact: true }).fill('Deciso il calendario di settembre.');
  for (const name of ['Rosaria Scuderi', 'Orazio Nicolosi', 'Aisha Residente']) await setChecked(coach, log.getByRole('checkbox', { name }), true);
  await activate(coach, log.getByRole('button', { name: 'Registra l’incontro' }));
  const logged = await mainText(coach);
  expect(logged).toContain('Incontro registrato.');
  // One more session, 75 minutes more; three of the four members count as present, all four as expected.
  const after = tally(logged);
  expect(after.sessions).toBe(before.sessions + 1);
  expect(after.minutes).toBe(before.minutes + 75);
  expect([after.present, after.expected]).toEqual([before.present + 3, before.expected + 4]);
  const entry = coach.locator('main article', { hasText: 'Deciso il calendario di settembre.' });
  expect(await textOf(entry.locator('dd').nth(3))).toBe('Rosaria Scuderi, Orazio Nicolosi, Aisha Residente');
  expect(await textOf(entry.locator('dd').nth(4))).toBe('Concetta Privitera');

  const team = await signedIn(DEMO_RESIDENT);
  const startupPath = await openTeamStartup(team, STARTUP);
  await follow(team, team.getByRole('link', { name: 'Monitoraggio', exact: true }));
  // The first report open for writing (which one depends on the day the demo was seeded).
  const write = team.getByRole('link', { name: /^Compila – Monitoraggio \d+$/ }).first();
  const reportTitle = ((await write.textContent()) ?? '').replace(/^Compila\s*–\s*/, '').trim();
  await follow(team, write);
  expect(pathOf(team)).toMatch(new RegExp(`^${startupPath}/monitoring/[0-9a-f-]{36}$`));
  const report = team.locator('main form', { has: team.locator('textarea[name="narrative"]') });
  const figures = { 'Persone raggiunte': '48', 'Posti di lavoro creati': '1', 'Ricavi del periodo': '6.250,00', 'Volontari attivi': '5' };
  for (const [label, value] of Object.entries(figures)) await report.getByRole('textbox', { name: label, exact: true }).fill(value);
  await report.getByRole('textbox', { name: 'Racconto del periodo', exact: true }).fill('Da settembre il campetto è aperto tre pomeriggi; le famiglie chiedono anche il sabato.');
  await activate(team, report.getByRole('button', { name: 'Consegna il rapporto' }));
  const filed = await mainText(team);
  expect(filed).toContain('Rapporto consegnato: il coach ha ricevuto un avviso.');
  // Amounts are grouped from four digits (formatMoney): 6.250,00 €.
  expect(filed).toMatch(/Ricavi del periodo\s*6\.250,00 €/);

  const reportPath = pathOf(team);

  // The coach finds it waiting, reads the figures and answers; the team reads the feedback.
  await visit(coach, coachPath);
  const reports = coach.locator('main section[aria-labelledby="reports-title"]');
  expect(await textOf(reports.locator('tbody tr', { has: coach.locator('th', { hasText: reportTitle }) }).locator('.badge'))).toBe('Consegnato, in attesa del coach');
  await follow(coach, reports.getByRole('link', { name: `Vedi – ${reportTitle}`, exact: true }));
  expect(await mainText(coach)).toContain('Da settembre il campetto è aperto tre pomeriggi');
  const answer = coach.locator('main form', { has: coach.locator('textarea[name="feedback"]') });
  await setChecked(coach, answer.getByRole('radio', { name: 'Approva il rapporto' }), true);
  await answer.getByRole('textbox', { name: 'Riscontro per il gruppo', exact: true }).fill('Bel risultato: provate ad aprire anche il sabato mattina.');
  await activate(coach, answer.getByRole('button', { name: 'Invia il riscontro' }));
  expect(await mainText(coach)).toContain('Riscontro inviato al gruppo.');

  await visit(team, reportPath);
  const answered = await mainText(team);
  expect(answered).toContain('Il coach ha approvato il rapporto.');
  expect(answered).toContain('Bel risultato: provate ad aprire anche il sabato mattina.');
});
