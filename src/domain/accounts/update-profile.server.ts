import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema/index.ts';
import type { Db } from '../../lib/server/db/index.ts';
import type { RequestContext } from '../context.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import { authorize } from '../policy.ts';
import { findUserById } from './accounts.repo.server.ts';
import type { ProfileInput } from './schema.ts';

export async function updateProfile(db: Db, ctx: RequestContext, input: ProfileInput): Promise<void> {
  authorize(ctx.actor, 'account.update');
  const userId = ctx.actor!.userId;
  const now = ctx.now();
  await db.transaction(async (tx) => {
    const before = await findUserById(tx, userId);
    if (!before) return;
    const changed = (['name', 'locale'] as const).filter((k) => before[k] !== input[k]);
    if (changed.length === 0) return;
    await tx.update(users).set({ name: input.name, locale: input.locale, updatedAt: now }).where(eq(users.id, userId));
    await recordAudit(tx, ctx, { action: 'user.profile_updated', entityType: 'user', entityId: userId, summary: { changed } });
  });
}
