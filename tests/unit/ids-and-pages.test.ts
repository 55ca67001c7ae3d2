import { describe, expect, it } from 'vitest';
import { parseBoardQuery } from '../../src/domain/incubation/risk-board.server.ts';
import { parsePublicStartupQuery, parseStaffStartupQuery } from '../../src/domain/incubation/startup.schema.ts';
import { parseDonorQuery } from '../../src/domain/donors/donor.schema.ts';
import { isUuid } from '../../src/lib/ids.ts';
import { pageNumber } from '../../src/lib/validation.ts';

describe('isUuid: the one check of ids in addresses and forms', () => {
  it('accepts UUIDs in either case, nothing else', () => {
    expect(isUuid('0b6d1e5c-9a3b-4c1e-8f2a-1d2c3b4a5f60')).toBe(true);
    expect(isUuid('0B6D1E5C-9A3B-4C1E-8F2A-1D2C3B4A5F60')).toBe(true);
    for (const bad of ['', 'not-a-uuid', '0b6d1e5c-9a3b-4c1e-8f2a-1d2c3b4a5f6', '0b6d1e5c-9a3b-4c1e-8f2a-1d2c3b4a5f600', ' 0b6d1e5c-9a3b-4c1e-8f2a-1d2c3b4a5f60', '0b6d1e5c9a3b4c1e8f2a1d2c3b4a5f60', 'g b6d1e5c-9a3b-4c1e-8f2a-1d2c3b4a5f60']) {
      expect(isUuid(bad), bad).toBe(false);
    }
    expect(isUuid(undefined)).toBe(false);
    expect(isUuid(42)).toBe(false);
  });
});

describe('pageNumber: the one page parser of list addresses', () => {
  const of = (query: string) => pageNumber(new URLSearchParams(query));
  it('reads ?page=, 1 when absent or nonsense, between 1 and 100,000', () => {
    expect(of('')).toBe(1);
    expect(of('page=3')).toBe(3);
    expect(of('page=0')).toBe(1);
    expect(of('page=-4')).toBe(1);
    expect(of('page=abc')).toBe(1);
    expect(of('page=2abc')).toBe(2);
    expect(of('page=99999999')).toBe(100_000);
  });

  it('is what every list filter uses', () => {
    const params = new URLSearchParams('page=7&risk=1');
    expect(parseBoardQuery(params)).toEqual({ atRiskOnly: true, page: 7 });
    expect(parseStaffStartupQuery(params).page).toBe(7);
    expect(parsePublicStartupQuery(params).page).toBe(7);
    expect(parseDonorQuery(params).page).toBe(7);
    expect(parseStaffStartupQuery(new URLSearchParams('call=0B6D1E5C-9A3B-4C1E-8F2A-1D2C3B4A5F60&coach=x')).callId).toBe('0b6d1e5c-9a3b-4c1e-8f2a-1d2c3b4a5f60');
  });
});
