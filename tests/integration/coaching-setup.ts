import { eq } from 'drizzle-orm';
import { startupMembers } from '../../db/schema/index.ts';
import type { ActionAPIContext } from 'astro:actions';
import type { z } from 'astro/zod';
import type { Actor } from '../../src/domain/policy.ts';
import type { Db } from '../../src/lib/server/db/index.ts';
import { formAction } from '../../src/lib/server/form-action.ts';
import { createStartup, createUser, type StartupOptions } from '../factories/index.ts';
import { testContext } from '../support/context.ts';

/** Shared set-up of the coaching, monitoring and dashboard tests (not a test file). */

/** A start-up with an assigned coach, a lead and a second member with accounts (plus one named member). */
export async function coachedStartup(db: Db, options: StartupOptions = {}) {
  const coach = await createUser(db, 'coach');
  const lead = await createUser(db, 'resident');
  const member = await createUser(db, 'resident', 'english');
  const startup = await createStartup(db, { leadUserId: lead.id, memberUserIds: [member.id], coachIds: [coach.id], ...options });
  const members = await db.select().from(startupMembers).where(eq(startupMembers.startupId, startup.id)).orderBy(startupMembers.position);
  return { coach, lead, member, startup, members };
}

export const as = (user: { actor: Actor }, now: Date) => testContext({ actor: user.actor, now: () => now });

/**
 * Posts a form through the same wrapper the actions use (`formAction`): what a person sees after
 * a bad submission (translated keys, kept values) without starting Astro.
 */
export async function postForm<S extends z.ZodType, T>(schema: S, run: (input: z.output<S>) => Promise<T>, fields: Record<string, string | string[]>, options: { area: string; multi?: string[] }) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(name, v);
  const handler = formAction(schema, (input) => run(input), options);
  return handler(form, { locals: { locale: 'it' } } as unknown as ActionAPIContext);
}
