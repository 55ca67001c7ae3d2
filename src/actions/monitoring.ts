/** Actions of the `monitoring` area (forms post here; the domain decides). */
export const monitoring = {};
