import type { ActionAPIContext } from 'astro:actions';
import type { z } from 'astro/zod';
import type { Db } from '../../src/lib/server/db/index.ts';
import type { FinancialLine } from '../../src/domain/incubation/business-plan-rules.ts';
import { formAction } from '../../src/lib/server/form-action.ts';
import { createStartup, createUser, type StartupOptions } from '../factories/index.ts';
import { testContext } from '../support/context.ts';

/** Shared set-up of the business-plan tests (not a test file). */

/** A start-up with its coach, a lead and a second member with accounts; plus staff, another coach and another team. */
export async function planPeople(db: Db, options: StartupOptions = {}) {
  const coach = await createUser(db, 'coach');
  const otherCoach = await createUser(db, 'coach');
  const staff = await createUser(db, 'staff');
  const lead = await createUser(db, 'resident');
  const member = await createUser(db, 'resident');
  const startup = await createStartup(db, { leadUserId: lead.id, memberUserIds: [member.id], coachIds: [coach.id], ...options });
  const outsider = await createUser(db, 'resident');
  const other = await createStartup(db, { leadUserId: outsider.id, coachIds: [otherCoach.id] });
  return { coach, otherCoach, staff, lead, member, outsider, startup, other };
}

export const as = (user: { actor: { userId: string; roles: readonly string[]; emailVerified: boolean } } | null, now = new Date('2026-05-04T10:00:00Z')) =>
  testContext({ actor: user ? (user.actor as never) : null, now: () => now });

export const revenue = (label: string, years: number[]): FinancialLine => ({ kind: 'revenue', label, years });
export const cost = (label: string, years: number[]): FinancialLine => ({ kind: 'cost', label, years });

/** Posts a form through the wrapper the actions use, so a test sees what the page would show. */
export async function postForm<S extends z.ZodType, T>(schema: S, run: (input: z.output<S>) => Promise<T>, fields: Record<string, string | string[]>, multi: readonly string[] = []) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(name, v);
  const handler = formAction(schema, (input) => run(input), { area: 'businessPlan', multi });
  return handler(form, { locals: { locale: 'it' } } as unknown as ActionAPIContext);
}
