import { z } from 'astro/zod';
import { donorKindEnum, donorStatusEnum } from '../../../db/schema/index.ts';
import { emailSchema, localeSchema } from '../accounts/schema.ts';
import { pageNumber } from '../../lib/validation.ts';
import { normaliseTaxCode } from './donor-rules.ts';

export const donorKinds = donorKindEnum.enumValues;
export const donorStatuses = donorStatusEnum.enumValues;
export const REASON_MAX = 2000;
export const DONORS_PAGE_SIZE = 25;
export const WALL_PAGE_SIZE = 50;

const uuid = z.uuid();
const donorName = z.string().trim().min(1).max(200);
/** An optional checkbox: present (`on`) or absent. */
const optionalBox = z
  .literal('on')
  .optional()
  .transform((v) => v === 'on');
/** Optional: empty means none; otherwise an Italian codice fiscale or partita IVA with a valid check digit. */
const taxCode = z
  .string()
  .trim()
  .max(40)
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    const code = normaliseTaxCode(v);
    if (!code) ctx.addIssue({ code: 'custom', message: 'errors.tax_code_invalid' });
    return code;
  });

/** A signed-in person asks that they, or the organisation they act for, become a donor. */
export const joinSchema = z.object({
  kind: z.enum(donorKinds),
  name: donorName,
  email: emailSchema,
  taxCode,
  publicConsent: optionalBox,
  declaration: z.literal('on', { message: 'validation.mustAccept' }),
});
export type JoinInput = z.output<typeof joinSchema>;

/** Staff record a donor they know (approved at once) and link or invite its account. */
export const createDonorSchema = z.object({
  kind: z.enum(donorKinds),
  name: donorName,
  email: emailSchema,
  taxCode,
  publicConsent: optionalBox,
  locale: localeSchema,
});
export type CreateDonorInput = z.output<typeof createDonorSchema>;

export const approveDonorSchema = z.object({ donorId: uuid });
export const rejectDonorSchema = z.object({ donorId: uuid, reason: z.string().trim().min(1).max(REASON_MAX) });
export type RejectDonorInput = z.output<typeof rejectDonorSchema>;

/** Link an existing account (by its email, the donor's contact address unless told) to a donor. */
export const linkAccountSchema = z.object({ donorId: uuid, email: emailSchema });
export type LinkAccountInput = z.output<typeof linkAccountSchema>;

/** The donor gives or withdraws consent to the public donor wall. */
export const wallConsentSchema = z.object({ donorId: uuid, consent: z.enum(['yes', 'no']).transform((v) => v === 'yes') });
export type WallConsentInput = z.output<typeof wallConsentSchema>;

export type DonorStatusFilter = (typeof donorStatuses)[number] | null;

/** The staff list's filters from the query string; anything unknown shows all. */
export function parseDonorQuery(params: URLSearchParams): { status: DonorStatusFilter; q: string | null; page: number } {
  const status = params.get('status') ?? '';
  return {
    status: (donorStatuses as readonly string[]).includes(status) ? (status as DonorStatusFilter) : null,
    q: params.get('q')?.trim().slice(0, 100) || null,
    page: pageNumber(params),
  };
}

