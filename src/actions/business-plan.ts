/** Actions of the `businessPlan` area (forms post here; the domain decides). */
export const businessPlan = {};
