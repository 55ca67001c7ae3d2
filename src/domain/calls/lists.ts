import { z } from 'astro/zod';
import { slugify } from '../programmes/slug.ts';
import { attachmentRequirement, callQuestion, eligibilityQuestion, rubricCriterion, type CallQuestion, type Rubric } from './definitions.ts';

/**
 * The four lists of a call's configuration, edited one item at a time. Pure functions: the use
 * case (edit-call-lists.server.ts) locks the call, applies one of these and saves the result.
 */
export const callLists = ['questions', 'attachments', 'eligibility', 'criteria'] as const;
export type CallList = (typeof callLists)[number];
export type RubricCriterion = z.infer<typeof rubricCriterion>;

export const itemSchemas = { questions: callQuestion, attachments: attachmentRequirement, eligibility: eligibilityQuestion, criteria: rubricCriterion };
export type ListItem<L extends CallList> = z.infer<(typeof itemSchemas)[L]>;
export type AnyItem = ListItem<CallList>;
/** An item as typed, before its key is derived (distributes over the union of item types). */
export type Draft<T> = T extends unknown ? Omit<T, 'key'> & { key?: string } : never;

type ListSource = { questions: CallQuestion[]; attachments: ListItem<'attachments'>[]; eligibility: ListItem<'eligibility'>[]; rubric: Rubric };

export function readList(call: ListSource, list: CallList): AnyItem[] {
  return list === 'criteria' ? call.rubric.criteria : call[list];
}

/** The column patch that stores `items` as the call's `list`. */
export function writeList(call: ListSource, list: CallList, items: AnyItem[]) {
  if (list === 'criteria') return { rubric: { ...call.rubric, criteria: items as RubricCriterion[] } };
  return { [list]: items } as Partial<Pick<ListSource, 'questions' | 'attachments' | 'eligibility'>>;
}

/** The Italian text a key is derived from. */
function keySource(item: Draft<AnyItem>): string {
  return 'text' in item ? item.text.it : item.label.it;
}

const MAX_KEY = 40;

/** `Quale bisogno affronti?` → `quale_bisogno_affronti`, made unique with `_2`, `_3`… */
export function deriveKey(source: string, taken: ReadonlySet<string>, fallback = 'item'): string {
  let base = slugify(source, '_')
    .slice(0, MAX_KEY - 4)
    .replace(/_+$/, '');
  if (!/^[a-z]/.test(base)) base = base ? `${fallback}_${base}`.slice(0, MAX_KEY - 4) : fallback;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

export type ListError = 'item_not_found' | 'key_taken' | 'key_locked';
export type ListResult = { ok: true; items: AnyItem[]; key: string } | { ok: false; error: ListError };

/**
 * Adds (`originalKey` null) or replaces an item. A key left empty is derived from the Italian
 * text; after publication keys are fixed, because proposals store their answers under them.
 */
export function upsertItem(items: readonly AnyItem[], originalKey: string | null, draft: Draft<AnyItem>, keysLocked: boolean): ListResult {
  const index = originalKey === null ? -1 : items.findIndex((i) => i.key === originalKey);
  if (originalKey !== null && index < 0) return { ok: false, error: 'item_not_found' };
  const others = new Set(items.filter((_, i) => i !== index).map((i) => i.key));
  const key = draft.key ?? originalKey ?? deriveKey(keySource(draft), others);
  if (originalKey !== null && key !== originalKey && keysLocked) return { ok: false, error: 'key_locked' };
  if (others.has(key)) return { ok: false, error: 'key_taken' };
  const previous = index >= 0 ? items[index] : undefined;
  const item = withOptionValues({ ...draft, key } as AnyItem, previous);
  const next = [...items];
  if (index >= 0) next[index] = item;
  else next.push(item);
  return { ok: true, items: next, key };
}

/**
 * Choice options get stable values: an option whose Italian label is unchanged keeps its value,
 * so answers already saved in drafts still match; new options derive one from the label.
 */
function withOptionValues(item: AnyItem, previous: AnyItem | undefined): AnyItem {
  if (!('options' in item) || !item.options) return item;
  const old = previous && 'options' in previous ? (previous.options ?? []) : [];
  const taken = new Set<string>();
  const options = item.options.map((o) => {
    const kept = old.find((p) => p.label.it === o.label.it && !taken.has(p.value));
    const value = kept ? kept.value : deriveKey(o.label.it, new Set([...taken, ...old.map((p) => p.value)]), 'option');
    taken.add(value);
    return { value, label: o.label };
  });
  return { ...item, options } as CallQuestion;
}

export function removeItem(items: readonly AnyItem[], key: string): ListResult {
  if (!items.some((i) => i.key === key)) return { ok: false, error: 'item_not_found' };
  return { ok: true, items: items.filter((i) => i.key !== key), key };
}

/** Moves an item one place; at either end it stays where it is. */
export function moveItem(items: readonly AnyItem[], key: string, direction: 'up' | 'down'): ListResult {
  const index = items.findIndex((i) => i.key === key);
  if (index < 0) return { ok: false, error: 'item_not_found' };
  const target = direction === 'up' ? index - 1 : index + 1;
  const next = [...items];
  if (target >= 0 && target < items.length) [next[index], next[target]] = [next[target]!, next[index]!];
  return { ok: true, items: next, key };
}

/** Whether every stored item still passes its schema (data may come from elsewhere than the editor). */
export function listsValid(call: ListSource): boolean {
  return callLists.every((list) => z.array(itemSchemas[list]).safeParse(readList(call, list)).success);
}

export function rubricTotal(rubric: Rubric): number {
  return rubric.criteria.reduce((sum, c) => sum + c.maxPoints, 0);
}
