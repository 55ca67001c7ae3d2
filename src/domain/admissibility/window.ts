import { effectiveStatus, type CallStatus } from '../calls/status.ts';
import { conflict } from '../errors.ts';

type CallTimes = Parameters<typeof effectiveStatus>[0];

/**
 * Admissibility work (checks, soccorso istruttorio, decisions) happens between the call's deadline
 * and the ranking. Before the deadline the proposer may still reopen and change the proposal, so a
 * check or a decision could be about content that no longer exists; after the provisional ranking
 * the list of admitted proposals is part of a published act and changes only by appeal.
 */
const admissibilityPhases: readonly CallStatus[] = ['closed', 'in_review'];

export function assertAdmissibilityOpen(call: CallTimes, now: Date): void {
  const status = effectiveStatus(call, now);
  if (admissibilityPhases.includes(status)) return;
  if (status === 'draft' || status === 'published' || status === 'open') throw conflict('call_still_open', { closesAt: call.closesAt });
  throw conflict('admissibility_closed', { status });
}

export function admissibilityOpen(call: CallTimes, now: Date): boolean {
  return admissibilityPhases.includes(effectiveStatus(call, now));
}
