import { describe, expect, it } from 'vitest';
import { excerpt } from '../../src/components/startups/format.ts';
import { isSlug, SLUG_MAX, slugBase, uniqueSlug } from '../../src/domain/incubation/startup-slug.ts';
import { sameName, teamFromProposal } from '../../src/domain/incubation/startup-team.ts';
import { parsePublicStartupQuery, parseStaffStartupQuery, profileSchema } from '../../src/domain/incubation/startup.schema.ts';
import { renderMarkdown } from '../../src/lib/markdown.ts';

describe('slugs of start-ups', () => {
  it.each([
    ['Basket in piazza Lanza', 'basket-in-piazza-lanza'],
    ['Caffè & città: l’orto dei Cappuccini!', 'caffe-citta-lorto-dei-cappuccini'],
    ['  Sport   per tutti  ', 'sport-per-tutti'],
    ['Ça va? Über 65', 'ca-va-uber-65'],
    ['', 'start-up'],
    ['!!! ???', 'start-up'],
  ])('%j → %s', (title, slug) => {
    expect(slugBase(title)).toBe(slug);
    expect(isSlug(slug)).toBe(true);
  });

  it('cuts long titles at a word, within the limit, never ending on a hyphen', () => {
    const slug = slugBase('Laboratorio di falegnameria sociale per ragazzi e ragazze del quartiere di San Berillo Vecchio');
    expect(slug.length).toBeLessThanOrEqual(SLUG_MAX);
    expect(slug).toBe('laboratorio-di-falegnameria-sociale-per-ragazzi-e-ragazze');
    expect(slugBase('x'.repeat(80))).toBe('x'.repeat(SLUG_MAX));
  });

  it('adds -2, -3 … when the slug is taken, keeping within the limit', () => {
    expect(uniqueSlug('doposcuola', new Set())).toBe('doposcuola');
    expect(uniqueSlug('doposcuola', new Set(['doposcuola']))).toBe('doposcuola-2');
    expect(uniqueSlug('doposcuola', new Set(['doposcuola', 'doposcuola-2', 'doposcuola-3']))).toBe('doposcuola-4');
    const long = 'a'.repeat(SLUG_MAX);
    const next = uniqueSlug(long, new Set([long]));
    expect(next).toBe(`${'a'.repeat(SLUG_MAX - 2)}-2`);
    expect(next.length).toBe(SLUG_MAX);
  });

  it('refuses what cannot be a slug (the public page answers 404 without asking the database)', () => {
    for (const bad of ['', 'Basket', 'a--b', '-a', 'a-', 'a/b', '../x', 'a'.repeat(100)]) expect(isSlug(bad)).toBe(false);
  });
});

describe('team carried over from the proposal', () => {
  const lead = { userId: 'u-1', name: 'Agata Russo' };

  it('puts the proposer first as lead with the account, then the listed people by name only', () => {
    const team = teamFromProposal(lead, [
      { name: 'Orazio Greco', role: 'educatore', adult: true },
      { name: 'Concetta Privitera', role: 'volontaria', adult: true },
    ]);
    expect(team).toEqual([
      { userId: 'u-1', name: 'Agata Russo', role: '', lead: true, position: 0 },
      { userId: null, name: 'Orazio Greco', role: 'educatore', lead: false, position: 1 },
      { userId: null, name: 'Concetta Privitera', role: 'volontaria', lead: false, position: 2 },
    ]);
  });

  it('does not copy the proposer listed in the team: their row gives the lead its role', () => {
    const team = teamFromProposal(lead, [
      { name: ' agata  RUSSO ', role: 'referente', adult: true },
      { name: 'Orazio Greco', role: 'educatore', adult: true },
    ]);
    expect(team.map((m) => [m.name, m.role, m.lead])).toEqual([
      ['Agata Russo', 'referente', true],
      ['Orazio Greco', 'educatore', false],
    ]);
  });

  it('drops blank and repeated names', () => {
    const team = teamFromProposal(lead, [
      { name: '  ', role: 'x', adult: true },
      { name: 'Orazio Greco', role: 'educatore', adult: true },
      { name: 'orazio greco', role: 'socio', adult: true },
      { name: 'Zappalà Santa', role: '', adult: false },
    ]);
    expect(team.map((m) => [m.name, m.position])).toEqual([
      ['Agata Russo', 0],
      ['Orazio Greco', 1],
      ['Zappalà Santa', 2],
    ]);
  });

  it('compares names as people read them', () => {
    expect(sameName('Nicolò  Zappalà', 'nicolo zappala')).toBe(true);
    expect(sameName('Nicola Zappalà', 'Nicolò Zappalà')).toBe(false);
  });
});

describe('list filters from the query string', () => {
  const q = (s: string) => new URLSearchParams(s);
  const id = '0b0c8f5e-3a7b-4d3e-9a61-7d5b7f1c2a10';

  it('staff: call, stage, coach and page; anything malformed shows all', () => {
    expect(parseStaffStartupQuery(q(`call=${id}&stage=launch&coach=${id.toUpperCase()}&page=3`))).toEqual({ callId: id, stage: 'launch', coachId: id, page: 3 });
    expect(parseStaffStartupQuery(q('call=1;drop&stage=rocket&coach=&page=-4'))).toEqual({ callId: null, stage: null, coachId: null, page: 1 });
    expect(parseStaffStartupQuery(q('page=abc')).page).toBe(1);
  });

  it('public: neighbourhood by slug and stage', () => {
    expect(parsePublicStartupQuery(q('neighbourhood=san-cristoforo&stage=monitoring&page=2'))).toEqual({ neighbourhood: 'san-cristoforo', stage: 'monitoring', page: 2 });
    expect(parsePublicStartupQuery(q('neighbourhood=%27or%201=1&stage=closed'))).toEqual({ neighbourhood: null, stage: 'closed', page: 1 });
  });
});

describe('profile form', () => {
  const base = { startupId: '0b0c8f5e-3a7b-4d3e-9a61-7d5b7f1c2a10', name: ' Basket ', need: 'Campi liberi', offer: 'Allenamenti', version: '3' };

  it('trims texts and reads the version as a number', () => {
    expect(profileSchema.parse(base)).toEqual({ ...base, name: 'Basket', version: 3 });
  });

  it('refuses empty fields and overlong texts', () => {
    expect(profileSchema.safeParse({ ...base, need: '   ' }).success).toBe(false);
    expect(profileSchema.safeParse({ ...base, offer: 'x'.repeat(4001) }).success).toBe(false);
    expect(profileSchema.safeParse({ ...base, version: 'x' }).success).toBe(false);
  });
});

describe('card excerpts', () => {
  it('keeps the words of the sanitised markdown, never its markup', () => {
    const html = renderMarkdown('**Campi** liberi & <script>alert(1)</script> per i ragazzi\n\n- uno\n- due');
    const text = excerpt(html);
    expect(text).toBe('Campi liberi & <script>alert(1)</script> per i ragazzi uno due');
    expect(text).not.toContain('&amp;');
  });

  it('cuts long texts at a word with an ellipsis', () => {
    const text = excerpt(renderMarkdown('parola '.repeat(60)), 50);
    expect(text.length).toBeLessThanOrEqual(51);
    expect(text.endsWith('parola…')).toBe(true);
  });
});
