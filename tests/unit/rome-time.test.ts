import { describe, expect, it } from 'vitest';
import { parseDay, parseTime, romeDateTimeToUtc, utcToRomeDateTime } from '../../src/domain/calls/rome-time.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

describe('romeDateTimeToUtc: wall time in Rome → UTC instant', () => {
  it.each([
    ['2026-01-15', '12:00', '2026-01-15T11:00:00.000Z'], // winter, UTC+1
    ['2026-07-15', '12:00', '2026-07-15T10:00:00.000Z'], // summer, UTC+2
    ['2026-01-01', '00:00', '2025-12-31T23:00:00.000Z'], // midnight is still the previous day in UTC
    ['2026-12-31', '23:59', '2026-12-31T22:59:00.000Z'],
    ['2026-03-29', '01:59', '2026-03-29T00:59:00.000Z'], // last minute of winter time
    ['2026-03-29', '03:00', '2026-03-29T01:00:00.000Z'], // first minute of summer time
    ['2026-10-25', '01:59', '2026-10-24T23:59:00.000Z'],
    ['2026-10-25', '03:00', '2026-10-25T02:00:00.000Z'], // back to winter time
    ['2027-03-28', '12:00', '2027-03-28T10:00:00.000Z'], // the next year's switch day, after the switch
  ])('%s %s → %s', (date, time, expected) => {
    expect(iso(romeDateTimeToUtc(date, time))).toBe(expected);
  });

  it('refuses a time skipped when clocks go forward (02:30 on 29 March 2026 never happens)', () => {
    expect(romeDateTimeToUtc('2026-03-29', '02:00')).toBeNull();
    expect(romeDateTimeToUtc('2026-03-29', '02:30')).toBeNull();
    expect(romeDateTimeToUtc('2026-03-29', '02:59')).toBeNull();
  });

  it('takes the first, summer-time occurrence of a time that happens twice', () => {
    expect(iso(romeDateTimeToUtc('2026-10-25', '02:30'))).toBe('2026-10-25T00:30:00.000Z');
  });

  it('accepts the Italian day format a browser without a date picker lets people type', () => {
    expect(iso(romeDateTimeToUtc('15/7/2026', '9.30'))).toBe('2026-07-15T07:30:00.000Z');
  });

  it.each([
    ['2026-02-30', '12:00'],
    ['2026-13-01', '12:00'],
    ['2026-1-5', '12:00'],
    ['yesterday', '12:00'],
    ['2026-05-01', '24:00'],
    ['2026-05-01', '12:60'],
    ['2026-05-01', ''],
    ['', '12:00'],
  ])('refuses malformed input %s %s', (date, time) => {
    expect(romeDateTimeToUtc(date, time)).toBeNull();
  });
});

describe('utcToRomeDateTime: the inverse, to fill in forms', () => {
  it.each([
    ['2026-01-15T11:00:00Z', '2026-01-15', '12:00'],
    ['2026-07-14T22:30:00Z', '2026-07-15', '00:30'],
    ['2026-10-25T00:30:00Z', '2026-10-25', '02:30'],
    ['2026-10-25T01:30:00Z', '2026-10-25', '02:30'],
  ])('%s → %s %s', (instant, date, time) => {
    expect(utcToRomeDateTime(new Date(instant))).toEqual({ date, time });
  });

  it('round-trips every quarter hour of both switch days that exists once', () => {
    for (const day of ['2026-03-29', '2026-10-25']) {
      for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
        const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
        const instant = romeDateTimeToUtc(day, time);
        if (instant) expect(utcToRomeDateTime(instant)).toEqual({ date: day, time });
      }
    }
  });
});

describe('parsing what people type', () => {
  it('normalises days and times', () => {
    expect(parseDay(' 2026-05-01 ')).toBe('2026-05-01');
    expect(parseDay('1/5/2026')).toBe('2026-05-01');
    expect(parseDay('29/02/2027')).toBeNull();
    expect(parseDay('29/02/2028')).toBe('2028-02-29');
    expect(parseTime('9:05')).toBe('09:05');
    expect(parseTime('09:05:00')).toBe('09:05');
    expect(parseTime('9')).toBeNull();
  });
});
