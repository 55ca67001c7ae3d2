import { z } from 'astro/zod';
import { euroField } from '../programmes/fields.ts';

/** Forms of the staff ranking page. Publishing is a deliberate step: confirmed with a checkbox. */

export const SLIDE_REASON_MAX = 1000;

const callId = z.uuid();
const confirm = z.literal('on', { message: 'validation.mustAccept' });

export const publishRankingSchema = z.object({ callId, confirm });

export const slideRankingSchema = z.object({
  callId,
  /** Euros as typed ("12.500,50") → integer cents. */
  amount: euroField,
  reason: z.string().trim().min(1).max(SLIDE_REASON_MAX),
  confirm,
});
