import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { callAmendments, calls } from '../../db/schema/index.ts';
import { amendCall } from '../../src/domain/calls/manage-calls.server.ts';
import { createCall, createProposal, createUser } from '../factories/index.ts';
import { testContext } from '../support/context.ts';
import { useTestDb } from '../support/db.ts';
import { auditTrail, DAY, domainError, outbox, rowCount } from './helpers.ts';

const t = useTestDb();

const NOW = new Date('2026-03-02T09:00:00Z');
const CLOSES = new Date('2026-04-30T10:00:00Z'); // 12:00 in Rome
const note = { it: 'Scadenza prorogata per le festività.', en: 'Deadline extended because of the holidays.' };

async function setup() {
  const staff = await createUser(t.db, 'staff');
  const call = await createCall(t.db, {
    phase: 'published',
    opensAt: new Date('2026-03-01T08:00:00Z'),
    closesAt: CLOSES,
    titleIt: 'Idee di quartiere',
    titleEn: 'Neighbourhood ideas',
  });
  return { staff, call, ctx: testContext({ actor: staff.actor, requestId: 'req-amend', now: () => NOW }) };
}

const callRow = async (id: string) => (await t.db.select().from(calls).where(eq(calls.id, id)))[0]!;

describe('proroga', () => {
  it('moves the deadline later: a new version, the change from/to, an audit record, and mail to draft owners only', async () => {
    const { staff, call, ctx } = await setup();
    const italian = await createUser(t.db, 'resident', { name: 'Agata Russo' });
    const english = await createUser(t.db, 'resident', 'english', { name: 'Amir Haddad' });
    const submitter = await createUser(t.db, 'resident');
    const gone = await createUser(t.db, 'resident', 'disabled');
    const first = await createProposal(t.db, { callId: call.id, proposerId: italian.id, updatedAt: new Date(NOW.getTime() - DAY) });
    const latest = await createProposal(t.db, { callId: call.id, proposerId: italian.id, updatedAt: NOW });
    await createProposal(t.db, { callId: call.id, proposerId: english.id });
    await createProposal(t.db, { callId: call.id, proposerId: submitter.id, status: 'submitted', protocolNumber: 'IDEA-2026-000001', protocolSeq: 1 });
    await createProposal(t.db, { callId: call.id, proposerId: gone.id });
    const otherCall = await createCall(t.db, 'open');
    await createProposal(t.db, { callId: otherCall.id, proposerId: submitter.id });

    const later = new Date('2026-05-15T10:00:00Z');
    const { version } = await amendCall(t.db, ctx, call.id, { kind: 'proroga', closesAt: later, note });

    expect(version).toBe(2);
    expect(await callRow(call.id)).toMatchObject({ version: 2, closesAt: later, phase: 'published' });
    const [amendment] = await t.db.select().from(callAmendments);
    expect(amendment).toMatchObject({ callId: call.id, version: 2, kind: 'proroga', noteIt: note.it, noteEn: note.en, createdBy: staff.id });
    expect(amendment!.changes).toEqual({ closesAt: { from: CLOSES.toISOString(), to: later.toISOString() } });

    const mail = await outbox(t.db);
    expect(mail.map((m) => m.toAddress).sort()).toEqual([english.email, italian.email].sort());
    const toItalian = mail.find((m) => m.toAddress === italian.email)!;
    expect(toItalian).toMatchObject({ template: 'callAmended', locale: 'it', toUserId: italian.id });
    expect(toItalian.subject).toContain('Idee di quartiere');
    expect(toItalian.textBody).toContain('(proroga)');
    expect(toItalian.textBody).toContain(note.it);
    expect(toItalian.textBody).toContain('15 maggio 2026');
    expect(toItalian.textBody).toContain(`http://vivaio.test/it/me/proposals/${latest.id}`);
    expect(toItalian.textBody).not.toContain(first.id);
    const toEnglish = mail.find((m) => m.toAddress === english.email)!;
    expect(toEnglish.subject).toContain('Neighbourhood ideas');
    expect(toEnglish.textBody).toContain('(extension)');
    expect(toEnglish.textBody).toContain(note.en);
    expect(toEnglish.textBody).toContain('15 May 2026');

    expect(await auditTrail(t.db)).toEqual([
      expect.objectContaining({
        action: 'call.amended',
        entityId: call.id,
        actorId: staff.id,
        requestId: 'req-amend',
        summary: expect.objectContaining({ version: 2, kind: 'proroga', changed: ['closesAt'], notified: 2 }),
      }),
    ]);
  });

  it.each([
    ['earlier', new Date('2026-04-20T10:00:00Z')],
    ['the same', CLOSES],
  ])('may not make the deadline %s: nothing changes, nobody is told', async (_label, closesAt) => {
    const { call, ctx } = await setup();
    const resident = await createUser(t.db, 'resident');
    await createProposal(t.db, { callId: call.id, proposerId: resident.id });
    const error = await domainError(amendCall(t.db, ctx, call.id, { kind: 'proroga', closesAt, note }));
    expect(error).toMatchObject({ kind: 'invalid', code: 'proroga_not_later', details: { field: 'closesDate' } });
    expect(await callRow(call.id)).toMatchObject({ version: 1, closesAt: CLOSES });
    expect(await rowCount(t.db, callAmendments)).toBe(0);
    expect(await outbox(t.db)).toEqual([]);
    expect(await auditTrail(t.db)).toEqual([]);
  });

  it('does not reopen a call whose deadline has passed', async () => {
    const { call, ctx } = await setup();
    const after = { ...ctx, now: () => new Date(CLOSES.getTime() + 1000) };
    const error = await domainError(amendCall(t.db, after, call.id, { kind: 'proroga', closesAt: new Date('2026-06-01T10:00:00Z'), note }));
    expect(error).toMatchObject({ kind: 'conflict', code: 'call_not_editable' });
    expect((await callRow(call.id)).closesAt).toEqual(CLOSES);
  });

  it('is not for drafts, nor for calls under review', async () => {
    const { ctx } = await setup();
    const draft = await createCall(t.db, 'draft');
    const review = await createCall(t.db, 'inReview');
    expect((await domainError(amendCall(t.db, ctx, draft.id, { kind: 'proroga', closesAt: new Date('2026-12-01'), note }))).code).toBe('call_not_published');
    expect((await domainError(amendCall(t.db, ctx, review.id, { kind: 'proroga', closesAt: new Date('2026-12-01'), note }))).code).toBe('call_not_editable');
  });

  it('only staff amend calls: a resident is forbidden and nothing changes', async () => {
    const { call } = await setup();
    const resident = await createUser(t.db, 'resident');
    const error = await domainError(
      amendCall(t.db, testContext({ actor: resident.actor, now: () => NOW }), call.id, { kind: 'proroga', closesAt: new Date('2026-06-01T10:00:00Z'), note }),
    );
    expect(error).toMatchObject({ kind: 'forbidden' });
    expect(await callRow(call.id)).toMatchObject({ version: 1, closesAt: CLOSES });
    expect(await rowCount(t.db, callAmendments)).toBe(0);
  });
});

