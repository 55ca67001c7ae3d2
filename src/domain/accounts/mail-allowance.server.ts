import type { Db } from '../../lib/server/db/index.ts';
import type { RequestContext } from '../context.ts';
import { throttled } from '../errors.ts';
import { consume, IP_MAIL, throttleKeys } from './throttle.server.ts';

/** Requests that send email to an address typed by a stranger are rate-limited per IP. */
export async function requireMailAllowance(db: Db, ctx: RequestContext): Promise<void> {
  if (!ctx.ip) return;
  const result = await consume(db, throttleKeys.mail(ctx.ip), IP_MAIL, ctx.now());
  if (!result.ok) throw throttled('too_many_requests', { until: result.until });
}
