import type { CallQuestion, LocalizedText } from '../calls/definitions.ts';
import type { AnswerValue, Answers } from '../proposals/definitions.ts';

/**
 * A proposal's answers laid out as the call asks them: by section, in the call's order, each value
 * typed so the page can format it in the reader's language. Answers to questions the call no
 * longer has (removed by an amendment) are kept at the end, so nothing the proposer sent is hidden.
 */
export type AnswerDisplay =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'money'; cents: number }
  | { kind: 'date'; iso: string }
  | { kind: 'yes_no'; value: boolean }
  | { kind: 'choices'; labels: (LocalizedText | string)[] }
  | { kind: 'file'; fileId: string; name: string | null };

export type AnswerItem = { key: string; label: LocalizedText | null; display: AnswerDisplay };
export type AnswerSection = { title: LocalizedText | null; items: AnswerItem[] };

export function answersView(questions: readonly CallQuestion[], answers: Answers, fileNames: ReadonlyMap<string, string>): AnswerSection[] {
  const sections: AnswerSection[] = [];
  for (const q of questions) {
    let section = sections.find((s) => s.title?.it === q.section.it);
    if (!section) sections.push((section = { title: q.section, items: [] }));
    section.items.push({ key: q.key, label: q.label, display: displayOf(q, answers[q.key], fileNames) });
  }
  const known = new Set(questions.map((q) => q.key));
  const extra = Object.entries(answers).filter(([k]) => !known.has(k));
  if (extra.length) sections.push({ title: null, items: extra.map(([key, v]) => ({ key, label: null, display: rawDisplay(v) })) });
  return sections;
}

function displayOf(q: CallQuestion, value: AnswerValue | undefined, fileNames: ReadonlyMap<string, string>): AnswerDisplay {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return { kind: 'empty' };
  switch (q.type) {
    case 'money':
      return typeof value === 'number' ? { kind: 'money', cents: value } : rawDisplay(value);
    case 'number':
      return typeof value === 'number' ? { kind: 'number', value } : rawDisplay(value);
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? { kind: 'date', iso: value } : rawDisplay(value);
    case 'yes_no':
      return typeof value === 'boolean' ? { kind: 'yes_no', value } : rawDisplay(value);
    case 'single_choice':
    case 'multiple_choice': {
      const values = Array.isArray(value) ? value : [String(value)];
      return { kind: 'choices', labels: values.map((v) => q.options?.find((o) => o.value === v)?.label ?? v) };
    }
    case 'file':
      return typeof value === 'string' ? { kind: 'file', fileId: value, name: fileNames.get(value) ?? null } : rawDisplay(value);
    default:
      return rawDisplay(value);
  }
}

function rawDisplay(value: AnswerValue | undefined): AnswerDisplay {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (typeof value === 'boolean') return { kind: 'yes_no', value };
  if (typeof value === 'number') return { kind: 'number', value };
  return { kind: 'text', text: Array.isArray(value) ? value.join(', ') : value };
}
