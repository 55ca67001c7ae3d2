/** Actions of the `donors` area (forms post here; the domain decides). */
export const donors = {};
