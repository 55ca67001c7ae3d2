import type { FieldErrors } from '../../lib/validation.ts';
import type { AnswerMode } from './answers.ts';
import type { TeamMember } from './definitions.ts';
import { cleanText, textLength } from './text.ts';

/** A team row as a form sends it (`team.0.name`, `team.0.role`, `team.0.adult`) or as stored. */
export type RawTeamRow = { name?: unknown; role?: unknown; adult?: unknown };

export const TEAM_MAX_ROWS = 20;
export const TEAM_TEXT_MAX = 120;

/**
 * The team of a proposal. Empty rows are ignored (the form offers a few spare ones). An informal
 * group needs at least `minGroupMembers` adults (the call's clause on groups, e.g. "at least two
 * adults"); the check waits for submission so a group can be typed in over several sessions.
 */
export function readTeam(
  rows: readonly RawTeamRow[],
  applicantType: string,
  minGroupMembers: number,
  mode: AnswerMode,
): { ok: boolean; members: TeamMember[]; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const members: TeamMember[] = [];
  rows.slice(0, TEAM_MAX_ROWS).forEach((row, i) => {
    const name = text(row.name);
    const role = text(row.role);
    const adult = row.adult === true || row.adult === 'on' || row.adult === 'yes' || row.adult === 'true';
    if (name === null || role === null) {
      errors[`team.${i}.name`] = { key: 'validation.invalid' };
      return;
    }
    if (!name && !role) return;
    if (textLength(name) > TEAM_TEXT_MAX) errors[`team.${i}.name`] = { key: 'validation.tooLong', params: { max: TEAM_TEXT_MAX } };
    if (textLength(role) > TEAM_TEXT_MAX) errors[`team.${i}.role`] = { key: 'validation.tooLong', params: { max: TEAM_TEXT_MAX } };
    if (!name && mode === 'submit') errors[`team.${i}.name`] = { key: 'validation.required' };
    members.push({ name, role, adult });
  });
  const rowErrors = Object.keys(errors).length > 0;
  if (mode === 'submit' && applicantType === 'informal_group') {
    const adults = members.filter((m) => m.adult && m.name).length;
    if (adults < minGroupMembers) errors.team = { key: 'proposals.errors.teamTooSmall', params: { min: minGroupMembers } };
  }
  return { ok: !rowErrors, members, errors };
}

function text(value: unknown): string | null {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? cleanText(value, false) : null;
}
