import { describe, expect, it } from 'vitest';
import { donorUsers, pledges } from '../../db/schema/index.ts';
import { cancelPledge } from '../../src/domain/money/cancel-pledge.server.ts';
import { commitPledge } from '../../src/domain/money/commit-pledge.server.ts';
import { createGrant } from '../../src/domain/money/create-grant.server.ts';
import { createPledge, type CreatePledgeInput } from '../../src/domain/money/create-pledge.server.ts';
import { formatMoney } from '../../src/lib/format.ts';
import { createCall, createDonor, createNeighbourhood, createPledge as pledgeRow, createStartup, createUser } from '../factories/index.ts';
import { testContext } from '../support/context.ts';
import { useTestDb } from '../support/db.ts';
import { auditTrail, domainError, outbox, rowCount } from './helpers.ts';
import { EUR, moneyWorld } from './money-setup.ts';

const t = useTestDb();

describe('pledges offered and recorded', () => {
  it('an approved donor’s account offers one to a call’s fund, restricted to a neighbourhood and a theme', async () => {
    const world = await moneyWorld(t.db, { startups: 0 });
    const donorCtx = testContext({ actor: world.donorUser.actor });
    const input: CreatePledgeInput = { donorId: world.donor.id, target: { kind: 'call', callId: world.call.id }, neighbourhoodId: world.neighbourhood.id, theme: 'sport', amountCents: 5_000 * EUR };
    const pledge = await createPledge(t.db, donorCtx, input);
    expect(pledge).toMatchObject({ status: 'pledged', callId: world.call.id, startupId: null, neighbourhoodId: world.neighbourhood.id, theme: 'sport', amountCents: 5_000 * EUR, createdBy: world.donorUser.id });
    const [audit] = (await auditTrail(t.db)).filter((a) => a.action === 'pledge.created');
    expect(audit).toMatchObject({ entityId: pledge.id, actorId: world.donorUser.id, summary: { amountCents: 5_000 * EUR } });

    const elsewhere = await createNeighbourhood(t.db);
    expect(await domainError(createPledge(t.db, donorCtx, { ...input, neighbourhoodId: elsewhere.id }))).toMatchObject({ code: 'neighbourhood_not_in_call', details: { field: 'neighbourhoodId' } });
    expect(await domainError(createPledge(t.db, donorCtx, { ...input, theme: 'housing' }))).toMatchObject({ code: 'theme_not_in_call', details: { field: 'theme' } });
    const draft = await createCall(t.db, 'draft');
    expect(await domainError(createPledge(t.db, donorCtx, { ...input, target: { kind: 'call', callId: draft.id }, neighbourhoodId: null, theme: null }))).toMatchObject({ code: 'call_not_fundable' });
    expect(await rowCount(t.db, pledges)).toBe(1);
  });

  it('to a start-up: tied to its call, without restrictions; donors see only start-ups with a public profile', async () => {
    const world = await moneyWorld(t.db, { startups: 0 });
    const hidden = await createStartup(t.db, { callId: world.call.id, publicConsent: false });
    const shown = await createStartup(t.db, { callId: world.call.id, publicConsent: true });
    const donorCtx = testContext({ actor: world.donorUser.actor });
    const base = { donorId: world.donor.id, neighbourhoodId: null, theme: null, amountCents: 2_500 * EUR };
    expect(await createPledge(t.db, donorCtx, { ...base, target: { kind: 'startup', startupId: shown.id } })).toMatchObject({ callId: world.call.id, startupId: shown.id });
    expect(await domainError(createPledge(t.db, donorCtx, { ...base, target: { kind: 'startup', startupId: hidden.id } }))).toMatchObject({ code: 'startup_not_found' });
    expect(await createPledge(t.db, world.ctx, { ...base, target: { kind: 'startup', startupId: hidden.id } })).toMatchObject({ startupId: hidden.id, createdBy: world.staff.id });
    expect(await domainError(createPledge(t.db, world.ctx, { ...base, theme: 'sport', target: { kind: 'startup', startupId: shown.id } }))).toMatchObject({ code: 'restriction_for_call_fund_only' });
  });

  it('of nothing is refused on the amount field, not by the table', async () => {
    const world = await moneyWorld(t.db, { startups: 0 });
    const input: CreatePledgeInput = { donorId: world.donor.id, target: { kind: 'call', callId: world.call.id }, neighbourhoodId: null, theme: null, amountCents: 0 };
    expect(await domainError(createPledge(t.db, world.ctx, input))).toMatchObject({ kind: 'invalid', code: 'amount_positive', details: { field: 'amount' } });
    expect(await domainError(createPledge(t.db, world.ctx, { ...input, amountCents: -5 }))).toMatchObject({ code: 'amount_positive' });
    expect(await rowCount(t.db, pledges)).toBe(0);
  });

  it('nobody offers for someone else’s donor; a donor waiting for approval cannot pledge yet', async () => {
    const world = await moneyWorld(t.db, { startups: 0 });
    const stranger = await createUser(t.db, 'donor');
    const pendingUser = await createUser(t.db, 'donor');
    const pending = await createDonor(t.db, { status: 'pending', decidedAt: null, userIds: [pendingUser.id] });
    const input = (donorId: string): CreatePledgeInput => ({ donorId, target: { kind: 'call', callId: world.call.id }, neighbourhoodId: null, theme: null, amountCents: 1_000 * EUR });
    expect(await domainError(createPledge(t.db, testContext({ actor: stranger.actor }), input(world.donor.id)))).toMatchObject({ kind: 'forbidden', code: 'not_donor' });
    expect(await domainError(createPledge(t.db, testContext({ actor: pendingUser.actor }), input(pending.id)))).toMatchObject({ kind: 'forbidden', code: 'donor_not_approved' });
    expect(await domainError(createPledge(t.db, world.ctx, input(pending.id)))).toMatchObject({ code: 'donor_not_approved' });
    expect(await domainError(createPledge(t.db, testContext(), input(world.donor.id)))).toMatchObject({ code: 'not_signed_in' });
    expect(await rowCount(t.db, pledges)).toBe(0);
  });
});

