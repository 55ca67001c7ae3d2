/**
 * A call's tranche plan (issue 6 point 3: "e.g. advance 40 %, progress 40 %, balance 20 %, where
 * each tranche can require an approved milestone") and the tranches it gives a grant. Pure.
 */
import type { MilestoneKind } from '../incubation/milestone-plan.ts';
import type { Refusal } from './money-rules.ts';
import type { TrancheStatus } from './money-workflow.ts';
import { FULL_BP, splitByShares } from './tranche-split.ts';

/** Rows a plan may have: the programme documents use three; six leave room for a longer path. */
export const PLAN_MAX_ROWS = 6;

export type PlanRow = { labelIt: string; labelEn: string; shareBp: number; milestoneKind: MilestoneKind | null };

/** The rows total exactly 100 %. */
export function planRefusal(rows: readonly PlanRow[]): Refusal | null {
  if (rows.length === 0) return { code: 'plan_empty', details: {} };
  if (rows.length > PLAN_MAX_ROWS) return { code: 'plan_too_long', details: { max: PLAN_MAX_ROWS } };
  const total = rows.reduce((sum, r) => sum + r.shareBp, 0);
  if (total !== FULL_BP) return { code: 'plan_total', details: { totalBp: total } };
  return null;
}

export type StartupMilestone = { id: string; kind: MilestoneKind; position: number; status: string };
export type NewTranche = { position: number; labelIt: string; labelEn: string; amountCents: number; milestoneId: string | null; status: TrancheStatus };

/**
 * The grant's tranches: amounts by largest remainder (they total the award to the cent), each tied
 * to the start-up's first milestone of the required kind. A tranche without a condition, or whose
 * milestone is already approved, is eligible at once.
 */
export function buildTranches(
  plan: readonly PlanRow[],
  awardedCents: number,
  milestones: readonly StartupMilestone[],
  locale: 'it' | 'en',
): { ok: true; tranches: NewTranche[] } | { ok: false; refusal: Refusal } {
  const amounts = splitByShares(awardedCents, plan.map((r) => r.shareBp));
  if (amounts.some((a) => a <= 0)) return { ok: false, refusal: { code: 'grant_too_small', details: { field: 'amount' } } };
  const ordered = [...milestones].sort((a, b) => a.position - b.position);
  const tranches: NewTranche[] = [];
  for (const [i, row] of plan.entries()) {
    const milestone = row.milestoneKind ? ordered.find((m) => m.kind === row.milestoneKind) : null;
    if (row.milestoneKind && !milestone) {
      return { ok: false, refusal: { code: 'milestone_missing', details: { tranche: locale === 'en' ? row.labelEn : row.labelIt } } };
    }
    const eligible = !milestone || milestone.status === 'approved';
    tranches.push({ position: i + 1, labelIt: row.labelIt, labelEn: row.labelEn, amountCents: amounts[i]!, milestoneId: milestone?.id ?? null, status: eligible ? 'eligible' : 'planned' });
  }
  return { ok: true, tranches };
}