describe('rettifica', () => {
  it('corrects texts and amounts; successive amendments number the versions', async () => {
    const { call, ctx } = await setup();
    await amendCall(t.db, ctx, call.id, { kind: 'rettifica', patch: { titleEn: 'Ideas for the neighbourhood' }, note: { it: 'Refuso.', en: 'Typo.' } });
    await amendCall(t.db, ctx, call.id, {
      kind: 'rettifica',
      patch: { maxGrantCents: 3_000_000 },
      note: { it: 'Contributo aumentato.', en: 'Grant increased.' },
    });
    const rows = await t.db.select().from(callAmendments).orderBy(callAmendments.version);
    expect(rows.map((r) => [r.version, r.kind, Object.keys(r.changes)])).toEqual([
      [2, 'rettifica', ['titleEn']],
      [3, 'rettifica', ['maxGrantCents']],
    ]);
    expect(rows[1]!.changes.maxGrantCents).toEqual({ from: 2_500_000, to: 3_000_000 });
    expect((await callRow(call.id)).version).toBe(3);
  });

  it('may not leave the call incomplete, nor change nothing', async () => {
    const { call, ctx } = await setup();
    expect((await domainError(amendCall(t.db, ctx, call.id, { kind: 'rettifica', patch: { titleEn: '' }, note }))).code).toBe('ready_title');
    expect((await domainError(amendCall(t.db, ctx, call.id, { kind: 'rettifica', patch: { maxGrantCents: call.budgetCents + 1 }, note }))).code).toBe(
      'ready_budget',
    );
    expect((await domainError(amendCall(t.db, ctx, call.id, { kind: 'rettifica', patch: { titleIt: call.titleIt }, note }))).code).toBe('no_changes');
    expect(await rowCount(t.db, callAmendments)).toBe(0);
  });

  it('is not a way to move the deadline', async () => {
    const { call, ctx } = await setup();
    const error = await domainError(amendCall(t.db, ctx, call.id, { kind: 'rettifica', patch: { closesAt: new Date('2026-06-01T10:00:00Z') }, note }));
    expect(error.code).toBe('deadline_needs_proroga');
  });
});

describe('concurrency', () => {
  it('two amendments at once get consecutive versions: the call row is locked, none is lost', async () => {
    const { call, ctx } = await setup();
    const other = t.kind === 'postgres' ? (await t.connect()).db : t.db;
    await Promise.all([
      amendCall(t.db, ctx, call.id, { kind: 'rettifica', patch: { titleEn: 'First correction' }, note }),
      amendCall(other, ctx, call.id, { kind: 'rettifica', patch: { summaryEn: 'Second correction' }, note }),
    ]);
    const rows = await t.db.select().from(callAmendments).orderBy(callAmendments.version);
    expect(rows.map((r) => r.version)).toEqual([2, 3]);
    expect(await callRow(call.id)).toMatchObject({ version: 3, titleEn: 'First correction', summaryEn: 'Second correction' });
  });
});
