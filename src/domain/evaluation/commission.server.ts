import { and, asc, eq, exists, inArray, isNull, ne, notExists, sql } from 'drizzle-orm';
import { commissionMembers, proposals, reviewAssignments, userRoles, users } from '../../../db/schema/index.ts';
import type { Db, Queryable } from '../../lib/server/db/index.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import type { RequestContext } from '../context.ts';
import { conflict, invalid } from '../errors.ts';
import { authorize, type CommissionFacts } from '../policy.ts';
import type { MemberInput } from './evaluation.schema.ts';
import { markScoredIfComplete } from './scoring.server.ts';
import { lockEvaluationCall } from './settings.server.ts';

/**
 * A call's commission (commissione di valutazione): evaluators appointed by staff, exactly one of
 * them president once there is anyone at all. The first member appointed presides until staff
 * name another (a separate, audited step); the president scores like the others and also enters
 * the consensus score when the call consolidates by consensus.
 */

export type CommissionRole = (typeof commissionMembers.$inferSelect)['role'];
export type CommissionMember = { userId: string; name: string; email: string; role: CommissionRole; appointedAt: Date };

/** The members, president first, then in order of appointment. */
export async function listMembers(db: Queryable, callId: string): Promise<CommissionMember[]> {
  return db
    .select({ userId: users.id, name: users.name, email: users.email, role: commissionMembers.role, appointedAt: commissionMembers.appointedAt })
    .from(commissionMembers)
    .innerJoin(users, eq(users.id, commissionMembers.userId))
    .where(eq(commissionMembers.callId, callId))
    .orderBy(sql`${commissionMembers.role} = 'president' desc`, asc(commissionMembers.appointedAt), asc(users.name), asc(users.id));
}

/** For the staff page: the members and the evaluators who could still be appointed. */
export async function getCommission(db: Db, ctx: RequestContext, callId: string) {
  authorize(ctx.actor, 'evaluation.manage');
  const members = await listMembers(db, callId);
  const candidates = await db
    .select({ userId: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(isNull(users.disabledAt), isEvaluator(), notExists(memberRow(callId))))
    .orderBy(asc(users.name), asc(users.email));
  return { members, candidates };
}

/** What the policy needs to decide `consensus.enter`. */
export async function loadCommissionFacts(db: Queryable, callId: string): Promise<CommissionFacts> {
  const members = await listMembers(db, callId);
  return { type: 'commission', presidentId: members.find((m) => m.role === 'president')?.userId ?? null, memberIds: members.map((m) => m.userId) };
}

/** Members who score (president and members; a secretary only takes the minutes), in a stable order. */
export async function scoringMemberIds(db: Queryable, callId: string): Promise<string[]> {
  const rows = await db
    .select({ userId: commissionMembers.userId })
    .from(commissionMembers)
    .where(and(eq(commissionMembers.callId, callId), ne(commissionMembers.role, 'secretary')))
    .orderBy(asc(commissionMembers.appointedAt), asc(commissionMembers.userId));
  return rows.map((r) => r.userId);
}

export async function appointMember(db: Db, ctx: RequestContext, input: MemberInput): Promise<{ role: CommissionRole }> {
  authorize(ctx.actor, 'evaluation.manage');
  return db.transaction(async (tx) => {
    const call = await lockEvaluationCall(tx, input.callId);
    if (call.phase === 'archived') throw conflict('call_archived');
    const [candidate] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, input.userId), isNull(users.disabledAt), isEvaluator()))
      .limit(1);
    if (!candidate) throw invalid('not_an_evaluator', { field: 'userId' });
    const members = await listMembers(tx, call.id);
    if (members.some((m) => m.userId === input.userId)) throw conflict('already_member', { field: 'userId' });
    const role: CommissionRole = members.some((m) => m.role === 'president') ? 'member' : 'president';
    await tx.insert(commissionMembers).values({ callId: call.id, userId: input.userId, role, appointedAt: ctx.now(), appointedBy: ctx.actor!.userId });
    await recordAudit(tx, ctx, { action: 'commission.member_appointed', entityType: 'call', entityId: call.id, summary: { userId: input.userId, role } });
    return { role };
  });
}

