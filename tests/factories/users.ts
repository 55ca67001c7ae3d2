import { userRoles, users } from '../../db/schema/index.ts';
import type { Queryable } from '../../src/lib/server/db/index.ts';
import type { Locale } from '../../src/lib/i18n/locales.ts';
import type { Actor, Role } from '../../src/domain/policy.ts';
import { hashPassword } from '../../src/domain/accounts/password.server.ts';
import { emailFor, italianName, nextSeq } from './names.ts';

/** The password of every factory user unless a test picks another; it passes the password rules. */
export const TEST_PASSWORD = 'orto-di-quartiere-2026';

export type UserOptions = {
  email?: string;
  name?: string;
  roles?: readonly Role[];
  /** Email address confirmed (default true). */
  verified?: boolean;
  password?: string;
  locale?: Locale;
  disabled?: boolean;
  /** Creation time (and verification time); defaults to the database clock. */
  at?: Date;
};

/** Named traits, combinable: `createUser(db, 'admin', { email: 'x@comune.it' })`. */
export const userTraits = {
  resident: { roles: ['resident'] },
  unverified: { roles: ['resident'], verified: false },
  evaluator: { roles: ['evaluator'] },
  coach: { roles: ['coach'] },
  donor: { roles: ['donor'] },
  staff: { roles: ['staff'] },
  admin: { roles: ['admin', 'staff'] },
  english: { locale: 'en' },
  disabled: { disabled: true },
} as const satisfies Record<string, UserOptions>;
export type UserTrait = keyof typeof userTraits;

export type TestUser = {
  id: string;
  email: string;
  name: string;
  locale: Locale;
  roles: Role[];
  /** The clear-text password, so tests can sign in. */
  password: string;
  actor: Actor;
};

/** argon2id costs ~50 ms per hash: hash each distinct password once per process. */
const hashes = new Map<string, Promise<string>>();
export function cachedHash(password: string): Promise<string> {
  let hash = hashes.get(password);
  if (!hash) {
    hash = hashPassword(password);
    hashes.set(password, hash);
  }
  return hash;
}

export function userOptions(...parts: (UserTrait | UserOptions)[]): UserOptions {
  return Object.assign({}, ...parts.map((p) => (typeof p === 'string' ? userTraits[p] : p)));
}

export async function createUser(db: Queryable, ...parts: (UserTrait | UserOptions)[]): Promise<TestUser> {
  const options = userOptions(...parts);
  const seq = nextSeq();
  const person = italianName(seq);
  const name = options.name ?? person.full;
  const email = (options.email ?? emailFor(person, seq)).trim().toLowerCase();
  const password = options.password ?? TEST_PASSWORD;
  const roles = [...(options.roles ?? ['resident'])].sort();
  const locale = options.locale ?? 'it';
  const at = options.at ?? new Date();
  const [row] = await db
    .insert(users)
    .values({
      email,
      name,
      passwordHash: await cachedHash(password),
      locale,
      emailVerifiedAt: options.verified === false ? null : at,
      disabledAt: options.disabled ? at : null,
      ...(options.at ? { createdAt: at, updatedAt: at } : {}),
    })
    .returning({ id: users.id });
  const id = row!.id;
  if (roles.length) await db.insert(userRoles).values(roles.map((role) => ({ userId: id, role })));
  return { id, email, name, locale, roles, password, actor: { userId: id, roles, emailVerified: options.verified !== false } };
}
