import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { audit, clickAndLoad, useE2E } from './support/e2e.ts';
import { DEMO_PASSWORD, DEMO_STAFF, mainText, signIn, visit } from './support/flows.ts';
import { postForm } from './support/http.ts';
import { PROTOCOL, cookieHeader, pathOf, readMail, setChecked, textOf } from './support/proposals.ts';

/**
 * Evaluation in the browser, on the demo data (db/seed/evaluation.ts): an evaluator declares no
 * conflict, scores and sends a sheet on the call in review; staff see what still blocks the
 * provisional ranking there, and that the final ranking of the call with a provisional one waits
 * for the observation window; the public results show outcomes without people's names; a proposer
 * reads the feedback and files an observation; staff publish the provisional ranking of the call
 * whose sheets are all in, and the final ranking of the call whose observation window has closed.
 * The tests run in order and share the server.
 */
const e2e = useE2E();

const EVALUATOR = 'valutatore3@vivaio.example';
const IN_REVIEW_TITLE = 'Cura di comunità – nessuno resta solo';
/** The evaluator's untouched sheets on the call in review (evaluation-texts.ts). */
const UNTOUCHED = ['Nonni al telefono', 'Sollievo per chi assiste'];
const PROVISIONAL_SLUG = 'botteghe-di-prossimita-2026';
const PROVISIONAL_TITLE = 'Botteghe di prossimità';
const FINAL_SLUG = 'sport-nei-cortili-2025';
/** A resident whose proposal on the provisional call has no observation yet. */
const PROPOSER = 'fatima.benali@vivaio.example';
const PROPOSAL_TITLE = 'Falegnameria di quartiere';
/** People named in the demo proposals (proposers and team members): never on a public page. */
const PEOPLE = ['Rosaria Scuderi', 'Alfio Pappalardo', 'Fatima Benali', 'Sebastiano Grasso', 'Mihaela Popescu', 'Davide Caruso', 'Concetta Privitera', 'Orazio Nicolosi'];
/** Every sheet sent, nothing published yet; the group "Orto dei nonni" of Rosaria Scuderi agreed to be named. */
const READY_TITLE = 'Orti condivisi';
const READY_SLUG = 'orti-condivisi-2026';
/** Provisional ranking whose observation window has closed, every observation answered. */
const CLOSED_TITLE = 'Libri in cortile';
const CLOSED_SLUG = 'libri-in-cortile-2025';
const CONSENTING = { name: 'Rosaria Scuderi', email: 'rosaria.scuderi@vivaio.example' };
const OBSERVATION = 'Chiediamo il riesame del criterio sulla sostenibilità: il piano a pagina 3 descrive la convenzione con la scuola.';

/** Opens a staff call's evaluation ranking page from the calls list (ids are made at seed time). */
async function openRanking(staff: Page, title: string): Promise<string> {
  await visit(staff, '/it/staff/calls');
  await clickAndLoad(staff, staff.locator('main table a', { hasText: title }));
  await audit(staff);
  const callPath = pathOf(staff);
  expect(callPath).toMatch(/^\/it\/staff\/calls\/[0-9a-f-]{36}$/);
  expect(await visit(staff, `${callPath}/evaluation/ranking`)).toBe(200);
  return `${callPath}/evaluation/ranking`;
}

