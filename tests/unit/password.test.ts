import { describe, expect, it } from 'vitest';
import {
  hashPassword,
  isCommonPassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  verifyPassword,
} from '../../src/domain/accounts/password.server.ts';
import { newPasswordSchema, registerSchema } from '../../src/domain/accounts/schema.ts';
import { validate } from '../../src/lib/validation.ts';

describe('password length', () => {
  it('needs at least 12 characters and at most 256', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12);
    expect(newPasswordSchema.safeParse('tram-sette1').success).toBe(false); // 11
    expect(newPasswordSchema.safeParse('tram-sette12').success).toBe(true); // 12
    expect(newPasswordSchema.safeParse('x'.repeat(PASSWORD_MAX_LENGTH - 3) + 'abc').success).toBe(true);
    expect(newPasswordSchema.safeParse('y'.repeat(PASSWORD_MAX_LENGTH - 3) + 'abcd').success).toBe(false);
  });

  it('explains a short password with the minimum', () => {
    expect(validate(newPasswordSchema, 'corta')).toEqual({ ok: false, errors: { _form: { key: 'validation.tooShort', params: { min: 12 } } } });
  });
});

describe('isCommonPassword', () => {
  it.each([
    'password',
    'Password2026!',
    'PASSWORD2026!!',
    '2026Password!',
    '!Password2026',
    'qwerty123456',
    'Iloveyou2026!',
    'Juventus2026!',
    'forzanapoli',
    'P@ssw0rd2026!',
    'aaaaaaaaaaaa',
    'abababababab',
  ])('refuses %s', (password) => {
    expect(isCommonPassword(password)).toBe(true);
  });

  it.each(['il tram passa alle sette', 'orto-di-quartiere-2026', 'vivaio-demo-2026', 'Librino brilla di sera'])('accepts the passphrase %s', (password) => {
    expect(isCommonPassword(password)).toBe(false);
  });

  it('refuses a common password in the form with a translatable key', () => {
    expect(validate(newPasswordSchema, 'Password2026!')).toEqual({ ok: false, errors: { _form: { key: 'validation.passwordCommon' } } });
  });
});

describe('registration password rules', () => {
  const base = { name: 'Agata Russo', email: 'agata.russo@esempio.it', locale: 'it', privacy: 'on' };

  it('refuses a password containing the email name', () => {
    const result = validate(registerSchema, { ...base, password: 'agata.russo-2026!', passwordConfirm: 'agata.russo-2026!' });
    expect(result).toEqual({ ok: false, errors: { password: { key: 'validation.passwordSameAsEmail' } } });
  });

  it('refuses a confirmation that differs', () => {
    const result = validate(registerSchema, { ...base, password: 'il tram passa alle sette', passwordConfirm: 'il tram passa alle otto' });
    expect(result).toEqual({ ok: false, errors: { passwordConfirm: { key: 'validation.passwordMismatch' } } });
  });
});

describe('hashing', () => {
  it('uses argon2id with OWASP parameters and verifies only the right password', async () => {
    const hash = await hashPassword('il tram passa alle sette');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'il tram passa alle sette')).toBe(true);
    expect(await verifyPassword(hash, 'il tram passa alle otto')).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('stessa password lunga')).not.toBe(await hashPassword('stessa password lunga'));
  });

  it('treats a damaged stored hash as a wrong password, not a crash', async () => {
    expect(await verifyPassword('not-a-hash', 'whatever')).toBe(false);
  });
});
