import type { Db } from '../../lib/server/db/index.ts';
import { pageNumber } from '../../lib/validation.ts';
import type { RequestContext } from '../context.ts';
import { authorize } from '../policy.ts';
import { DASHBOARD_PAGE_SIZE, type DashboardPage } from './coach-dashboard.server.ts';
import { coachTotals } from './coaching-totals.server.ts';
import { romeToday } from './risk-rules.ts';
import { pageStartupStats } from './risk-stats.server.ts';

export type BoardQuery = { atRiskOnly: boolean; page: number };

/** The staff board's filter from the query string (`?risk=1&page=2`); anything else shows all. */
export function parseBoardQuery(params: URLSearchParams): BoardQuery {
  return { atRiskOnly: params.get('risk') === '1', page: pageNumber(params) };
}

/**
 * The office's incubation dashboard: every start-up with its risk flag and reasons, overdue
 * counts, attendance against the call's minimum and coaching minutes (at-risk first), and the
 * coaching hours per coach.
 */
export async function incubationBoard(db: Db, ctx: RequestContext, query: BoardQuery) {
  authorize(ctx.actor, 'startup.manage');
  const today = romeToday(ctx.now());
  const stats = await pageStartupStats(db, today, { atRiskOnly: query.atRiskOnly }, query.page, DASHBOARD_PAGE_SIZE);
  const list: DashboardPage = { rows: stats.rows, total: stats.total, atRisk: stats.atRisk, page: stats.page, pageSize: DASHBOARD_PAGE_SIZE };
  return { today, all: stats.all, list, coaches: await coachTotals(db) };
}
