import { romeWallClock } from '../../lib/format.ts';

/**
 * What of a grant may be published, and how (pure rules, shared by the transparency page and the
 * open data so they can never disagree).
 *
 * D.lgs. 33/2013 art. 26-27 requires publishing every grant with its beneficiary; art. 26 c. 4 and
 * the Garante's guidelines of 15 May 2014 forbid identifying natural persons where that reveals
 * economic or social hardship — the very condition of the neighbourhoods these calls serve. So:
 * organisations (associations, social cooperatives: legal persons, public by law) are named; a
 * start-up of individuals or an informal group is named only with the team's consent to its public
 * profile (startups.public_consent, GDPR art. 6.1.a); otherwise the row is published without any
 * name and flagged.
 */
export type BeneficiaryFacts = {
  startupName: string;
  publicConsent: boolean;
  applicantType: string;
  organisationName: string | null;
};

export type PublicBeneficiary =
  | { publishable: true; /** The legal beneficiary: the organisation, or the consenting start-up. */ name: string; /** The funded project (the start-up). */ project: string }
  | { publishable: false; name: null; project: null };

/** Legal persons, named on every public page (the same list as the published rankings', evaluation/ranking-view.server.ts). */
export const ORGANISATION_TYPES: readonly string[] = ['association', 'social_cooperative'];

export function publicBeneficiary(f: BeneficiaryFacts): PublicBeneficiary {
  const isOrganisation = ORGANISATION_TYPES.includes(f.applicantType);
  const organisation = isOrganisation ? f.organisationName?.trim() || null : null;
  if (organisation) return { publishable: true, name: organisation, project: f.startupName };
  if (f.publicConsent || isOrganisation) {
    return { publishable: true, name: f.startupName, project: f.startupName };
  }
  return { publishable: false, name: null, project: null };
}

/** Art. 27 c. 1 lett. e: how the beneficiary was chosen (a merit ranking after a public call). */
export const SELECTION_METHOD = 'Graduatoria di merito – avviso pubblico';

/**
 * Art. 27 c. 1 lett. c: the legal title of the award — the public call and the programme line
 * that funds it, with the article that makes the publication a condition of efficacy.
 */
export function legalBasis(callTitleIt: string, programmeCode: string): string {
  return `Avviso pubblico «${callTitleIt}» – ${programmeCode} (art. 12 L. 241/1990; artt. 26-27 D.lgs. 33/2013)`;
}

/** OpenCoesione's observed values of OC_STATO_PROGETTO (research/domain-italy.md § 5.2). */
export type ProjectState = 'Non avviato' | 'In corso' | 'Liquidato' | 'Concluso';

/**
 * A start-up's OpenCoesione project state: closed → Concluso; the whole grant paid → Liquidato;
 * a signed agreement or any payment → In corso; otherwise Non avviato.
 */
export function projectState(f: { stage: string; awardedCents: number; committedCents: number; disbursedCents: number }): ProjectState {
  if (f.stage === 'closed') return 'Concluso';
  if (f.awardedCents > 0 && f.disbursedCents >= f.awardedCents) return 'Liquidato';
  if (f.committedCents > 0 || f.disbursedCents > 0) return 'In corso';
  return 'Non avviato';
}

/** The calendar day in Rome of an instant, `YYYY-MM-DD`. */
export function romeDay(date: Date): string {
  const p = romeWallClock(date);
  return `${p.year}-${p.month}-${p.day}`;
}

/** OpenCoesione writes dates as `YYYYMMDD`. */
export function compactDay(isoDay: string | null): string | null {
  return isoDay ? isoDay.replaceAll('-', '') : null;
}

/** The project key: the call and the proposal's protocol number, both already public in the ranking. */
export function projectCode(callSlug: string, protocolNumber: string | null, startupId: string): string {
  return protocolNumber ? `${callSlug}/${protocolNumber}` : `${callSlug}/${startupId}`;
}

/** The label of a beneficiary that may not be named (art. 26 c. 4), in the open data's language. */
export const UNPUBLISHABLE_BENEFICIARY = 'Beneficiario non pubblicabile (persona fisica)';

/** A project's public title: the start-up's name where publishable, else its protocol number only. */
export function publicProjectTitle(project: string | null, protocolNumber: string | null): string {
  return project ?? `Progetto ${protocolNumber ?? 'senza protocollo'} – ${UNPUBLISHABLE_BENEFICIARY.toLowerCase()}`;
}
