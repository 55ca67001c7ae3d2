import { common } from './common.ts';
import { validation } from './validation.ts';
import { errors } from './errors.ts';
import { auth } from './auth.ts';
import { mail } from './mail.ts';
import { staff } from './staff.ts';
import { home } from './home.ts';
import { calls } from './calls.ts';
import { staffCalls } from './staff-calls.ts';
import { proposals } from './proposals.ts';
import { admissibility } from './admissibility.ts';
import { files } from './files.ts';
import { evaluation } from './evaluation.ts';
import { review } from './review.ts';
import { ranking } from './ranking.ts';
import { observations } from './observations.ts';
import { startups } from './startups.ts';
import { milestones } from './milestones.ts';
import { coaching } from './coaching.ts';
import { businessPlan } from './business-plan.ts';
import { monitoring } from './monitoring.ts';
import { donors } from './donors.ts';
import { funding } from './funding.ts';
import { transparency } from './transparency.ts';

const areas = { common, validation, errors, auth, mail, staff, home, calls, staffCalls, proposals, admissibility, files, evaluation, review, ranking, observations, startups, milestones, coaching, businessPlan, monitoring, donors, funding, transparency };

type Areas = typeof areas;
export type ItCatalog = { [K in keyof Areas]: Areas[K]['it'] };

export const catalogs = {
  it: Object.fromEntries(Object.entries(areas).map(([k, v]) => [k, v.it])) as ItCatalog,
  en: Object.fromEntries(Object.entries(areas).map(([k, v]) => [k, v.en])) as unknown as ItCatalog,
};
