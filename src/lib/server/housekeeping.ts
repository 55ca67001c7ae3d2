import { purgeExpired } from '../../domain/maintenance/purge-expired.server.ts';
import type { Db } from './db/index.ts';
import type { Logger } from './logger.ts';

const HOUR_MS = 60 * 60 * 1000;

/** Runs the retention purge a minute after start and then hourly; the timer never holds the process. */
export function startHousekeeping(db: Db, logger: Logger): { stop(): void } {
  const run = async () => {
    try {
      const purged = await purgeExpired(db, new Date());
      if (Object.values(purged).some((n) => n > 0)) logger.info('retention purge', purged);
    } catch (error) {
      logger.error('retention purge failed', { error });
    }
  };
  const first = setTimeout(run, 60_000);
  const every = setInterval(run, HOUR_MS);
  first.unref();
  every.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(every);
    },
  };
}
