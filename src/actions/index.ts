import { auth } from './auth.ts';
import { staff } from './staff.ts';
import { calls } from './calls.ts';
import { proposals } from './proposals.ts';
import { admissibility } from './admissibility.ts';
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

export const server = { auth, staff, calls, proposals, admissibility, evaluation, review, ranking, observations, startups, milestones, coaching, businessPlan, monitoring, donors, funding };