test('an evaluator declares no conflict, is asked for a comment on a low score, then scores and sends', { timeout: 120_000 }, async () => {
  const page = await e2e.newPage();
  await signIn(page, 'it', EVALUATOR, DEMO_PASSWORD);
  await visit(page, '/it/review');
  const section = page.locator('main section', { hasText: IN_REVIEW_TITLE });
  expect(await textOf(section.locator('h3').first())).toBe('Da dichiarare (2)');
  const summaryBefore = await mainText(page);
  expect(summaryBefore).toContain('Da dichiarare: 2.');

  // Before declaring, only the protocol number and the call are shown: not the proposal's title.
  await clickAndLoad(page, section.locator('table').first().locator('a').first());
  await audit(page);
  const here = pathOf(page);
  expect(here).toMatch(/^\/it\/review\/[0-9a-f-]{36}$/);
  const declare = await mainText(page);
  expect(await textOf(page.locator('main dl dd').first())).toMatch(PROTOCOL);
  expect(declare).toContain(IN_REVIEW_TITLE);
  for (const title of UNTOUCHED) expect(declare, 'no proposal title before the declaration').not.toContain(title);

  await clickAndLoad(page, page.locator('main section[aria-labelledby="none-title"] button[type="submit"]'));
  await audit(page);
  expect(pathOf(page), 'back on the same assignment, now the review stage').toBe(here);
  expect(await page.locator('#score-sheet').count()).toBe(1);
  const shown = await mainText(page);
  expect(UNTOUCHED.some((title) => shown.includes(title)), 'the proposal is open after declaring').toBe(true);

  // A low score with no comment: a translated message on that field, nothing sent.
  const scores = page.locator('#score-sheet input.vv-score');
  const count = await scores.count();
  expect(count, 'one score per criterion of the demo rubric').toBe(6);
  const firstId = (await scores.first().getAttribute('id'))!.replace(/-score$/, '');
  await scores.first().fill('2');
  await clickAndLoad(page, page.locator('#score-sheet button[value="submit"]'));
  await audit(page);
  expect(pathOf(page)).toBe(here);
  expect(await textOf(page.locator(`#${firstId}-comment-error`))).toBe('Scrivi un commento: sotto 12 punti è obbligatorio.');
  expect(await page.locator(`#${firstId}-comment`).getAttribute('aria-invalid')).toBe('true');
  expect(await scores.first().inputValue(), 'what was typed is kept').toBe('2');
  expect(await page.locator('#score-sheet button[value="submit"]').count(), 'still editable').toBe(1);

  // Every criterion at its maximum except the first, explained: the sheet is sent and locked.
  for (let i = 0; i < count; i += 1) {
    const input = scores.nth(i);
    await input.fill(i === 0 ? '9' : ((await input.getAttribute('data-max')) ?? '0'));
  }
  await page.locator(`#${firstId}-comment`).fill('Il bisogno è descritto in modo generico, senza dati sul quartiere.');
  expect(await textOf(page.locator('#score-total')), 'the running total follows the typing').toMatch(/^Totale: 89 su 100 punti/);
  await clickAndLoad(page, page.locator('#score-sheet button[value="submit"]'));
  await audit(page);
  expect(pathOf(page)).toBe(here);
  expect(['submitted', 'scored']).toContain(new URL(page.url()).searchParams.get('done'));
  expect(await textOf(page.locator('main [role="status"]'))).toMatch(/^Valutazione inviata\./);
  expect(await page.locator('#score-sheet').count(), 'a sent sheet is locked').toBe(0);
  const locked = await mainText(page);
  expect(locked).toContain('La scheda è bloccata.');
  expect(locked).toContain('Il bisogno è descritto in modo generico, senza dati sul quartiere.');
  expect(locked).toContain('Totale: 89 su 100 punti');

  // The dashboard moved it from "to declare" to "sent".
  await visit(page, '/it/review');
  expect(await mainText(page)).toContain('Da dichiarare: 1.');
  const sent = page.locator('main section', { hasText: IN_REVIEW_TITLE }).locator('tr', { has: page.locator(`a[href="${here}"]`) });
  expect(await textOf(sent.locator('td').last())).toMatch(/^Vedi/);
  expect(await sent.textContent()).toContain('89');
});

test('staff see, translated, what blocks the provisional ranking of the call in review', { timeout: 90_000 }, async () => {
  const staff = await e2e.newPage();
  await signIn(staff, 'it', DEMO_STAFF, DEMO_PASSWORD);
  const ranking = await openRanking(staff, IN_REVIEW_TITLE);
  const publish = staff.locator('main section[aria-labelledby="publish-title"]');
  expect(await textOf(publish.locator('h2'))).toBe('Pubblica la graduatoria provvisoria');
  expect(await textOf(publish.locator('h3'))).toBe('Prima di pubblicare');
  const blockers = (await publish.locator('li').allTextContents()).map((s) => s.replace(/\s+/g, ' ').trim());
  expect(blockers.some((b) => /^Non tutte le proposte sono state valutate: ne mancano \d+\./.test(b)), blockers.join(' | ')).toBe(true);
  expect(await publish.locator('form').count(), 'no publish button while something blocks it').toBe(0);

  // The same in English.
  await visit(staff, ranking.replace('/it/', '/en/'));
  const en = (await staff.locator('main section[aria-labelledby="publish-title"] li').allTextContents()).join(' ');
  expect(en).toMatch(/Not every proposal has been assessed: \d+ are missing\./);
});

