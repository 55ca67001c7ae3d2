import { describe, expect, it } from 'vitest';
import { centsToCsvEuros, CSV_BOM, csvCell, csvColumns, csvRow, romeTimestamp } from '../../src/domain/admissibility/csv.ts';
import { translator } from '../../src/lib/i18n/index.ts';

describe('CSV cells (RFC 4180, `;`-separated)', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['a;b', '"a;b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r\nlf', '"cr\r\nlf"'],
    ['1,5 kg', '1,5 kg'],
    ['Zappalà D’Urso', 'Zappalà D’Urso'],
  ])('%j → %j', (input, output) => {
    expect(csvCell(input)).toBe(output);
  });

  it('leaves out null and undefined', () => {
    expect(csvRow([null, undefined, 'x'])).toBe(';;x\r\n');
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['+39 095 000', "'+39 095 000"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=cmd', "'\t=cmd"],
    ['=HYPERLINK("http://evil","x");', `"'=HYPERLINK(""http://evil"",""x"");"`],
    ['a=1', 'a=1'],
  ])('neutralises the formula %j as %j', (input, output) => {
    expect(csvCell(input)).toBe(output);
  });

  it('ends every row with CRLF and starts the file with a UTF-8 byte order mark', () => {
    expect(csvRow(['a', 'b'])).toBe('a;b\r\n');
    expect(CSV_BOM).toBe('\uFEFF');
    expect(new TextEncoder().encode(CSV_BOM)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });
});

describe('CSV values', () => {
  it.each([
    [0, '0,00'],
    [5, '0,05'],
    [150_050, '1500,50'],
    [2_500_000_00, '2500000,00'],
    [null, ''],
  ])('%j cents → %j', (cents, text) => {
    expect(centsToCsvEuros(cents)).toBe(text);
  });

  it('refuses money that is not integer cents', () => {
    expect(() => centsToCsvEuros(10.5)).toThrow(RangeError);
  });

  it('writes times on the Rome clock, summer time included', () => {
    expect(romeTimestamp(new Date('2026-01-15T08:30:05Z'))).toBe('2026-01-15 09:30:05');
    expect(romeTimestamp(new Date('2026-07-01T21:59:59Z'))).toBe('2026-07-01 23:59:59');
    expect(romeTimestamp(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01 00:00:00');
  });
});

describe('CSV columns', () => {
  it('keep their order (a contract with the office’s spreadsheets) and have headings in both languages', () => {
    expect(csvColumns).toEqual(['protocol', 'submittedAt', 'status', 'applicantType', 'organisation', 'title', 'neighbourhood', 'requestedEuros', 'proposerName', 'proposerEmail']);
    for (const locale of ['it', 'en'] as const) {
      const t = translator(locale);
      for (const c of csvColumns) expect(t(`admissibility.csv.${c}`)).not.toBe(`admissibility.csv.${c}`);
    }
  });
});
