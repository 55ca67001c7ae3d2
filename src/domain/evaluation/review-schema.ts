import { z } from 'astro/zod';

/**
 * Inputs of the evaluator's forms. The kinds of conflict follow art. 7 of the public employees'
 * code of conduct (D.P.R. 62/2013) and art. 6-bis of L. 241/1990: relatives and cohabitants,
 * associations and organisations one belongs to, ties in the neighbourhood, work relationships.
 */
export const conflictKinds = ['family', 'association', 'neighbourhood', 'professional', 'other'] as const;
export type ConflictKind = (typeof conflictKinds)[number];

const id = z.string().trim().min(1).max(64);
export const CONFLICT_REASON_MAX = 2000;

export const declareSchema = z
  .object({
    assignmentId: id,
    declaration: z.enum(['none', 'conflict']),
    kind: z.enum(conflictKinds).optional(),
    reason: z.string().trim().max(CONFLICT_REASON_MAX).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.declaration !== 'conflict') return;
    if (!v.kind) ctx.addIssue({ code: 'custom', path: ['kind'], message: 'validation.choice' });
    if (!v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'validation.required' });
  });
export type DeclareInput = z.output<typeof declareSchema>;

/** The scoring sheet: fixed fields here; `score.<criterion>` and `comment.<criterion>` pass through. */
export const scoreFormSchema = z.looseObject({
  assignmentId: id,
  version: z.coerce.number().int().min(1),
  intent: z.enum(['draft', 'submit']),
});
export type ScoreFormInput = z.output<typeof scoreFormSchema>;