test('publishing the final ranking is refused while the observation window is open', { timeout: 90_000 }, async () => {
  const staff = await e2e.newPage();
  await signIn(staff, 'it', DEMO_STAFF, DEMO_PASSWORD);
  const ranking = await openRanking(staff, PROVISIONAL_TITLE);
  const publish = staff.locator('main section[aria-labelledby="publish-title"]');
  expect(await textOf(publish.locator('h2'))).toBe('Pubblica la graduatoria definitiva');
  const blockers = (await publish.locator('li').allTextContents()).map((s) => s.replace(/\s+/g, ' ').trim());
  expect(blockers.some((b) => /^Il termine per le osservazioni non è ancora scaduto: scade il \d/.test(b)), blockers.join(' | ')).toBe(true);
  expect(await publish.locator('form').count()).toBe(0);

  // Posting the form anyway (as a stale page would) publishes nothing.
  const callId = ranking.split('/')[4]!;
  const forced = await postForm(e2e.baseUrl, `${ranking}?_action=ranking.publishFinal`, { callId, confirm: 'on' }, { cookie: await cookieHeader(staff.context()) });
  expect(forced.status, 'the page again, not a redirect to ?done=final').toBe(200);
  await visit(staff, ranking);
  expect(await textOf(staff.locator('main p.lead'))).toMatch(/^La graduatoria provvisoria è pubblicata\./);
  expect(await staff.locator('main section[aria-labelledby="history-title"] li', { hasText: 'Graduatoria definitiva' }).count()).toBe(0);

  // In English, the same reason.
  await visit(staff, ranking.replace('/it/', '/en/'));
  const en = (await staff.locator('main section[aria-labelledby="publish-title"] li').allTextContents()).join(' ');
  expect(en).toMatch(/The time for observations has not ended yet: it ends on /);
});

test('the public results show the provisional and final rankings without naming people', { timeout: 90_000 }, async () => {
  const page = await e2e.newPage();
  expect(await visit(page, `/it/calls/${PROVISIONAL_SLUG}/results`)).toBe(200);
  const provisional = await mainText(page);
  expect(provisional).toMatch(/Graduatoria provvisoria pubblicata il/);
  expect(provisional).toMatch(/osservazioni fino al/);
  const table = page.locator('main table', { has: page.locator('caption', { hasText: 'Graduatoria: posizione' }) });
  const rows = table.locator('tbody tr');
  expect(await rows.count(), 'one row per ranked proposal').toBe(6);
  expect(await textOf(rows.first().locator('th'))).toMatch(PROTOCOL);
  expect(provisional).toContain('Associazione Fili Intrecciati');
  const html = await page.content();
  for (const name of PEOPLE) expect(html, `${name} is not on the public page`).not.toContain(name);
  expect(html).not.toContain(PROPOSAL_TITLE);

  expect(await visit(page, `/en/calls/${FINAL_SLUG}/results`)).toBe(200);
  const final = await mainText(page);
  expect(final).toMatch(/Final ranking approved on/);
  const outcomes = await page.locator('main table', { has: page.locator('caption', { hasText: 'Ranking:' }) }).locator('tbody tr td:nth-child(5)').allTextContents();
  expect(outcomes.map((s) => s.trim())).toContain('Funded');
  for (const name of PEOPLE) expect(await page.content()).not.toContain(name);
});

