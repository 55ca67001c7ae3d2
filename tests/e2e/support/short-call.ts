import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { audit } from './axe.ts';
import { clickAndLoad } from './browser.ts';
import { mainText, visit } from './flows.ts';
import { pathOf, romeWallClock, setChecked } from './proposals.ts';

/**
 * Staff create, fill and publish a call through the editor, open from an hour ago until
 * `minutes` from now (rounded up to the minute the editor shows): individuals only, one long-text
 * question, no attachments, one criterion worth the whole 100 points.
 */
export async function publishShortCall(staff: Page, minutes: number): Promise<{ id: string; slug: string; closesAt: Date }> {
  const now = Date.now();
  const opens = romeWallClock(new Date(now - 60 * 60_000));
  const closesAt = new Date(Math.ceil((now + minutes * 60_000) / 60_000) * 60_000);
  const closes = romeWallClock(closesAt);
  const slug = `idee-lampo-${now.toString(36)}`;

  await visit(staff, '/it/staff/calls');
  await clickAndLoad(staff, staff.locator('main a[href="/it/staff/calls/new"]'));
  await audit(staff);
  const form = staff.locator('main form', { has: staff.locator('#f-titleIt') });
  const fields: Record<string, string> = {
    '#f-titleIt': 'Idee lampo per i cortili',
    '#f-titleEn': 'Quick ideas for courtyards',
    '#f-summaryIt': 'Piccoli contributi per rendere vivibili i cortili.',
    '#f-summaryEn': 'Small grants to make courtyards liveable.',
    '#f-bodyIt': 'Il Comune finanzia **piccole idee** per i cortili del quartiere.',
    '#f-bodyEn': 'The city funds **small ideas** for the neighbourhood’s courtyards.',
    '#f-slug': slug,
    '#f-opensDate': opens.date,
    '#f-opensTime': opens.time,
    '#f-closesDate': closes.date,
    '#f-closesTime': closes.time,
    '#f-budget': '10.000',
    '#f-maxGrant': '2.000',
    '#f-protocolPrefix': 'LAMPO',
  };
  for (const [selector, value] of Object.entries(fields)) await form.locator(selector).fill(value);
  await setChecked(staff, form.locator('input[name="themes"]').first(), true);
  await setChecked(staff, form.locator('input[name="applicantTypes"][value="individual"]'), true);
  await setChecked(staff, form.locator('input[name="neighbourhoodIds"]').first(), true);
  if (!(await form.locator('#f-programmeId').inputValue())) await form.locator('#f-programmeId').selectOption({ index: 1 });
  await clickAndLoad(staff, form.locator('button[type="submit"]'));
  await audit(staff);
  expect(pathOf(staff), await mainText(staff)).toMatch(/^\/it\/staff\/calls\/[0-9a-f-]{36}$/);
  const id = pathOf(staff).split('/').pop()!;

  await clickAndLoad(staff, staff.locator(`main a[href="/it/staff/calls/${id}/questions"]`).first());
  await audit(staff);
  const question = staff.locator('#item-form form');
  for (const [selector, value] of Object.entries({ '#f-section-it': 'L’idea', '#f-section-en': 'The idea', '#f-label-it': 'Che cosa farete nel cortile?', '#f-label-en': 'What will you do in the courtyard?', '#f-key': 'idea' })) {
    await question.locator(selector).fill(value);
  }
  await question.locator('#f-type').selectOption('long_text');
  await clickAndLoad(staff, question.locator('button[type="submit"]'));
  await audit(staff);
  expect(new URL(staff.url()).searchParams.get('done'), await mainText(staff)).toBe('saved');

  await clickAndLoad(staff, staff.locator(`main a[href="/it/staff/calls/${id}/rubric"]`).first());
  await audit(staff);
  const criterion = staff.locator('#item-form form');
  for (const [selector, value] of Object.entries({ '#f-label-it': 'Utilità per chi abita il cortile', '#f-label-en': 'Usefulness for residents', '#f-maxPoints': '100', '#f-key': 'utilita' })) {
    await criterion.locator(selector).fill(value);
  }
  await clickAndLoad(staff, criterion.locator('button[type="submit"]'));
  await audit(staff);
  expect(new URL(staff.url()).searchParams.get('done'), await mainText(staff)).toBe('saved');

  await clickAndLoad(staff, staff.locator(`main a[href="/it/staff/calls/${id}"]`).first());
  await audit(staff);
  const publish = staff.locator('main form', { has: staff.locator('#confirm-publish') });
  await setChecked(staff, publish.locator('#confirm-publish'), true);
  await clickAndLoad(staff, publish.locator('button[type="submit"]'));
  await audit(staff);
  expect(new URL(staff.url()).searchParams.get('done'), await mainText(staff)).toBe('published');
  return { id, slug, closesAt };
}
