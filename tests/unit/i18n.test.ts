import { describe, expect, it } from 'vitest';
import { catalogs } from '../../src/lib/i18n/catalog/index.ts';
import type { Tree } from '../../src/lib/i18n/define.ts';
import { interpolate, localeFromAcceptLanguage, toLocale, translateDynamic, translator } from '../../src/lib/i18n/index.ts';

/** Every leaf of a catalogue as `dotted.key → message`; a non-string, non-object leaf is kept as is. */
function leaves(tree: Tree, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object') for (const [k, v] of leaves(value as Tree, path)) out.set(k, v);
    else out.set(path, value);
  }
  return out;
}
const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

const it_ = leaves(catalogs.it as unknown as Tree);
const en = leaves(catalogs.en as unknown as Tree);

describe('catalogues', () => {
  it('have messages at all', () => {
    expect(it_.size).toBeGreaterThan(50);
  });

  it('English has every Italian key', () => {
    expect([...it_.keys()].filter((k) => !en.has(k))).toEqual([]);
  });

  it('English has no key Italian lacks', () => {
    expect([...en.keys()].filter((k) => !it_.has(k))).toEqual([]);
  });

  it('no message is empty or not a string', () => {
    const bad = [...it_, ...en].filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k);
    expect(bad).toEqual([]);
  });

  it('both languages use the same {placeholders}', () => {
    const differing = [...it_.keys()]
      .filter((k) => en.has(k))
      .filter((k) => placeholders(String(it_.get(k))).join() !== placeholders(String(en.get(k))).join());
    expect(differing).toEqual([]);
  });
});

describe('translator', () => {
  it('translates and fills placeholders', () => {
    expect(translator('it')('validation.tooShort', { min: 12 })).toBe('Inserisci almeno 12 caratteri.');
    expect(translator('en')('validation.tooShort', { min: 12 })).toBe('Enter at least 12 characters.');
  });

  it('shows an unknown key as itself, so a gap is visible', () => {
    const t = translator('en');
    expect(t('validation.nope' as never)).toBe('validation.nope');
    expect(translateDynamic(t, 'errors.nope', {}, 'fallback')).toBe('fallback');
    expect(translateDynamic(t, 'validation.required')).toBe('This field is required.');
  });

  it('leaves a placeholder without a value in place', () => {
    expect(interpolate('{a} e {b}', { a: 1 })).toBe('1 e {b}');
  });

  it('falls back to Italian for an unknown locale', () => {
    expect(toLocale('fr')).toBe('it');
    expect(toLocale('en')).toBe('en');
  });
});

describe('localeFromAcceptLanguage', () => {
  it.each([
    [null, null],
    ['', null],
    ['it-IT,it;q=0.9,en;q=0.8', 'it'],
    ['en-GB,en;q=0.9', 'en'],
    ['en-US;q=0.8, it;q=0.9', 'it'],
    ['fr-FR, de;q=0.9, en;q=0.5, it;q=0.4', 'en'],
    ['de, fr', null],
    ['it;q=0, en;q=0.1', 'en'],
    ['it;q=0', null],
    ['*', null],
    ['EN-gb', 'en'],
    ['en, it', 'en'],
    ['it;q=0.5, en;q=0.5', 'it'],
    ['it;q=abc, en;q=0.2', 'en'],
    ['  it;q=0.7 ,en;q=0.6', 'it'],
  ])('%j → %s', (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });

  it('allows spaces before the q-value', () => {
    expect(localeFromAcceptLanguage('it ;q=0.7, en;q=0.6')).toBe('it');
  });
});
