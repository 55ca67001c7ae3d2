import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { audit, clickAndLoad, useE2E } from './support/e2e.ts';
import { DEMO_PASSWORD, DEMO_RESIDENT, DEMO_STAFF, mainText, signIn, submitSignIn, visit } from './support/flows.ts';
import { postForm, registerAccount } from './support/http.ts';
import {
  PROTOCOL,
  cookieHeader,
  disguisedExecutable,
  pathOf,
  readMail,
  setChecked,
  textOf,
  tinyPdf,
  waitUntil,
} from './support/proposals.ts';
import { publishShortCall } from './support/short-call.ts';

/**
 * The proposal's whole life in the browser, on the demo data (db/seed): staff publish a call that
 * closes in a few minutes and a demo resident sends a proposal to it; a new resident applies to
 * the open call without JavaScript (self-check, draft, attachments, review, declarations, receipt
 * by email and PDF), reopens it, autosaves with JavaScript and sends it again under the same
 * number; after the deadlines staff declare the seeded proposal of the closed call admissible and
 * the short call's proposal inadmissible, and the proposer reads why. The tests run in order and
 * share what they create.
 */
const e2e = useE2E();
const OPEN_CALL = 'idee-per-il-quartiere-2026';
const CLOSED_CALL_TITLE = 'Mercati di quartiere e filiera corta';
/** How long the call staff publish here stays open: time for one resident to send a proposal. */
const SHORT_CALL_MINUTES = Number(process.env.E2E_SHORT_CALL_MINUTES ?? 2);
const MOTIVATION = 'La proposta riguarda un cortile privato, non uno spazio del quartiere aperto a tutti (art. 2 dell’avviso).';

/** The English demo resident, who leaves a draft on the short call unsent until it is too late. */
const LATE_RESIDENT = 'resident@vivaio.example';

let shortCall: { id: string; closesAt: Date; proposalId: string; protocol: string; lateDraftPath: string } | null = null;
/** What the pages said when the server refused something, checked together in the last test. */
const refusals: { beforeDeadline?: string; alreadyDecided?: string; lateSubmit?: string } = {};

/** The visible text of a page's <main>, from its HTML (for answers fetched outside the browser). */
const mainOf = (html: string) =>
  (html.match(/<main[\s\S]*<\/main>/)?.[0] ?? html)
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** The form's own buttons (the first, hidden "save" only catches Enter in a text field). */
const saveButton = (page: Page) => page.locator('form[data-proposal-form] .vv-save-bar button[value="save"]');
const reviewButton = (page: Page) => page.locator('form[data-proposal-form] .vv-save-bar button[value="review"]');

/** Ticks both declarations on the review page, sends, and returns the protocol number shown. */
async function sendFromReview(page: Page, proposalPath: string): Promise<string> {
  const form = page.locator('main form', { has: page.locator('#f-truthfulness') });
  await setChecked(page, form.locator('#f-truthfulness'), true);
  await setChecked(page, form.locator('#f-privacy'), true);
  await clickAndLoad(page, form.locator('button[type="submit"]'));
  await audit(page);
  expect(pathOf(page)).toBe(proposalPath);
  expect(new URL(page.url()).searchParams.has('submitted')).toBe(true);
  const notice = await textOf(page.locator('main [role="status"]'));
  const protocol = notice.match(PROTOCOL)?.[0];
  if (!protocol) throw new Error(`no protocol number in the notice: ${notice}`);
  expect(notice).toBe(`Proposta inviata. Il numero di protocollo è ${protocol}: ti abbiamo mandato la ricevuta via email.`);
  expect(await textOf(page.locator('#receipt-title + dl dd'))).toBe(protocol);
  return protocol;
}

