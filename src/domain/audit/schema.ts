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
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) {
        ctx.addIssue({ code: 'custom', message: 'validation.date' });
        return z.NEVER;
      }
      const [y, m, d] = v.split('-').map(Number) as [number, number, number];
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
