import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { audit } from './axe.ts';
import { clickAndLoad, pressAndLoad } from './browser.ts';
import { visit } from './flows.ts';
import { pathOf, setChecked } from './proposals.ts';

/**
 * Helpers for the incubation journey (tests/e2e/incubation-journey.test.ts): the way a team member
 * and a coach reach a start-up and its milestones through links (ids are made at seed time), the
 * coach's decision form, and the text drawn in an exported PDF.
 */

/** The demo coach (db/seed/demo-accounts.ts), who follows every demo start-up. */
export const DEMO_COACH = 'coach@vivaio.example';

/** Follows a link or presses a button from the keyboard (focus, Enter), waits for the new page and audits it. */
export async function activate(page: Page, control: Locator): Promise<void> {
  await pressAndLoad(page, control, 'Enter');
  await audit(page);
}

/** Follows a link by clicking it, waits for the new page and audits it. */
export async function follow(page: Page, link: Locator): Promise<void> {
  await clickAndLoad(page, link);
  await audit(page);
}

/** From the resident's dashboard (/it/me) to the team page of `startup`. Returns its path. */
export async function openTeamStartup(team: Page, startup: string): Promise<string> {
  await visit(team, '/it/me');
  await follow(team, team.locator('main section[aria-labelledby="my-startups"]').getByRole('link', { name: startup }));
  expect(pathOf(team)).toMatch(/^\/it\/me\/startups\/[0-9a-f-]{36}$/);
  return pathOf(team);
}

/** From the coach's dashboard (/it/coach) to the coach's page of `startup`. Returns its path. */
export async function openCoachStartup(coach: Page, startup: string): Promise<string> {
  await visit(coach, '/it/coach');
  await follow(coach, coach.locator('main table').getByRole('link', { name: startup }));
  expect(pathOf(coach)).toMatch(/^\/it\/coach\/startups\/[0-9a-f-]{36}$/);
  return pathOf(coach);
}

/** The badge text of each milestone in a plan table, by its title: "In corso Scaduta", "Approvata"… */
export async function planStatuses(page: Page): Promise<Map<string, string>> {
  const rows = page.locator('main table tbody tr');
  const out = new Map<string, string>();
  for (let i = 0; i < (await rows.count()); i += 1) {
    const row = rows.nth(i);
    const title = ((await row.locator('th').textContent()) ?? '').replace(/\s+/g, ' ').trim();
    const badges = (await row.locator('.badge').allTextContents()).map((s) => s.trim()).join(' ');
    out.set(title, badges);
  }
  return out;
}

/**
 * The coach decides on the submission shown on the milestone review page that is open: picks the
 * decision from the keyboard, writes the feedback (when given) and sends the form with Enter.
 */
export async function decide(coach: Page, decision: 'approve' | 'request_changes', feedback: string | null): Promise<void> {
  const form = coach.locator('main section[aria-labelledby="decision-title"] form');
  await setChecked(coach, form.locator(`#f-decision-${decision}`), true);
  await form.locator('#f-feedback').fill(feedback ?? '');
  await activate(coach, form.getByRole('button', { name: 'Registra la decisione' }));
}

/** The text drawn on an exported PDF's pages (the shared reader of tests/support). */
export { readPdf as pdfText } from '../../support/pdf-text.ts';
