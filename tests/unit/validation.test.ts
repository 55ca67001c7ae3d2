import { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import { formToObject, validate } from '../../src/lib/validation.ts';
import { lookup } from '../../src/lib/i18n/index.ts';

const field = (schema: z.ZodType, value: unknown) => {
  const result = validate(z.object({ f: schema }), value === undefined ? {} : { f: value });
  return result.ok ? null : result.errors.f;
};

describe('validate maps zod issues to catalogue keys', () => {
  it.each([
    ['missing string', z.string(), undefined, { key: 'validation.required' }],
    ['empty required string', z.string().min(1), '', { key: 'validation.required' }],
    ['short string', z.string().min(3), 'ab', { key: 'validation.tooShort', params: { min: 3 } }],
    ['long string', z.string().max(5), 'abcdef', { key: 'validation.tooLong', params: { max: 5 } }],
    ['small number', z.number().min(10), 3, { key: 'validation.tooSmall', params: { min: 10 } }],
    ['big number', z.number().max(10), 30, { key: 'validation.tooBig', params: { max: 10 } }],
    ['empty list', z.array(z.string()).min(1), [], { key: 'validation.required' }],
    ['bad email', z.email(), 'not-an-email', { key: 'validation.email' }],
    ['other format', z.url(), 'nope', { key: 'validation.invalid' }],
    ['not an option', z.enum(['it', 'en']), 'fr', { key: 'validation.choice' }],
    ['missing number', z.number(), undefined, { key: 'validation.required' }],
    ['custom key', z.string().refine(() => false, 'validation.passwordCommon'), 'x', { key: 'validation.passwordCommon' }],
    ['error key', z.string().refine(() => false, 'errors.not_found'), 'x', { key: 'errors.not_found' }],
    ['plain custom message', z.string().refine(() => false, 'Nope'), 'x', { key: 'validation.invalid' }],
  ])('%s', (_label, schema, value, expected) => {
    expect(field(schema, value)).toEqual(expected);
  });

  it('a word where a number belongs says "enter a number"', () => {
    expect(field(z.number(), 'abc')).toEqual({ key: 'validation.number' });
  });

  it('a fraction where a whole number belongs says "enter a whole number"', () => {
    expect(field(z.number().int(), 1.5)).toEqual({ key: 'validation.integer' });
  });

  it('keeps the first problem of each field and names nested fields by path', () => {
    const schema = z.object({ a: z.string().min(3).pipe(z.email()), b: z.object({ c: z.string().min(1) }) });
    expect(validate(schema, { a: 'x', b: { c: '' } })).toEqual({
      ok: false,
      errors: { a: { key: 'validation.tooShort', params: { min: 3 } }, 'b.c': { key: 'validation.required' } },
    });
  });

  it('puts object-level problems under _form', () => {
    const schema = z.object({ a: z.string() }).refine(() => false, 'validation.invalid');
    expect(validate(schema, { a: 'x' })).toEqual({ ok: false, errors: { _form: { key: 'validation.invalid' } } });
  });

  it('returns the parsed data when valid', () => {
    expect(validate(z.object({ n: z.coerce.number() }), { n: '42' })).toEqual({ ok: true, data: { n: 42 } });
  });

  it('produces only keys that exist in the catalogue', () => {
    for (const key of ['required', 'tooShort', 'tooLong', 'tooSmall', 'tooBig', 'email', 'invalid', 'choice', 'number', 'integer']) {
      expect(lookup('it', `validation.${key}`), key).not.toBeNull();
    }
  });
});

describe('formToObject', () => {
  it('reads single values, repeated names as arrays, and absent checkboxes as empty lists', () => {
    const form = new FormData();
    form.append('name', 'Agata');
    form.append('roles', 'coach');
    form.append('roles', 'donor');
    expect(formToObject(form, ['roles', 'themes'])).toEqual({ name: 'Agata', roles: ['coach', 'donor'], themes: [] });
  });

  it('keeps only the first value of a repeated single field', () => {
    const form = new FormData();
    form.append('email', 'a@esempio.it');
    form.append('email', 'b@esempio.it');
    expect(formToObject(form)).toEqual({ email: 'a@esempio.it' });
  });
});
