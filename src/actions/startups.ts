/** Actions of the `startups` area (forms post here; the domain decides). */
export const startups = {};
