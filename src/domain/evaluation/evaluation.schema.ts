import { z } from 'astro/zod';
import { intField, uuidList } from '../programmes/fields.ts';

/** Form inputs of the staff side of the evaluation (settings, commission, assignments) and list filters. */

export const consolidations = ['mean', 'consensus'] as const;
export type Consolidation = (typeof consolidations)[number];

/** Evaluators per proposal: at least one; more than ten is no commission a municipality runs. */
export const MAX_REVIEWERS = 10;

/**
 * Proposals that may receive evaluators: admissible ones, those in review, and scored ones until a
 * ranking places them (a new evaluator takes them back to review: workflow `reopenReview`).
 */
export const assignableStatuses = ['admissible', 'in_review', 'scored'] as const;
export type AssignableStatus = (typeof assignableStatuses)[number];

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === 'on');
const callId = z.uuid();

/**
 * The settings form. Its descriptor-scale rows (`descriptors.<i>.it|en`, descriptor-scale.ts) pass
 * through as they are: the use case reads and checks them (readDescriptorRows).
 */
export const settingsSchema = z
  .looseObject({
    callId,
    blindReview: checkbox,
    consolidation: z.enum(consolidations),
    normalise: checkbox,
    reviewersPerProposal: intField(1, MAX_REVIEWERS),
  })
  .transform(({ callId, blindReview, consolidation, normalise, reviewersPerProposal, ...rest }) => ({
    callId,
    blindReview,
    consolidation,
    normalise,
    reviewersPerProposal,
    descriptorRows: Object.fromEntries(Object.entries(rest).filter(([k]) => k.startsWith('descriptors.'))),
  }));
export type SettingsInput = Omit<z.infer<typeof settingsSchema>, 'descriptorRows'> & { descriptorRows?: Record<string, unknown> };

/** Appoint, make president, remove: one member of one call's commission. */
export const memberSchema = z.object({ callId, userId: z.uuid({ message: 'validation.required' }) });
export type MemberInput = z.infer<typeof memberSchema>;

const evaluatorIds = uuidList.refine((ids) => ids.length > 0, 'errors.no_evaluators');

export const assignSchema = z.object({ proposalId: z.uuid(), evaluatorIds });
export type AssignInput = z.infer<typeof assignSchema>;

export const bulkAssignSchema = z.object({ callId, proposalIds: uuidList.refine((ids) => ids.length > 0, 'errors.no_proposals'), evaluatorIds });
export type BulkAssignInput = z.infer<typeof bulkAssignSchema>;

/** Automatic assignment touches the whole call: a deliberate step, confirmed with a checkbox. */
export const autoAssignSchema = z.object({ callId, confirm: z.literal('on', { message: 'validation.mustAccept' }) });

export const unassignSchema = z.object({ assignmentId: z.uuid() });
export const reassignSchema = z.object({ assignmentId: z.uuid(), evaluatorId: z.uuid({ message: 'validation.required' }) });
export type ReassignInput = z.infer<typeof reassignSchema>;

/** The multi-valued fields of these forms (checkbox lists). */
export const multiFields = ['evaluatorIds', 'proposalIds'] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const pageOf = (params: URLSearchParams) => {
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  return Number.isFinite(page) ? Math.min(Math.max(page, 1), 100_000) : 1;
};

/** Filters of the assignment list; they live in the address so they survive a bulk action. */
export type AssignmentFilter = {
  status?: AssignableStatus;
  neighbourhoodId?: string;
  q?: string;
  /** Proposals without any active evaluator. */
  unassigned: boolean;
  /** Proposals with fewer active evaluators than the call's k. */
  fewerThanK: boolean;
  page: number;
};

/** From a GET query string; a value that is not a choice (an old bookmark) is ignored. */
export function parseAssignmentFilter(params: URLSearchParams): AssignmentFilter {
  const status = params.get('status') ?? '';
  const neighbourhood = params.get('neighbourhood') ?? '';
  const q = (params.get('q') ?? '').trim().slice(0, 100);
  return {
    status: (assignableStatuses as readonly string[]).includes(status) ? (status as AssignableStatus) : undefined,
    neighbourhoodId: UUID.test(neighbourhood) ? neighbourhood : undefined,
    q: q || undefined,
    unassigned: params.get('unassigned') === 'on',
    fewerThanK: params.get('fewer') === 'on',
    page: pageOf(params),
  };
}

/** The filters as query parameters (the page too, unless dropped): for links, redirects and form targets. */
export function assignmentFilterParams(filter: AssignmentFilter, withPage = true): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.status) params.set('status', filter.status);
  if (filter.neighbourhoodId) params.set('neighbourhood', filter.neighbourhoodId);
  if (filter.q) params.set('q', filter.q);
  if (filter.unassigned) params.set('unassigned', 'on');
  if (filter.fewerThanK) params.set('fewer', 'on');
  if (withPage && filter.page > 1) params.set('page', String(filter.page));
  return params;
}

/** What the progress board shows: every proposal in evaluation, or those needing attention. */
export const boardViews = ['all', 'pending', 'conflicts', 'unassigned', 'done'] as const;
export type BoardView = (typeof boardViews)[number];
export type BoardFilter = { view: BoardView; page: number };

export function parseBoardFilter(params: URLSearchParams): BoardFilter {
  const view = params.get('view') ?? '';
  return { view: (boardViews as readonly string[]).includes(view) ? (view as BoardView) : 'all', page: pageOf(params) };
}
