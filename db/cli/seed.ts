/**
 * `npm run db:seed`: adds the demo accounts and programme (db/seed/index.ts). Safe to repeat: only
 * what is missing is added. On a real server it seeds because someone asked; it says so loudly.
 */
import { seedDemo } from '../seed/index.ts';
import { DEMO_PASSWORD, demoAccounts } from '../seed/demo-accounts.ts';
import { describeTarget, loadConfig, runCli, withDatabase } from './run-cli.ts';
import { createStorage } from '../../src/lib/server/storage/index.ts';
import { createLogger } from '../../src/lib/server/logger.ts';

await runCli(async () => {
  const config = loadConfig();
  const origin = config.publicUrl ?? 'http://localhost:4321';
  const created = await withDatabase(config, async (database) => {
    await database.migrate();
    return seedDemo(database.db, { origin, storage: createStorage(config, createLogger('warn')) });
  });
  const target = describeTarget(config);
  const total = Object.values(created).reduce((sum, n) => sum + n, 0);
  if (total === 0) {
    console.log(`Demo data is already in the ${target}: nothing to add.`);
    return;
  }
  console.log(
    `Seeded the ${target}: ${created.accounts} account(s), ${created.programmes} programme(s), ` +
      `${created.neighbourhoods} neighbourhood(s), ${created.links} programme link(s), ` +
      `${created.calls} call(s), ${created.proposals} proposal(s).`,
  );
  if (created.accounts > 0) {
    console.log(`\nDemo accounts (password "${DEMO_PASSWORD}"):`);
    for (const a of demoAccounts) console.log(`  ${a.email.padEnd(28)} ${a.roles.join(', ')}`);
  }
  if (config.databaseUrl) {
    console.warn('\nWarning: these accounts share a published password. Disable them before real people use this database.');
  }
});
