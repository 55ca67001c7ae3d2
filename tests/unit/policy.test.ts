import { describe, expect, it } from 'vitest';
import { can, type Action, type Actor, type DenyReason, type DonorFacts, type ProposalFacts, type StartupFacts } from '../../src/domain/policy.ts';

/**
 * The permission matrix: every action × every kind of person × their relationship to the
 * resource. `ok` means allowed; anything else is the reason the policy must give for refusing.
 */
const who = (userId: string, roles: Actor['roles'], emailVerified = true): Actor => ({ userId, roles, emailVerified });
const actors = {
  anonymous: null,
  owner: who('owner', ['resident']), // proposer of the proposal, member of the start-up's team
  unverified: who('unverified', ['resident'], false),
  otherResident: who('other-resident', ['resident']),
  assigned: who('assigned', ['evaluator']),
  unassigned: who('unassigned', ['evaluator']),
  conflicted: who('conflicted', ['evaluator']), // assigned too, but declared a conflict of interest
  coach: who('coach', ['coach']),
  otherCoach: who('other-coach', ['coach']),
  funder: who('funder', ['donor']),
  otherDonor: who('other-donor', ['donor']),
  staff: who('staff', ['staff']),
  admin: who('admin', ['admin', 'staff']),
} satisfies Record<string, Actor | null>;
type Who = keyof typeof actors;
type Expect = 'ok' | DenyReason;
type Row = Record<Who, Expect>;

const proposal: ProposalFacts = {
  type: 'proposal',
  ownerId: 'owner',
  assignedEvaluatorIds: ['assigned', 'conflicted'],
  clearedEvaluatorIds: ['assigned'],
  conflictedEvaluatorIds: ['conflicted'],
  editable: true,
};
const lockedProposal: ProposalFacts = { ...proposal, editable: false };
/** Assigned, but the evaluator has not yet declared the absence of conflicts. */
const unclearedProposal: ProposalFacts = { ...proposal, clearedEvaluatorIds: [] };
const commission = { type: 'commission' as const, presidentId: 'assigned', memberIds: ['assigned', 'unassigned', 'conflicted'] };
const startup: StartupFacts = { type: 'startup', teamUserIds: ['owner'], coachIds: ['coach'], funderUserIds: ['funder'], publicProfile: false };
const publicStartup: StartupFacts = { ...startup, publicProfile: true };
const donor: DonorFacts = { type: 'donor', userIds: ['funder'], approved: true };
const pendingDonor: DonorFacts = { ...donor, approved: false };

/** Role gates: the named people are allowed, the anonymous visitor must sign in, others lack the role. */
function only(...allowed: Who[]): Row {
  const row = {} as Row;
  for (const name of Object.keys(actors) as Who[]) {
    row[name] = allowed.includes(name) ? 'ok' : name === 'anonymous' ? 'not_signed_in' : 'missing_role';
  }
  return row;
}
const everyoneSignedIn = only(...(Object.keys(actors) as Who[]).filter((n) => n !== 'anonymous'));
const residents: Who[] = ['owner', 'unverified', 'otherResident'];
const evaluators: Who[] = ['assigned', 'unassigned', 'conflicted'];

// prettier-ignore
const viewProposal: Row = {
  anonymous: 'not_signed_in', owner: 'ok', unverified: 'not_owner', otherResident: 'not_owner',
  assigned: 'ok', unassigned: 'not_assigned', conflicted: 'conflict_of_interest',
  coach: 'not_owner', otherCoach: 'not_owner', funder: 'not_owner', otherDonor: 'not_owner', staff: 'ok', admin: 'ok',
};
// prettier-ignore
const viewPrivateStartup: Row = {
  anonymous: 'not_signed_in', owner: 'ok', unverified: 'not_team', otherResident: 'not_team',
  assigned: 'not_team', unassigned: 'not_team', conflicted: 'not_team',
  coach: 'ok', otherCoach: 'not_team', funder: 'ok', otherDonor: 'not_team', staff: 'ok', admin: 'ok',
};
/** Only the start-up's own coach: other coaches are refused, staff and others lack the role. */
// prettier-ignore
const coachOnly: Row = {
  anonymous: 'not_signed_in', owner: 'missing_role', unverified: 'missing_role', otherResident: 'missing_role',
  assigned: 'missing_role', unassigned: 'missing_role', conflicted: 'missing_role',
  coach: 'ok', otherCoach: 'not_coach', funder: 'missing_role', otherDonor: 'missing_role', staff: 'missing_role', admin: 'missing_role',
};
const all = (e: Expect) => Object.fromEntries(Object.keys(actors).map((n) => [n, e])) as Row;
const allOk = all('ok');
const except = (base: Row, changes: Partial<Row>): Row => ({ ...base, ...changes });

