import { z } from 'astro/zod';
import { intField } from '../programmes/fields.ts';
import { noteFields, noteOf } from './call.schema.ts';
import { KEY } from './item-forms.ts';
import { callLists } from './lists.ts';

/** The forms that change a list as a whole: remove or move one item, and the rubric's points. */

/**
 * The points of every criterion and the overall threshold in one form, so that points can move
 * from one criterion to another in a single change (a published rubric must stay at 100).
 * Fields `points.<key>` arrive flat; they are gathered into a record.
 */
export const rubricPointsSchema = z
  .preprocess(
    (raw) => {
      if (!raw || typeof raw !== 'object') return raw;
      const entries = Object.entries(raw as Record<string, unknown>);
      const points = Object.fromEntries(entries.filter(([k]) => k.startsWith('points.')).map(([k, v]) => [k.slice('points.'.length), v]));
      return { ...Object.fromEntries(entries.filter(([k]) => !k.startsWith('points.'))), points };
    },
    z.object({ callId: z.uuid(), threshold: intField(0, 100), points: z.record(z.string().regex(KEY), intField(1, 100)), ...noteFields }),
  )
  .transform((v, ctx) => ({ callId: v.callId, threshold: v.threshold, points: v.points, note: noteOf(v, ctx) }));

/** Remove or move one item; the list is named so one action serves every editor. */
const listName = z.enum(callLists);
export const removeItemSchema = z
  .object({ callId: z.uuid(), list: listName, key: z.string().min(1).max(40), ...noteFields })
  .transform((v, ctx) => ({ callId: v.callId, list: v.list, key: v.key, note: noteOf(v, ctx) }));
export const moveItemSchema = z
  .object({ callId: z.uuid(), list: listName, key: z.string().min(1).max(40), direction: z.enum(['up', 'down']), ...noteFields })
  .transform((v, ctx) => ({ callId: v.callId, list: v.list, key: v.key, direction: v.direction, note: noteOf(v, ctx) }));
