import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatMoney, formatTime, isoDateTime, romeDayStart } from '../../src/lib/format.ts';

/** Intl uses narrow and ordinary no-break spaces; compare with plain ones. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('dates are shown as in Rome, across daylight-saving changes', () => {
  it.each([
    ['2026-01-15T23:30:00Z', 'it', '16 gennaio 2026'], // CET, UTC+1: already the next day
    ['2026-03-28T23:30:00Z', 'it', '29 marzo 2026'],
    ['2026-07-14T22:30:00Z', 'it', '15 luglio 2026'], // CEST, UTC+2
    ['2026-07-14T21:59:00Z', 'en', '14 July 2026'],
    ['2026-10-25T22:59:00Z', 'en', '25 October 2026'],
  ] as const)('%s in %s → %s', (iso, locale, expected) => {
    expect(formatDate(new Date(iso), locale)).toBe(expected);
  });

  it('jumps from 02:00 to 03:00 on the last Sunday of March', () => {
    expect(formatTime(new Date('2026-03-29T00:59:00Z'), 'it')).toBe('01:59');
    expect(formatTime(new Date('2026-03-29T01:00:00Z'), 'it')).toBe('03:00');
  });

  it('shows 02:30 twice on the last Sunday of October', () => {
    expect(formatTime(new Date('2026-10-25T00:30:00Z'), 'it')).toBe('02:30');
    expect(formatTime(new Date('2026-10-25T01:30:00Z'), 'it')).toBe('02:30');
  });

  it('formats date and time together in both languages', () => {
    expect(plain(formatDateTime(new Date('2026-05-04T10:05:00Z'), 'it'))).toBe('4 maggio 2026 alle ore 12:05');
    expect(plain(formatDateTime(new Date('2026-05-04T10:05:00Z'), 'en'))).toBe('4 May 2026 at 12:05');
  });

  it('gives machine-readable instants in UTC', () => {
    expect(isoDateTime(new Date('2026-05-04T10:05:00Z'))).toBe('2026-05-04T10:05:00.000Z');
  });
});

describe('romeDayStart', () => {
  it.each([
    ['2026-01-15', '2026-01-14T23:00:00.000Z'],
    ['2026-07-01', '2026-06-30T22:00:00.000Z'],
    ['2026-03-29', '2026-03-28T23:00:00.000Z'], // the day summer time starts began in winter time
    ['2026-03-30', '2026-03-29T22:00:00.000Z'],
    ['2026-10-25', '2026-10-24T22:00:00.000Z'], // the day winter time starts began in summer time
    ['2026-10-26', '2026-10-25T23:00:00.000Z'],
    ['2024-02-29', '2024-02-28T23:00:00.000Z'],
  ])('%s starts at %s', (day, expected) => {
    expect(romeDayStart(day).toISOString()).toBe(expected);
  });

  it('makes the day summer time starts 23 hours long, and the autumn one 25', () => {
    const hours = (a: string, b: string) => (romeDayStart(b).getTime() - romeDayStart(a).getTime()) / 3_600_000;
    expect(hours('2026-03-29', '2026-03-30')).toBe(23);
    expect(hours('2026-10-25', '2026-10-26')).toBe(25);
    expect(hours('2026-06-10', '2026-06-11')).toBe(24);
  });
});

describe('formatMoney takes integer cents only', () => {
  it.each([
    [0, 'it', '0,00 €'],
    [5, 'it', '0,05 €'],
    // Grouped from four digits, so a table's amounts line up (Intl's it-IT default would print 1234,56 €).
    [123_456, 'it', '1.234,56 €'],
    [400_000, 'it', '4.000,00 €'],
    [99_999, 'it', '999,99 €'],
    [400_000, 'en', '€4,000.00'],
    [566_833_750, 'it', '5.668.337,50 €'],
    [-250, 'it', '-2,50 €'],
    [566_833_750, 'en', '€5,668,337.50'],
  ] as const)('%i cents in %s → %s', (cents, locale, expected) => {
    expect(plain(formatMoney(cents, locale))).toBe(expected);
  });

  it.each([12.5, 0.1 + 0.2, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1])('refuses %s', (value) => {
    expect(() => formatMoney(value, 'it')).toThrow(RangeError);
  });
});
