import type { Db } from '../../lib/server/db/index.ts';
import type { RequestContext } from '../context.ts';
import { authorize } from '../policy.ts';
import { coachTotals } from './coaching-totals.server.ts';
import { romeToday } from './risk-rules.ts';
import { pageStartupStats, type StartupStats } from './risk-stats.server.ts';

export const DASHBOARD_PAGE_SIZE = 25;

export type DashboardPage = { rows: StartupStats[]; total: number; atRisk: number; page: number; pageSize: number };

/** Clamps a requested page to the list's pages (1 when empty). */
export function pageWithin(requested: number, total: number, pageSize: number): number {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return Math.min(Math.max(1, Math.trunc(requested) || 1), pages);
}

/**
 * The coach's dashboard (issue 5, point 2): the start-ups they follow with the next milestone and
 * its due day, overdue work, attendance and the risk flag with its reasons, at-risk first; and the
 * coaching they led in total. Only start-ups assigned to this coach, whatever the role of others.
 */
export async function coachDashboard(db: Db, ctx: RequestContext, requestedPage = 1) {
  authorize(ctx.actor, 'area.coach');
  const coachId = ctx.actor!.userId;
  const today = romeToday(ctx.now());
  const stats = await pageStartupStats(db, today, { coachId }, requestedPage, DASHBOARD_PAGE_SIZE);
  const [own] = await coachTotals(db, coachId);
  const list: DashboardPage = { rows: stats.rows, total: stats.total, atRisk: stats.atRisk, page: stats.page, pageSize: DASHBOARD_PAGE_SIZE };
  return { today, list, totals: { sessions: own?.sessions ?? 0, minutes: own?.minutes ?? 0 } };
}
