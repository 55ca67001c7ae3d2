import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, deliverables, files, outboxMessages, startups } from '../../db/schema/index.ts';
import { decideDeliverable } from '../../src/domain/incubation/deliverable-decide.server.ts';
import { submitDeliverable } from '../../src/domain/incubation/deliverable-submit.server.ts';
import { getMilestoneDetail, getMilestonePlan } from '../../src/domain/incubation/milestone-views.server.ts';
import { listMilestones, nextMilestones } from '../../src/domain/incubation/milestones-read.server.ts';
import { openDownload } from '../../src/domain/files/open-download.server.ts';
import { createLocalStorage } from '../../src/lib/server/storage/local.ts';
import { createUser } from '../factories/index.ts';
import { testContext } from '../support/context.ts';
import { useTestDb } from '../support/db.ts';
import { samples } from '../support/file-samples.ts';
import { auditTrail, domainError, outbox, rowCount } from './helpers.ts';
import { grantWaitingFor, incubation, milestoneRow, planOf, trancheStatuses } from './milestones-setup.ts';

const t = useTestDb();
const root = mkdtempSync(path.join(tmpdir(), 'vivaio-milestones-'));
const uploads = path.join(root, 'uploads');
const storage = createLocalStorage(uploads);
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeEach(() => rmSync(uploads, { recursive: true, force: true }));

const file = (sample: Uint8Array, name: string) => new File([sample as Uint8Array<ArrayBuffer>], name);
const storedCount = (dir = uploads): number =>
  existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? storedCount(path.join(dir, e.name)) : 1), 0) : 0;
const body = '## Verifica di pre-fattibilità\n\nAbbiamo incontrato **12 famiglie** del cortile: 9 iscriverebbero i figli.';

describe('the plan as the team and coach see it', () => {
  it('starts with the first milestone in progress; overdue by the Rome day; next milestones in one query', async () => {
    const s = await incubation(t.db);
    expect(s.plan.map((m) => m.status)).toEqual(['in_progress', ...Array(s.plan.length - 1).fill('planned')]);
    const first = s.plan[0]!; // due 2026-02-04
    const onDue = new Date('2026-02-04T22:59:00Z'); // 23:59 in Rome, still the due day
    const after = new Date('2026-02-04T23:00:00Z'); // midnight in Rome
    expect((await listMilestones(t.db, s.startup.id, onDue))[0]).toMatchObject({ id: first.id, overdue: false, latestDeliverable: null });
    expect((await listMilestones(t.db, s.startup.id, after)).filter((m) => m.overdue).map((m) => m.id)).toEqual([first.id]);

    const next = await nextMilestones(t.db, [s.startup.id, s.other.id, '00000000-0000-4000-8000-000000000000'], new Date('2026-03-10T12:00:00Z'));
    expect(next.get(s.startup.id)).toMatchObject({ next: { id: first.id }, overdueCount: 2 }); // pre-feasibility and business model
    expect(next.get(s.other.id)!.overdueCount).toBe(2);
    expect(next.get('00000000-0000-4000-8000-000000000000')).toEqual({ next: null, overdueCount: 0 });
  });

  it('the team reads its plan; a coach in the team pages or staff pages is refused; to another team or coach it does not exist', async () => {
    const s = await incubation(t.db);
    expect((await getMilestonePlan(t.db, s.as(s.member), s.startup.id, 'team')).milestones).toHaveLength(s.plan.length);
    // Those who may not even see the start-up hear what they would for an id that does not exist.
    const missing = { kind: 'not_found', code: 'startup_not_found' };
    expect(await domainError(getMilestonePlan(t.db, s.as(s.otherLead), s.startup.id, 'team'))).toMatchObject(missing);
    expect(await domainError(getMilestonePlan(t.db, s.as(s.otherLead), crypto.randomUUID(), 'team'))).toMatchObject(missing);
    expect(await domainError(getMilestoneDetail(t.db, s.as(s.otherCoach), s.startup.id, s.plan[0]!.id, 'coach'))).toMatchObject(missing);
    // Those who see it, on pages that are not theirs: refused.
    expect(await domainError(getMilestonePlan(t.db, s.as(s.coach), s.startup.id, 'team'))).toMatchObject({ kind: 'forbidden', code: 'not_team' });
    expect(await domainError(getMilestonePlan(t.db, s.as(s.coach), s.startup.id, 'staff'))).toMatchObject({ kind: 'forbidden', code: 'missing_role' });
    // A milestone of another start-up under this start-up's address is not found.
    const foreign = (await planOf(t.db, s.other.id))[0]!;
    expect(await domainError(getMilestoneDetail(t.db, s.as(s.lead), s.startup.id, foreign.id, 'team'))).toMatchObject({ kind: 'not_found' });
    expect(await domainError(getMilestoneDetail(t.db, s.as(s.lead), s.startup.id, 'not-a-uuid', 'team'))).toMatchObject({ kind: 'not_found' });
  });
});

