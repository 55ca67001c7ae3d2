import type { CallQuestion, LocalizedText } from '../calls/definitions.ts';
import type { FieldErrors } from '../../lib/validation.ts';
import { answerField } from './answers.ts';
import { attachmentField } from './submission.ts';

/**
 * The proposal form in sections, in the order people fill it in: who applies and what (fixed
 * fields), the team, the call's questions grouped by their section, the attachments. A section is
 * complete when the submission check finds nothing missing in it; the page shows "3 of 5".
 */
export type FormSection =
  | { id: 'applicant' | 'team' | 'attachments'; kind: 'fixed'; fields: string[] }
  | { id: string; kind: 'questions'; title: LocalizedText; questions: CallQuestion[]; fields: string[] };

export const APPLICANT_FIELDS = ['applicantType', 'organisationName', 'title', 'neighbourhoodId', 'requested'];

export function formSections(call: { questions: readonly CallQuestion[]; attachments: readonly { key: string }[] }): FormSection[] {
  const sections: FormSection[] = [
    { id: 'applicant', kind: 'fixed', fields: APPLICANT_FIELDS },
    { id: 'team', kind: 'fixed', fields: ['team'] },
  ];
  const groups = new Map<string, Extract<FormSection, { kind: 'questions' }>>();
  for (const q of call.questions) {
    const key = `${q.section.it}\u0000${q.section.en}`;
    let group = groups.get(key);
    if (!group) {
      group = { id: `section-${groups.size + 1}`, kind: 'questions', title: q.section, questions: [], fields: [] };
      groups.set(key, group);
      sections.push(group);
    }
    group.questions.push(q);
    group.fields.push(answerField(q.key));
  }
  if (call.attachments.length > 0) sections.push({ id: 'attachments', kind: 'fixed', fields: call.attachments.map((a) => attachmentField(a.key)) });
  return sections;
}

/** Which section a field (as named in errors: `team.2.name`, `answers.need`) belongs to. */
export function sectionOf(sections: readonly FormSection[], field: string): FormSection | null {
  const base = field.startsWith('team.') ? 'team' : field;
  return sections.find((s) => s.fields.includes(base)) ?? null;
}

export function sectionProgress(sections: readonly FormSection[], errors: FieldErrors): { id: string; complete: boolean }[] {
  const incomplete = new Set(Object.keys(errors).map((f) => sectionOf(sections, f)?.id));
  return sections.map((s) => ({ id: s.id, complete: !incomplete.has(s.id) }));
}
