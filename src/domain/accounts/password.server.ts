import { hash, verify } from '@node-rs/argon2';
import commonPasswords from './common-passwords.json' with { type: 'json' };

/** OWASP's minimum argon2id parameters: 19 MiB, 2 iterations, 1 lane (about 50 ms here). */
const ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

const common = new Set<string>(commonPasswords as string[]);

/**
 * True when the password is on the bundled list (the 10,000 most common passwords from
 * zxcvbn-ts, MIT, plus Italian favourites), or is one of them with digits and symbols tacked on
 * ("football2026!"), or is a single character repeated.
 */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  if (common.has(lower)) return true;
  const core = lower.replace(/[\d\W_]+$/u, '').replace(/^[\d\W_]+/u, '');
  if (core.length > 0 && core.length < PASSWORD_MIN_LENGTH && common.has(core)) return true;
  return new Set(lower).size <= 2;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of a random password: used to spend the same time when the account does not exist. */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(crypto.randomUUID());
  return decoy;
}
