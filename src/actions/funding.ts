/** Actions of the `funding` area (forms post here; the domain decides). */
export const funding = {};
