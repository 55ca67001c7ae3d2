/**
 * The one permission module. Every page, action, API endpoint and file download asks `can()`;
 * nothing else decides. Rules are relationship-based: the resource carries the facts that matter
 * (owner, assigned evaluators, declared conflicts, team, coaches, funders), loaded by the caller.
 */
import { forbidden } from './errors.ts';

export const roles = ['resident', 'evaluator', 'coach', 'donor', 'staff', 'admin'] as const;
export type Role = (typeof roles)[number];
/** Roles staff may hand out by invitation; `admin` only an administrator may grant. */
export const invitableRoles = ['evaluator', 'coach', 'donor', 'staff'] as const satisfies readonly Role[];

export type Actor = { userId: string; roles: readonly Role[]; emailVerified: boolean };

export type ProposalFacts = {
  type: 'proposal';
  ownerId: string;
  /** Evaluators assigned to it, those who declared no conflict (cleared), and those who declared one. */
  assignedEvaluatorIds: readonly string[];
  clearedEvaluatorIds: readonly string[];
  conflictedEvaluatorIds: readonly string[];
  /** Whether the proposer may still change it (a draft, or reopened before the deadline). */
  editable: boolean;
};
export type StartupFacts = {
  type: 'startup';
  teamUserIds: readonly string[];
  coachIds: readonly string[];
  funderUserIds: readonly string[];
  publicProfile: boolean;
};
/** A donor (a person or an organisation) and the accounts acting for it. */
export type DonorFacts = { type: 'donor'; userIds: readonly string[]; approved: boolean };
export type UserFacts = { type: 'user'; id: string; roles: readonly Role[] };
/** The commission of a call: its president enters consensus scores. */
export type CommissionFacts = { type: 'commission'; presidentId: string | null; memberIds: readonly string[] };
/** A stored file is visible to whoever may see what it is attached to. */
export type FileFacts = { type: 'file'; attachedTo: ProposalFacts | StartupFacts | { type: 'public' } };

export type Resource = ProposalFacts | StartupFacts | UserFacts | FileFacts | CommissionFacts | DonorFacts;

export type DenyReason =
  | 'not_signed_in'
  | 'not_verified'
  | 'missing_role'
  | 'not_owner'
  | 'not_assigned'
  | 'conflict_of_interest'
  | 'not_editable'
  | 'not_team'
  | 'not_coach'
  | 'not_funder'
  | 'not_public'
  | 'admin_only'
  | 'not_self'
  | 'conflict_not_declared'
  | 'not_president'
  | 'not_donor'
  | 'donor_not_approved';

export type Decision = { ok: true } | { ok: false; reason: DenyReason };

const allow: Decision = { ok: true };
const deny = (reason: DenyReason): Decision => ({ ok: false, reason });

const has = (actor: Actor, ...wanted: Role[]) => wanted.some((r) => actor.roles.includes(r));
const isStaff = (actor: Actor) => has(actor, 'staff', 'admin');

type Rule<R> = (actor: Actor | null, resource: R) => Decision;

const signedIn: Rule<unknown> = (actor) => (actor ? allow : deny('not_signed_in'));
const withRole =
  (...wanted: Role[]): Rule<unknown> =>
  (actor) => {
    if (!actor) return deny('not_signed_in');
    return has(actor, ...wanted) ? allow : deny('missing_role');
  };
const staffOnly = withRole('staff', 'admin');
const verifiedAccount: Rule<unknown> = (actor) => {
  if (!actor) return deny('not_signed_in');
  return actor.emailVerified ? allow : deny('not_verified');
};
const adminOnly = withRole('admin');

function viewProposal(actor: Actor | null, p: ProposalFacts): Decision {
  if (!actor) return deny('not_signed_in');
  if (isStaff(actor) || actor.userId === p.ownerId) return allow;
  if (!has(actor, 'evaluator')) return deny('not_owner');
  return reviewAccess(actor, p);
}

/** An evaluator sees a proposal only if assigned, never after declaring a conflict, and only once cleared. */
function reviewAccess(actor: Actor, p: ProposalFacts): Decision {
  // Checked before the assignment: a declared conflict closes the proposal for good.
  if (p.conflictedEvaluatorIds.includes(actor.userId)) return deny('conflict_of_interest');
  if (!p.assignedEvaluatorIds.includes(actor.userId)) return deny('not_assigned');
  return p.clearedEvaluatorIds.includes(actor.userId) ? allow : deny('conflict_not_declared');
}

function ownProposal(actor: Actor | null, p: ProposalFacts): Decision {
  if (!actor) return deny('not_signed_in');
  return actor.userId === p.ownerId ? allow : deny('not_owner');
}