describe('commitment', () => {
  it('staff record the agreement: binding, audited, the donor’s accounts are emailed in their language', async () => {
    const world = await moneyWorld(t.db, { startups: 0 });
    const colleague = await createUser(t.db, 'donor', 'english');
    await t.db.insert(donorUsers).values({ donorId: world.donor.id, userId: colleague.id });
    const pledge = await pledgeRow(t.db, { donorId: world.donor.id, callId: world.call.id, amountCents: 12_345_67 });
    const committed = await commitPledge(t.db, world.ctx, { pledgeId: pledge.id, agreementRef: 'ACC-2026-3', agreementOn: '2026-02-20' });
    expect(committed).toMatchObject({ status: 'committed', agreementRef: 'ACC-2026-3', agreementOn: '2026-02-20', version: 2 });
    const mail = (await outbox(t.db)).filter((m) => m.template === 'pledgeCommitted');
    expect(mail.map((m) => m.toUserId).sort()).toEqual([world.donorUser.id, colleague.id].sort());
    const italian = mail.find((m) => m.toUserId === world.donorUser.id)!;
    expect(italian.textBody).toContain(formatMoney(12_345_67, 'it'));
    expect(italian.textBody).toContain(world.call.titleIt);
    expect(italian.textBody).toContain('ACC-2026-3');
    expect(italian.textBody).toContain('20 febbraio 2026');
    const english = mail.find((m) => m.toUserId === colleague.id)!;
    expect(english.textBody).toContain(formatMoney(12_345_67, 'en'));
    expect(english.textBody).toContain(world.call.titleEn);
    expect((await auditTrail(t.db)).filter((a) => a.action === 'pledge.committed').map((a) => a.entityId)).toEqual([pledge.id]);

    expect(await domainError(commitPledge(t.db, world.ctx, { pledgeId: pledge.id, agreementRef: 'X', agreementOn: '2026-02-20' }))).toMatchObject({ code: 'pledge_already_committed' });
    const other = await pledgeRow(t.db, { donorId: world.donor.id, callId: world.call.id });
    expect(await domainError(commitPledge(t.db, world.ctx, { pledgeId: other.id, agreementRef: 'X', agreementOn: '2999-01-01' }))).toMatchObject({ code: 'date_in_future' });
    expect(await domainError(commitPledge(t.db, testContext({ actor: world.donorUser.actor }), { pledgeId: other.id, agreementRef: 'X', agreementOn: '2026-02-20' }))).toMatchObject({ kind: 'forbidden' });
  });
});

