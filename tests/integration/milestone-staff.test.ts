import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, incubationSettings, milestoneReminders, milestones, milestoneTemplates } from '../../db/schema/index.ts';
import { getIncubationSettings, saveIncubationSettings } from '../../src/domain/incubation/incubation-settings.server.ts';
import { changeDueDate } from '../../src/domain/incubation/milestone-due-date.server.ts';
import { getMilestoneTemplate, saveMilestoneTemplate } from '../../src/domain/incubation/milestone-template.server.ts';
import { getMilestonePlan } from '../../src/domain/incubation/milestone-views.server.ts';
import type { MilestoneTemplateForm } from '../../src/domain/incubation/milestone.schema.ts';
import { createStartup } from '../factories/index.ts';
import { useTestDb } from '../support/db.ts';
import { auditTrail, domainError, rowCount } from './helpers.ts';
import { incubation, milestoneRow, planOf } from './milestones-setup.ts';

const t = useTestDb();

describe('due dates', () => {
  it('staff move a due date with a reason: audited, versioned, reminders re-armed, shown in the history', async () => {
    const s = await incubation(t.db);
    const first = s.plan[0]!;
    await t.db.insert(milestoneReminders).values([{ milestoneId: first.id, kind: 'due_soon' }, { milestoneId: first.id, kind: 'overdue' }, { milestoneId: s.plan[1]!.id, kind: 'due_soon' }]);
    const moved = await changeDueDate(t.db, s.as(s.staff), { milestoneId: first.id, dueOn: '2026-03-15', reason: '  Proroga concordata: il referente era in ospedale.  ', version: first.version });
    expect(moved).toMatchObject({ dueOn: '2026-03-15', version: first.version + 1 });
    expect(await rowCount(t.db, milestoneReminders, eq(milestoneReminders.milestoneId, first.id))).toBe(0);
    expect(await rowCount(t.db, milestoneReminders)).toBe(1); // another milestone's reminder stays
    const [event] = (await auditTrail(t.db)).filter((e) => e.action === 'milestone.due-date-changed');
    expect(event).toMatchObject({
      entityId: first.id,
      actorId: s.staff.id,
      summary: { from: '2026-02-04', to: '2026-03-15', reason: 'Proroga concordata: il referente era in ospedale.', rearmed: ['due_soon', 'overdue'] },
    });
    const page = await getMilestonePlan(t.db, s.as(s.staff), s.startup.id, 'staff');
    expect(page.changes).toEqual([expect.objectContaining({ milestoneId: first.id, from: '2026-02-04', to: '2026-03-15', byName: s.staff.name })]);
  });

  it('only staff; a stale form, an unchanged date, a missing reason and an approved milestone are refused', async () => {
    const s = await incubation(t.db);
    const first = s.plan[0]!;
    const input = { milestoneId: first.id, dueOn: '2026-03-15', reason: 'Proroga.', version: first.version };
    expect(await domainError(changeDueDate(t.db, s.as(s.coach), input))).toMatchObject({ kind: 'forbidden', code: 'missing_role' });
    expect(await domainError(changeDueDate(t.db, s.as(s.lead), input))).toMatchObject({ code: 'missing_role' });
    expect(await domainError(changeDueDate(t.db, s.as(s.staff), { ...input, reason: '  ' }))).toMatchObject({ code: 'reason_required', details: { field: 'reason' } });
    expect(await domainError(changeDueDate(t.db, s.as(s.staff), { ...input, dueOn: first.dueOn }))).toMatchObject({ code: 'due_date_unchanged', details: { field: 'dueOn' } });
    expect(await domainError(changeDueDate(t.db, s.as(s.staff), { ...input, version: first.version + 1 }))).toMatchObject({ kind: 'conflict', code: 'stale_milestone' });
    expect(await domainError(changeDueDate(t.db, s.as(s.staff), { ...input, milestoneId: 'x' }))).toMatchObject({ kind: 'not_found' });
    await t.db.update(milestones).set({ status: 'approved' }).where(eq(milestones.id, first.id));
    expect(await domainError(changeDueDate(t.db, s.as(s.staff), input))).toMatchObject({ code: 'milestone_approved' });
    expect((await milestoneRow(t.db, first.id)).dueOn).toBe('2026-02-04');
    expect(await rowCount(t.db, auditEvents)).toBe(0);
    // Two colleagues with the same form: the second is told to reload.
    const second = s.plan[1]!;
    await changeDueDate(t.db, s.as(s.staff), { ...input, milestoneId: second.id, version: second.version });
    expect(await domainError(changeDueDate(t.db, s.as(s.staff), { ...input, milestoneId: second.id, dueOn: '2026-04-01', version: second.version }))).toMatchObject({ code: 'stale_milestone' });
  });
});

const templateForm = (callId: string, rows: string[][], remove: string[] = []): MilestoneTemplateForm => ({
  callId,
  kind: rows.map((r) => r[0]!),
  titleIt: rows.map((r) => r[1]!),
  titleEn: rows.map((r) => r[2]!),
  dueAfterDays: rows.map((r) => r[3]!),
  everyMonths: rows.map((r) => r[4] ?? ''),
  repeatCount: rows.map((r) => r[5] ?? ''),
  remove,
});

