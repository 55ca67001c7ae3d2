import { eq } from 'drizzle-orm';
import { incubationSettings } from '../../../db/schema/index.ts';
import type { Db, Queryable } from '../../lib/server/db/index.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import type { RequestContext } from '../context.ts';
import { authorize } from '../policy.ts';
import type { IncubationSettingsInput } from './milestone.schema.ts';
import { lockCall } from './milestone-template.server.ts';
import { DEFAULT_REMINDER_DAYS } from './reminders.ts';

export type IncubationSettings = {
  /** Minimum share of coaching sessions each team attends, in percent. */
  minAttendancePercent: number;
  /** Days before a due date the "due soon" reminder goes out. */
  reminderDaysBefore: number;
  /** null until staff first save them: the defaults apply meanwhile. */
  updatedAt: Date | null;
};

/** The column defaults of incubation_settings: 80 % attendance (seeds: POLIS 2.0), a week's notice. */
export const defaultIncubationSettings: IncubationSettings = { minAttendancePercent: 80, reminderDaysBefore: DEFAULT_REMINDER_DAYS, updatedAt: null };

/** The call's incubation rules, or the defaults when none were saved. */
export async function getIncubationSettings(db: Queryable, callId: string): Promise<IncubationSettings> {
  const [row] = await db.select().from(incubationSettings).where(eq(incubationSettings.callId, callId)).limit(1);
  return row ? { minAttendancePercent: row.minAttendancePercent, reminderDaysBefore: row.reminderDaysBefore, updatedAt: row.updatedAt } : defaultIncubationSettings;
}

/** Staff save the call's incubation rules (the row is created on first save); audited with before and after. */
export async function saveIncubationSettings(db: Db, ctx: RequestContext, input: IncubationSettingsInput): Promise<IncubationSettings> {
  authorize(ctx.actor, 'startup.manage');
  return db.transaction(async (tx) => {
    const call = await lockCall(tx, input.callId);
    const before = await getIncubationSettings(tx, call.id);
    const values = { minAttendancePercent: input.minAttendancePercent, reminderDaysBefore: input.reminderDaysBefore, updatedAt: ctx.now() };
    await tx.insert(incubationSettings).values({ callId: call.id, ...values }).onConflictDoUpdate({ target: incubationSettings.callId, set: values });
    await recordAudit(tx, ctx, {
      action: 'incubation.settings-saved',
      entityType: 'call',
      entityId: call.id,
      summary: {
        from: { minAttendancePercent: before.minAttendancePercent, reminderDaysBefore: before.reminderDaysBefore },
        to: { minAttendancePercent: values.minAttendancePercent, reminderDaysBefore: values.reminderDaysBefore },
      },
    });
    return values;
  });
}