test('staff publish a call closing in minutes; a resident sends a proposal; decisions wait for the deadline', { timeout: 150_000 }, async () => {
  const staff = await e2e.newPage();
  await signIn(staff, 'it', DEMO_STAFF, DEMO_PASSWORD);
  const call = await publishShortCall(staff, SHORT_CALL_MINUTES);

  // The Italian demo resident applies from the call's page, without JavaScript.
  const resident = await e2e.newPage({ javaScriptEnabled: false });
  await signIn(resident, 'it', DEMO_RESIDENT, DEMO_PASSWORD);
  await visit(resident, '/it/calls?status=open');
  await clickAndLoad(resident, resident.locator('main article h2 a', { hasText: 'Idee lampo per i cortili' }));
  await audit(resident);
  await clickAndLoad(resident, resident.locator(`main a[href$="/apply"]`).first());
  await audit(resident);
  await clickAndLoad(resident, resident.getByRole('button', { name: 'Inizia la tua proposta' }));
  await audit(resident);
  const proposalPath = pathOf(resident);
  expect(proposalPath).toMatch(/^\/it\/me\/proposals\/[0-9a-f-]{36}$/);
  const form = resident.locator('form[data-proposal-form]');
  await setChecked(resident, form.locator('#f-applicantType-individual'), true);
  await form.locator('#f-title').fill('Ombra e panchine nel cortile di via Plebiscito');
  await form.locator('#f-neighbourhoodId').selectOption({ index: 1 });
  await form.locator('#f-requested').fill('800');
  await form.locator('[id="f-answers.idea"]').fill('Piantiamo due alberi e mettiamo tre panchine, con un turno di cura tra vicini.');
  await clickAndLoad(resident, reviewButton(resident));
  await audit(resident);
  expect(pathOf(resident)).toBe(`${proposalPath}/review`);
  const protocol = await sendFromReview(resident, proposalPath);
  expect(protocol).toMatch(/^LAMPO-\d{4}-000001$/);

  // Staff see it, but before the deadline nobody decides: the page says so and a forged post is refused.
  await visit(staff, `/it/staff/calls/${call.id}/proposals`);
  expect(await mainText(staff)).toContain('L’avviso è ancora aperto');
  await clickAndLoad(staff, staff.locator('main table tbody tr th a', { hasText: protocol }));
  await audit(staff);
  const proposalId = pathOf(staff).split('/').pop()!;
  expect(await textOf(staff.locator('section[aria-labelledby="decide-title"] [role="status"]'))).toBe(
    'Le decisioni sull’ammissibilità si prendono dopo la scadenza dell’avviso e prima della graduatoria.',
  );
  expect(await staff.locator('#f-motivation').count(), 'no decision form before the deadline').toBe(0);
  const forged = await postForm(e2e.baseUrl, `${pathOf(staff)}?_action=admissibility.declareInadmissible`, { proposalId, motivation: MOTIVATION }, { cookie: await cookieHeader(staff.context()) });
  expect(forged.status).toBe(200);
  refusals.beforeDeadline = mainOf(await forged.text());
  await visit(staff, pathOf(staff));
  expect(await textOf(staff.locator('#facts-title + dl dd')), 'nothing changed').toBe('Inviata');

  // The English demo resident starts a proposal too, complete but not sent.
  const late = await e2e.newPage({ javaScriptEnabled: false });
  await signIn(late, 'en', LATE_RESIDENT, DEMO_PASSWORD);
  await visit(late, `/en/calls/${call.slug}/apply`);
  await clickAndLoad(late, late.locator('main form button[type="submit"]'));
  await audit(late);
  const lateDraftPath = pathOf(late);
  expect(lateDraftPath).toMatch(/^\/en\/me\/proposals\/[0-9a-f-]{36}$/);
  const draft = late.locator('form[data-proposal-form]');
  await draft.locator('#f-title').fill('Courtyard reading corner');
  await draft.locator('#f-neighbourhoodId').selectOption({ index: 1 });
  await draft.locator('#f-requested').fill('1,200.00');
  await draft.locator('[id="f-answers.idea"]').fill('Two bookshelves and a bench in the shade, looked after by the neighbours.');
  await clickAndLoad(late, reviewButton(late));
  await audit(late);
  expect(await textOf(late.locator('main [role="status"]'))).toBe('The proposal is complete and can be sent.');

  shortCall = { id: call.id, closesAt: call.closesAt, proposalId, protocol, lateDraftPath };
});

/** The new resident of the main journey, and their proposal, shared with the later tests. */
let applicant: { email: string; password: string; proposalPath: string; protocol: string } | null = null;

