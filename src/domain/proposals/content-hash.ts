import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { Answers, TeamMember } from './definitions.ts';

/**
 * The fingerprint printed on the receipt. It covers exactly what was submitted, in a canonical
 * form (object keys sorted at every level, attachments as the sorted list of their SHA-256), so
 * the same content always gives the same hash whatever order it was assembled in, and anyone
 * holding the snapshot can recompute it.
 */
export type SubmittedContent = {
  call: { id: string; version: number };
  applicantType: string;
  organisationName: string | null;
  title: string;
  neighbourhoodId: string | null;
  requestedCents: number | null;
  answers: Answers;
  team: TeamMember[];
  /** SHA-256 (hex) of every attached file; sorted before hashing. */
  attachments: string[];
};

/** JSON with object keys in code-point order at every depth; `undefined` members are left out. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonicalJson: numbers must be finite');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new TypeError(`canonicalJson: cannot encode ${typeof value}`);
}

export function contentSha256(content: SubmittedContent): string {
  const canonical = canonicalJson({ ...content, attachments: [...content.attachments].sort() });
  return encodeHexLowerCase(sha256(new TextEncoder().encode(canonical)));
}
