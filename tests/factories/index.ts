/** The one source of fake data, for tests and the demo seed (db/seed/index.ts). */
export * from './users.ts';
export * from './programmes.ts';
export * from './neighbourhoods.ts';
export { italianName, slugify } from './names.ts';
export * from './calls.ts';
export * from './proposals.ts';
export * from './review-assignments.ts';
export * from './observations.ts';
export * from './ranking.ts';
export * from './startups.ts';
export * from './donors.ts';
