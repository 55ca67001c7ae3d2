import type { calls } from '../../../db/schema/index.ts';

type CallPhase = (typeof calls.$inferSelect)['phase'];

/** The call lifecycle of DESIGN.md, as shown to people and in the API. */
export const callStatuses = ['draft', 'published', 'open', 'closed', 'in_review', 'ranking_provisional', 'ranking_final', 'archived'] as const;
export type CallStatus = (typeof callStatuses)[number];

/**
 * The status of a call at an instant. A published call is `published` (upcoming) before opens_at,
 * `open` until closes_at (exclusive), then `closed`: the server's clock decides, not the browser's.
 */
export function effectiveStatus(call: { phase: CallPhase; opensAt: Date; closesAt: Date }, now: Date): CallStatus {
  if (call.phase !== 'published') return call.phase;
  if (now < call.opensAt) return 'published';
  return now < call.closesAt ? 'open' : 'closed';
}

/** Whether proposals may be started, edited and submitted now. */
export function acceptsSubmissions(call: { phase: CallPhase; opensAt: Date; closesAt: Date }, now: Date): boolean {
  return effectiveStatus(call, now) === 'open';
}
