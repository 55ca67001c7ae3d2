import { describe, expect, it, vi } from 'vitest';
import * as subtle from '@oslojs/crypto/subtle';
import { hashSecret, issueToken, parseToken, secretMatches } from '../../src/domain/accounts/tokens.ts';

vi.mock('@oslojs/crypto/subtle', { spy: true });

describe('issueToken', () => {
  it('is `<id>.<secret>`, each 24 base32 characters (120 random bits)', () => {
    const { id, token } = issueToken();
    expect(token).toMatch(/^[a-z2-7]{24}\.[a-z2-7]{24}$/);
    expect(token.startsWith(`${id}.`)).toBe(true);
  });

  it('stores only the SHA-256 of the secret, never the secret', () => {
    const { token, secretHash } = issueToken();
    const secret = token.split('.')[1]!;
    expect(secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(secretHash).toBe(hashSecret(secret));
    expect(secretHash).not.toContain(secret);
  });

  it('never repeats', () => {
    const seen = new Set(Array.from({ length: 2000 }, () => issueToken().token));
    expect(seen.size).toBe(2000);
  });
});

describe('hashSecret', () => {
  it('is SHA-256 in lower-case hex', () => {
    expect(hashSecret('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('secretMatches', () => {
  const { token, secretHash } = issueToken();
  const secret = token.split('.')[1]!;

  it('accepts the right secret and refuses any other', () => {
    expect(secretMatches(secret, secretHash)).toBe(true);
    expect(secretMatches(issueToken().token.split('.')[1]!, secretHash)).toBe(false);
    expect(secretMatches(secret, secretHash.replace(/.$/, (c) => (c === '0' ? '1' : '0')))).toBe(false);
  });

  it('refuses a stored hash of another length without throwing', () => {
    expect(secretMatches(secret, '')).toBe(false);
    expect(secretMatches(secret, secretHash.slice(0, 10))).toBe(false);
  });

  it('compares in constant time', () => {
    vi.mocked(subtle.constantTimeEqual).mockClear();
    secretMatches(secret, secretHash);
    expect(subtle.constantTimeEqual).toHaveBeenCalledTimes(1);
  });
});

describe('parseToken', () => {
  const good = issueToken().token;

  it('splits a well-formed token', () => {
    const [id, secret] = good.split('.');
    expect(parseToken(good)).toEqual({ id, secret });
  });

  it.each([
    ['empty', ''],
    ['no dot', good.replace('.', '')],
    ['three parts', `${good}.abc`],
    ['upper case', good.toUpperCase()],
    ['too short', good.slice(1)],
    ['too long', `${good}a`],
    ['digits outside base32', good.replace(/^./, '0')],
    ['the digit 1', good.replace(/.$/, '1')],
    ['padding', `${good}=`],
    ['whitespace', ` ${good}`],
    ['url-encoded', good.replace('.', '%2E')],
    ['sql', "' or 1=1 --.aaaaaaaaaaaaaaaaaaaaaaaa"],
  ])('rejects %s', (_label, junk) => {
    expect(parseToken(junk)).toBeNull();
  });
});
