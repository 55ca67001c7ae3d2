import { z } from 'astro/zod';
import { romeDay } from './milestone.schema.ts';

/** Limits of a coaching session record. */
export const SESSION_MINUTES_MAX = 720;
export const TOPICS_MAX = 10;
export const TOPIC_MAX = 80;
export const NOTES_MAX = 8000;

/**
 * Topics are typed one per line (or separated by commas, as people also write them): trimmed,
 * blanks dropped, duplicates (ignoring case) kept once.
 */
export function splitTopics(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(/[\n,;]/)) {
    const topic = raw.trim().replace(/\s+/g, ' ');
    if (!topic || seen.has(topic.toLowerCase())) continue;
    seen.add(topic.toLowerCase());
    out.push(topic);
  }
  return out;
}

/**
 * A whole number as people type it: `1.250` or `1 250` (Italian thousands) and `1,250` (English)
 * read as 1250; anything else that is not digits is not a number. Blank is "missing".
 */
export function parseWholeNumber(text: string): number {
  const cleaned = text.trim().replace(/[\s\u00a0\u202f'’]/g, '');
  if (/^\d{1,3}(?:\.\d{3})+$/.test(cleaned) || /^\d{1,3}(?:,\d{3})+$/.test(cleaned)) return Number(cleaned.replace(/[.,]/g, ''));
  return /^-?\d+$/.test(cleaned) ? Number(cleaned) : Number.NaN;
}

/** A form field holding a whole number between `min` and `max`. */
export const wholeNumber = (min: number, max: number) =>
  z.preprocess((v) => (typeof v !== 'string' ? v : v.trim() === '' ? undefined : parseWholeNumber(v)), z.number().int().min(min).max(max));

const topics = z
  .string()
  .transform(splitTopics)
  .refine((list) => list.length > 0, 'validation.required')
  .refine((list) => list.length <= TOPICS_MAX, 'errors.too_many_topics')
  .refine((list) => list.every((t) => t.length <= TOPIC_MAX), 'errors.topic_too_long');

/**
 * The coach's record of one session: the Rome day it was held, its length, topics, notes and who
 * of the team was there (`present`: the ids of the members ticked; everyone else listed is absent).
 */
export const logSessionSchema = z.object({
  startupId: z.uuid(),
  heldOn: romeDay,
  minutes: wholeNumber(1, SESSION_MINUTES_MAX),
  topics,
  notes: z.string().trim().max(NOTES_MAX).default(''),
  present: z.array(z.uuid()).default([]),
});
export type LogSessionInput = z.output<typeof logSessionSchema>;
