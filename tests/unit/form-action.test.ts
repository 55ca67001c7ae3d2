import { describe, expect, it } from 'vitest';
import type { ActionAPIContext } from 'astro:actions';
import { z } from 'astro/zod';
import { conflict, invalid } from '../../src/domain/errors.ts';
import { fileObservationSchema } from '../../src/domain/evaluation/observations.schema.ts';
import { settingsSchema } from '../../src/domain/evaluation/evaluation.schema.ts';
import { formAction } from '../../src/lib/server/form-action.ts';

/** What formAction reads of Astro's context: the page's language. */
const context = (locale: 'it' | 'en' = 'it') => ({ locals: { locale } }) as unknown as ActionAPIContext;
const form = (values: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) for (const x of [v].flat()) data.append(k, x);
  return data;
};
const schema = z.object({ id: z.string().min(1) });

describe('formAction', () => {
  it('reads checkbox lists as arrays and returns the use case’s data', async () => {
    const handler = formAction(z.object({ tags: z.array(z.string()) }), async (input) => input.tags.length, { multi: ['tags'] });
    expect(await handler(form({ tags: ['a', 'b'] }), context())).toEqual({ ok: true, data: 2 });
  });

  it('gives an empty observation the observations area’s own message, not a generic one', async () => {
    const handler = formAction(fileObservationSchema, async () => 'filed', { area: 'observations' });
    const result = await handler(form({ proposalId: crypto.randomUUID(), text: '   ' }), context());
    expect(result).toMatchObject({ ok: false, errors: { text: { key: 'observations.errors.observation_required' } }, formError: { key: 'common.formErrors' } });
  });

  it('puts a domain error naming a field on that field, with the area’s text and its numbers and dates', async () => {
    const handler = formAction(schema, async () => {
      throw invalid('member_has_scores', { field: 'id', count: 3, closesAt: new Date('2026-03-01T22:59:00Z') });
    }, { area: 'evaluation' });
    const result = await handler(form({ id: 'x' }), context());
    expect(result).toMatchObject({
      ok: false,
      errors: { id: { key: 'evaluation.errors.member_has_scores', params: { count: 3, closesAt: '1 marzo 2026 alle ore 23:59' } } },
      formError: { key: 'common.formErrors' },
      values: { id: 'x' },
    });
  });

  it('falls back to the shared text when the area has none, above the form', async () => {
    const handler = formAction(schema, async () => {
      throw conflict('stale_draft');
    }, { area: 'evaluation' });
    expect(await handler(form({ id: 'x' }), context())).toMatchObject({ ok: false, errors: {}, formError: { key: 'errors.stale_draft' } });
  });

  it('lands every problem of a sheet on its field (details.errors), the error’s own message above', async () => {
    const handler = formAction(schema, async () => {
      throw invalid('scores_incomplete', { errors: { 'score.need': { key: 'validation.required' }, 'comment.team': { key: 'review.errors.commentRequired', params: { min: 9 } } } });
    }, { area: 'review' });
    expect(await handler(form({ id: 'x' }), context())).toMatchObject({
      ok: false,
      errors: { 'score.need': { key: 'validation.required' }, 'comment.team': { key: 'review.errors.commentRequired', params: { min: 9 } } },
      formError: { key: 'review.errors.scores_incomplete' },
    });
  });

  it('puts a refused upload on the input it came from, with the limit in words', async () => {
    const handler = formAction(schema, async () => {
      throw invalid('file_too_large', { field: 'statuto', max: 5 * 1024 * 1024 });
    }, { area: 'admissibility', uploadField: (purpose) => `file.${purpose}` });
    expect(await handler(form({ id: 'x' }), context('en'))).toMatchObject({
      ok: false,
      errors: { 'file.statuto': { key: 'files.errors.file_too_large', params: { max: '5 MB' } } },
    });
  });

  it('passes the settings form’s descriptor rows through to the use case', async () => {
    const handler = formAction(settingsSchema, async (input) => input.descriptorRows);
    const result = await handler(
      form({ callId: crypto.randomUUID(), consolidation: 'mean', reviewersPerProposal: '3', 'descriptors.0.it': 'Scarso', 'descriptors.0.en': 'Poor', other: 'x' }),
      context(),
    );
    expect(result).toEqual({ ok: true, data: { 'descriptors.0.it': 'Scarso', 'descriptors.0.en': 'Poor' } });
  });
});