test('a proposer reads the feedback and files an observation, once', { timeout: 120_000 }, async () => {
  const page = await e2e.newPage();
  await signIn(page, 'it', PROPOSER, DEMO_PASSWORD);
  await visit(page, '/it/me');
  await clickAndLoad(page, page.locator('main table a', { hasText: PROPOSAL_TITLE }));
  await audit(page);
  const proposal = pathOf(page);
  expect(proposal).toMatch(/^\/it\/me\/proposals\/[0-9a-f-]{36}$/);

  await clickAndLoad(page, page.locator(`main a[href="${proposal}/feedback"]`).first());
  await audit(page);
  const feedback = await mainText(page);
  expect(feedback).toContain(`la tua proposta «${PROPOSAL_TITLE}»`);
  expect(feedback).toMatch(/Graduatoria provvisoria pubblicata il/);
  expect(await page.locator('main section[aria-labelledby="summary-title"] dd').count()).toBeGreaterThanOrEqual(3);
  expect(feedback).toContain('Rilevanza per i bisogni del quartiere');
  for (const evaluator of ['Paolo Valutatore', 'Francesca Lo Giudice', 'Giovanni Santangelo']) expect(feedback, 'comments are anonymous').not.toContain(evaluator);
  expect(feedback).toMatch(/puoi presentare osservazioni fino al/);

  // An empty observation: a translated message, nothing filed.
  await clickAndLoad(page, page.locator(`main a[href="${proposal}/observation"]`));
  await audit(page);
  await clickAndLoad(page, page.locator('main form button[type="submit"]'));
  await audit(page);
  expect(await textOf(page.locator('#f-text-error'))).toBe('Scrivi le tue osservazioni.');
  expect(await page.locator('#f-text').getAttribute('aria-invalid')).toBe('true');

  await page.locator('#f-text').fill(OBSERVATION);
  await clickAndLoad(page, page.locator('main form button[type="submit"]'));
  await audit(page);
  expect(pathOf(page)).toBe(`${proposal}/observation`);
  expect(new URL(page.url()).searchParams.has('filed')).toBe(true);
  expect(await textOf(page.locator('main [role="status"]'))).toMatch(/^Le tue osservazioni sono state inviate il /);
  expect(await mainText(page)).toContain(OBSERVATION);
  expect(await page.locator('#f-text').count(), 'no second form').toBe(0);

  // The feedback page now shows the observation instead of the link.
  await visit(page, `${proposal}/feedback`);
  expect(await mainText(page)).toContain(OBSERVATION);
  expect(await page.locator(`main a[href="${proposal}/observation"]`).count()).toBe(0);

  // Consent to be named in the rankings, given and taken back from the proposal's page.
  const named = 'Fatima Benali (referente di un gruppo informale)';
  const results = async () => {
    const visitor = await e2e.newPage();
    await visit(visitor, `/it/calls/${PROVISIONAL_SLUG}/results`);
    return mainText(visitor);
  };
  await visit(page, proposal);
  const consent = page.locator('main section[aria-labelledby="name-consent-title"]');
  expect(await consent.textContent()).toContain('Il tuo nome non compare nelle graduatorie pubblicate');
  await clickAndLoad(page, consent.locator('button[type="submit"]'));
  await audit(page);
  expect(await textOf(consent.locator('[role="status"]'))).toMatch(/^Consenso registrato/);
  expect(await results()).toContain(named);
  await clickAndLoad(page, consent.locator('button[type="submit"]', { hasText: 'Revoca il consenso' }));
  await audit(page);
  expect(await textOf(consent.locator('[role="status"]'))).toMatch(/^Consenso revocato/);
  expect(await results()).not.toContain('Fatima Benali');
});

/** Ticks the confirmation of a publish form and sends it; lands back on the ranking page. */
async function publish(staff: Page, ranking: string, button: string) {
  const section = staff.locator('main section[aria-labelledby="publish-title"]');
  expect(await section.locator('li').count(), 'nothing blocks the publication').toBe(0);
  await setChecked(staff, section.locator('#f-confirm'), true);
  await clickAndLoad(staff, section.locator('button[type="submit"]', { hasText: button }));
  await audit(staff);
  expect(pathOf(staff)).toBe(ranking);
}

