import { describe, expect, it } from 'vitest';
import { canDecide, normaliseTaxCode, pledgeCode, romeDay } from '../../src/domain/donors/donor-rules.ts';
import { joinSchema } from '../../src/domain/donors/donor.schema.ts';
import { validate } from '../../src/lib/validation.ts';
import { donorTotals, statementEntries, type StatementDisbursement, type StatementPledge } from '../../src/domain/donors/statement-rules.ts';

describe('tax codes', () => {
  it.each([
    ['RSSMRA85T10A562S', 'RSSMRA85T10A562S'],
    ['rssmra85t10a562s', 'RSSMRA85T10A562S'],
    ['RSS MRA 85T10 A562S', 'RSSMRA85T10A562S'],
    // Omocodia: digits replaced by letters keep a valid code (check letter recomputed).
    ['FRRLCU80A41C351I', 'FRRLCU80A41C351I'],
    ['01234567897', '01234567897'],
    ['97102345671', '97102345671'],
  ])('accepts %s', (raw, normalised) => {
    expect(normaliseTaxCode(raw)).toBe(normalised);
  });

  it.each(['RSSMRA85T10A562T', 'RSSMRA85Z10A562S', '01234567890', '1234567890', 'ABC', '', '=1+1'])('refuses %s', (raw) => {
    expect(normaliseTaxCode(raw)).toBeNull();
  });
});

describe('decisions', () => {
  it('only a waiting sign-up can be decided', () => {
    expect(canDecide('pending')).toBe(true);
    expect(canDecide('approved')).toBe(false);
    expect(canDecide('rejected')).toBe(false);
  });
});

const pledge = (over: Partial<StatementPledge> & { id: string }): StatementPledge => ({
  createdAt: new Date('2026-02-01T10:00:00Z'),
  amountCents: 1_000_000,
  status: 'pledged',
  target: 'Fondo',
  agreementRef: null,
  agreementOn: null,
  cancelledAt: null,
  ...over,
});
const ids = ['a1b2c3d4-0000-4000-8000-000000000001', 'b1b2c3d4-0000-4000-8000-000000000002', 'c1b2c3d4-0000-4000-8000-000000000003', 'd1b2c3d4-0000-4000-8000-000000000004'];

describe('donor totals', () => {
  it('counts pledged (live), committed (signed), disbursed (paid) and cancelled apart, in integer cents', () => {
    const pledges = [
      pledge({ id: ids[0]!, amountCents: 1_000_000, status: 'pledged' }),
      pledge({ id: ids[1]!, amountCents: 2_500_050, status: 'committed' }),
      pledge({ id: ids[2]!, amountCents: 700_001, status: 'disbursed' }),
      pledge({ id: ids[3]!, amountCents: 999, status: 'cancelled' }),
    ];
    const paid = [{ amountCents: 300_000 }, { amountCents: 400_001 }, { amountCents: 1 }];
    expect(donorTotals(pledges, paid)).toEqual({ pledgedCents: 4_200_051, committedCents: 3_200_051, disbursedCents: 700_002, cancelledCents: 999 });
    expect(donorTotals([], [])).toEqual({ pledgedCents: 0, committedCents: 0, disbursedCents: 0, cancelledCents: 0 });
  });
});

describe('statement entries', () => {
  it('lists offer, agreement, payments and cancellation in date order, same day by kind then pledge', () => {
    const committed = pledge({ id: ids[1]!, status: 'committed', createdAt: new Date('2026-01-10T23:30:00Z'), agreementRef: 'ACC-7', agreementOn: '2026-02-01', target: 'Bottega' });
    const cancelled = pledge({ id: ids[0]!, status: 'cancelled', createdAt: new Date('2026-02-01T08:00:00Z'), cancelledAt: new Date('2026-03-05T09:00:00Z') });
    const paid: StatementDisbursement[] = [{ id: 'd', pledgeId: ids[1]!, amountCents: 400_000, paidOn: '2026-02-01', reference: 'MAND-1', target: 'Bottega – Anticipo' }];
    const entries = statementEntries([committed, cancelled], paid);
    expect(entries.map((e) => [e.date, e.kind, e.pledge, e.amountCents, e.status, e.reference])).toEqual([
      // 23:30 UTC on 10 January is already the 11th in Rome.
      ['2026-01-11', 'pledge', pledgeCode(ids[1]!), 1_000_000, 'committed', null],
      ['2026-02-01', 'pledge', pledgeCode(ids[0]!), 1_000_000, 'cancelled', null],
      ['2026-02-01', 'commitment', pledgeCode(ids[1]!), 1_000_000, 'committed', 'ACC-7'],
      ['2026-02-01', 'disbursement', pledgeCode(ids[1]!), 400_000, 'paid', 'MAND-1'],
      ['2026-03-05', 'cancellation', pledgeCode(ids[0]!), 1_000_000, 'cancelled', null],
    ]);
    expect(pledgeCode(ids[0]!)).toBe('IMP-A1B2C3D4');
  });

  it('uses Rome calendar days', () => {
    expect(romeDay(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
    expect(romeDay(new Date('2026-12-31T22:59:59Z'))).toBe('2026-12-31');
  });
});

describe('sign-up form', () => {
  it('validates the form: kind, name, email, a real tax code, the declaration', () => {
    const ok = validate(joinSchema, { kind: 'person', name: '  Lucia Ferraro ', email: ' Lucia@Esempio.IT ', taxCode: 'frrlcu80a41c351i', declaration: 'on' });
    expect(ok).toEqual({ ok: true, data: { kind: 'person', name: 'Lucia Ferraro', email: 'lucia@esempio.it', taxCode: 'FRRLCU80A41C351I', publicConsent: false, declaration: 'on' } });
    const blank = validate(joinSchema, { kind: 'organisation', name: 'Ente', email: 'ente@esempio.it', taxCode: '', declaration: 'on' });
    expect(blank.ok && blank.data.taxCode).toBeNull();
    const bad = validate(joinSchema, { kind: 'club', name: '', email: 'x', taxCode: '12345678901' });
    expect(bad).toMatchObject({
      ok: false,
      errors: { kind: { key: 'validation.choice' }, name: { key: 'validation.required' }, email: { key: 'validation.email' }, taxCode: { key: 'errors.tax_code_invalid' }, declaration: { key: 'validation.mustAccept' } },
    });
  });
});
