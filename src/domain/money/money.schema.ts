import { z } from 'astro/zod';
import { milestoneKindEnum } from '../../../db/schema/index.ts';
import { themes } from '../calls/definitions.ts';
import { parseDay } from '../calls/rome-time.ts';
import { euroField } from '../programmes/fields.ts';
import type { PledgeTarget } from './create-pledge.server.ts';
import { PLAN_MAX_ROWS, type PlanRow } from './tranche-plan-rules.ts';
import { parsePercentBp } from './tranche-split.ts';

/**
 * The funding forms' inputs. Amounts are typed in euros and become integer cents by string
 * arithmetic (src/lib/money.ts); days are Rome calendar days (`YYYY-MM-DD`).
 * Messages are catalogue keys (`errors.<code>` reads `funding.errors.<code>` first).
 */

const uuid = z.uuid();
/** An id picked from a list (a <select>): left on its placeholder it is missing, not malformed. */
const chosenId = z.string({ message: 'validation.required' }).trim().min(1).pipe(z.uuid({ message: 'validation.choice' }));
const reference = z.string().trim().min(1).max(120);
const day = z
  .string({ message: 'validation.required' })
  .trim()
  .min(1)
  .transform((text, ctx) => {
    const parsed = parseDay(text);
    if (!parsed) {
      ctx.addIssue({ code: 'custom', message: 'validation.date' });
      return z.NEVER;
    }
    return parsed;
  });
const emptyToNull = (v: string | undefined) => (v ? v : null);
/** An amount that must be more than zero (the tables' CHECKs would otherwise refuse it with an error page). */
const positiveEuros = euroField.refine((cents) => cents > 0, { message: 'errors.amount_positive' });

export const milestoneKinds = milestoneKindEnum.enumValues;
export const planRowNumbers = Array.from({ length: PLAN_MAX_ROWS }, (_, i) => i + 1);

/**
 * The plan editor sends `PLAN_MAX_ROWS` row slots (`labelIt1`, `labelEn1`, `share1`, `kind1`, …);
 * slots left blank are dropped, a started one needs its Italian label and share.
 */
export const tranchePlanSchema = z
  .record(z.string(), z.unknown())
  .transform((raw, ctx) => {
    const text = (name: string) => (typeof raw[name] === 'string' ? (raw[name] as string).trim() : '');
    const callId = text('callId');
    if (!uuid.safeParse(callId).success) ctx.addIssue({ code: 'custom', path: ['callId'], message: 'validation.invalid' });
    const rows: PlanRow[] = [];
    for (const n of planRowNumbers) {
      const [labelIt, labelEn, share, kind] = [text(`labelIt${n}`), text(`labelEn${n}`), text(`share${n}`), text(`kind${n}`)];
      if (!labelIt && !labelEn && !share && !kind) continue;
      if (!labelIt) ctx.addIssue({ code: 'custom', path: [`labelIt${n}`], message: 'validation.required' });
      if (labelIt.length > 120 || labelEn.length > 120) ctx.addIssue({ code: 'custom', path: [`labelIt${n}`], message: 'validation.invalid' });
      const shareBp = parsePercentBp(share);
      if (shareBp === null) ctx.addIssue({ code: 'custom', path: [`share${n}`], message: 'errors.share_format' });
      if (kind && !(milestoneKinds as readonly string[]).includes(kind)) ctx.addIssue({ code: 'custom', path: [`kind${n}`], message: 'validation.choice' });
      rows.push({ labelIt, labelEn: labelEn || labelIt, shareBp: shareBp ?? 0, milestoneKind: (kind || null) as PlanRow['milestoneKind'] });
    }
    return { callId, rows };
  });

export const createGrantSchema = z.object({ startupId: uuid, amount: positiveEuros });

export const commitGrantSchema = z.object({ grantId: uuid, agreementRef: reference, committedOn: day, amount: positiveEuros });

export const approveTrancheSchema = z.object({ trancheId: uuid });

/** `source` is `programme` or the id of the committed pledge the payment draws on. */
export const recordDisbursementSchema = z.object({
  trancheId: uuid,
  paidOn: day,
  amount: euroField,
  reference,
  source: z.union([z.literal('programme'), uuid], { message: 'validation.choice' }),
});

const TARGET = /^(call|startup):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * A pledge offer or record. `target` is `call:<id>` (the call's fund) or `startup:<id>`; the
 * restrictions may be left empty.
 */
export const createPledgeSchema = z.object({
  donorId: chosenId,
  target: z
    .string({ message: 'validation.required' })
    .trim()
    .min(1)
    .transform((value, ctx): PledgeTarget => {
      const match = TARGET.exec(value);
      if (!match) {
        ctx.addIssue({ code: 'custom', message: 'validation.choice' });
        return z.NEVER;
      }
      return match[1] === 'call' ? { kind: 'call', callId: match[2]!.toLowerCase() } : { kind: 'startup', startupId: match[2]!.toLowerCase() };
    }),
  neighbourhoodId: z.union([z.literal(''), uuid]).optional().transform(emptyToNull),
  theme: z.union([z.literal(''), z.enum(themes)]).optional().transform(emptyToNull),
  amount: positiveEuros,
});

export const commitPledgeSchema = z.object({ pledgeId: uuid, agreementRef: reference, agreementOn: day });

export const cancelPledgeSchema = z.object({ pledgeId: uuid, reason: z.string().trim().min(1).max(1000) });

export const pledgeFilters = ['pledged', 'committed', 'disbursed', 'cancelled'] as const;
export type PledgeFilter = (typeof pledgeFilters)[number];
