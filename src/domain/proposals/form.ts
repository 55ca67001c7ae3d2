import type { ProposalFormInput } from './content.ts';
import type { RawTeamRow } from './team.ts';
import { TEAM_MAX_ROWS } from './team.ts';

/**
 * Reads the proposal form (a web-standard FormData) into the shape `validateContent` takes.
 * Field names: applicantType, organisationName, title, neighbourhoodId, requested,
 * `team.<n>.name|role|adult`, `answers.<question key>` (repeated for multiple choices).
 * Uploaded files are read separately (`uploadsIn`).
 */
export function readProposalForm(form: FormData): ProposalFormInput {
  const input: ProposalFormInput = {};
  for (const name of ['applicantType', 'organisationName', 'title', 'neighbourhoodId', 'requested'] as const) {
    const value = form.get(name);
    if (typeof value === 'string') input[name] = value;
  }
  const team: RawTeamRow[] = [];
  const answers: Record<string, string[]> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value !== 'string') continue;
    const member = /^team\.(\d{1,2})\.(name|role|adult)$/.exec(name);
    if (member) {
      const i = Number(member[1]);
      if (i < TEAM_MAX_ROWS) (team[i] ??= {})[member[2] as keyof RawTeamRow] = value;
      continue;
    }
    const answer = /^answers\.([a-z][a-z0-9_]{0,39})$/.exec(name);
    if (answer) (answers[answer[1]!] ??= []).push(value);
  }
  // Only a form that has team rows replaces the team (a form without them leaves it as it is).
  if (form.has('teamRows')) input.team = Array.from(team, (row) => row ?? {});
  input.answers = answers;
  return input;
}

/** Files chosen in the form, by upload purpose (`upload.<purpose>`); empty file inputs are skipped. */
export function uploadsIn(form: FormData): { purpose: string; file: File }[] {
  const out: { purpose: string; file: File }[] = [];
  for (const [name, value] of form.entries()) {
    const match = /^upload\.([a-z][a-z0-9_:]{0,60})$/.exec(name);
    if (match && typeof value !== 'string' && value.size > 0) out.push({ purpose: match[1]!, file: value });
  }
  return out;
}
