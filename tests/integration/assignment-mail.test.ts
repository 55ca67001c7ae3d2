import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { evaluationSettings, outboxMessages, users } from '../../db/schema/index.ts';
import { assignEvaluators, bulkAssign, reassignAfterConflict, runAutoAssign, unassign } from '../../src/domain/evaluation/assignment.server.ts';
import { createUser } from '../factories/index.ts';
import { useTestDb } from '../support/db.ts';
import { appointAll, assignmentRow, evaluationOffice } from './evaluation-staff-setup.ts';
import { domainError, outbox, rowCount } from './helpers.ts';

/**
 * Issue 4: evaluators learn by email that proposals wait for them — one `reviewAssigned` message
 * per evaluator per action, with how many, in their language, linking to their dashboard.
 */
const t = useTestDb();

async function committee(proposalCount: number, evaluatorCount: number, englishAt: number[] = []) {
  const setup = await evaluationOffice(t.db, { proposals: proposalCount });
  const evaluators = [];
  for (let i = 0; i < evaluatorCount; i++) evaluators.push(await createUser(t.db, 'evaluator', englishAt.includes(i) ? 'english' : {}));
  await appointAll(t.db, setup.ctx, setup.call.id, evaluators);
  await t.db.delete(outboxMessages);
  return { ...setup, evaluators };
}

/** Messages as [to, locale, count named in the text]. */
async function told() {
  return (await outbox(t.db)).map((m) => {
    expect(m.template).toBe('reviewAssigned');
    return [m.toAddress, m.locale, Number(/\((?:assegnate ora|assigned now): (\d+)\)/.exec(m.textBody)![1])];
  });
}

describe('evaluators are emailed when given proposals', () => {
  it('manual: one message per chosen evaluator, in their language, linking to their dashboard and naming no proposal', async () => {
    const { ctx, call, proposals: [p], evaluators: [a, b] } = await committee(1, 2, [1]);
    await assignEvaluators(t.db, ctx, { proposalId: p!.id, evaluatorIds: [a!.id, b!.id] });
    expect(await told()).toEqual([
      [a!.email, 'it', 1],
      [b!.email, 'en', 1],
    ]);
    const [it, en] = await outbox(t.db);
    expect(it).toMatchObject({ toUserId: a!.id, subject: `Nuove proposte da valutare per l’avviso «${call.titleIt}»` });
    expect(it!.textBody).toContain('http://vivaio.test/it/review');
    expect(en).toMatchObject({ subject: `New proposals to assess for the call “${call.titleEn}”` });
    expect(en!.textBody).toContain('http://vivaio.test/en/review');
    // Before declaring, an evaluator knows only the protocol number: the email says even less.
    for (const m of [it!, en!]) for (const secret of [p!.title, p!.protocolNumber!]) expect(m.textBody).not.toContain(secret);

    // A second click assigns nothing and tells nobody.
    await assignEvaluators(t.db, ctx, { proposalId: p!.id, evaluatorIds: [a!.id] });
    expect(await rowCount(t.db, outboxMessages)).toBe(2);
  });

  it('bulk: one message per evaluator with the number of new assignments, skipping those already seated', async () => {
    const { ctx, call, proposals: ps, evaluators: [a, b] } = await committee(3, 2);
    await assignmentRow(t.db, ps[0]!.id, a!.id, 'assigned');
    await bulkAssign(t.db, ctx, { callId: call.id, proposalIds: ps.map((p) => p.id), evaluatorIds: [a!.id, b!.id] });
    expect(await told()).toEqual([
      [a!.email, 'it', 2],
      [b!.email, 'it', 3],
    ]);
  });

  it('automatic: one message per evaluator who got proposals, none on a run that assigns nothing', async () => {
    const { ctx, call, evaluators } = await committee(6, 4);
    await t.db.insert(evaluationSettings).values({ callId: call.id, reviewersPerProposal: 2 });
    await runAutoAssign(t.db, ctx, { callId: call.id });
    const counts = await told();
    expect(counts.map((c) => c[0]).sort()).toEqual(evaluators.map((e) => e.email).sort());
    expect(counts.reduce((sum, c) => sum + (c[2] as number), 0)).toBe(12);
    await runAutoAssign(t.db, ctx, { callId: call.id });
    expect(await rowCount(t.db, outboxMessages)).toBe(evaluators.length);
  });

  it('reassignment after a conflict tells the new evaluator only; unassigning tells nobody', async () => {
    const { ctx, proposals: [p], evaluators: [a, b, c] } = await committee(1, 3);
    const conflicted = await assignmentRow(t.db, p!.id, a!.id, 'conflict_declared');
    const pending = await assignmentRow(t.db, p!.id, b!.id, 'assigned');
    await reassignAfterConflict(t.db, ctx, conflicted.id, c!.id);
    expect(await told()).toEqual([[c!.email, 'it', 1]]);
    await unassign(t.db, ctx, { assignmentId: pending.id });
    expect(await rowCount(t.db, outboxMessages)).toBe(1);
  });

  it('sends nothing when the assignment is refused, and nothing to a disabled account', async () => {
    const { ctx, call, proposals: [p, q], evaluators: [a, b] } = await committee(2, 2);
    const outsider = await createUser(t.db, 'evaluator');
    await domainError(assignEvaluators(t.db, ctx, { proposalId: p!.id, evaluatorIds: [a!.id, outsider.id] }));
    expect(await rowCount(t.db, outboxMessages)).toBe(0);
    await t.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, b!.id));
    await bulkAssign(t.db, ctx, { callId: call.id, proposalIds: [p!.id, q!.id], evaluatorIds: [a!.id, b!.id] });
    expect(await told()).toEqual([[a!.email, 'it', 2]]);
  });
});
