import { expect } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { audit } from './axe.ts';
import { clickAndLoad } from './browser.ts';
import { mainText, visit } from './flows.ts';

/**
 * Helpers for the proposal journey (tests/e2e/proposal-journey.test.ts): files built in the test,
 * Rome wall-clock times for the call editor, the staff mailbox, keyboard-ticked checkboxes.
 */

/** A protocol number as the portal issues it: PREFIX-YYYY-NNNNNN. */
export const PROTOCOL = /\b[A-Z]{2,10}-\d{4}-\d{6}\b/;

/** The smallest file that is a PDF by its content (the portal sniffs magic bytes, not names). */
export function tinyPdf(label: string): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% ${label}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  );
}

/** A Windows program ("MZ" header) wearing a .pdf name: must be refused whatever it is called. */
export function disguisedExecutable(): Buffer {
  const bytes = Buffer.alloc(512);
  bytes.write('MZ', 0, 'latin1');
  bytes.write('This program cannot be run in DOS mode.', 78, 'latin1');
  return bytes;
}

/** The date and time on the wall in Italy at `instant`, as the call editor's inputs take them. */
export function romeWallClock(instant: Date): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Rome',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/**
 * Ticks or unticks a checkbox or radio from the keyboard: Bootstrap Italia draws the box on the
 * label, so the input itself is not clickable, and keyboard use is worth covering anyway.
 */
export async function setChecked(page: Page, box: Locator, wanted: boolean): Promise<void> {
  if ((await box.isChecked()) !== wanted) {
    await box.focus();
    await page.keyboard.press('Space');
  }
  expect(await box.isChecked(), `${await box.getAttribute('id')} is ${wanted ? 'ticked' : 'clear'}`).toBe(wanted);
}

/**
 * The staff mailbox (demo mode has no SMTP): searches recipients and subjects for `query`, opens
 * the newest message whose row also mentions `to`, and returns its subject and body.
 */
export async function readMail(staff: Page, query: string, to: string): Promise<{ subject: string; body: string }> {
  await visit(staff, `/it/staff/mailbox?q=${encodeURIComponent(query)}`);
  const rows = staff.locator('main table tbody tr', { hasText: to });
  expect(await rows.count(), `messages to ${to} matching "${query}"`).toBeGreaterThan(0);
  const subject = ((await rows.first().locator('th').textContent()) ?? '').trim();
  await clickAndLoad(staff, rows.first().locator('a[href*="/staff/mailbox/"]'));
  await audit(staff);
  expect(await mainText(staff)).toContain(to);
  const body = (await staff.locator('main .vv-pre').textContent()) ?? '';
  return { subject, body };
}

/** The session cookie of a signed-in browser context, as a Cookie header for plain HTTP. */
export async function cookieHeader(context: BrowserContext): Promise<string> {
  const cookies = await context.cookies();
  return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

/** Waits (without busy looping) until the wall clock has passed `instant`. */
export async function waitUntil(instant: Date): Promise<void> {
  const ms = instant.getTime() - Date.now();
  if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
}

export const pathOf = (page: Page) => new URL(page.url()).pathname;
export const textOf = async (locator: Locator) => ((await locator.first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
