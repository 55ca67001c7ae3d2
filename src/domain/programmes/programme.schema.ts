import { z } from 'astro/zod';
import { euroField, optionalDay, optionalText, requiredText, uuidList } from './fields.ts';

/**
 * A programme line as the city's records name it: `CT3.3.1.a` is Catania (CT), PON Metro axis 3,
 * action 3.3.1, sub-project a. Two to four capital letters, then dotted numbers and an optional
 * trailing letter group.
 */
const PROGRAMME_CODE = /^[A-Z]{2,4}\d+(\.[0-9A-Za-z]+){0,5}$/;

/** Codice Unico di Progetto: 15 characters, capital letters and digits (L. 3/2003 art. 11). */
const CUP = /^[A-Z0-9]{15}$/;

const programmeFields = z.object({
  code: z.string().trim().min(1).max(30).regex(PROGRAMME_CODE, 'errors.programme_code_format'),
  cup: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v.toUpperCase().replace(/\s/g, '') : null))
    .refine((v) => v === null || CUP.test(v), 'errors.cup_format'),
  titleIt: requiredText(300),
  titleEn: requiredText(300),
  rupName: optionalText(200),
  office: optionalText(300),
  startsOn: optionalDay,
  endsOn: optionalDay,
  programmed: euroField,
  neighbourhoodIds: uuidList,
});

function datesInOrder(p: { startsOn: string | null; endsOn: string | null }, ctx: z.RefinementCtx) {
  if (p.startsOn && p.endsOn && p.endsOn < p.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'errors.ends_before_start' });
}

export const programmeSchema = programmeFields.superRefine(datesInOrder);
export type ProgrammeInput = z.output<typeof programmeSchema>;

export const programmeUpdateSchema = programmeFields.extend({ programmeId: z.uuid() }).superRefine(datesInOrder);

export const neighbourhoodSchema = z.object({
  name: requiredText(120),
  district: optionalText(200),
});
export type NeighbourhoodInput = z.output<typeof neighbourhoodSchema>;
