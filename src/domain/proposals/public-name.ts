import type { Translate } from '../../lib/i18n/index.ts';
import type { ApplicantType } from './content.ts';

/**
 * Whose name a published ranking (public results page, ranking CSV) may show.
 * - Associations and social cooperatives: their name, always. Grants to bodies are published by
 *   law with the beneficiary's name (D.lgs. 33/2013, artt. 26-27).
 * - Individuals and informal groups: only with the proposer's consent (GDPR art. 6(1)(a)), given
 *   when sending the proposal and revocable at any time; then the proposer's own name, for a group
 *   as its contact person. Other team members never gave theirs, so they are never named.
 * Otherwise nothing: the proposal is known by its protocol number only.
 */
export type PublicName = { kind: 'organisation' | 'individual' | 'informal_group'; name: string };

export type NameFacts = {
  applicantType: ApplicantType;
  organisationName: string | null;
  publicNameConsent: boolean;
  proposerName: string;
};

/** The applicant types whose names need the proposer's consent (the form asks only them). */
export const consentTypes: readonly ApplicantType[] = ['individual', 'informal_group'];

export const asksNameConsent = (type: ApplicantType): boolean => consentTypes.includes(type);

export function publicNameOf(row: NameFacts): PublicName | null {
  if (row.applicantType === 'association' || row.applicantType === 'social_cooperative') {
    const name = row.organisationName?.trim();
    return name ? { kind: 'organisation', name } : null;
  }
  const person = row.proposerName.trim();
  if (!row.publicNameConsent || !person) return null;
  return { kind: row.applicantType, name: person };
}

/** The name as a ranking shows it: a group's contact person is said to be one. */
export function publicNameText(name: PublicName | null, t: Translate): string | null {
  if (!name) return null;
  return name.kind === 'informal_group' ? t('ranking.results.groupContact', { name: name.name }) : name.name;
}
