import { utcToRomeDateTime } from '../calls/rome-time.ts';

/**
 * The protocol number of a submission: `IDEA-2026-000123`. The year is the call's opening year as
 * read in Rome (a call opening at 00:30 on 1 January, Rome time, is that year's, although it is
 * still 31 December in UTC); the sequence is per call, gapless, taken at first submission.
 */
export function formatProtocolNumber(prefix: string, opensAt: Date, seq: number): string {
  const year = utcToRomeDateTime(opensAt).date.slice(0, 4);
  return `${prefix}-${year}-${String(seq).padStart(6, '0')}`;
}
