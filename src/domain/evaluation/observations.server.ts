import { and, eq, ne, sql } from 'drizzle-orm';
import { calls, observations, proposals, reviewAssignments, users } from '../../../db/schema/index.ts';
import { isUuid } from '../../lib/ids.ts';
import type { Db, Queryable } from '../../lib/server/db/index.ts';
import type { Storage } from '../../lib/server/storage/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { translator } from '../../lib/i18n/index.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import type { RequestContext } from '../context.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { saveUpload } from '../files/save-upload.server.ts';
import { enqueueEmail } from '../mail/enqueue-email.server.ts';
import { authorize } from '../policy.ts';
import { factsOf, lockProposal } from '../proposals/proposal-tx.server.ts';
import { notifyAssignedEvaluators } from './assignment-mail.server.ts';
import { observationOf, observationWindow, requireWindowOpenInDatabase, rescoreCandidates, type ObservationRow } from './observations.repo.server.ts';
import { ANSWER_MAX, OBSERVATION_FILE, OBSERVATION_MAX, type AnswerObservationInput } from './observations.schema.ts';

export type FileObservationInput = { proposalId: string; text: string; file?: File | null };

/**
 * The proposer files an observation (osservazione) on the provisional ranking, with an optional
 * attachment. One per proposal and ranking, final once filed: the window is short and the office
 * answers what was filed, so a text that could still change would leave nothing firm to answer.
 * Everything happens in one transaction that ends by asking the database clock whether the window
 * is still open: a late observation rolls back entirely (row, file record, audit, the receipt
 * emailed to the proposer) and its stored bytes are removed again.
 */
export async function fileObservation(db: Db, storage: Storage, ctx: RequestContext, input: FileObservationInput): Promise<ObservationRow> {
  const text = requireText(input.text, 'text', OBSERVATION_MAX);
  const id = crypto.randomUUID();
  let storedKey: string | null = null;
  try {
    return await db.transaction(async (tx) => {
      const proposal = await lockProposal(tx, ctx, input.proposalId);
      authorize(ctx.actor, 'observation.file', factsOf(proposal));
      const window = await observationWindow(tx, proposal.callId, proposal.id);
      if (!window) throw conflict('no_observation_window');
      if (ctx.now() >= window.closesAt) throw invalid('observation_window_closed', { closedAt: window.closesAt });
      if (await observationOf(tx, proposal.id, window.ranking.id)) throw conflict('observation_already_filed');

      const [filed] = await tx.insert(observations).values({ id, proposalId: proposal.id, rankingId: window.ranking.id, text, filedAt: sql`clock_timestamp()` }).returning();
      let fileId: string | null = null;
      if (input.file) {
        const saved = await saveUpload(tx, storage, ctx, { ownerType: 'observation', ownerId: id, file: input.file, ...OBSERVATION_FILE });
        storedKey = saved.storageKey;
        fileId = saved.id;
        await tx.update(observations).set({ fileId }).where(eq(observations.id, id));
      }
      await recordAudit(tx, ctx, {
        action: 'observation.filed',
        entityType: 'observation',
        entityId: id,
        summary: { proposalId: proposal.id, rankingId: window.ranking.id, fileId, length: text.length },
      });
      await sendReceipt(tx, ctx, proposal, filed!.filedAt);
      // Must stay the last statement before COMMIT (see the function comment).
      await requireWindowOpenInDatabase(tx, window.ranking.id);
      return { ...filed!, fileId };
    });
  } catch (error) {
    if (storedKey) await storage.remove(storedKey).catch(() => {});
    throw error;
  }
}

/**
 * Staff answer an observation, once. When they uphold it they may ask for a re-scoring: a new
 * assignment, tied to the observation, for a commission member who has not assessed the proposal
 * (nor declared a conflict on it); that evaluator then scores through the normal flow. The
 * proposer is emailed the answer in their language.
 */
export async function answerObservation(db: Db, ctx: RequestContext, input: AnswerObservationInput) {
  authorize(ctx.actor, 'evaluation.manage');
  const answer = requireText(input.answer, 'answer', ANSWER_MAX);
  const rescoreBy = input.rescoreEvaluatorId || null;
  if (rescoreBy && !input.upheld) throw invalid('rescore_needs_upheld', { field: 'rescoreEvaluatorId' });
  if (!isUuid(input.observationId)) throw notFound('observation_not_found');

  return db.transaction(async (tx) => {
    const [observation] = await tx.select().from(observations).where(eq(observations.id, input.observationId)).for('update');
    if (!observation) throw notFound('observation_not_found');
    if (observation.status === 'answered') throw conflict('observation_already_answered');
    const [proposal] = await tx.select().from(proposals).where(eq(proposals.id, observation.proposalId));
    const assignmentId = rescoreBy ? await assignRescore(tx, ctx, proposal!, observation.id, rescoreBy) : null;

    const [answered] = await tx
      .update(observations)
      .set({ status: 'answered', answer, upheld: input.upheld, answeredBy: ctx.actor!.userId, answeredAt: sql`clock_timestamp()` })
      .where(eq(observations.id, observation.id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'observation.answered',
      entityType: 'observation',
      entityId: observation.id,
      summary: { proposalId: proposal!.id, upheld: input.upheld, rescoreAssignmentId: assignmentId, rescoreEvaluatorId: rescoreBy },
    });
    await notifyProposer(tx, ctx, proposal!, answered!, assignmentId !== null);
    return { observation: answered!, rescoreAssignmentId: assignmentId };
  });
}

