import { z } from 'astro/zod';
import { romeDayStart } from '../../lib/format.ts';

const optionalText = z.string().trim().max(200).optional().transform((v) => (v ? v : undefined));
/** A calendar day typed in Rome (`yyyy-mm-dd`), as the UTC instant it starts; `+1` for "to" filters. */
const optionalDay = (plusDays: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      const [y, m, d] = v.split('-').map(Number) as [number, number, number];
      // Date.parse('2026-02-30') rolls over to March: accept only a day that exists.
      const day = new Date(Date.UTC(y, m - 1, d));
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || day.getUTCFullYear() !== y || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d) {
        ctx.addIssue({ code: 'custom', message: 'validation.date' });
        return z.NEVER;
      }
      return romeDayStart(new Date(Date.UTC(y, m - 1, d + plusDays)).toISOString().slice(0, 10));
    });

/** Filters of the staff audit page (query string). */
export const auditFilterSchema = z.object({
  action: optionalText,
  entityType: optionalText,
  entityId: optionalText,
  actor: optionalText,
  from: optionalDay(0),
  /** Inclusive: events up to the end of that day. */
  to: optionalDay(1),
  page: z.coerce.number().int().min(1).max(100000).catch(1),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;
