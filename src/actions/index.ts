import { auth } from './auth.ts';
import { staff } from './staff.ts';

export const server = { auth, staff };