/**
 * A re-scoring for an upheld observation that has none running: staff did not ask for one when
 * answering, or the evaluator they chose then declared a conflict of interest.
 */
export async function assignRescoring(db: Db, ctx: RequestContext, input: { observationId: string; evaluatorId: string }) {
  authorize(ctx.actor, 'evaluation.manage');
  if (!isUuid(input.observationId)) throw notFound('observation_not_found');
  return db.transaction(async (tx) => {
    const [observation] = await tx.select().from(observations).where(eq(observations.id, input.observationId)).for('update');
    if (!observation) throw notFound('observation_not_found');
    if (observation.status !== 'answered' || !observation.upheld) throw conflict('observation_not_upheld');
    const running = await tx
      .select({ id: reviewAssignments.id })
      .from(reviewAssignments)
      .where(and(eq(reviewAssignments.observationId, observation.id), ne(reviewAssignments.status, 'conflict_declared')))
      .limit(1);
    if (running.length) throw conflict('rescoring_running');
    const [proposal] = await tx.select().from(proposals).where(eq(proposals.id, observation.proposalId));
    const assignmentId = await assignRescore(tx, ctx, proposal!, observation.id, input.evaluatorId);
    await recordAudit(tx, ctx, {
      action: 'observation.rescoring_assigned',
      entityType: 'observation',
      entityId: observation.id,
      summary: { proposalId: proposal!.id, rescoreAssignmentId: assignmentId, rescoreEvaluatorId: input.evaluatorId },
    });
    return { rescoreAssignmentId: assignmentId };
  });
}

function requireText(value: string, field: 'text' | 'answer', max: number): string {
  const text = (value ?? '').trim();
  if (!text) throw invalid(field === 'text' ? 'observation_required' : 'answer_required', { field });
  if (text.length > max) throw invalid('text_too_long', { field, max });
  return text;
}

async function assignRescore(tx: Queryable, ctx: RequestContext, proposal: typeof proposals.$inferSelect, observationId: string, evaluatorId: string) {
  const candidates = (await rescoreCandidates(tx, proposal.callId, [proposal.id])).get(proposal.id) ?? [];
  if (!candidates.some((c) => c.id === evaluatorId)) throw invalid('evaluator_not_eligible', { field: 'rescoreEvaluatorId' });
  const [assignment] = await tx
    .insert(reviewAssignments)
    .values({ proposalId: proposal.id, evaluatorId, observationId, assignedBy: ctx.actor!.userId })
    .returning({ id: reviewAssignments.id });
  const [call] = await tx.select({ titleIt: calls.titleIt, titleEn: calls.titleEn }).from(calls).where(eq(calls.id, proposal.callId));
  await notifyAssignedEvaluators(tx, ctx, call!, [{ evaluatorId }]);
  return assignment!.id;
}

/** The proposer's receipt (observationReceived), in their language, with the time the database recorded. */
async function sendReceipt(tx: Queryable, ctx: RequestContext, proposal: typeof proposals.$inferSelect, filedAt: Date) {
  const [user] = await tx.select({ email: users.email, name: users.name, locale: users.locale }).from(users).where(eq(users.id, proposal.proposerId));
  if (!user) return;
  await enqueueEmail(tx, {
    to: user.email,
    userId: proposal.proposerId,
    locale: user.locale,
    template: 'observationReceived',
    params: {
      name: user.name,
      link: `${ctx.origin}/${user.locale}/me/proposals/${proposal.id}`,
      title: proposal.title,
      protocol: proposal.protocolNumber ?? '',
      filedAt: formatDateTime(filedAt, user.locale),
    },
  });
}

async function notifyProposer(tx: Queryable, ctx: RequestContext, proposal: typeof proposals.$inferSelect, observation: ObservationRow, rescored: boolean) {
  const [user] = await tx.select({ email: users.email, name: users.name, locale: users.locale }).from(users).where(eq(users.id, proposal.proposerId));
  if (!user) return;
  const t = translator(user.locale);
  const outcome = !observation.upheld ? 'rejected' : rescored ? 'rescored' : 'upheld';
  await enqueueEmail(tx, {
    to: user.email,
    userId: proposal.proposerId,
    locale: user.locale,
    template: 'observationAnswered',
    params: {
      name: user.name,
      link: `${ctx.origin}/${user.locale}/me/proposals/${proposal.id}/feedback`,
      title: proposal.title,
      protocol: proposal.protocolNumber ?? '',
      outcome: t(`observations.answerOutcome.${outcome}`),
      answer: observation.answer ?? '',
    },
  });
}