describe('cancellation', () => {
  it('while nothing is drawn, with the reason; refused when the call’s grants stand on the pledge', async () => {
    const world = await moneyWorld(t.db, { startups: 1, call: { budgetCents: 20_000 * EUR } });
    const offered = await pledgeRow(t.db, { donorId: world.donor.id, callId: world.call.id, amountCents: 50_000 * EUR });
    expect(await cancelPledge(t.db, world.ctx, { pledgeId: offered.id, reason: 'Il donatore ha rinunciato.' })).toMatchObject({ status: 'cancelled', cancelReason: 'Il donatore ha rinunciato.' });
    expect(await domainError(cancelPledge(t.db, world.ctx, { pledgeId: offered.id, reason: 'Di nuovo.' }))).toMatchObject({ code: 'pledge_already_cancelled' });

    const binding = await pledgeRow(t.db, { donorId: world.donor.id, callId: world.call.id, amountCents: 10_000 * EUR, status: 'committed' });
    await createGrant(t.db, world.ctx, { startupId: world.startups[0]!.id, amountCents: 25_000 * EUR });
    // Resources 30,000 €, awarded 25,000 €: without the pledge 5,000 € would be missing.
    expect(await domainError(cancelPledge(t.db, world.ctx, { pledgeId: binding.id, reason: 'Accordo sciolto.' }))).toMatchObject({ code: 'cancel_breaks_resources', details: { shortfallCents: 5_000 * EUR } });
    const spare = await pledgeRow(t.db, { donorId: world.donor.id, callId: world.call.id, amountCents: 5_000 * EUR, status: 'committed' });
    // With a second binding pledge of 5,000 €, either one alone may go.
    await cancelPledge(t.db, world.ctx, { pledgeId: spare.id, reason: 'Accordo sciolto.' });
    expect(await domainError(cancelPledge(t.db, world.ctx, { pledgeId: binding.id, reason: 'Accordo sciolto.' }))).toMatchObject({ code: 'cancel_breaks_resources' });
    const drawn = await pledgeRow(t.db, { donorId: world.donor.id, callId: world.call.id, amountCents: 1_000 * EUR, status: 'disbursed' });
    expect(await domainError(cancelPledge(t.db, world.ctx, { pledgeId: drawn.id, reason: 'No.' }))).toMatchObject({ code: 'pledge_has_disbursements' });
    expect(await domainError(cancelPledge(t.db, testContext({ actor: world.donorUser.actor }), { pledgeId: binding.id, reason: 'No.' }))).toMatchObject({ kind: 'forbidden' });
    expect((await auditTrail(t.db)).filter((a) => a.action === 'pledge.cancelled')).toHaveLength(2);
  });

  it('of a pledge restricted to a start-up depends only on that start-up’s grant', async () => {
    const world = await moneyWorld(t.db, { startups: 2, call: { budgetCents: 20_000 * EUR } });
    const [a, b] = world.startups as [(typeof world.startups)[0], (typeof world.startups)[0]];
    const forA = await pledgeRow(t.db, { donorId: world.donor.id, callId: world.call.id, startupId: a.id, amountCents: 5_000 * EUR, status: 'committed' });
    const forB = await pledgeRow(t.db, { donorId: world.donor.id, callId: world.call.id, startupId: b.id, amountCents: 5_000 * EUR, status: 'committed' });
    // a's 25,000 € stand on its own pledge and the whole budget; b has no grant.
    await createGrant(t.db, world.ctx, { startupId: a.id, amountCents: 25_000 * EUR });
    expect(await cancelPledge(t.db, world.ctx, { pledgeId: forB.id, reason: 'Accordo sciolto.' })).toMatchObject({ status: 'cancelled' });
    expect(await domainError(cancelPledge(t.db, world.ctx, { pledgeId: forA.id, reason: 'Accordo sciolto.' }))).toMatchObject({ code: 'cancel_breaks_resources', details: { shortfallCents: 5_000 * EUR } });
    // Unrestricted money may take its place.
    await pledgeRow(t.db, { donorId: world.donor.id, callId: world.call.id, amountCents: 5_000 * EUR, status: 'committed' });
    expect(await cancelPledge(t.db, world.ctx, { pledgeId: forA.id, reason: 'Accordo sciolto.' })).toMatchObject({ status: 'cancelled' });
  });
});