/** Hands the presidency to another member; the previous president stays on as a member. */
export async function setPresident(db: Db, ctx: RequestContext, input: MemberInput): Promise<{ changed: boolean }> {
  authorize(ctx.actor, 'evaluation.manage');
  return db.transaction(async (tx) => {
    const call = await lockEvaluationCall(tx, input.callId);
    if (call.phase === 'archived') throw conflict('call_archived');
    const members = await listMembers(tx, call.id);
    const next = members.find((m) => m.userId === input.userId);
    if (!next) throw invalid('not_a_member', { field: 'userId' });
    if (next.role === 'president') return { changed: false };
    const previous = members.find((m) => m.role === 'president')?.userId ?? null;
    const ofCall = (userId: string) => and(eq(commissionMembers.callId, call.id), eq(commissionMembers.userId, userId));
    if (previous) await tx.update(commissionMembers).set({ role: 'member' }).where(ofCall(previous));
    await tx.update(commissionMembers).set({ role: 'president' }).where(ofCall(next.userId));
    await recordAudit(tx, ctx, { action: 'commission.president_changed', entityType: 'call', entityId: call.id, summary: { from: previous, to: next.userId } });
    return { changed: true };
  });
}

/**
 * Removes a member who has submitted no scores on this call (submitted scores are part of the
 * record and stay with their author). Their unfinished assignments go with them, draft scores
 * included; their declared conflicts stay, so they can never be assigned those proposals again.
 */
export async function removeMember(db: Db, ctx: RequestContext, input: MemberInput): Promise<{ assignmentsRemoved: number }> {
  authorize(ctx.actor, 'evaluation.manage');
  return db.transaction(async (tx) => {
    const call = await lockEvaluationCall(tx, input.callId);
    const members = await listMembers(tx, call.id);
    const member = members.find((m) => m.userId === input.userId);
    if (!member) throw invalid('not_a_member', { field: 'userId' });
    if (member.role === 'president' && members.length > 1) throw conflict('president_in_office');
    // Proposals before assignments, the order the evaluators' own use cases lock them in.
    const theirs = and(eq(proposals.callId, call.id), eq(reviewAssignments.evaluatorId, member.userId));
    const touched = await tx
      .select()
      .from(proposals)
      .where(and(eq(proposals.callId, call.id), inArray(proposals.id, tx.select({ id: reviewAssignments.proposalId }).from(reviewAssignments).where(eq(reviewAssignments.evaluatorId, member.userId)))))
      .orderBy(asc(proposals.id))
      .for('update');
    const assignments = await tx
      .select({ id: reviewAssignments.id, status: reviewAssignments.status, proposalId: reviewAssignments.proposalId })
      .from(reviewAssignments)
      .innerJoin(proposals, eq(proposals.id, reviewAssignments.proposalId))
      .where(theirs)
      .for('update', { of: reviewAssignments });
    const submitted = assignments.filter((a) => a.status === 'submitted').length;
    if (submitted > 0) throw conflict('member_has_scores', { count: submitted });
    const open = assignments.filter((a) => a.status === 'assigned' || a.status === 'in_progress');
    if (open.length) await tx.delete(reviewAssignments).where(inArray(reviewAssignments.id, open.map((a) => a.id)));
    // Whoever is left on those proposals may all have submitted already.
    const emptied = new Set(open.map((a) => a.proposalId));
    for (const proposal of touched) if (emptied.has(proposal.id)) await markScoredIfComplete(tx, ctx, proposal);
    await tx.delete(commissionMembers).where(and(eq(commissionMembers.callId, call.id), eq(commissionMembers.userId, member.userId)));
    await recordAudit(tx, ctx, {
      action: 'commission.member_removed',
      entityType: 'call',
      entityId: call.id,
      summary: { userId: member.userId, role: member.role, assignmentsRemoved: open.map((a) => a.id) },
    });
    return { assignmentsRemoved: open.length };
  });
}

const isEvaluator = () =>
  exists(sql`(select 1 from ${userRoles} where ${userRoles.userId} = ${users.id} and ${userRoles.role} = 'evaluator')`);
const memberRow = (callId: string) =>
  sql`(select 1 from ${commissionMembers} where ${commissionMembers.callId} = ${callId} and ${commissionMembers.userId} = ${users.id})`;
