import { z } from 'astro/zod';
import type { FileKind } from '../calls/definitions.ts';

/** Limits of an observation and of the office's answer (characters). */
export const OBSERVATION_MAX = 8000;
export const ANSWER_MAX = 8000;
/** The optional attachment: a document or a scan, checked by content like every upload. */
export const OBSERVATION_FILE = { purpose: 'attachment', kinds: ['pdf', 'image', 'office'] as readonly FileKind[], maxBytes: 10 * 1024 * 1024 } as const;

export const observationFilters = ['open', 'answered'] as const;
export type ObservationFilter = (typeof observationFilters)[number];
export const OBSERVATIONS_PAGE_SIZE = 25;

const uuid = z.uuid();

/** The proposer's form: the text, and a file input that may be left empty. An empty text says what to write, not just "required". */
export const fileObservationSchema = z.object({
  proposalId: uuid,
  text: z.string().trim().min(1, 'errors.observation_required').max(OBSERVATION_MAX),
  attachment: z.unknown().optional(),
});

/** The office's answer; re-scoring is asked by naming the evaluator (empty: none). */
export const answerObservationSchema = z.object({
  observationId: uuid,
  answer: z.string().trim().min(1, 'errors.answer_required').max(ANSWER_MAX),
  upheld: z.enum(['yes', 'no']).transform((v) => v === 'yes'),
  rescoreEvaluatorId: z
    .union([z.literal(''), uuid])
    .optional()
    .transform((v) => v || null),
});
export type AnswerObservationInput = { observationId: string; answer: string; upheld: boolean; rescoreEvaluatorId?: string | null };

export const assignRescoringSchema = z.object({ observationId: uuid, evaluatorId: uuid });

/** A file field left empty arrives as a nameless, empty File: that is "no attachment". */
export function chosenFile(value: unknown): File | null {
  if (!(value instanceof File)) return null;
  return value.size > 0 || value.name !== '' ? value : null;
}

/** The list's filter from the query string; anything else shows all. */
export function parseObservationQuery(params: URLSearchParams): { status: ObservationFilter | null; page: number } {
  const status = params.get('status');
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  return {
    status: (observationFilters as readonly string[]).includes(status ?? '') ? (status as ObservationFilter) : null,
    page: Number.isFinite(page) ? Math.min(Math.max(page, 1), 100_000) : 1,
  };
}
