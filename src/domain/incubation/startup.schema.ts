import { z } from 'astro/zod';
import { startupStageEnum } from '../../../db/schema/index.ts';
import { isUuid } from '../../lib/ids.ts';
import { pageNumber } from '../../lib/validation.ts';

/** Limits of the public profile the team writes (characters). */
export const NAME_MAX = 120;
export const NEED_MAX = 4000;
export const OFFER_MAX = 4000;

export const STAFF_PAGE_SIZE = 25;
export const PUBLIC_PAGE_SIZE = 24;

/** Where a start-up stands, in the order of the programme's path (db/schema/incubation.ts). */
export const startupStages = startupStageEnum.enumValues;
export type StartupStage = (typeof startupStages)[number];

const uuid = z.uuid();
const yesNo = z.enum(['yes', 'no']).transform((v) => v === 'yes');

/** Staff: create the start-ups of a call's final ranking. */
export const createStartupsSchema = z.object({ callId: uuid });

/** Staff: assign or remove one coach. */
export const coachSchema = z.object({ startupId: uuid, coachId: uuid });

/** The team's public profile; `version` is the one the form was filled from (optimistic concurrency). */
export const profileSchema = z.object({
  startupId: uuid,
  name: z.string().trim().min(1).max(NAME_MAX),
  need: z.string().trim().min(1).max(NEED_MAX),
  offer: z.string().trim().min(1).max(OFFER_MAX),
  version: z.coerce.number().int().min(1),
});
export type ProfileInput = z.output<typeof profileSchema>;

/** The team's consent to the public profile: given (`yes`) or withdrawn (`no`). */
export const consentSchema = z.object({ startupId: uuid, consent: yesNo });

/** The team's consent to share monitoring summaries with the start-up's donors. */
export const sharingSchema = z.object({ startupId: uuid, share: yesNo });

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function stageOf(params: URLSearchParams): StartupStage | null {
  const stage = params.get('stage') ?? '';
  return (startupStages as readonly string[]).includes(stage) ? (stage as StartupStage) : null;
}

const idOf = (params: URLSearchParams, name: string) => {
  const value = params.get(name) ?? '';
  return isUuid(value) ? value.toLowerCase() : null;
};

export type StaffStartupFilters = { callId: string | null; stage: StartupStage | null; coachId: string | null; page: number };

/** The back-office list's filters from the query string; anything malformed is ignored (shows all). */
export function parseStaffStartupQuery(params: URLSearchParams): StaffStartupFilters {
  return { callId: idOf(params, 'call'), stage: stageOf(params), coachId: idOf(params, 'coach'), page: pageNumber(params) };
}

export type PublicStartupFilters = { neighbourhood: string | null; stage: StartupStage | null; page: number };

/** The public list's filters (neighbourhood by slug, stage); a GET form, so links are shareable. */
export function parsePublicStartupQuery(params: URLSearchParams): PublicStartupFilters {
  const neighbourhood = params.get('neighbourhood') ?? '';
  return { neighbourhood: SLUG.test(neighbourhood) && neighbourhood.length <= 80 ? neighbourhood : null, stage: stageOf(params), page: pageNumber(params) };
}
