import { romeWallClock } from '../../lib/format.ts';

/**
 * Staff type dates and times as they read them on the wall in Italy; the database keeps UTC
 * instants. These helpers convert both ways across daylight-saving changes (Europe/Rome: CET,
 * UTC+1, and CEST, UTC+2, switching on the last Sundays of March and October).
 */

const DAY_ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_IT = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const TIME = /^(\d{1,2})[:.](\d{2})(?::(\d{2}))?$/;

/** `2026-03-29` or `29/3/2026` (a browser without a date picker) → `2026-03-29`, or null. */
export function parseDay(text: string): string | null {
  const value = text.trim();
  const iso = DAY_ISO.exec(value);
  const it = DAY_IT.exec(value);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : it ? [it[3], it[2], it[1]] : [];
  if (!y || !m || !d) return null;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  // Date.UTC rolls 30 February over into March: a real calendar day survives the round trip.
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return null;
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/** `9:05`, `09:05`, `09.05` or `09:05:00` → `09:05`, or null. */
export function parseTime(text: string): string | null {
  const match = TIME.exec(text.trim());
  if (!match) return null;
  const [h, m] = [Number(match[1]), Number(match[2])];
  if (h > 23 || m > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/**
 * The UTC instant at which the clocks in Rome show `date` (`yyyy-mm-dd`) at `time` (`HH:MM`).
 * Returns null when that wall time does not exist (02:00–02:59 on the day clocks go forward) or
 * the input is malformed. When it happens twice (02:00–02:59 on the day clocks go back) the first
 * occurrence, still in summer time, is chosen: a deadline then falls at the earlier of the two.
 */
export function romeDateTimeToUtc(date: string, time: string): Date | null {
  const day = parseDay(date);
  const clock = parseTime(time);
  if (!day || !clock) return null;
  const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
  const [h, mi] = clock.split(':').map(Number) as [number, number];
  const asIfUtc = Date.UTC(y, mo - 1, d, h, mi);
  // Rome is UTC+2 or UTC+1; try the earlier instant (+2) first and keep those that read back right.
  for (const offsetHours of [2, 1]) {
    const candidate = new Date(asIfUtc - offsetHours * 3_600_000);
    const back = utcToRomeDateTime(candidate);
    if (back.date === day && back.time === clock) return candidate;
  }
  return null;
}

/** The Rome calendar day and wall time of an instant, as form fields expect them. */
export function utcToRomeDateTime(instant: Date): { date: string; time: string } {
  const parts = romeWallClock(instant);
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}