test('staff publish the provisional ranking of a call whose sheets are all in; the public page names only who may be named', { timeout: 120_000 }, async () => {
  const staff = await e2e.newPage();
  await signIn(staff, 'it', DEMO_STAFF, DEMO_PASSWORD);
  const ranking = await openRanking(staff, READY_TITLE);
  expect(await textOf(staff.locator('main p.lead'))).toMatch(/^Anteprima:/);
  expect(await textOf(staff.locator('main section[aria-labelledby="publish-title"] h2'))).toBe('Pubblica la graduatoria provvisoria');
  expect(await staff.locator('main table tbody tr').count(), 'the preview lists every proposal').toBe(5);

  // Without the confirmation nothing is published.
  await clickAndLoad(staff, staff.locator('main section[aria-labelledby="publish-title"] button[type="submit"]'));
  await audit(staff);
  expect(await textOf(staff.locator('#f-confirm-error'))).not.toBe('');
  expect(await staff.locator('main section[aria-labelledby="history-title"]').count()).toBe(0);

  await publish(staff, ranking, 'Pubblica la graduatoria provvisoria');
  expect(new URL(staff.url()).searchParams.get('done')).toBe('provisional');
  expect(await textOf(staff.locator('main [role="status"]'))).toMatch(/^Graduatoria provvisoria pubblicata\./);
  expect(await textOf(staff.locator('main p.lead'))).toMatch(/^La graduatoria provvisoria è pubblicata\./);
  expect(await staff.locator('main section[aria-labelledby="history-title"] li', { hasText: 'Graduatoria provvisoria' }).count()).toBe(1);
  // Next step: the final ranking, which waits for the observation window.
  const next = staff.locator('main section[aria-labelledby="publish-title"]');
  expect(await textOf(next.locator('h2'))).toBe('Pubblica la graduatoria definitiva');
  expect((await next.locator('li').allTextContents()).join(' ')).toMatch(/Il termine per le osservazioni non è ancora scaduto: scade il \d/);

  // Each proposer got a feedback letter in the outbox (demo mode: the staff mailbox).
  const letter = await readMail(staff, 'Esito della valutazione', CONSENTING.email);
  expect(letter.body).toContain('Orto dei nonni a San Cristoforo');
  expect(letter.body).toMatch(/Posizione in graduatoria: \d su 5/);

  // The public page: organisations by name, the group that consented by its contact person, nobody else.
  const page = await e2e.newPage();
  expect(await visit(page, `/it/calls/${READY_SLUG}/results`)).toBe(200);
  const text = await mainText(page);
  expect(text).toMatch(/Graduatoria provvisoria pubblicata il/);
  const table = page.locator('main table', { has: page.locator('caption', { hasText: 'Graduatoria: posizione' }) });
  expect(await table.locator('tbody tr').count(), 'one row per ranked proposal').toBe(5);
  for (const body of ['Associazione Semi di Quartiere', 'Cooperativa Terra Viva']) expect(text).toContain(body);
  expect(text).toContain(`${CONSENTING.name} (referente di un gruppo informale)`);
  const html = await page.content();
  for (const name of PEOPLE.filter((n) => n !== CONSENTING.name)) expect(html, `${name} is not on the public page`).not.toContain(name);
  expect(html).not.toContain('Orto dei nonni');
});

