import { evaluationSettings, reviewAssignments } from '../../db/schema/index.ts';
import type { Queryable } from '../../src/lib/server/db/index.ts';

export type AssignmentRow = typeof reviewAssignments.$inferSelect;

/**
 * An evaluator assigned to a proposal, as staff would assign them. `cleared`: they already
 * declared no conflict of interest. Pass `status`, `conflictKind`… to place it further along.
 */
export async function assignReviewer(
  db: Queryable,
  options: { proposalId: string; evaluatorId: string; cleared?: boolean } & Partial<Omit<typeof reviewAssignments.$inferInsert, 'proposalId' | 'evaluatorId'>>,
): Promise<AssignmentRow> {
  const { cleared = false, ...values } = options;
  const [row] = await db
    .insert(reviewAssignments)
    .values({ noConflictDeclaredAt: cleared ? new Date() : null, ...values })
    .returning();
  return row!;
}

/** The call's evaluation settings row (blind review off by default, as the schema says). */
export async function setEvaluationSettings(db: Queryable, callId: string, values: Partial<typeof evaluationSettings.$inferInsert> = {}): Promise<void> {
  await db
    .insert(evaluationSettings)
    .values({ callId, ...values })
    .onConflictDoUpdate({ target: evaluationSettings.callId, set: values.blindReview === undefined ? { updatedAt: new Date() } : { blindReview: values.blindReview } });
}
