import type { AttachmentRequirement, LocalizedText } from '../calls/definitions.ts';
import type { TeamMember } from '../proposals/definitions.ts';

/**
 * The formal admissibility requirements of one proposal (domain-italy.md §2.2 point 4 and 7):
 * fixed ones every call has, one per required attachment, and the minimum group size for
 * informal groups. Each comes with what the data suggest (`suggested`), which staff confirm or
 * overrule with a motivation: the check is a person's judgement, the suggestion only a help.
 */
export const fixedRequirements = ['on_time', 'applicant_type', 'amount', 'declarations'] as const;
export type FixedRequirement = (typeof fixedRequirements)[number] | 'group_members';

export type Requirement =
  | { key: FixedRequirement; kind: 'fixed'; suggested: boolean }
  | { key: `attachment:${string}`; kind: 'attachment'; label: LocalizedText; suggested: boolean };

export type RequirementCall = {
  closesAt: Date;
  applicantTypes: readonly string[];
  maxGrantCents: number;
  minGroupMembers: number;
  attachments: readonly AttachmentRequirement[];
};
export type RequirementProposal = {
  submittedAt: Date | null;
  applicantType: string;
  requestedCents: number | null;
  declarationsAcceptedAt: Date | null;
  team: readonly TeamMember[];
};

/** `uploaded`: the purposes (attachment keys) with at least one file, in the proposal or sent later. */
export function requirementsFor(call: RequirementCall, proposal: RequirementProposal, uploaded: ReadonlySet<string>): Requirement[] {
  const list: Requirement[] = [
    { key: 'on_time', kind: 'fixed', suggested: proposal.submittedAt !== null && proposal.submittedAt < call.closesAt },
    { key: 'applicant_type', kind: 'fixed', suggested: call.applicantTypes.includes(proposal.applicantType) },
    { key: 'amount', kind: 'fixed', suggested: amountWithinMaximum(proposal.requestedCents, call.maxGrantCents) },
    { key: 'declarations', kind: 'fixed', suggested: proposal.declarationsAcceptedAt !== null },
  ];
  if (proposal.applicantType === 'informal_group') {
    const adults = proposal.team.filter((m) => m.adult).length;
    list.push({ key: 'group_members', kind: 'fixed', suggested: adults >= call.minGroupMembers });
  }
  for (const a of call.attachments.filter((x) => x.required)) {
    list.push({ key: `attachment:${a.key}`, kind: 'attachment', label: a.label, suggested: uploaded.has(a.key) });
  }
  return list;
}

/** A maximum of 0 means the call sets none. */
function amountWithinMaximum(requested: number | null, max: number): boolean {
  if (requested === null || requested <= 0) return false;
  return max <= 0 || requested <= max;
}

export function requirementKeys(list: readonly Requirement[]): string[] {
  return list.map((r) => r.key);
}
