import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { buildAtom } from '../../src/domain/calls/atom.ts';
import type { PublicCallSummary } from '../../src/domain/calls/calls.repo.server.ts';
import { buildICalendar, escapeText, foldLine, icalDateTime } from '../../src/domain/calls/icalendar.ts';

const origin = 'https://vivaio.example.it';
const NOW = new Date('2026-11-25T10:00:00Z');

function summary(overrides: Partial<PublicCallSummary> = {}): PublicCallSummary {
  return {
    id: '0b5c3c52-8f0e-4a59-9d0c-6b1a0c7d9e11',
    slug: 'idee-2026',
    titleIt: 'Idee per il quartiere, 2026; servizi',
    titleEn: 'Ideas for the neighbourhood',
    summaryIt: 'Contributi <fino> a 25.000 € & accompagnamento',
    summaryEn: 'Grants',
    themes: ['care', 'social_inclusion'],
    opensAt: new Date('2026-11-01T11:00:00Z'),
    closesAt: new Date('2026-12-15T11:00:00Z'),
    budgetCents: 30_000_000,
    maxGrantCents: 2_500_000,
    updatedAt: new Date('2026-11-20T08:00:00Z'),
    publishedAt: new Date('2026-10-25T08:00:00Z'),
    version: 3,
    status: 'open',
    neighbourhoods: [{ slug: 'civita', name: 'Civita', district: null }],
    ...overrides,
  };
}

const ical = (calls: PublicCallSummary[], locale: 'it' | 'en' = 'it') =>
  buildICalendar(calls, locale, origin, NOW, { name: 'Scadenze, avvisi', summary: (t) => `Scadenza: ${t}`, reminder: (t) => `Domani: ${t}` });
/** Content lines with folding undone (RFC 5545 §3.1). */
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '').split('\r\n');

describe('iCalendar', () => {
  it('escapes backslash, semicolon, comma and newlines in TEXT', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('folds at 75 octets, counting UTF-8 bytes and never splitting a character', () => {
    const line = `SUMMARY:${'è'.repeat(100)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(foldLine('SHORT:x')).toBe('SHORT:x');
  });

  it('writes a VCALENDAR with one VEVENT per open or upcoming call, CRLF and a stable UID', () => {
    const calls = [
      summary(),
      summary({ id: '1b5c3c52-8f0e-4a59-9d0c-6b1a0c7d9e11', slug: 'futuro', status: 'published' }),
      summary({ id: '2b5c3c52-8f0e-4a59-9d0c-6b1a0c7d9e11', slug: 'chiuso', status: 'closed' }),
      summary({ id: '3b5c3c52-8f0e-4a59-9d0c-6b1a0c7d9e11', slug: 'review', status: 'in_review' }),
    ];
    const text = ical(calls);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = unfold(text);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
    expect(lines).toContain('UID:call-0b5c3c52-8f0e-4a59-9d0c-6b1a0c7d9e11@vivaio.example.it');
    expect(lines).toContain('DTSTART:20261215T110000Z');
    expect(lines).toContain('DTSTAMP:20261125T100000Z');
    expect(lines).toContain('SEQUENCE:2');
    expect(lines).toContain('SUMMARY:Scadenza: Idee per il quartiere\\, 2026\\; servizi');
    expect(lines).toContain('URL:https://vivaio.example.it/it/calls/idee-2026');
    expect(lines).toContain('X-WR-CALNAME:Scadenze\\, avvisi');
    expect(text.split('\r\n').every((l) => Buffer.byteLength(l, 'utf8') <= 75)).toBe(true);
    expect(lines.at(-2)).toBe('END:VCALENDAR');
  });

  it('keeps the same UID when the call is amended, and raises SEQUENCE', () => {
    const before = unfold(ical([summary({ version: 1 })]));
    const after = unfold(ical([summary({ version: 2, closesAt: new Date('2026-12-22T11:00:00Z') })]));
    const uid = (lines: string[]) => lines.find((l) => l.startsWith('UID:'));
    expect(uid(after)).toBe(uid(before));
    expect(after).toContain('SEQUENCE:1');
    expect(after).toContain('DTSTART:20261222T110000Z');
  });

  it('uses the Italian title when the English one is missing', () => {
    expect(unfold(ical([summary({ titleEn: '' })], 'en'))).toContain('SUMMARY:Scadenza: Idee per il quartiere\\, 2026\\; servizi');
  });

  it('formats instants in UTC', () => {
    expect(icalDateTime(new Date('2026-03-29T01:30:05.123Z'))).toBe('20260329T013005Z');
  });
});

describe('Atom feed', () => {
  const labels = { title: 'Avvisi – Vivaio', subtitle: 'Sottotitolo', author: 'Comune', statusLine: (c: PublicCallSummary) => `Stato ${c.status}` };

  function parse(xml: string) {
    const tags: { name: string; attribs: Record<string, string>; text: string }[] = [];
    const stack: { name: string; attribs: Record<string, string>; text: string }[] = [];
    const parser = new Parser(
      {
        onopentag: (name, attribs) => stack.push({ name, attribs, text: '' }),
        ontext: (text) => stack.at(-1) && (stack.at(-1)!.text += text),
        onclosetag: () => tags.push(stack.pop()!),
      },
      { xmlMode: true, decodeEntities: true },
    );
    parser.write(xml);
    parser.end();
    return tags;
  }

  it('lists each call with a stable id, its link, updated and an escaped summary', () => {
    const xml = buildAtom([summary(), summary({ id: '1b5c3c52-8f0e-4a59-9d0c-6b1a0c7d9e11', slug: 'altro', updatedAt: new Date('2026-11-24T08:00:00Z') })], 'it', origin, labels);
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="it">')).toBe(true);
    const tags = parse(xml);
    const entries = tags.filter((t) => t.name === 'entry');
    expect(entries).toHaveLength(2);
    expect(tags.filter((t) => t.name === 'id').map((t) => t.text)).toEqual([
      'https://vivaio.example.it/it/calls/feed.xml',
      'urn:uuid:1b5c3c52-8f0e-4a59-9d0c-6b1a0c7d9e11',
      'urn:uuid:0b5c3c52-8f0e-4a59-9d0c-6b1a0c7d9e11',
    ]);
    expect(tags.filter((t) => t.name === 'updated').map((t) => t.text)).toEqual(['2026-11-24T08:00:00.000Z', '2026-11-24T08:00:00.000Z', '2026-11-20T08:00:00.000Z']);
    expect(tags.find((t) => t.name === 'summary')?.text).toBe('Stato open – Contributi <fino> a 25.000 € & accompagnamento');
    expect(tags.filter((t) => t.name === 'link').map((t) => t.attribs.href)).toContain('https://vivaio.example.it/it/calls/altro');
    expect(xml).not.toContain('<fino>');
  });

  it('is a valid feed with no calls', () => {
    const tags = parse(buildAtom([], 'en', origin, labels));
    expect(tags.find((t) => t.name === 'updated')?.text).toBe('1970-01-01T00:00:00.000Z');
    expect(tags.filter((t) => t.name === 'entry')).toEqual([]);
  });

  it('marks an Italian title in the English feed with its language', () => {
    const xml = buildAtom([summary({ titleEn: '' })], 'en', origin, labels);
    expect(xml).toContain('<title xml:lang="it">Idee per il quartiere, 2026; servizi</title>');
  });
});
