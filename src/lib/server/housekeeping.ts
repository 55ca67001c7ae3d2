import { sendMilestoneReminders } from '../../domain/incubation/reminders.server.ts';
import { purgeExpired } from '../../domain/maintenance/purge-expired.server.ts';
import type { Db } from './db/index.ts';
import { appConfig } from './env.ts';
import type { Logger } from './logger.ts';

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;
/** Reminders go out within a quarter of an hour of a Rome day starting; the job is cheap when there is nothing to send. */
const REMINDERS_MS = 15 * MINUTE_MS;

/**
 * Background work of every instance: the retention purge a minute after start and then hourly, the
 * milestone reminders two minutes after start and then every 15 minutes. Running in several
 * instances at once is safe (the purge deletes idempotently; a reminder is claimed once in the
 * database). The timers never hold the process.
 */
export function startHousekeeping(db: Db, logger: Logger): { stop(): void } {
  const purge = async () => {
    try {
      const purged = await purgeExpired(db, new Date());
      if (Object.values(purged).some((n) => n > 0)) logger.info('retention purge', purged);
    } catch (error) {
      logger.error('retention purge failed', { error });
    }
  };
  const reminders = async () => {
    try {
      const origin = appConfig().publicUrl ?? 'http://localhost:4321';
      const sent = await sendMilestoneReminders(db, new Date(), { origin });
      if (sent.dueSoon + sent.overdue > 0) logger.info('milestone reminders', sent);
    } catch (error) {
      logger.error('milestone reminders failed', { error });
    }
  };
  const timers = [setTimeout(purge, MINUTE_MS), setInterval(purge, HOUR_MS), setTimeout(reminders, 2 * MINUTE_MS), setInterval(reminders, REMINDERS_MS)];
  for (const timer of timers) timer.unref();
  return {
    stop() {
      for (const timer of timers) clearTimeout(timer);
    },
  };
}
