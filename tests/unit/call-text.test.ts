import { describe, expect, it } from 'vitest';
import { countdown, romeDaysUntil } from '../../src/domain/calls/deadline.ts';
import { closingPhrase, deadlineLine, fileTypeLabel, localized, openingPhrase } from '../../src/lib/call-text.ts';
import { translator } from '../../src/lib/i18n/index.ts';

const it_ = translator('it');
const en = translator('en');
// 15 December 2026, 12:00 in Rome (CET, UTC+1).
const DEADLINE = new Date('2026-12-15T11:00:00Z');

describe('countdown in Rome calendar days', () => {
  it.each([
    ['2026-12-15T10:59:59Z', { kind: 'today' }],
    ['2026-12-14T23:30:00Z', { kind: 'today' }], // 00:30 on the 15th in Rome, still 23:30 on the 14th in UTC
    ['2026-12-14T22:59:00Z', { kind: 'tomorrow' }], // 23:59 on the 14th in Rome
    ['2026-12-14T06:00:00Z', { kind: 'tomorrow' }],
    ['2026-12-13T12:00:00Z', { kind: 'days', days: 2 }],
    ['2026-12-03T12:00:00Z', { kind: 'days', days: 12 }],
    ['2026-12-15T11:00:00Z', { kind: 'past' }], // at the deadline it is closed, as effectiveStatus says
    ['2026-12-20T11:00:00Z', { kind: 'past' }],
  ])('now %s → %j', (now, expected) => {
    expect(countdown(DEADLINE, new Date(now))).toEqual(expected);
  });

  it('counts days across the change to summer time without losing or gaining one', () => {
    // Clocks go forward on 29 March 2026: the 28th at noon to the 30th at noon is two days.
    expect(romeDaysUntil(new Date('2026-03-30T10:00:00Z'), new Date('2026-03-28T11:00:00Z'))).toBe(2);
  });
});

describe('deadline words', () => {
  it('say when a call closes in Italian and English, 0/1/N', () => {
    expect(closingPhrase(it_, DEADLINE, new Date('2026-12-15T08:00:00Z'))).toBe('chiude oggi alle 12:00');
    expect(closingPhrase(it_, DEADLINE, new Date('2026-12-14T08:00:00Z'))).toBe('chiude domani alle 12:00');
    expect(closingPhrase(it_, DEADLINE, new Date('2026-12-03T08:00:00Z'))).toBe('chiude tra 12 giorni');
    expect(closingPhrase(en, DEADLINE, new Date('2026-12-03T08:00:00Z'))).toBe('closes in 12 days');
    expect(closingPhrase(en, DEADLINE, new Date('2026-12-16T08:00:00Z'))).toBe('closed on 15 December 2026');
  });

  it('put words and date together for the list', () => {
    expect(deadlineLine(it_, DEADLINE, new Date('2026-12-03T08:00:00Z'))).toBe('chiude tra 12 giorni – 15 dicembre 2026, ore 12:00');
    expect(deadlineLine(en, DEADLINE, new Date('2026-12-03T08:00:00Z'))).toBe('closes in 12 days – 15 December 2026 at 12:00');
    expect(deadlineLine(it_, DEADLINE, new Date('2026-12-16T08:00:00Z'))).toBe('chiuso il 15 dicembre 2026');
  });

  it('say when an upcoming call opens, and nothing once it is open', () => {
    const opens = new Date('2026-12-01T08:00:00Z');
    expect(openingPhrase(it_, opens, new Date('2026-11-30T08:00:00Z'))).toBe('apre domani alle 09:00');
    expect(openingPhrase(en, opens, new Date('2026-11-26T08:00:00Z'))).toBe('opens in 5 days');
    expect(openingPhrase(en, opens, new Date('2026-12-01T08:00:00Z'))).toBeNull();
  });
});

describe('localized', () => {
  it('falls back to the other language, saying which', () => {
    expect(localized('Avviso', 'Call', 'en')).toEqual({ text: 'Call', lang: undefined });
    expect(localized('Avviso', '  ', 'en')).toEqual({ text: 'Avviso', lang: 'it' });
    expect(localized('Avviso', 'Call', 'it')).toEqual({ text: 'Avviso', lang: undefined });
  });
});

describe('fileTypeLabel', () => {
  it.each([
    ['application/pdf', 'PDF'],
    ['image/png', 'Immagine'],
    ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'Documento di Office'],
    ['application/octet-stream', 'File'],
  ])('%s → %s', (mime, label) => {
    expect(fileTypeLabel(it_, mime)).toBe(label);
  });
});
