import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { allowConsoleError, audit, clickAndLoad, useE2E } from './support/e2e.ts';
import { mainText, visit } from './support/flows.ts';

/**
 * The public side of calls on the demo data (db/seed/calls.ts), without JavaScript: the list and
 * its filters, a call page, the eligibility self-check, amendments, feeds and the API.
 */
const e2e = useE2E();
const OPEN = 'idee-per-il-quartiere-2026';
const AMENDED = 'cortili-aperti-2026';

const cardTitles = async (page: Page) => (await page.locator('main article h2').allTextContents()).map((s) => s.trim());

describe('calls list', () => {
  test('shows every published call and filters with a plain GET form', async () => {
    const page = await e2e.newPage({ javaScriptEnabled: false });
    expect(await visit(page, '/it/calls')).toBe(200);
    expect(await page.locator('h1').count()).toBe(1);
    // The demo seed: 5 calls in every state of issue 3, plus 4 further along in the evaluation demo.
    expect(await cardTitles(page)).toHaveLength(9);
    expect(await mainText(page)).toContain('9 avvisi');

    await page.selectOption('#f-status', 'upcoming');
    await clickAndLoad(page, page.locator('main form[role="search"] button[type="submit"]'));
    await audit(page);
    expect(new URL(page.url()).searchParams.get('status')).toBe('upcoming');
    expect(await cardTitles(page)).toEqual(['Quartieri digitali 2027 – competenze digitali di vicinato']);
    expect(await mainText(page)).toMatch(/apre tra \d+ giorni/);

    await page.selectOption('#f-status', 'open');
    await page.selectOption('#f-theme', 'mobility');
    await clickAndLoad(page, page.locator('main form[role="search"] button[type="submit"]'));
    await audit(page);
    expect(await cardTitles(page)).toEqual([]);
    expect(await mainText(page)).toContain('Nessun avviso corrisponde ai filtri scelti.');
  });
});

describe('call page', () => {
  test('key facts, body, and the self-check explaining why and what to do instead', async () => {
    const page = await e2e.newPage({ javaScriptEnabled: false });
    expect(await visit(page, `/it/calls/${OPEN}`)).toBe(200);
    expect(await page.locator('h1').allTextContents()).toEqual(['Idee per il quartiere 2026 – servizi di prossimità']);
    const facts = (await page.locator('#facts-title + dl').textContent()) ?? '';
    expect(facts).toMatch(/chiude tra \d+ giorni/);
    expect(facts).toMatch(/25\.000,00\s€/);
    expect(facts).toContain('CT3.3.1.a');
    expect(await page.locator('main h2', { hasText: 'Testo dell’avviso' }).count()).toBe(1);

    // Radios are styled by Bootstrap Italia through their labels.
    await page.locator('label[for="q_adult-no"]').click();
    await page.locator('label[for="q_in_area-yes"]').click();
    await clickAndLoad(page, page.getByRole('button', { name: 'Verifica' }));
    await audit(page);
    const result = (await page.locator('#eligibility-result').textContent()) ?? '';
    expect(result).toContain('non puoi partecipare');
    expect(result).toContain('Possono partecipare solo persone maggiorenni.');
    expect(result).toContain('Puoi partecipare con un gruppo di adulti o un’associazione.');
    expect(await page.locator('input[name="q_adult"][value="no"]').isChecked(), 'answers are kept').toBe(true);

    for (const [key, value] of [['adult', 'yes'], ['not_funded', 'no'], ['constitute', 'yes']]) await page.locator(`label[for="q_${key}-${value}"]`).click();
    await clickAndLoad(page, page.getByRole('button', { name: 'Verifica' }));
    await audit(page);
    expect(await page.locator('#eligibility-result').textContent()).toContain('Puoi partecipare');
    expect(await page.locator('#eligibility-result a').getAttribute('href')).toBe(`/it/calls/${OPEN}/apply`);
  });

  test('shows corrections and extensions, newest first, in English', async () => {
    const page = await e2e.newPage({ javaScriptEnabled: false });
    expect(await visit(page, `/en/calls/${AMENDED}`)).toBe(200);
    const amendments = await page.locator('#amendments h3').allTextContents();
    expect(amendments.map((a) => a.trim().split(' – ')[0])).toEqual(['Extension', 'Correction']);
    expect(await mainText(page)).toMatch(/Deadline moved from .+ to .+\./);
  });

  test('an unknown call is a 404 page, not an error', async () => {
    const page = await e2e.newPage();
    allowConsoleError(page, /status of 404/);
    const response = await page.goto('/it/calls/non-esiste');
    await audit(page);
    expect(response?.status()).toBe(404);
  });
});

describe('machine interfaces', () => {
  test('feed, calendar and API answer with their types', async () => {
    const atom = await fetch(`${e2e.baseUrl}/it/calls/feed.xml`);
    expect(atom.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect((await atom.text()).match(/<entry>/g)).toHaveLength(9);

    const ics = await fetch(`${e2e.baseUrl}/en/calls/deadlines.ics`);
    expect(ics.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect((await ics.text()).match(/BEGIN:VEVENT/g)).toHaveLength(3);

    const api = await fetch(`${e2e.baseUrl}/api/v1/calls`);
    expect(api.headers.get('access-control-allow-origin')).toBe('*');
    const calls = (await api.json()) as { slug: string; status: string }[];
    expect(new Set(calls.map((c) => c.status))).toEqual(new Set(['open', 'published', 'closed', 'in_review', 'ranking_provisional', 'ranking_final']));

    const missing = await fetch(`${e2e.baseUrl}/api/v1/calls/non-esiste`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'not_found' });
  });
});
