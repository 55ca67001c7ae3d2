/** `npm run db:migrate`: applies the pending migrations in db/migrations. */
import { appliedMigrations, type Db } from '../../src/lib/server/db/index.ts';
import { describeTarget, loadConfig, runCli, withDatabase } from './run-cli.ts';

async function countApplied(db: Db): Promise<number> {
  try {
    return await appliedMigrations(db);
  } catch {
    return 0; // a new database has no migration journal yet
  }
}

await runCli(async () => {
  const config = loadConfig();
  const target = describeTarget(config);
  await withDatabase(config, async (database) => {
    const before = await countApplied(database.db);
    await database.migrate();
    const after = await appliedMigrations(database.db);
    console.log(
      after > before
        ? `Applied ${after - before} migration(s) to the ${target}; ${after} in total.`
        : `The ${target} is up to date (${after} migrations).`,
    );
  });
});