describe('submitting a deliverable', () => {
  it('stores text and files privately, moves the milestone to submitted, audits and emails the coach', async () => {
    const s = await incubation(t.db);
    const first = s.plan[0]!;
    const saved = await submitDeliverable(t.db, storage, s.as(s.lead), { milestoneId: first.id, body: `  ${body}  `, files: [file(samples.pdf, 'verifica.pdf'), file(samples.xlsx, 'numeri.xlsx')] });
    expect(saved).toMatchObject({ seq: 1, body, decision: null, submittedBy: s.lead.id });
    expect(await milestoneRow(t.db, first.id)).toMatchObject({ status: 'submitted', version: first.version + 1 });
    const stored = await t.db.select().from(files).where(eq(files.ownerId, saved.id));
    expect(stored.map((f) => [f.ownerType, f.originalName, f.purpose]).sort()).toEqual([
      ['deliverable', 'numeri.xlsx', 'files'],
      ['deliverable', 'verifica.pdf', 'files'],
    ]);
    expect(storedCount()).toBe(2);

    const trail = await auditTrail(t.db);
    expect(trail.filter((e) => e.action === 'deliverable.submitted')).toEqual([
      expect.objectContaining({ entityId: first.id, actorId: s.lead.id, summary: expect.objectContaining({ deliverableId: saved.id, seq: 1, files: 2, from: 'in_progress' }) }),
    ]);
    const mail = await outbox(t.db);
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ toAddress: s.coach.email, template: 'deliverableSubmitted', locale: 'it' });
    expect(mail[0]!.textBody).toContain(`/it/coach/startups/${s.startup.id}/milestones/${first.id}`);
    expect(mail[0]!.subject).toContain(s.startup.name);

    // Downloads: the team, the coach and staff; never another team, an anonymous visitor, or a funder-only donor.
    const fileId = stored.find((f) => f.originalName === 'verifica.pdf')!.id;
    for (const who of [s.lead, s.member, s.coach, s.staff]) expect((await openDownload(t.db, storage, s.as(who), fileId)).file.id).toBe(fileId);
    expect(await domainError(openDownload(t.db, storage, s.as(s.otherLead), fileId))).toMatchObject({ kind: 'forbidden' });
    expect(await domainError(openDownload(t.db, storage, s.as(s.otherCoach), fileId))).toMatchObject({ kind: 'forbidden' });
    expect(await domainError(openDownload(t.db, storage, testContext(), fileId))).toMatchObject({ code: 'not_signed_in' });

    const detail = await getMilestoneDetail(t.db, s.as(s.coach), s.startup.id, first.id, 'coach');
    expect(detail).toMatchObject({ canDecide: true, canSubmit: false });
    expect(detail.deliverables[0]).toMatchObject({ seq: 1, submittedByName: expect.any(String), files: [{ name: 'numeri.xlsx' }, { name: 'verifica.pdf' }] });
  });

  it('only the team submits: coach, staff and another team are refused with the policy reason, nothing written', async () => {
    const s = await incubation(t.db);
    const input = { milestoneId: s.plan[0]!.id, body, files: [file(samples.pdf, 'a.pdf')] };
    for (const who of [s.coach, s.staff, s.otherLead, s.staffCoach]) {
      expect(await domainError(submitDeliverable(t.db, storage, s.as(who), input))).toMatchObject({ kind: 'forbidden', code: 'not_team' });
    }
    expect(await domainError(submitDeliverable(t.db, storage, testContext(), input))).toMatchObject({ code: 'not_signed_in' });
    expect(await rowCount(t.db, deliverables)).toBe(0);
    expect(await rowCount(t.db, files)).toBe(0);
    expect(await rowCount(t.db, auditEvents)).toBe(0);
    expect(storedCount()).toBe(0);
  });

  it('refuses bad input and files by content, leaving nothing behind', async () => {
    const s = await incubation(t.db);
    const milestoneId = s.plan[0]!.id;
    const submit = (over: { body?: string; files?: File[] }) => domainError(submitDeliverable(t.db, storage, s.as(s.lead), { milestoneId, body, ...over }));
    expect(await submit({ body: '   ' })).toMatchObject({ code: 'deliverable_required', details: { field: 'body' } });
    expect(await submit({ body: 'x'.repeat(20_001) })).toMatchObject({ code: 'text_too_long', details: { field: 'body', max: 20_000 } });
    expect(await submit({ files: Array.from({ length: 6 }, (_, i) => file(samples.pdf, `f${i}.pdf`)) })).toMatchObject({ code: 'too_many_files', details: { max: 5 } });
    // The second file is an executable named like a PDF: the first, already written, is removed again.
    expect(await submit({ files: [file(samples.pdf, 'ok.pdf'), file(samples.exe, 'bilancio.pdf')] })).toMatchObject({ code: 'file_type_not_allowed', details: { field: 'files' } });
    expect(await submit({ files: [file(samples.html, 'pagina.html')] })).toMatchObject({ code: 'file_type_not_allowed' });
    const big = (name: string) => file(new Uint8Array([...samples.pdf, ...new Uint8Array(7 * 1024 * 1024)]), name);
    expect(await submit({ files: [file(new Uint8Array([...samples.pdf, ...new Uint8Array(10 * 1024 * 1024)]), 'grande.pdf')] })).toMatchObject({ code: 'file_too_large', details: { max: 10 * 1024 * 1024 } });
    expect(await submit({ files: [big('a.pdf'), big('b.pdf'), big('c.pdf')] })).toMatchObject({ code: 'files_too_large', details: { field: 'files', maxMb: 20 } });
    expect(await submit({ files: [file(new Uint8Array(0), 'vuoto.pdf')] })).toMatchObject({ code: 'file_empty' });
    expect(await rowCount(t.db, deliverables)).toBe(0);
    expect(await rowCount(t.db, files)).toBe(0);
    expect(await rowCount(t.db, outboxMessages)).toBe(0);
    expect(storedCount()).toBe(0);
    expect((await milestoneRow(t.db, milestoneId)).status).toBe('in_progress');
  });

  it('refuses a second submission while one waits, and monitoring milestones (their deliverable is the report)', async () => {
    const s = await incubation(t.db);
    await submitDeliverable(t.db, storage, s.as(s.lead), { milestoneId: s.plan[0]!.id, body });
    expect(await domainError(submitDeliverable(t.db, storage, s.as(s.member), { milestoneId: s.plan[0]!.id, body }))).toMatchObject({ kind: 'conflict', code: 'awaiting_review' });
    const monitoring = s.plan.find((m) => m.kind === 'monitoring')!;
    expect(await domainError(submitDeliverable(t.db, storage, s.as(s.lead), { milestoneId: monitoring.id, body }))).toMatchObject({ code: 'monitoring_uses_report' });
    // A later milestone may be handed in early, straight from planned.
    const later = await submitDeliverable(t.db, storage, s.as(s.lead), { milestoneId: s.plan[2]!.id, body });
    expect(later.seq).toBe(1);
    expect(await rowCount(t.db, deliverables)).toBe(2);
  });
  it('two team members submitting at once: one submission, the other told it waits for the coach', async () => {
    const s = await incubation(t.db);
    const dbs = t.kind === 'postgres' ? [(await t.connect()).db, (await t.connect()).db] : [t.db, t.db];
    const results = await Promise.allSettled(
      [s.lead, s.member].map((who, i) => submitDeliverable(dbs[i]!, storage, s.as(who), { milestoneId: s.plan[0]!.id, body: `${body} (${i})`, files: [file(samples.pdf, `v${i}.pdf`)] })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ code: 'awaiting_review' });
    expect(await rowCount(t.db, deliverables)).toBe(1);
    expect(await rowCount(t.db, files)).toBe(1);
    expect(storedCount()).toBe(1); // the refused one's bytes were removed again
    expect((await outbox(t.db)).map((m) => m.template)).toEqual(['deliverableSubmitted']);
  });
});

