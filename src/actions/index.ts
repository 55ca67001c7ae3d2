import { auth } from './auth.ts';
import { staff } from './staff.ts';
import { calls } from './calls.ts';
import { proposals } from './proposals.ts';
import { admissibility } from './admissibility.ts';

export const server = { auth, staff, calls, proposals, admissibility };
