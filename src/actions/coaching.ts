/** Actions of the `coaching` area (forms post here; the domain decides). */
export const coaching = {};
