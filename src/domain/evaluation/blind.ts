import type { AnswerSection } from '../admissibility/answers-view.ts';
import type { TeamMember } from '../proposals/definitions.ts';

/**
 * Blind review (a call's `evaluation_settings.blind_review`): what an evaluator reads of a
 * proposal, without who wrote it. One pure function redacts the evaluator's view model, and the
 * same file-name rule serves the downloads, so the page and the Content-Disposition agree.
 * Free-text answers are shown as written (proposers are asked not to write names in them), and
 * the contents of attachments cannot be redacted: both are stated on the evaluator's page.
 */
export type EvaluatorAttachment = { id: string; purpose: string; label: string; name: string; sizeBytes: number };

export type EvaluatorProposal = {
  protocolNumber: string | null;
  title: string;
  applicantType: string;
  /** Null when hidden by blind review. */
  proposer: { name: string; email: string } | null;
  organisationName: string | null;
  neighbourhoodName: string | null;
  requestedCents: number | null;
  team: TeamMember[];
  answers: AnswerSection[];
  attachments: EvaluatorAttachment[];
  /** True when names were removed. */
  blind: boolean;
};

/** The words of the placeholders, in the reader's language. */
export type BlindWords = {
  /** "Membro 2" */
  member: (n: number) => string;
  /** "Allegato – Piano dei costi" */
  file: (label: string) => string;
};

export function redactForEvaluator(p: EvaluatorProposal, words: BlindWords, locale: 'it' | 'en'): EvaluatorProposal {
  return {
    ...p,
    proposer: null,
    organisationName: null,
    team: p.team.map((m, i) => ({ ...m, name: words.member(i + 1) })),
    attachments: p.attachments.map((a) => ({ ...a, name: blindFileName(a.label, a.name, words) })),
    answers: p.answers.map((section) => ({
      ...section,
      items: section.items.map((item) =>
        item.display.kind === 'file'
          ? { ...item, display: { ...item.display, name: blindFileName(item.label?.[locale] ?? item.key, item.display.name ?? '', words) } }
          : item,
      ),
    })),
    blind: true,
  };
}

/**
 * `Allegato – <what the call asked for>.<ext>`: the label comes from the call (written by staff),
 * the extension from the stored name (already matched to the sniffed content at upload).
 */
export function blindFileName(label: string, originalName: string, words: BlindWords): string {
  const ext = /\.([a-z0-9]{1,8})$/i.exec(originalName)?.[1]?.toLowerCase() ?? 'bin';
  const clean = label
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100);
  return `${words.file(clean)}.${ext}`;
}

type LabelSource = {
  attachments: readonly { key: string; label: { it: string; en: string } }[];
  questions: readonly { key: string; label: { it: string; en: string } }[];
};

/** What a stored file answers, in words: the call's requirement or question it was uploaded for. */
export function fileLabelOf(call: LabelSource, purpose: string, locale: 'it' | 'en'): string {
  const requirement = call.attachments.find((a) => a.key === purpose);
  if (requirement) return requirement.label[locale];
  const question = purpose.startsWith('question:') ? call.questions.find((q) => `question:${q.key}` === purpose) : undefined;
  return question ? question.label[locale] : purpose;
}
