import type { Db } from '../../lib/server/db/index.ts';
import { users } from '../../../db/schema/index.ts';
import type { RequestContext } from '../context.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import { findUserByEmail, grantRoles, issueUserToken } from './accounts.repo.server.ts';
import { accountLinks, PASSWORD_RESET_TTL_MS } from './links.ts';
import { hashPassword } from './password.server.ts';

/** Validity of the set-password link printed by `npm run admin:create`. */
export const ADMIN_LINK_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Creates the first administrator from the command line (or makes an existing account one).
 * No password travels through the shell: the command prints a one-time link to choose it.
 */
export async function createAdmin(db: Db, ctx: RequestContext, input: { email: string; name: string }) {
  const now = ctx.now();
  return db.transaction(async (tx) => {
    let user = await findUserByEmail(tx, input.email);
    const created = !user;
    if (!user) {
      // An unguessable password nobody knows; the link below replaces it.
      const passwordHash = await hashPassword(crypto.randomUUID() + crypto.randomUUID());
      const [inserted] = await tx
        .insert(users)
        .values({ email: input.email, name: input.name, passwordHash, locale: ctx.locale, emailVerifiedAt: now, createdAt: now, updatedAt: now })
        .returning();
      user = inserted ?? null;
    }
    await grantRoles(tx, user!.id, ['admin', 'staff'], null);
    const token = await issueUserToken(tx, user!.id, 'password_reset', now, Math.max(ADMIN_LINK_TTL_MS, PASSWORD_RESET_TTL_MS));
    await recordAudit(tx, ctx, { action: 'user.admin_created', entityType: 'user', entityId: user!.id, actorId: null, summary: { via: 'cli', created } });
    return { userId: user!.id, created, link: accountLinks.resetPassword(ctx.origin, ctx.locale, token) };
  });
}
