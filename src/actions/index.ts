import { auth } from './auth.ts';
import { staff } from './staff.ts';
import { calls } from './calls.ts';
import { proposals } from './proposals.ts';
import { admissibility } from './admissibility.ts';
import { evaluation } from './evaluation.ts';
import { review } from './review.ts';
import { ranking } from './ranking.ts';
import { observations } from './observations.ts';

export const server = { auth, staff, calls, proposals, admissibility, evaluation, review, ranking, observations };