type Case = { label: string; resource?: unknown; expected: Row };
/** Typed as Record<Action, …>: a new action in policy.ts does not compile until it has rows here. */
const matrix: Record<Action, Case[]> = {
  'account.view': [{ label: 'own account', expected: everyoneSignedIn }],
  'account.update': [{ label: 'own account', expected: everyoneSignedIn }],
  'area.me': [{ label: 'resident area', expected: only(...residents) }],
  'area.review': [{ label: 'review area', expected: only(...evaluators) }],
  'area.coach': [{ label: 'coach area', expected: only('coach', 'otherCoach') }],
  'area.donor': [{ label: 'donor area', expected: only('funder', 'otherDonor') }],
  'area.staff': [{ label: 'back office', expected: only('staff', 'admin') }],
  'audit.view': [{ label: 'audit trail', expected: only('staff', 'admin') }],
  'mailbox.view': [{ label: 'dev mailbox', expected: only('staff', 'admin') }],
  'call.manage': [{ label: 'call editor', expected: only('staff', 'admin') }],
  'proposal.list': [{ label: 'proposals of a call', expected: only('staff', 'admin') }],
  'proposal.decide': [{ label: 'admissibility', expected: only('staff', 'admin') }],
  'proposal.withdraw': [
    { label: 'own or not', resource: proposal, expected: except(all('not_owner'), { anonymous: 'not_signed_in', owner: 'ok' }) },
    { label: 'even when no longer editable', resource: lockedProposal, expected: except(all('not_owner'), { anonymous: 'not_signed_in', owner: 'ok' }) },
  ],
  'review.declare': [
    {
      label: 'assigned or not',
      resource: unclearedProposal,
      expected: except(all('missing_role'), { anonymous: 'not_signed_in', assigned: 'ok', unassigned: 'not_assigned', conflicted: 'conflict_of_interest' }),
    },
  ],
  'evaluation.manage': [{ label: 'commission, assignments, rankings', expected: only('staff', 'admin') }],
  'consensus.enter': [{ label: 'the president only', resource: commission, expected: except(all('not_president'), { anonymous: 'not_signed_in', assigned: 'ok' }) }],
  'observation.file': [{ label: 'own or not', resource: proposal, expected: except(all('not_owner'), { anonymous: 'not_signed_in', owner: 'ok' }) }],
  'proposal.consent': [{ label: 'own or not', resource: lockedProposal, expected: except(all('not_owner'), { anonymous: 'not_signed_in', owner: 'ok' }) }],
  'proposal.respond': [{ label: 'own or not', resource: proposal, expected: except(all('not_owner'), { anonymous: 'not_signed_in', owner: 'ok' }) }],
  'user.list': [{ label: 'user list', expected: only('staff', 'admin') }],
  'user.invite': [{ label: 'invite', expected: only('staff', 'admin') }],
  'invitation.revoke': [{ label: 'revoke invitation', expected: only('staff', 'admin') }],
  'user.roles.manage': [{ label: 'change roles', expected: only('admin') }],
  'user.disable': [
    { label: 'another account', resource: { type: 'user', id: 'owner', roles: ['resident'] }, expected: only('admin') },
    { label: 'own account', resource: { type: 'user', id: 'admin', roles: ['admin', 'staff'] }, expected: except(only(), { admin: 'not_self' }) },
  ],
  'programme.manage': [{ label: 'programmes', expected: only('staff', 'admin') }],
  'proposal.create': [{ label: 'new proposal', expected: except(only('owner', 'otherResident'), { unverified: 'not_verified' }) }],
  'proposal.view': [
    { label: 'a proposal', resource: proposal, expected: viewProposal },
    { label: 'before the evaluator declares no conflict', resource: unclearedProposal, expected: except(viewProposal, { assigned: 'conflict_not_declared' }) },
  ],
  'proposal.edit': [
    {
      label: 'editable proposal',
      resource: proposal,
      expected: except(all('not_owner'), { anonymous: 'not_signed_in', owner: 'ok' }),
    },
    {
      label: 'submitted proposal',
      resource: lockedProposal,
      expected: except(all('not_owner'), { anonymous: 'not_signed_in', owner: 'not_editable' }),
    },
  ],
  'proposal.review': [
    {
      label: 'a proposal',
      resource: proposal,
      expected: except(only(), { assigned: 'ok', unassigned: 'not_assigned', conflicted: 'conflict_of_interest' }),
    },
    {
      label: 'before declaring no conflict',
      resource: unclearedProposal,
      expected: except(only(), { assigned: 'conflict_not_declared', unassigned: 'not_assigned', conflicted: 'conflict_of_interest' }),
    },
  ],
  'startup.view': [
    { label: 'private start-up', resource: startup, expected: viewPrivateStartup },
    { label: 'public start-up', resource: publicStartup, expected: allOk },
  ],
  'startup.edit': [
    {
      label: 'a start-up',
      resource: startup,
      expected: except(all('not_team'), { anonymous: 'not_signed_in', owner: 'ok' }),
    },
  ],
  'startup.coach': [{ label: 'a start-up', resource: startup, expected: except(coachOnly, { staff: 'ok', admin: 'ok' }) }],
  'startup.funding.view': [
    {
      label: 'a start-up',
      resource: publicStartup,
      expected: except(all('not_funder'), {
        anonymous: 'not_signed_in',
        owner: 'ok',
        funder: 'ok',
        staff: 'ok',
        admin: 'ok',
      }),
    },
  ],
  'startup.create': [{ label: 'start-ups from a ranking', expected: only('staff', 'admin') }],
  'startup.manage': [{ label: 'coaches, due dates, templates', expected: only('staff', 'admin') }],
  'milestone.submit': [{ label: 'a start-up', resource: startup, expected: except(all('not_team'), { anonymous: 'not_signed_in', owner: 'ok' }) }],
  'milestone.review': [{ label: 'a start-up', resource: startup, expected: coachOnly }],
  'coaching.log': [{ label: 'a start-up', resource: startup, expected: coachOnly }],
  'plan.comment': [{ label: 'a start-up', resource: startup, expected: coachOnly }],
  'plan.view': [
    {
      label: 'a former coach (role removed, assignment left behind)',
      resource: { ...startup, coachIds: ['coach', 'otherResident'] },
      expected: except(all('not_team'), { anonymous: 'not_signed_in', owner: 'ok', coach: 'ok', staff: 'ok', admin: 'ok' }),
    },
    { label: 'a public start-up', resource: publicStartup, expected: except(all('not_team'), { anonymous: 'not_signed_in', owner: 'ok', coach: 'ok', staff: 'ok', admin: 'ok' }) },
  ],
  'monitoring.feedback': [{ label: 'a start-up', resource: startup, expected: coachOnly }],
  'donor.signUp': [{ label: 'ask to become a donor', expected: except(everyoneSignedIn, { unverified: 'not_verified' }) }],
  'donor.manage': [{ label: 'donors and pledges', expected: only('staff', 'admin') }],
  'donor.view': [{ label: 'a donor', resource: donor, expected: except(all('not_donor'), { anonymous: 'not_signed_in', funder: 'ok', staff: 'ok', admin: 'ok' }) }],
  'pledge.create': [
    { label: 'an approved donor', resource: donor, expected: except(all('not_donor'), { anonymous: 'not_signed_in', funder: 'ok' }) },
    { label: 'a donor awaiting approval', resource: pendingDonor, expected: except(all('not_donor'), { anonymous: 'not_signed_in', funder: 'donor_not_approved' }) },
  ],
  'grant.manage': [{ label: 'grants', expected: only('staff', 'admin') }],
  'tranche.approve': [{ label: 'tranches', expected: only('staff', 'admin') }],
  'disbursement.record': [{ label: 'disbursements', expected: only('staff', 'admin') }],
  'file.download': [
    { label: 'file of a proposal', resource: { type: 'file', attachedTo: proposal }, expected: viewProposal },
    { label: 'file of a private start-up', resource: { type: 'file', attachedTo: startup }, expected: viewPrivateStartup },
    { label: 'file of a public start-up', resource: { type: 'file', attachedTo: publicStartup }, expected: allOk },
    { label: 'public file', resource: { type: 'file', attachedTo: { type: 'public' } }, expected: allOk },
  ],
};

const decide = (action: Action, actor: Actor | null, resource: unknown) =>
  (can as (a: Actor | null, action: Action, r?: unknown) => ReturnType<typeof can>)(actor, action, resource);

const rows = Object.entries(matrix).flatMap(([action, cases]) =>
  cases.flatMap((c) =>
    (Object.keys(actors) as Who[]).map((name) => ({ action: action as Action, label: c.label, name, resource: c.resource, expected: c.expected[name] })),
  ),
);

describe('policy matrix', () => {
  it.each(rows)('$action on $label as $name → $expected', ({ action, name, resource, expected }) => {
    const decision = decide(action, actors[name], resource);
    expect(decision).toEqual(expected === 'ok' ? { ok: true } : { ok: false, reason: expected });
  });
});
