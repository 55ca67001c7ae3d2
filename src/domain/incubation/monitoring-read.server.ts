import { and, asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { milestones, monitoringReports, users } from '../../../db/schema/index.ts';
import { isUuid } from '../../lib/ids.ts';
import type { Db, Queryable } from '../../lib/server/db/index.ts';
import type { RequestContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { authorize, can } from '../policy.ts';
import type { MilestoneRow } from './milestone-tx.server.ts';
import { reportOpensOn, reportOverdue, reportPhase, submitRefusal, type ReportPhase } from './monitoring-rules.ts';
import { romeToday } from './risk-rules.ts';
import { findVisibleStartup } from './startup-tx.server.ts';

export type ReportRow = typeof monitoringReports.$inferSelect;
export type ReportItem = {
  milestone: MilestoneRow;
  report: ReportRow | null;
  submittedByName: string | null;
  feedbackByName: string | null;
  phase: ReportPhase;
  overdue: boolean;
  opensOn: string;
};

/**
 * Who reads: the team on its own pages (`startup.edit`: team members only), the coach and the
 * office on theirs (`startup.coach`). Another team, another coach, anyone else: refused.
 */
export type Audience = 'team' | 'coach';
const readAction = { team: 'startup.edit', coach: 'startup.coach' } as const;

/** Someone who may not even see the start-up hears "not found", as for an id that does not exist. */
async function openStartup(db: Queryable, ctx: RequestContext, startupId: string, audience: Audience) {
  const loaded = await findVisibleStartup(db, ctx, startupId);
  authorize(ctx.actor, readAction[audience], loaded.facts);
  return loaded;
}

const feedbackAuthor = alias(users, 'feedback_author');
const submitter = alias(users, 'report_submitter');

/** The start-up's monitoring reports in plan order, each with its phase and lateness: one query. */
export async function listReports(db: Db, ctx: RequestContext, startupId: string, audience: Audience) {
  const { startup } = await openStartup(db, ctx, startupId, audience);
  const rows = await reportRows(db, eq(milestones.startupId, startupId));
  return { startup, items: rows.map((r) => toItem(r, romeToday(ctx.now()))) };
}

/** One report with what this person may do with it. */
export async function getReport(db: Db, ctx: RequestContext, startupId: string, milestoneId: string, audience: Audience) {
  const { startup, facts } = await openStartup(db, ctx, startupId, audience);
  if (!isUuid(milestoneId)) throw notFound('milestone_not_found');
  const [row] = await reportRows(db, and(eq(milestones.startupId, startupId), eq(milestones.id, milestoneId)));
  if (!row) throw notFound('milestone_not_found');
  const today = romeToday(ctx.now());
  const item = toItem(row, today);
  return {
    startup,
    item,
    canSubmit: can(ctx.actor, 'milestone.submit', facts).ok && submitRefusal(item.milestone, today) === null,
    canGiveFeedback: can(ctx.actor, 'monitoring.feedback', facts).ok && item.milestone.status === 'submitted',
  };
}

function reportRows(db: Queryable, where: ReturnType<typeof and>) {
  return db
    .select({ milestone: milestones, report: monitoringReports, submittedByName: submitter.name, feedbackByName: feedbackAuthor.name })
    .from(milestones)
    .leftJoin(monitoringReports, eq(monitoringReports.milestoneId, milestones.id))
    .leftJoin(submitter, eq(submitter.id, monitoringReports.submittedBy))
    .leftJoin(feedbackAuthor, eq(feedbackAuthor.id, monitoringReports.feedbackBy))
    .where(and(where, eq(milestones.kind, 'monitoring')))
    .orderBy(asc(milestones.position));
}

function toItem(r: Omit<ReportItem, 'phase' | 'overdue' | 'opensOn'>, today: string): ReportItem {
  return {
    ...r,
    phase: reportPhase(r.milestone, today),
    overdue: reportOverdue(r.milestone, today),
    opensOn: reportOpensOn(r.milestone.dueOn),
  };
}
