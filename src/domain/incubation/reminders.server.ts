import { asc, inArray, sql } from 'drizzle-orm';
import { milestoneReminders, milestones } from '../../../db/schema/index.ts';
import type { Db, Queryable } from '../../lib/server/db/index.ts';
import { formatDate, romeDayStart } from '../../lib/format.ts';
import { enqueueToEach, teamsRecipients } from '../mail/recipients.server.ts';
import { romeToday } from './milestone-dates.ts';
import { milestonePaths, milestoneTitle } from './milestone-tx.server.ts';
import type { MilestoneKind } from './milestone-plan.ts';
import type { MilestoneStatus } from './milestone-workflow.ts';
import { DEFAULT_REMINDER_DAYS, reminderDue, reminderToSend, type ReminderKind } from './reminders.ts';

export type ReminderRun = { dueSoon: number; overdue: number; emails: number };
type Candidate = {
  id: string;
  startupId: string;
  kind: MilestoneKind;
  titleIt: string;
  titleEn: string;
  dueOn: string;
  status: MilestoneStatus;
  startupName: string;
  daysBefore: number;
  sent: ReminderKind[];
};
type Chosen = { milestone: Candidate; kind: ReminderKind };

const BATCH = 200;

/**
 * The reminder job: emails each start-up's team once when a milestone falls due soon (the call's
 * `reminderDaysBefore`) and once when it is overdue (reminders.ts decides which). Safe with several
 * instances running it at the same moment: a reminder is claimed by inserting its
 * (milestone, kind) row with ON CONFLICT DO NOTHING … RETURNING in the same transaction that
 * enqueues its emails. A second instance inserting the same row waits for the first to commit, gets
 * nothing back and sends nothing; if the first rolls back, the second claims it. Milestones are
 * locked and claimed in id order, so two instances never deadlock. Returns what this run sent.
 */
export async function sendMilestoneReminders(db: Db, now: Date, options: { origin?: string } = {}): Promise<ReminderRun> {
  const origin = options.origin ?? 'http://localhost:4321';
  const today = romeToday(now);
  const run: ReminderRun = { dueSoon: 0, overdue: 0, emails: 0 };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const candidates = await loadCandidates(db, today, after);
    const chosen = candidates.flatMap((m) => {
      const kind = reminderToSend(m, today, m.daysBefore, m.sent);
      return kind ? [{ milestone: m, kind }] : [];
    });
    if (chosen.length > 0) await claimAndSend(db, origin, today, chosen, run);
    if (candidates.length < BATCH) return run;
    after = candidates[candidates.length - 1]!.id;
  }
}

/**
 * Open milestones the team still works on that may need a reminder: due within their call's
 * notice period (or past due) and missing the reminder their date calls for. The exact rule is
 * reminders.ts's; this only narrows the rows read, in id order for paging.
 */
async function loadCandidates(db: Queryable, today: string, after: string): Promise<Candidate[]> {
  const result = await db.execute(sql`
    select m.id, m.startup_id, m.kind, m.title_it, m.title_en, m.due_on::text as due_on, m.status, s.name as startup_name,
      coalesce(st.reminder_days_before, ${DEFAULT_REMINDER_DAYS}::int) as days_before,
      coalesce((select array_agg(r.kind) from milestone_reminders r where r.milestone_id = m.id), '{}'::text[]) as sent
    from milestones m
    join startups s on s.id = m.startup_id
    left join incubation_settings st on st.call_id = s.call_id
    where m.status in ('planned', 'in_progress', 'changes_requested')
      and m.id > ${after}::uuid
      and m.due_on <= ${today}::date + coalesce(st.reminder_days_before, ${DEFAULT_REMINDER_DAYS}::int)
      and not exists (
        select 1 from milestone_reminders r
        where r.milestone_id = m.id and r.kind = case when m.due_on < ${today}::date then 'overdue' else 'due_soon' end)
    order by m.id
    limit ${BATCH}`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, unknown>[];
  return rows.map((r) => ({
    id: String(r.id),
    startupId: String(r.startup_id),
    kind: r.kind as MilestoneKind,
    titleIt: String(r.title_it),
    titleEn: String(r.title_en),
    dueOn: String(r.due_on),
    status: r.status as MilestoneStatus,
    startupName: String(r.startup_name),
    daysBefore: Number(r.days_before),
    sent: parseTextArray(r.sent) as ReminderKind[],
  }));
}

/**
 * One transaction: lock the milestones (in id order) and keep the reminders their current date and
 * status still call for (a due date moved or a submission made since they were read drops them),
 * claim those (the ones another instance claimed come back empty), then enqueue.
 */
async function claimAndSend(db: Db, origin: string, today: string, chosen: Chosen[], run: ReminderRun) {
  await db.transaction(async (tx) => {
    const fresh = await tx
      .select({ id: milestones.id, dueOn: milestones.dueOn, status: milestones.status })
      .from(milestones)
      .where(inArray(milestones.id, chosen.map((c) => c.milestone.id)))
      .orderBy(asc(milestones.id))
      .for('update');
    const current = new Map(fresh.map((m) => [m.id, m]));
    const still = chosen
      .filter((c) => {
        const m = current.get(c.milestone.id);
        return m !== undefined && reminderDue(m, today, c.milestone.daysBefore) === c.kind;
      })
      .map((c) => ({ ...c, milestone: { ...c.milestone, dueOn: current.get(c.milestone.id)!.dueOn } }));
    if (still.length === 0) return;
    const claimed = await tx
      .insert(milestoneReminders)
      .values(still.map((c) => ({ milestoneId: c.milestone.id, kind: c.kind })))
      .onConflictDoNothing()
      .returning({ milestoneId: milestoneReminders.milestoneId, kind: milestoneReminders.kind });
    const won = new Set(claimed.map((c) => `${c.milestoneId}:${c.kind}`));
    const mine = still.filter((c) => won.has(`${c.milestone.id}:${c.kind}`));
    const teams = await teamsRecipients(tx, [...new Set(mine.map((c) => c.milestone.startupId))]);
    for (const { milestone, kind } of mine) {
      if (kind === 'overdue') run.overdue += 1;
      else run.dueSoon += 1;
      const team = teams.get(milestone.startupId) ?? [];
      await enqueueToEach(tx, team, kind === 'overdue' ? 'milestoneOverdue' : 'milestoneDueSoon', (member) => ({
        link: origin + milestonePaths.team(member.locale, milestone),
        startup: milestone.startupName,
        milestone: milestoneTitle(milestone, member.locale),
        due: formatDate(romeDayStart(milestone.dueOn), member.locale),
      }));
      run.emails += team.length;
    }
  });
}

/** postgres.js returns text[] as an array, PGlite too; a literal `{a,b}` string only from older drivers. */
function parseTextArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') return value.replace(/^\{|\}$/g, '').split(',').filter(Boolean);
  return [];
}
