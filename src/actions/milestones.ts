/** Actions of the `milestones` area (forms post here; the domain decides). */
export const milestones = {};
