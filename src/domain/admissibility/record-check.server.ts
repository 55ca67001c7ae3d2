import { eq, sql } from 'drizzle-orm';
import { admissibilityChecks } from '../../../db/schema/index.ts';
import type { Db } from '../../lib/server/db/index.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import type { RequestContext } from '../context.ts';
import { conflict, invalid } from '../errors.ts';
import { authorize } from '../policy.ts';
import { lockStaffProposal, uploadedPurposes } from './admissibility.repo.server.ts';
import { requirementsFor } from './requirements.ts';
import type { RecordChecksInput } from './schema.ts';
import { assertAdmissibilityOpen } from './window.ts';

/**
 * Records the formal check of some requirements (met or not, with a motivation that is required
 * when not met: L. 241/1990 art. 3, every adverse finding is motivated). One row per requirement,
 * replaced when staff change their mind; only what actually changed is written and audited.
 */
export async function recordChecks(db: Db, ctx: RequestContext, input: RecordChecksInput): Promise<{ changed: string[] }> {
  authorize(ctx.actor, 'proposal.decide');
  if (input.checks.length === 0) throw invalid('no_checks');
  for (const c of input.checks) {
    if (!c.met && !c.motivation.trim()) throw invalid('motivation_required', { field: `motivation.${c.requirement}` });
  }
  return db.transaction(async (tx) => {
    const { proposal, call } = await lockStaffProposal(tx, input.proposalId);
    const now = ctx.now();
    assertAdmissibilityOpen(call, now);
    if (proposal.status !== 'submitted' && proposal.status !== 'integration_requested') throw conflict('already_decided', { status: proposal.status });
    const known = new Set<string>(requirementsFor(call, proposal, await uploadedPurposes(tx, proposal.id)).map((r) => r.key));
    const unknown = input.checks.find((c) => !known.has(c.requirement));
    if (unknown) throw invalid('unknown_requirement', { field: `motivation.${unknown.requirement}` });

    const before = new Map((await tx.select().from(admissibilityChecks).where(eq(admissibilityChecks.proposalId, proposal.id))).map((r) => [r.requirement, r]));
    const changed = input.checks.filter((c) => {
      const old = before.get(c.requirement);
      return !old || old.met !== c.met || old.motivation !== c.motivation.trim();
    });
    if (changed.length === 0) return { changed: [] };
    await tx
      .insert(admissibilityChecks)
      .values(changed.map((c) => ({ proposalId: proposal.id, requirement: c.requirement, met: c.met, motivation: c.motivation.trim(), checkedBy: ctx.actor!.userId, checkedAt: now })))
      .onConflictDoUpdate({
        target: [admissibilityChecks.proposalId, admissibilityChecks.requirement],
        set: { met: sql`excluded.met`, motivation: sql`excluded.motivation`, checkedBy: sql`excluded.checked_by`, checkedAt: sql`excluded.checked_at` },
      });
    await recordAudit(tx, ctx, {
      action: 'proposal.check_recorded',
      entityType: 'proposal',
      entityId: proposal.id,
      summary: { checks: changed.map((c) => ({ requirement: c.requirement, met: c.met, motivation: c.motivation.trim() })) },
    });
    return { changed: changed.map((c) => c.requirement) };
  });
}
