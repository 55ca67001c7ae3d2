import { describe, expect, it } from 'vitest';
import { asksNameConsent, publicNameOf, publicNameText, type NameFacts } from '../../src/domain/proposals/public-name.ts';
import { translator } from '../../src/lib/i18n/index.ts';

const row = (o: Partial<NameFacts>): NameFacts => ({ applicantType: 'individual', organisationName: null, publicNameConsent: false, proposerName: 'Rosaria Scuderi', ...o });

describe('whose name a published ranking shows', () => {
  it('names associations and social cooperatives by law, whatever the consent', () => {
    expect(publicNameOf(row({ applicantType: 'association', organisationName: ' APS Il Cortile ' }))).toEqual({ kind: 'organisation', name: 'APS Il Cortile' });
    expect(publicNameOf(row({ applicantType: 'social_cooperative', organisationName: 'Coop Girasole', publicNameConsent: false }))).toEqual({ kind: 'organisation', name: 'Coop Girasole' });
    // An organisation without a name (an old draft) shows nothing rather than the person.
    expect(publicNameOf(row({ applicantType: 'association', organisationName: '  ', publicNameConsent: true }))).toBeNull();
  });

  it('names an individual or a group’s contact person only with consent, never a typed group name', () => {
    expect(publicNameOf(row({}))).toBeNull();
    expect(publicNameOf(row({ publicNameConsent: true }))).toEqual({ kind: 'individual', name: 'Rosaria Scuderi' });
    expect(publicNameOf(row({ applicantType: 'informal_group', organisationName: 'Gruppo Via Etnea' }))).toBeNull();
    expect(publicNameOf(row({ applicantType: 'informal_group', organisationName: 'Gruppo Via Etnea', publicNameConsent: true }))).toEqual({ kind: 'informal_group', name: 'Rosaria Scuderi' });
  });

  it('asks consent only of individuals and informal groups', () => {
    expect(['individual', 'informal_group', 'association', 'social_cooperative'].map((t) => asksNameConsent(t as NameFacts['applicantType']))).toEqual([true, true, false, false]);
  });

  it('says a group’s name is its contact person’s, in each language', () => {
    const group = { kind: 'informal_group' as const, name: 'Rosaria Scuderi' };
    expect(publicNameText(group, translator('it'))).toBe('Rosaria Scuderi (referente di un gruppo informale)');
    expect(publicNameText(group, translator('en'))).toBe('Rosaria Scuderi (contact person of an informal group)');
    expect(publicNameText({ kind: 'organisation', name: 'APS' }, translator('en'))).toBe('APS');
    expect(publicNameText(null, translator('it'))).toBeNull();
  });
});