describe('the coach decides', () => {
  it('request changes (feedback required) → resubmit → a decision on the old submission is stale → approve', async () => {
    const s = await incubation(t.db);
    const [first, second, third] = s.plan as [typeof s.plan[0], typeof s.plan[0], typeof s.plan[0]];
    const grant = await grantWaitingFor(t.db, s.startup, first.id, third.id);
    const one = await submitDeliverable(t.db, storage, s.as(s.lead), { milestoneId: first.id, body });
    await t.db.delete(outboxMessages);

    expect(await domainError(decideDeliverable(t.db, s.as(s.coach), { milestoneId: first.id, deliverableId: one.id, decision: 'request_changes', feedback: '  ' }))).toMatchObject({
      code: 'feedback_required',
      details: { field: 'feedback' },
    });
    const feedback = 'Mancano i **costi** della sala: aggiungeteli.';
    const changed = await decideDeliverable(t.db, s.as(s.coach), { milestoneId: first.id, deliverableId: one.id, decision: 'request_changes', feedback });
    expect(changed).toMatchObject({ milestone: { status: 'changes_requested', approvedAt: null }, approval: null });
    const [decided] = await t.db.select().from(deliverables).where(eq(deliverables.id, one.id));
    expect(decided).toMatchObject({ decision: 'changes_requested', feedback, decidedBy: s.coach.id });
    const asked = await outbox(t.db);
    expect(asked.map((m) => [m.toUserId, m.template, m.locale]).sort()).toEqual(
      [
        [s.lead.id, 'deliverableChangesRequested', 'it'],
        [s.member.id, 'deliverableChangesRequested', 'en'],
      ].sort(),
    );
    expect(asked.find((m) => m.locale === 'en')!.textBody).toContain('costi');
    expect(asked.find((m) => m.locale === 'en')!.textBody).toContain(`/en/me/startups/${s.startup.id}/milestones/${first.id}`);
    expect(await trancheStatuses(t.db, grant.id)).toEqual(['planned', 'planned']);

    const two = await submitDeliverable(t.db, storage, s.as(s.member), { milestoneId: first.id, body: `${body}\n\nCosti aggiunti.` });
    expect(two.seq).toBe(2);
    // The coach's page still showed submission 1 (or a colleague already decided): refused, not applied.
    expect(await domainError(decideDeliverable(t.db, s.as(s.coach), { milestoneId: first.id, deliverableId: one.id, decision: 'approve' }))).toMatchObject({ kind: 'conflict', code: 'stale_submission' });

    await t.db.delete(outboxMessages);
    const approved = await decideDeliverable(t.db, s.as(s.coach), { milestoneId: first.id, deliverableId: two.id, decision: 'approve', feedback: 'Ottimo lavoro.' });
    expect(approved.milestone).toMatchObject({ status: 'approved', approvedBy: s.coach.id });
    expect(approved.approval).toMatchObject({ tranchesEligible: 1, startedId: second.id, stage: 'business_model' });
    expect(await trancheStatuses(t.db, grant.id)).toEqual(['eligible', 'planned']);
    expect((await milestoneRow(t.db, second.id)).status).toBe('in_progress');
    const [row] = await t.db.select({ stage: startups.stage }).from(startups).where(eq(startups.id, s.startup.id));
    expect(row!.stage).toBe('business_model');
    expect((await outbox(t.db)).map((m) => m.template)).toEqual(['deliverableApproved', 'deliverableApproved']);

    const actions = (await auditTrail(t.db)).map((e) => e.action);
    expect(actions.slice(-4)).toEqual(['milestone.approved', 'tranche.became-eligible', 'milestone.started', 'startup.stage-changed']);
    expect(actions).toContain('milestone.changes-requested');

    // Approved is final: no more submissions, no second decision.
    expect(await domainError(submitDeliverable(t.db, storage, s.as(s.lead), { milestoneId: first.id, body }))).toMatchObject({ code: 'milestone_approved' });
    expect(await domainError(decideDeliverable(t.db, s.as(s.coach), { milestoneId: first.id, deliverableId: two.id, decision: 'request_changes', feedback: 'x' }))).toMatchObject({ code: 'stale_submission' });

    const history = await getMilestoneDetail(t.db, s.as(s.lead), s.startup.id, first.id, 'team');
    expect(history.deliverables.map((d) => [d.seq, d.decision])).toEqual([
      [2, 'approved'],
      [1, 'changes_requested'],
    ]);
  });

  it('only the assigned coach decides: staff, the team, another coach and a staff member who coaches elsewhere are refused', async () => {
    const s = await incubation(t.db);
    const one = await submitDeliverable(t.db, storage, s.as(s.lead), { milestoneId: s.plan[0]!.id, body });
    const decide = (who: { actor: import('../../src/domain/policy.ts').Actor }) =>
      domainError(decideDeliverable(t.db, s.as(who), { milestoneId: s.plan[0]!.id, deliverableId: one.id, decision: 'approve' }));
    expect(await decide(s.staff)).toMatchObject({ kind: 'forbidden', code: 'missing_role' });
    expect(await decide(s.lead)).toMatchObject({ code: 'missing_role' });
    expect(await decide(s.otherCoach)).toMatchObject({ code: 'not_coach' });
    expect(await decide(s.staffCoach)).toMatchObject({ code: 'not_coach' });
    expect(await domainError(decideDeliverable(t.db, testContext(), { milestoneId: s.plan[0]!.id, deliverableId: one.id, decision: 'approve' }))).toMatchObject({ code: 'not_signed_in' });
    expect((await milestoneRow(t.db, s.plan[0]!.id)).status).toBe('submitted');
    const [d] = await t.db.select().from(deliverables).where(eq(deliverables.id, one.id));
    expect(d!.decision).toBeNull();
  });

  it('two coaches deciding at once: one decision applies, the other is refused as stale', async () => {
    const s = await incubation(t.db);
    const second = await createUser(t.db, 'coach');
    const { startupCoaches } = await import('../../db/schema/index.ts');
    await t.db.insert(startupCoaches).values({ startupId: s.startup.id, coachId: second.id });
    const one = await submitDeliverable(t.db, storage, s.as(s.lead), { milestoneId: s.plan[0]!.id, body });
    const dbs = t.kind === 'postgres' ? [(await t.connect()).db, (await t.connect()).db] : [t.db, t.db];
    const results = await Promise.allSettled([
      decideDeliverable(dbs[0]!, s.as(s.coach), { milestoneId: s.plan[0]!.id, deliverableId: one.id, decision: 'approve' }),
      decideDeliverable(dbs[1]!, s.as(second), { milestoneId: s.plan[0]!.id, deliverableId: one.id, decision: 'request_changes', feedback: 'Rivedere.' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'stale_submission' });
    const decidedEvents = (await auditTrail(t.db)).filter((e) => e.action === 'milestone.approved' || e.action === 'milestone.changes-requested');
    expect(decidedEvents).toHaveLength(1);
  });

  it('approving the last open milestone closes the start-up', async () => {
    const s = await incubation(t.db);
    const { milestones } = await import('../../db/schema/index.ts');
    const launch = s.plan.find((m) => m.kind === 'launch')!;
    for (const m of s.plan) if (m.id !== launch.id) await t.db.update(milestones).set({ status: 'approved' }).where(eq(milestones.id, m.id));
    const one = await submitDeliverable(t.db, storage, s.as(s.lead), { milestoneId: launch.id, body });
    const done = await decideDeliverable(t.db, s.as(s.coach), { milestoneId: launch.id, deliverableId: one.id, decision: 'approve' });
    expect(done.approval).toMatchObject({ stage: 'closed', startedId: null });
  });
});
