/** Form actions of this area (pattern: src/lib/server/form-action.ts and src/actions/auth.ts). */
export const observations = {};