/** The coach assigned to this start-up; staff supervise but do not act as its coach. */
function assignedCoach(actor: Actor | null, s: StartupFacts): Decision {
  if (!actor) return deny('not_signed_in');
  if (!has(actor, 'coach')) return deny('missing_role');
  return s.coachIds.includes(actor.userId) ? allow : deny('not_coach');
}

function teamMember(actor: Actor | null, s: StartupFacts): Decision {
  if (!actor) return deny('not_signed_in');
  return s.teamUserIds.includes(actor.userId) ? allow : deny('not_team');
}

function donorMember(actor: Actor | null, d: DonorFacts): Decision {
  if (!actor) return deny('not_signed_in');
  return d.userIds.includes(actor.userId) ? allow : deny('not_donor');
}

function viewStartup(actor: Actor | null, s: StartupFacts): Decision {
  if (actor && (isStaff(actor) || s.teamUserIds.includes(actor.userId) || (has(actor, 'coach') && s.coachIds.includes(actor.userId)))) return allow;
  if (actor && s.funderUserIds.includes(actor.userId)) return allow;
  return s.publicProfile ? allow : deny(actor ? 'not_team' : 'not_signed_in');
}

const rules = {
  'account.view': signedIn,
  'account.update': signedIn,
  'area.me': withRole('resident'),
  'area.review': withRole('evaluator'),
  'area.coach': withRole('coach'),
  'area.donor': withRole('donor'),
  'area.staff': staffOnly,
  'audit.view': staffOnly,
  'mailbox.view': staffOnly,
  'user.list': staffOnly,
  'user.invite': staffOnly,
  'invitation.revoke': staffOnly,
  /** Granting or removing roles on an existing account, and granting `admin` in an invitation. */
  'user.roles.manage': adminOnly,
  'user.disable': ((actor, u: UserFacts) => {
    const base = adminOnly(actor, u);
    if (!base.ok) return base;
    return actor!.userId === u.id ? deny('not_self') : allow;
  }) satisfies Rule<UserFacts>,
  'programme.manage': staffOnly,
  /** Create, edit, publish and amend calls; see drafts. */
  'call.manage': staffOnly,
  /** The back-office list of a call's proposals, their details and CSV export. */
  'proposal.list': staffOnly,
  /** Admissibility: formal checks, soccorso istruttorio, admissible / inadmissible. */
  'proposal.decide': staffOnly,
  'proposal.create': ((actor) => {
    if (!actor) return deny('not_signed_in');
    if (!has(actor, 'resident')) return deny('missing_role');
    return actor.emailVerified ? allow : deny('not_verified');
  }) satisfies Rule<unknown>,
  'proposal.view': viewProposal satisfies Rule<ProposalFacts>,
  'proposal.edit': ((actor, p: ProposalFacts) => {
    if (!actor) return deny('not_signed_in');
    if (actor.userId !== p.ownerId) return deny('not_owner');
    return p.editable ? allow : deny('not_editable');
  }) satisfies Rule<ProposalFacts>,
  /** Withdraw, reopen, or answer a request to complete documents: the proposer only. */
  'proposal.withdraw': ((actor, p: ProposalFacts) => ownProposal(actor, p)) satisfies Rule<ProposalFacts>,
  'proposal.respond': ((actor, p: ProposalFacts) => ownProposal(actor, p)) satisfies Rule<ProposalFacts>,
  /** Giving or withdrawing consent to be named in published rankings (GDPR art. 7(3)): the proposer. */
  'proposal.consent': ((actor, p: ProposalFacts) => ownProposal(actor, p)) satisfies Rule<ProposalFacts>,
  'proposal.review': ((actor, p: ProposalFacts) => {
    if (!actor) return deny('not_signed_in');
    if (!has(actor, 'evaluator')) return deny('missing_role');
    return reviewAccess(actor, p);
  }) satisfies Rule<ProposalFacts>,
  /** Declaring (no) conflict of interest: any assigned evaluator who has not declared a conflict. */
  'review.declare': ((actor, p: ProposalFacts) => {
    if (!actor) return deny('not_signed_in');
    if (!has(actor, 'evaluator')) return deny('missing_role');
    if (p.conflictedEvaluatorIds.includes(actor.userId)) return deny('conflict_of_interest');
    return p.assignedEvaluatorIds.includes(actor.userId) ? allow : deny('not_assigned');
  }) satisfies Rule<ProposalFacts>,
  /** Commission, assignments, settings, progress board, rankings, observations' answers, exports. */
  'evaluation.manage': staffOnly,
  /** The commission's consensus score: its president. */
  'consensus.enter': ((actor, c: CommissionFacts) => {
    if (!actor) return deny('not_signed_in');
    return c.presidentId === actor.userId ? allow : deny('not_president');
  }) satisfies Rule<CommissionFacts>,
  /** Filing an observation on one's own proposal after the provisional ranking. */
  'observation.file': ((actor, p: ProposalFacts) => ownProposal(actor, p)) satisfies Rule<ProposalFacts>,
  'startup.view': viewStartup satisfies Rule<StartupFacts>,
  /** Start-ups from a final ranking, coaches, milestone templates and due dates, consent records. */
  'startup.create': staffOnly,
  'startup.manage': staffOnly,
  /** The team edits its profile and consent, business plan and monitoring reports. */
  'startup.edit': teamMember satisfies Rule<StartupFacts>,
  /** Submitting a milestone's deliverable (or a monitoring report): the team only. */
  'milestone.submit': teamMember satisfies Rule<StartupFacts>,
  /** Approving or requesting changes, coaching sessions, plan comments, monitoring feedback: the start-up's coach. */
  'milestone.review': assignedCoach satisfies Rule<StartupFacts>,
  'coaching.log': assignedCoach satisfies Rule<StartupFacts>,
  'plan.comment': assignedCoach satisfies Rule<StartupFacts>,
  /** The business plan: its team, its coaches and staff; never funders or the public, even with a public profile. */
  'plan.view': ((actor, s: StartupFacts) => {
    if (!actor) return deny('not_signed_in');
    if (isStaff(actor) || s.teamUserIds.includes(actor.userId)) return allow;
    return has(actor, 'coach') && s.coachIds.includes(actor.userId) ? allow : deny('not_team');
  }) satisfies Rule<StartupFacts>,
  'monitoring.feedback': assignedCoach satisfies Rule<StartupFacts>,
  'startup.coach': ((actor, s: StartupFacts) => {
    if (!actor) return deny('not_signed_in');
    if (isStaff(actor)) return allow;
    // A former coach (role removed, assignment left behind) no longer follows the start-up.
    return assignedCoach(actor, s);
  }) satisfies Rule<StartupFacts>,
  'startup.funding.view': ((actor, s: StartupFacts) => {
    if (!actor) return deny('not_signed_in');
    if (isStaff(actor) || s.teamUserIds.includes(actor.userId)) return allow;
    return s.funderUserIds.includes(actor.userId) ? allow : deny('not_funder');
  }) satisfies Rule<StartupFacts>,
  /** Asking to become a donor: a signed-in person with a confirmed address; staff approve. */
  'donor.signUp': verifiedAccount,
  /** Donors: approve sign-ups, record and commit pledges, the public wall. */
  'donor.manage': staffOnly,
  /** A donor's own page, pledges and statements: the accounts acting for it, and staff. */
  'donor.view': ((actor, d: DonorFacts) => {
    if (actor && isStaff(actor)) return allow;
    return donorMember(actor, d);
  }) satisfies Rule<DonorFacts>,
  /** A donor offers a pledge (then staff commit it on the signed agreement). */
  'pledge.create': ((actor, d: DonorFacts) => {
    const member = donorMember(actor, d);
    if (!member.ok) return member;
    return d.approved ? allow : deny('donor_not_approved');
  }) satisfies Rule<DonorFacts>,
  /** Grants, tranche plans, approvals and disbursements: the office (four-eyes left to the city's procedure). */
  'grant.manage': staffOnly,
  'tranche.approve': staffOnly,
  'disbursement.record': staffOnly,
  'file.download': ((actor, f: FileFacts) => {
    const parent = f.attachedTo;
    if (parent.type === 'public') return allow;
    return parent.type === 'proposal' ? viewProposal(actor, parent) : viewStartup(actor, parent);
  }) satisfies Rule<FileFacts>,
} as const;

export type Action = keyof typeof rules;
type ResourceOf<A extends Action> = Parameters<(typeof rules)[A]>[1];

/** Answers whether `actor` (null when anonymous) may do `action` on `resource`, with a reason. */
export function can<A extends Action>(actor: Actor | null, action: A, ...resource: ResourceArg<A>): Decision {
  const rule = rules[action] as Rule<unknown>;
  return rule(actor, resource[0]);
}

/** As `can`, but throws a `forbidden` domain error carrying the reason. */
export function authorize<A extends Action>(actor: Actor | null, action: A, ...resource: ResourceArg<A>): void {
  const decision = can(actor, action, ...resource);
  if (!decision.ok) throw forbidden(decision.reason, { action });
}

export type ResourceArg<A extends Action> = unknown extends ResourceOf<A> ? [] | [undefined] : [ResourceOf<A>];