test('staff publish the final ranking once the observation window has closed and every observation is answered', { timeout: 120_000 }, async () => {
  const staff = await e2e.newPage();
  await signIn(staff, 'it', DEMO_STAFF, DEMO_PASSWORD);
  const ranking = await openRanking(staff, CLOSED_TITLE);
  expect(await textOf(staff.locator('main p.lead'))).toMatch(/^La graduatoria provvisoria è pubblicata\./);
  expect(await textOf(staff.locator('main section[aria-labelledby="publish-title"] h2'))).toBe('Pubblica la graduatoria definitiva');

  await publish(staff, ranking, 'Pubblica la graduatoria definitiva');
  expect(new URL(staff.url()).searchParams.get('done')).toBe('final');
  expect(await textOf(staff.locator('main [role="status"]'))).toBe('Graduatoria definitiva pubblicata.');
  expect(await textOf(staff.locator('main p.lead'))).toMatch(/^La graduatoria definitiva è pubblicata\./);
  expect(await staff.locator('main section[aria-labelledby="history-title"] li', { hasText: 'Graduatoria definitiva' }).count()).toBe(1);
  expect(await staff.locator('main section[aria-labelledby="publish-title"]').count(), 'nothing left to publish').toBe(0);

  // A second post (a stale tab) publishes nothing more.
  const callId = ranking.split('/')[4]!;
  const again = await postForm(e2e.baseUrl, `${ranking}?_action=ranking.publishFinal`, { callId, confirm: 'on' }, { cookie: await cookieHeader(staff.context()) });
  expect(again.status).toBe(200);
  await visit(staff, ranking);
  expect(await staff.locator('main section[aria-labelledby="history-title"] li', { hasText: 'Graduatoria definitiva' }).count()).toBe(1);

  const page = await e2e.newPage();
  expect(await visit(page, `/en/calls/${CLOSED_SLUG}/results`)).toBe(200);
  const text = await mainText(page);
  expect(text).toMatch(/Final ranking approved on/);
  const table = page.locator('main table', { has: page.locator('caption', { hasText: 'Ranking:' }) });
  const outcomes = (await table.locator('tbody tr td:nth-child(5)').allTextContents()).map((o) => o.trim());
  expect(outcomes).toEqual(expect.arrayContaining(['Funded', 'Eligible, not funded', 'Not eligible']));
  expect(text).toContain(`${CONSENTING.name} (contact person of an informal group)`);
  expect(text).toContain('Associazione Pagine Aperte');
});

test('staff give the call in review its own descriptor scale; the evaluator’s sheet shows it', { timeout: 120_000 }, async () => {
  const staff = await e2e.newPage();
  await signIn(staff, 'it', DEMO_STAFF, DEMO_PASSWORD);
  const settings = (await openRanking(staff, IN_REVIEW_TITLE)).replace(/\/ranking$/, '');
  await visit(staff, settings);
  const form = staff.locator('main form', { has: staff.locator('#f-descriptors-0-it') });
  expect(await textOf(staff.locator('#descriptors-now'))).toBe('Ora si usa la scala predefinita.');

  // A level without its English words: refused on that field, nothing saved, what was typed kept.
  await form.locator('#f-descriptors-0-it').fill('Scarso');
  await clickAndLoad(staff, form.locator('button[type="submit"]'));
  await audit(staff);
  expect(await textOf(staff.locator('#f-descriptors-0-en-error'))).toBe('Questo campo è obbligatorio.');
  expect(await staff.locator('#f-descriptors-0-en').getAttribute('aria-invalid')).toBe('true');
  expect(await staff.locator('#f-descriptors-0-it').inputValue()).toBe('Scarso');
  expect(await textOf(staff.locator('#descriptors-now'))).toBe('Ora si usa la scala predefinita.');

  const retry = staff.locator('main form', { has: staff.locator('#f-descriptors-0-it') });
  await retry.locator('#f-descriptors-0-en').fill('Poor');
  await retry.locator('#f-descriptors-1-it').fill('Buono');
  await retry.locator('#f-descriptors-1-en').fill('Good');
  await clickAndLoad(staff, retry.locator('button[type="submit"]'));
  await audit(staff);
  expect(new URL(staff.url()).searchParams.get('done')).toBe('settings');
  expect(await textOf(staff.locator('#descriptors-now'))).toBe('Ora si usa una scala di 2 livelli: Scarso, Buono.');

  // The evaluator's sheet still in progress on that call: the two levels, on equal halves of each maximum.
  const page = await e2e.newPage();
  await signIn(page, 'it', EVALUATOR, DEMO_PASSWORD);
  await visit(page, '/it/review');
  await clickAndLoad(page, page.locator('main section', { hasText: IN_REVIEW_TITLE }).locator('tr', { hasText: 'Spesa sospesa di vicinato' }).locator('a').first());
  await audit(page);
  expect(await textOf(page.locator('#c-relevance-scale'))).toBe('Scala: Scarso 0–9, Buono 10–20.');
  expect(await mainText(page)).not.toContain('insufficiente');
});
