import { z } from 'astro/zod';
import { applicantTypes, type ApplicantType } from '../calls/definitions.ts';
import type { ProposalStatus } from '../proposals/workflow.ts';

/** Statuses staff can see: everything once protocolled, except a proposal reopened as a draft. */
export const staffStatuses = [
  'submitted',
  'integration_requested',
  'admissible',
  'inadmissible',
  'in_review',
  'scored',
  'funded',
  'eligible_not_funded',
  'below_threshold',
  'incubated',
  'withdrawn',
] as const satisfies readonly ProposalStatus[];
export type StaffStatus = (typeof staffStatuses)[number];

export const LIST_PAGE_SIZE = 25;
export const MOTIVATION_MAX = 4000;

export type ListFilter = {
  status?: StaffStatus;
  applicantType?: ApplicantType;
  neighbourhoodId?: string;
  q?: string;
  page: number;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Filters from a GET query string. A value that is not one of the choices (an edited URL, an old
 * bookmark) is ignored rather than refused: the list is still useful and nothing is at stake.
 */
export function parseListFilter(params: URLSearchParams): ListFilter {
  const pick = <T extends string>(name: string, allowed: readonly T[]) => {
    const v = params.get(name) ?? '';
    return (allowed as readonly string[]).includes(v) ? (v as T) : undefined;
  };
  const neighbourhood = params.get('neighbourhood') ?? '';
  const q = (params.get('q') ?? '').trim().slice(0, 100);
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  return {
    status: pick('status', staffStatuses),
    applicantType: pick('applicantType', applicantTypes),
    neighbourhoodId: UUID.test(neighbourhood) ? neighbourhood : undefined,
    q: q || undefined,
    page: Number.isFinite(page) ? Math.min(Math.max(page, 1), 100_000) : 1,
  };
}

/** The same filters as a query string (no page): for the CSV link and the status summary. */
export function filterQuery(filter: Omit<ListFilter, 'page'>, overrides: Partial<Record<'status', string | undefined>> = {}): string {
  const params = new URLSearchParams();
  const status = 'status' in overrides ? overrides.status : filter.status;
  if (status) params.set('status', status);
  if (filter.applicantType) params.set('applicantType', filter.applicantType);
  if (filter.neighbourhoodId) params.set('neighbourhood', filter.neighbourhoodId);
  if (filter.q) params.set('q', filter.q);
  const s = params.toString();
  return s ? `?${s}` : '';
}

const motivation = z.string().trim().max(MOTIVATION_MAX);
const proposalId = z.uuid();

/** One requirement's outcome; the motivation is what the proposer reads when it is not met. */
export type CheckInput = { requirement: string; met: boolean; motivation: string };
export type RecordChecksInput = { proposalId: string; checks: CheckInput[] };

/**
 * The checklist form: `met.<requirement>` = yes | no (left blank: not assessed yet) and
 * `motivation.<requirement>`. Errors land on the motivation field of the requirement.
 */
export const recordChecksFormSchema = z.looseObject({ proposalId }).transform((raw, ctx): RecordChecksInput => {
  const checks: CheckInput[] = [];
  for (const [name, value] of Object.entries(raw)) {
    const requirement = /^met\.(.{1,80})$/.exec(name)?.[1];
    if (!requirement || (value !== 'yes' && value !== 'no')) continue;
    const text = typeof raw[`motivation.${requirement}`] === 'string' ? (raw[`motivation.${requirement}`] as string).trim() : '';
    const path = [`motivation.${requirement}`];
    if (text.length > MOTIVATION_MAX) ctx.addIssue({ code: 'too_big', origin: 'string', maximum: MOTIVATION_MAX, inclusive: true, input: text, path });
    else if (value === 'no' && !text) ctx.addIssue({ code: 'custom', message: 'errors.motivation_required', input: text, path });
    checks.push({ requirement, met: value === 'yes', motivation: text });
  }
  return { proposalId: raw.proposalId, checks };
});

const requirementKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);

export const requestIntegrationSchema = z.object({
  proposalId,
  message: z.string().trim().min(1).max(MOTIVATION_MAX),
  /**
   * A day (`2026-03-10`, or `10/3/2026` typed where there is no date picker) and a time on the
   * Rome clock, parsed by the use case; the time defaults to the end of the office day.
   */
  dueDate: z.string().trim().min(1).max(20),
  dueTime: z.preprocess((v) => (typeof v === 'string' && v.trim() ? v.trim() : '23:59'), z.string().max(8)),
  requirements: z.array(requirementKey).max(40).default([]),
});
export type RequestIntegrationInput = z.infer<typeof requestIntegrationSchema>;

/** Loose: the file fields (`file.<requirement>`) pass through to the action as File objects. */
export const completeIntegrationSchema = z.looseObject({
  proposalId,
  note: z.string().trim().max(MOTIVATION_MAX).optional(),
  intent: z.enum(['upload', 'send']).default('send'),
});
export type CompleteIntegrationInput = { proposalId: string; note?: string };

export const declareAdmissibleSchema = z.object({ proposalId, motivation: motivation.optional() });
export type DeclareAdmissibleInput = z.infer<typeof declareAdmissibleSchema>;

export const declareInadmissibleSchema = z.object({ proposalId, motivation: motivation.min(1, 'errors.motivation_required') });
export type DeclareInadmissibleInput = z.infer<typeof declareInadmissibleSchema>;
