import type { TeamMember } from '../proposals/definitions.ts';

/** A row of `startup_members` as the team is carried over from the funded proposal. */
export type CarriedMember = { userId: string | null; name: string; role: string; lead: boolean; position: number };

/** Names compared as people read them: case, accents and spacing do not make another person. */
export function sameName(a: string, b: string): boolean {
  return normalName(a) === normalName(b);
}

function normalName(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * The start-up's team from its proposal: the proposer first, as lead and with their account, then
 * the people the proposal listed, by name only (they have no account yet). The proposal form asks
 * for "the people who will carry out the idea with you", and proposers often list themselves too:
 * that row becomes the lead's role rather than a second copy of the lead. Blank and repeated
 * names are dropped.
 */
export function teamFromProposal(lead: { userId: string; name: string }, team: readonly TeamMember[]): CarriedMember[] {
  const self = team.find((m) => sameName(m.name, lead.name));
  const out: CarriedMember[] = [{ userId: lead.userId, name: lead.name.trim(), role: self?.role.trim() ?? '', lead: true, position: 0 }];
  for (const member of team) {
    const name = member.name.trim();
    if (!name || out.some((m) => sameName(m.name, name))) continue;
    out.push({ userId: null, name, role: member.role.trim(), lead: false, position: out.length });
  }
  return out;
}
