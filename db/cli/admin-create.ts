/**
 * `npm run admin:create -- --email someone@comune.it [--name "…"] [--locale it|en]`
 * Creates an administrator (or promotes an existing account) and prints a one-time link to choose
 * the password, so no password ever passes through the shell or its history.
 */
import { parseArgs } from 'node:util';
import { ADMIN_LINK_TTL_MS, createAdmin } from '../../src/domain/accounts/create-admin.server.ts';
import { emailSchema, localeSchema, nameSchema } from '../../src/domain/accounts/schema.ts';
import type { RequestContext } from '../../src/domain/context.ts';
import { describeTarget, loadConfig, runCli, usageError, withDatabase } from './run-cli.ts';

const USAGE = 'Usage: npm run admin:create -- --email someone@comune.example.it [--name "Nome Cognome"] [--locale it|en]';

type Input = { email: string; name: string; locale: 'it' | 'en' };

function parseInput(argv: string[]): Input | null {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { email: { type: 'string' }, name: { type: 'string' }, locale: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }));
  } catch (error) {
    throw usageError((error as Error).message, USAGE);
  }
  if (values.help) return null;
  if (!values.email) throw usageError('Missing --email.', USAGE);
  const email = emailSchema.safeParse(values.email);
  if (!email.success) throw usageError(`Not a valid email address: ${values.email}`, USAGE);
  const locale = localeSchema.safeParse(values.locale ?? 'it');
  if (!locale.success) throw usageError(`--locale must be "it" or "en", not "${values.locale}".`, USAGE);
  const name = nameSchema.safeParse(values.name ?? nameFromEmail(email.data));
  if (!name.success) throw usageError('--name must be 1 to 120 characters.', USAGE);
  return { email: email.data, name: name.data, locale: locale.data };
}

/** `mario.rossi@…` → `Mario Rossi`: a sensible default the person can change in their profile. */
function nameFromEmail(email: string): string {
  const local = email.split('@')[0] ?? '';
  const words = local.split(/[._+-]+/).filter(Boolean);
  return words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' ') || 'Amministratore';
}

await runCli(async () => {
  const input = parseInput(process.argv.slice(2));
  if (!input) {
    console.log(USAGE);
    return;
  }
  const config = loadConfig();
  const origin = config.publicUrl ?? 'http://localhost:4321';
  const ctx: RequestContext = {
    actor: null,
    requestId: `cli-admin-create-${crypto.randomUUID()}`,
    ip: null,
    locale: input.locale,
    origin,
    now: () => new Date(),
  };
  const result = await withDatabase(config, async (database) => {
    await database.migrate();
    return createAdmin(database.db, ctx, { email: input.email, name: input.name });
  });
  const hours = ADMIN_LINK_TTL_MS / 3_600_000;
  console.log(
    result.created
      ? `Created the administrator ${input.email} (${input.name}) in the ${describeTarget(config)}.`
      : `The existing account ${input.email} is now an administrator.`,
  );
  const intro = result.created
    ? `Open this link within ${hours} hours to choose the password (it works once):`
    : `To set a new password, open this link within ${hours} hours (it works once); until then the current one still works:`;
  console.log(`\n${intro}\n\n  ${result.link}\n`);
});