test('a new resident applies without JavaScript: self-check, draft, attachments, review, submit, receipt by email and PDF', { timeout: 180_000 }, async () => {
  // A new account, confirmed from the email read in the staff mailbox.
  const account = await registerAccount(e2e.baseUrl, 'proponente');
  const staff = await e2e.newPage();
  await signIn(staff, 'it', DEMO_STAFF, DEMO_PASSWORD);
  const verification = await readMail(staff, account.email, account.email);
  const link = verification.body.match(/https?:\/\/\S+\/it\/verify-email\?token=[^\s"<>]+/)?.[0];
  if (!link) throw new Error(`no confirmation link in:\n${verification.body}`);
  const resident = await e2e.newPage({ javaScriptEnabled: false });
  await resident.goto(link);
  await audit(resident);
  await clickAndLoad(resident, resident.locator('main form button[type="submit"]'));
  await audit(resident);
  expect(pathOf(resident)).toBe('/it/login');

  // From the list of calls to the open call, and its self-check: first an answer that excludes.
  await visit(resident, '/it/calls');
  await clickAndLoad(resident, resident.locator(`main article h2 a[href="/it/calls/${OPEN_CALL}"]`));
  await audit(resident);
  const answer = async (key: string, value: 'yes' | 'no') => resident.locator(`label[for="q_${key}-${value}"]`).click();
  await answer('adult', 'yes');
  await answer('in_area', 'yes');
  await answer('not_funded', 'yes');
  await answer('constitute', 'yes');
  await clickAndLoad(resident, resident.getByRole('button', { name: 'Verifica' }));
  await audit(resident);
  const refusal = await textOf(resident.locator('#eligibility-result'));
  expect(refusal).toContain('non puoi partecipare');
  expect(refusal).toContain('L’avviso non finanzia due volte le stesse spese.');
  expect(refusal).toContain('Puoi proporre un nuovo servizio accanto a quello già finanziato');
  expect(await resident.locator('#eligibility-result a[href$="/apply"]').count(), 'no way to apply when excluded').toBe(0);
  await answer('not_funded', 'no');
  await clickAndLoad(resident, resident.getByRole('button', { name: 'Verifica' }));
  await audit(resident);
  expect(await textOf(resident.locator('#eligibility-result'))).toContain('Puoi partecipare');

  // Apply: sign in from the apply page and come back to it, then start the proposal.
  await clickAndLoad(resident, resident.locator('#eligibility-result a[href$="/apply"]'));
  await audit(resident);
  expect(pathOf(resident)).toBe(`/it/calls/${OPEN_CALL}/apply`);
  await clickAndLoad(resident, resident.locator('main a[href^="/it/login?next="]'));
  await audit(resident);
  await submitSignIn(resident, account.email, account.password);
  expect(pathOf(resident)).toBe(`/it/calls/${OPEN_CALL}/apply`);
  await clickAndLoad(resident, resident.getByRole('button', { name: 'Inizia la tua proposta' }));
  await audit(resident);
  const proposalPath = pathOf(resident);
  expect(proposalPath).toMatch(/^\/it\/me\/proposals\/[0-9a-f-]{36}$/);
  expect(await textOf(resident.locator('main .badge'))).toBe('Bozza');

  // Fill the sections: an informal group, with one person for now.
  const form = resident.locator('form[data-proposal-form]');
  await setChecked(resident, form.locator('#f-applicantType-informal_group'), true);
  await form.locator('#f-title').fill('Biblioteca degli attrezzi di San Cristoforo');
  await form.locator('#f-neighbourhoodId').selectOption({ index: 1 });
  await form.locator('#f-requested').fill('1.500,50');
  await form.locator('[id="f-team.0.name"]').fill('Rosa Ferlito');
  await form.locator('[id="f-team.0.role"]').fill('Referente');
  const answers: Record<string, string> = {
    title: 'Attrezzi in prestito',
    need: 'Molte famiglie del quartiere non possono comprare trapani, scale e attrezzi da giardino che usano due volte l’anno.',
    activities: 'Apriamo un locale due pomeriggi a settimana per prestare attrezzi, con brevi corsi di riparazione il sabato mattina.',
    users: '250',
    team: 'Siamo tre vicini: un falegname in pensione, un’insegnante e uno studente di ingegneria.',
    total_cost: '3.200',
    cofinancing: '1.699,50',
  };
  for (const [key, value] of Object.entries(answers)) await form.locator(`[id="f-answers.${key}"]`).fill(value);
  await setChecked(resident, form.locator('[id="f-answers.target_groups-2"]'), true);
  await setChecked(resident, form.locator('[id="f-answers.partners-0"]'), true);

  // Two required documents: a real PDF, and a program renamed .pdf that must be refused.
  await form.locator('input[name="upload.budget"]').setInputFiles({ name: 'piano-dei-costi.pdf', mimeType: 'application/pdf', buffer: tinyPdf('budget') });
  await form.locator('input[name="upload.id_document"]').setInputFiles({ name: 'documento.pdf', mimeType: 'application/pdf', buffer: disguisedExecutable() });
  await clickAndLoad(resident, saveButton(resident));
  await audit(resident);
  expect(await textOf(resident.locator('main [role="alert"]'))).toBe('Abbiamo salvato la bozza, tranne i campi segnalati qui sotto: correggili e salva di nuovo.');
  const idInput = form.locator('input[name="upload.id_document"]');
  expect(await idInput.getAttribute('aria-invalid')).toBe('true');
  expect(await textOf(resident.locator('[id="f-attachments.id_document-error"]'))).toMatch(/^Questo tipo di file non è accettato qui\. Formati accettati: .*PDF/);
  expect(await form.locator('#f-title').inputValue(), 'what was typed is kept').toBe('Biblioteca degli attrezzi di San Cristoforo');
  expect(await form.locator('[id="f-answers.activities"]').inputValue()).toBe(answers.activities);
  expect(await textOf(resident.locator('[id="f-attachments.budget-group"] a[href^="/files/"]'))).toBe('piano-dei-costi.pdf');

  // Nothing was lost: the saved draft holds every answer, only the refused file is missing.
  await visit(resident, proposalPath);
  expect(await form.locator('#f-requested').inputValue()).toBe('1500,50');
  expect(await form.locator('[id="f-answers.cofinancing"]').inputValue()).toBe('1699,50');
  expect(await form.locator('[id="f-answers.need"]').inputValue()).toBe(answers.need);
  expect(await form.locator('[id="f-answers.partners-0"]').isChecked()).toBe(true);
  expect(await textOf(resident.locator('[id="f-attachments.id_document-group"] p.mb-2'))).toBe('Nessun file caricato.');
  const budgetFile = await resident.locator('[id="f-attachments.budget-group"] a[href^="/files/"]').getAttribute('href');
  const download = await resident.context().request.get(budgetFile!);
  expect(download.status()).toBe(200);
  expect(download.headers()['content-disposition']).toMatch(/^attachment;/);
  expect(download.headers()['x-content-type-options']).toBe('nosniff');
  expect((await download.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

  await form.locator('input[name="upload.id_document"]').setInputFiles({ name: 'carta-identita.pdf', mimeType: 'application/pdf', buffer: tinyPdf('id') });
  await clickAndLoad(resident, saveButton(resident));
  await audit(resident);
  expect(new URL(resident.url()).searchParams.get('saved')).toBe('1');
  expect(await textOf(resident.locator('main [role="status"]'))).toMatch(/^Bozza salvata alle \d{1,2}:\d{2}\.$/);
  expect(await textOf(resident.locator('[id="f-attachments.id_document-group"] a[href^="/files/"]'))).toBe('carta-identita.pdf');

  // The review lists what is missing (a group of three adults) and offers no way to send.
  await clickAndLoad(resident, reviewButton(resident));
  await audit(resident);
  expect(pathOf(resident)).toBe(`${proposalPath}/review`);
  const missing = resident.locator('section[aria-labelledby="missing-title"]');
  expect(await textOf(missing.locator('li'))).toBe('Il gruppo: Un gruppo informale deve avere almeno 3 persone maggiorenni: aggiungile nel gruppo.');
  expect(await resident.locator('#f-truthfulness').count()).toBe(0);
  await clickAndLoad(resident, missing.locator('a.btn'));
  await audit(resident);

  // Two more people, then one more row with "Add another person".
  await form.locator('[id="f-team.1.name"]').fill('Salvo Nicolosi');
  await form.locator('[id="f-team.1.role"]').fill('Falegname');
  await form.locator('[id="f-team.2.name"]').fill('Giada Privitera');
  await form.locator('[id="f-team.2.role"]').fill('Laboratori');
  await clickAndLoad(resident, resident.getByRole('button', { name: 'Aggiungi un’altra persona' }));
  await audit(resident);
  expect(await resident.locator('fieldset.vv-member').count()).toBe(4);
  await form.locator('[id="f-team.3.name"]').fill('Luca Privitera');
  await form.locator('[id="f-team.3.role"]').fill('Volontario');
  await setChecked(resident, form.locator('[id="f-team.3.adult"]'), false);
  await clickAndLoad(resident, reviewButton(resident));
  await audit(resident);
  expect(await textOf(resident.locator('main [role="status"]'))).toBe('La proposta è completa e si può inviare.');
  const summary = await mainText(resident);
  // Amounts are grouped from four digits (formatMoney): 1.500,50 €, 25.000,00 €.
  expect(summary).toMatch(/Contributo richiesto ?1\.500,50\s€/);
  expect(summary).toContain('Luca Privitera');

  // Sending without the declarations is refused field by field; then with them.
  const declarations = resident.locator('main form', { has: resident.locator('#f-truthfulness') });
  await clickAndLoad(resident, declarations.locator('button[type="submit"]'));
  await audit(resident);
  expect(await resident.locator('main [role="alert"]').count()).toBe(1);
  expect(await resident.locator('#f-truthfulness').getAttribute('aria-invalid')).toBe('true');
  expect(await resident.locator('#f-privacy-error').count()).toBe(1);
  const protocol = await sendFromReview(resident, proposalPath);
  expect(protocol).toMatch(/^IDEA-\d{4}-\d{6}$/);
  expect(await textOf(resident.locator('#receipt-title + dl dd code'))).toMatch(/^[0-9a-f]{64}$/);
  expect(await textOf(resident.locator('main .badge'))).toBe('Inviata');

  // The PDF receipt, and the receipt email.
  const receiptHref = await resident.locator('#receipt-title ~ a[href$="/receipt.pdf"]').getAttribute('href');
  const receipt = await resident.context().request.get(receiptHref!);
  expect(receipt.status()).toBe(200);
  expect(receipt.headers()['content-type']).toBe('application/pdf');
  expect(receipt.headers()['content-disposition']).toMatch(/^attachment;.*\.pdf/);
  expect((await receipt.body()).subarray(0, 4).toString('latin1')).toBe('%PDF');
  const mail = await readMail(staff, protocol, account.email);
  expect(mail.subject).toBe(`Ricevuta della proposta ${protocol}`);
  expect(mail.body).toContain(`Numero di protocollo: ${protocol}`);

  // Reopen before the deadline (two steps, no JavaScript needed).
  await clickAndLoad(resident, resident.getByRole('link', { name: 'Riapri per modificare' }));
  await audit(resident);
  await clickAndLoad(resident, resident.getByRole('button', { name: 'Sì, riapri la proposta' }));
  await audit(resident);
  expect(new URL(resident.url()).searchParams.has('reopened')).toBe(true);
  expect(await textOf(resident.locator('main .badge'))).toBe('Bozza');
  expect(await mainText(resident)).toContain(`Il numero di protocollo ${protocol} resta lo stesso.`);

  applicant = { email: account.email, password: account.password, proposalPath, protocol };
});

test('with JavaScript the reopened draft saves itself while typing, uploads with progress, and is sent again under the same number', { timeout: 120_000 }, async () => {
  if (!applicant) throw new Error('the previous test did not leave a reopened proposal');
  const page = await e2e.newPage();
  await signIn(page, 'it', applicant.email, applicant.password);
  await visit(page, applicant.proposalPath);
  const status = page.locator('#autosave-status');
  expect(await textOf(status)).toBe('Le modifiche si salvano automaticamente.');

  // Type, wait for the live region to say it is saved, reload: the text is there.
  const activities = page.locator('[id="f-answers.activities"]');
  const added = ' Il sabato pomeriggio anche un laboratorio di bici per ragazze e ragazzi.';
  await activities.focus();
  await page.keyboard.press('Control+End');
  await activities.pressSequentially(added, { delay: 5 });
  await page.locator('#autosave-status', { hasText: /^Salvato alle \d{1,2}:\d{2}\.$/ }).waitFor({ timeout: 15_000 });
  await audit(page);
  await page.reload();
  await audit(page);
  expect(await activities.inputValue()).toMatch(new RegExp(`${added.trim()}$`));

  // A file goes up with a progress bar; the server's answer replaces the page in place.
  await page.locator('input[name="upload.support_letters"]').setInputFiles({ name: 'lettera-parrocchia.pdf', mimeType: 'application/pdf', buffer: tinyPdf('support') });
  await saveButton(page).click();
  await page.locator('[id="f-attachments.support_letters-group"] a[href^="/files/"]', { hasText: 'lettera-parrocchia.pdf' }).waitFor({ timeout: 15_000 });
  await audit(page);
  expect(await textOf(page.locator('main [role="status"]'))).toMatch(/^Bozza salvata alle/);

  // Sent again: same protocol number, a second submission in the history.
  await clickAndLoad(page, reviewButton(page));
  await audit(page);
  expect(await sendFromReview(page, applicant.proposalPath)).toBe(applicant.protocol);
  const timeline = await textOf(page.locator('section[aria-labelledby="timeline-title"]'));
  expect(timeline).toContain('Riaperta per modifiche');
  expect(timeline).toContain('Inviata di nuovo');
  expect(await page.locator('section[aria-labelledby="timeline-title"] h3 + ol > li').count(), 'two submissions in the history').toBe(2);
  expect(await mainText(page)).toContain('lettera-parrocchia.pdf');
});

test('after the deadlines staff declare one proposal admissible and one inadmissible; the proposer reads why', { timeout: 360_000 }, async () => {
  if (!shortCall) throw new Error('the first test did not publish the short call');
  // Before the deadline, the English resident opens the review of the unsent draft and ticks the
  // declarations; they will press "Send" only after the deadline.
  if (Date.now() > shortCall.closesAt.getTime() - 10_000) throw new Error('the short call closes too soon for this test: raise E2E_SHORT_CALL_MINUTES');
  const lateSender = await e2e.newPage({ javaScriptEnabled: false });
  await signIn(lateSender, 'en', LATE_RESIDENT, DEMO_PASSWORD);
  await visit(lateSender, `${shortCall.lateDraftPath}/review`);
  const lateForm = lateSender.locator('main form', { has: lateSender.locator('#f-truthfulness') });
  await setChecked(lateSender, lateForm.locator('#f-truthfulness'), true);
  await setChecked(lateSender, lateForm.locator('#f-privacy'), true);

  const staff = await e2e.newPage();
  await signIn(staff, 'it', DEMO_STAFF, DEMO_PASSWORD);

  // The closed call's proposal (seeded, sent in time by the English demo resident): admissible.
  await visit(staff, '/it/staff/calls');
  await clickAndLoad(staff, staff.locator('main table tbody tr', { hasText: CLOSED_CALL_TITLE }).locator('th a'));
  await audit(staff);
  const callId = pathOf(staff).split('/').pop()!;
  await clickAndLoad(staff, staff.locator(`main a[href="/it/staff/calls/${callId}/proposals"]`).first());
  await audit(staff);
  const rows = staff.locator('main table tbody tr');
  expect(await rows.count()).toBe(1);
  expect(await textOf(rows.locator('td').nth(2))).toBe('Inviata');
  const seededProtocol = await textOf(rows.locator('th a'));
  await clickAndLoad(staff, rows.locator('th a'));
  await audit(staff);
  const detailPath = pathOf(staff);
  const checks = staff.locator('main form', { has: staff.locator('#chk-on_time-yes') });
  const met = await checks.locator('input[type="radio"][value="yes"]').all();
  expect(met.length, 'fixed requirements and required documents').toBeGreaterThanOrEqual(4);
  for (const radio of met) await setChecked(staff, radio, true);
  await clickAndLoad(staff, checks.locator('button[type="submit"]'));
  await audit(staff);
  expect(await textOf(staff.locator('section[aria-labelledby="checks-title"] [role="status"]'))).toBe('Verifica salvata.');
  const admissible = staff.locator('main form', { has: staff.locator('#f-admissible-note') });
  await clickAndLoad(staff, admissible.locator('button[type="submit"]'));
  await audit(staff);
  expect(await textOf(staff.locator('section[aria-labelledby="decide-title"] [role="status"]'))).toBe('Esito registrato: Ammissibile. Il proponente riceverà un’email.');
  // A second decision on the same proposal (another office tab, say) is refused.
  const again = await postForm(e2e.baseUrl, `${detailPath}?_action=admissibility.declareInadmissible`, { proposalId: detailPath.split('/').pop()!, motivation: MOTIVATION }, { cookie: await cookieHeader(staff.context()) });
  expect(again.status).toBe(200);
  refusals.alreadyDecided = mainOf(await again.text());
  await visit(staff, `/it/staff/calls/${callId}/proposals`);
  expect(await textOf(staff.locator('main table tbody tr td').nth(2))).toBe('Ammissibile');

  // The short call's proposal, once its deadline has passed: inadmissible, with a motivation.
  await waitUntil(new Date(shortCall.closesAt.getTime() + 1_000));

  // One second late: the send is refused and the draft stays as it was.
  await clickAndLoad(lateSender, lateForm.locator('button[type="submit"]'));
  await audit(lateSender);
  refusals.lateSubmit = await mainText(lateSender);
  await visit(lateSender, shortCall.lateDraftPath);
  expect(await textOf(lateSender.locator('main .badge')), 'still a draft').toBe('Draft');
  expect(await lateSender.locator('#receipt-title').count(), 'no protocol number, no receipt').toBe(0);
  expect(await mainText(lateSender)).toContain('Courtyard reading corner');

  await visit(staff, `/it/staff/calls/${shortCall.id}/proposals/${shortCall.proposalId}`);
  const inadmissible = staff.locator('main form', { has: staff.locator('#f-motivation') });
  await inadmissible.locator('#f-motivation').fill('');
  await clickAndLoad(staff, inadmissible.locator('button[type="submit"]'));
  await audit(staff);
  expect(await staff.locator('#f-motivation').getAttribute('aria-invalid'), 'a motivation is required').toBe('true');
  expect(await staff.locator('#f-motivation-error').count()).toBe(1);
  await inadmissible.locator('#f-motivation').fill(MOTIVATION);
  await clickAndLoad(staff, inadmissible.locator('button[type="submit"]'));
  await audit(staff);
  expect(await textOf(staff.locator('section[aria-labelledby="decide-title"] [role="status"]'))).toBe('Esito registrato: Non ammissibile. Il proponente riceverà un’email.');

  // The proposer reads the outcome and its motivation on the timeline, and in the email.
  const resident = await e2e.newPage({ javaScriptEnabled: false });
  await signIn(resident, 'it', DEMO_RESIDENT, DEMO_PASSWORD);
  await visit(resident, '/it/me');
  const row = resident.locator('main table tbody tr', { hasText: shortCall.protocol });
  expect(await textOf(row.locator('td').first())).toBe('Non ammissibile');
  await clickAndLoad(resident, row.locator('th a'));
  await audit(resident);
  expect(await textOf(resident.locator('main .badge'))).toBe('Non ammissibile');
  expect(await textOf(resident.locator('section[aria-labelledby="timeline-title"]'))).toContain(MOTIVATION);
  expect(await resident.locator('form[data-proposal-form]').count(), 'read-only after the deadline').toBe(0);
  const mail = await readMail(staff, `Esito della verifica della proposta ${shortCall.protocol}`, DEMO_RESIDENT);
  expect(mail.body).toContain(MOTIVATION);
  const admitted = await readMail(staff, seededProtocol, 'resident@vivaio.example');
  expect(admitted.body).toContain(seededProtocol);
});

test('what the server refuses is explained on the page', () => {
  // The decision forms are only drawn while a decision is possible, so a refused one (a stale
  // tab, a second office worker) must still show the server's reason rather than nothing.
  expect.soft(refusals.beforeDeadline, 'a decision posted before the deadline').toContain('L’avviso è ancora aperto fino al');
  expect.soft(refusals.alreadyDecided, 'a second decision on a decided proposal').toContain('Questa proposta ha già un esito');
  // The issue: "a submit that arrives one second late is refused with a clear message".
  expect.soft(refusals.lateSubmit, 'a proposal sent one second late').toContain('The deadline has passed: the proposal was not sent or changed.');
});