describe('the call’s template and rules', () => {
  it('the default path until staff save one; new start-ups follow it, existing plans keep their dates', async () => {
    const s = await incubation(t.db);
    const before = await getMilestoneTemplate(t.db, s.as(s.staff), s.startup.callId);
    expect(before).toMatchObject({ isDefault: true, startupCount: 2 });
    expect(before.rows).toHaveLength(7);
    const rows = await saveMilestoneTemplate(
      t.db,
      s.as(s.staff),
      templateForm(s.startup.callId, [
        ['launch', 'Avvio', 'Launch', '90'],
        ['pre_feasibility', 'Verifica', 'Check', '15'],
        ['monitoring', 'Monitoraggio', 'Monitoring', '90', '3', '2'],
        ['', '', '', ''], // the spare row, left blank
      ]),
    );
    expect(rows.map((r) => [r.position, r.kind])).toEqual([
      [1, 'pre_feasibility'],
      [2, 'launch'],
      [3, 'monitoring'],
    ]);
    const after = await getMilestoneTemplate(t.db, s.as(s.staff), s.startup.callId);
    expect(after).toMatchObject({ isDefault: false });
    const fresh = await createStartup(t.db, { callId: s.startup.callId, planFrom: '2026-03-02' });
    expect((await planOf(t.db, fresh.id)).map((m) => [m.titleIt, m.dueOn, m.status])).toEqual([
      ['Verifica', '2026-03-17', 'in_progress'],
      ['Avvio', '2026-05-31', 'planned'],
      ['Monitoraggio 1', '2026-05-31', 'planned'],
      ['Monitoraggio 2', '2026-08-31', 'planned'],
    ]);
    expect(await planOf(t.db, s.startup.id)).toHaveLength(s.plan.length);
    expect((await auditTrail(t.db)).filter((e) => e.action === 'incubation.template-saved')).toHaveLength(1);
  });

  it('refuses a wrong row or a non-staff editor, keeping the template as it was', async () => {
    const s = await incubation(t.db);
    await saveMilestoneTemplate(t.db, s.as(s.staff), templateForm(s.startup.callId, [['launch', 'Avvio', 'Launch', '90']]));
    const wrong = await domainError(saveMilestoneTemplate(t.db, s.as(s.staff), templateForm(s.startup.callId, [['launch', 'Avvio', '', '90']])));
    expect(wrong).toMatchObject({ kind: 'invalid', code: 'template_title_required', details: { field: 'titleEn-0' } });
    expect(await domainError(saveMilestoneTemplate(t.db, s.as(s.staff), templateForm(s.startup.callId, [['launch', 'Avvio', 'Launch', '90']], ['0'])))).toMatchObject({ code: 'template_empty' });
    expect(await domainError(saveMilestoneTemplate(t.db, s.as(s.coach), templateForm(s.startup.callId, [['launch', 'Avvio', 'Launch', '10']])))).toMatchObject({ code: 'missing_role' });
    expect(await domainError(saveMilestoneTemplate(t.db, s.as(s.staff), templateForm('00000000-0000-4000-8000-000000000000', [['launch', 'A', 'A', '1']])))).toMatchObject({ code: 'call_not_found' });
    const rows = await t.db.select().from(milestoneTemplates).orderBy(asc(milestoneTemplates.position));
    expect(rows.map((r) => [r.titleEn, r.dueAfterDays])).toEqual([['Launch', 90]]);
  });

  it('incubation rules: defaults until saved, then the call’s own, audited; staff only', async () => {
    const s = await incubation(t.db);
    expect(await getIncubationSettings(t.db, s.startup.callId)).toEqual({ minAttendancePercent: 80, reminderDaysBefore: 7, updatedAt: null });
    expect(await domainError(saveIncubationSettings(t.db, s.as(s.coach), { callId: s.startup.callId, minAttendancePercent: 70, reminderDaysBefore: 10 }))).toMatchObject({ code: 'missing_role' });
    await saveIncubationSettings(t.db, s.as(s.staff), { callId: s.startup.callId, minAttendancePercent: 75, reminderDaysBefore: 14 });
    await saveIncubationSettings(t.db, s.as(s.staff), { callId: s.startup.callId, minAttendancePercent: 90, reminderDaysBefore: 10 });
    expect(await getIncubationSettings(t.db, s.startup.callId)).toMatchObject({ minAttendancePercent: 90, reminderDaysBefore: 10 });
    expect(await rowCount(t.db, incubationSettings)).toBe(1);
    const saved = (await auditTrail(t.db)).filter((e) => e.action === 'incubation.settings-saved');
    expect(saved.map((e) => e.summary)).toEqual([
      { from: { minAttendancePercent: 80, reminderDaysBefore: 7 }, to: { minAttendancePercent: 75, reminderDaysBefore: 14 } },
      { from: { minAttendancePercent: 75, reminderDaysBefore: 14 }, to: { minAttendancePercent: 90, reminderDaysBefore: 10 } },
    ]);
  });
});
