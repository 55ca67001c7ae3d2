import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, milestones, monitoringReports, outboxMessages, startups } from '../../db/schema/index.ts';
import { giveMonitoringFeedback } from '../../src/domain/incubation/monitoring-feedback.server.ts';
import { getReport, listReports } from '../../src/domain/incubation/monitoring-read.server.ts';
import { submitMonitoringReport } from '../../src/domain/incubation/monitoring-report.server.ts';
import { submitReportSchema, type SubmitReportInput } from '../../src/domain/incubation/monitoring.schema.ts';
import { translateDynamic, translator } from '../../src/lib/i18n/index.ts';
import type { Db } from '../../src/lib/server/db/index.ts';
import { createUser } from '../factories/index.ts';
import { useTestDb } from '../support/db.ts';
import { as, coachedStartup, postForm } from './coaching-setup.ts';
import { auditTrail, domainError, outbox, rowCount } from './helpers.ts';

const t = useTestDb();
// The default plan from 1 January 2025 puts monitoring reports on 29 Aug 2025, 28 Feb 2026, 29 Aug 2026, 28 Feb 2027.
const PLAN_FROM = '2025-01-01';
const now = new Date('2026-03-10T10:00:00Z');

async function setup() {
  const s = await coachedStartup(t.db, { planFrom: PLAN_FROM, name: 'Doposcuola di cortile' });
  const reports = await monitoringOf(t.db, s.startup.id);
  return { ...s, reports };
}

const monitoringOf = (db: Db, startupId: string) =>
  db.select().from(milestones).where(and(eq(milestones.startupId, startupId), eq(milestones.kind, 'monitoring'))).orderBy(asc(milestones.position));
const milestoneRow = async (id: string) => (await t.db.select().from(milestones).where(eq(milestones.id, id)))[0]!;

const figures = (milestoneId: string, extra: Partial<SubmitReportInput> = {}): SubmitReportInput => ({
  milestoneId,
  peopleServed: 140,
  jobsCreated: 2,
  revenueCents: 1_250_050,
  volunteers: 12,
  narrative: 'Il doposcuola è aperto quattro pomeriggi a settimana.',
  ...extra,
});

describe('the team hands in a monitoring report', () => {
  it('stores the figures in cents, moves the milestone to submitted, tells the coach, audits', async () => {
    const { coach, lead, startup, reports } = await setup();
    expect(reports.map((r) => r.dueOn)).toEqual(['2025-08-29', '2026-02-28', '2026-08-29', '2027-02-28']);
    const report = await submitMonitoringReport(t.db, as(lead, now), figures(reports[0]!.id));

    expect(report).toMatchObject({ startupId: startup.id, milestoneId: reports[0]!.id, peopleServed: 140, revenueCents: 1_250_050, submittedBy: lead.id, feedback: null });
    expect(await milestoneRow(reports[0]!.id)).toMatchObject({ status: 'submitted', version: 2 });
    const [mail] = await outbox(t.db);
    expect(mail).toMatchObject({ toAddress: coach.email, template: 'deliverableSubmitted' });
    expect(mail!.textBody).toContain(`http://vivaio.test/it/coach/startups/${startup.id}/monitoring/${reports[0]!.id}`);
    expect(mail!.subject).toBe('«Doposcuola di cortile» ha consegnato: Monitoraggio 1');
    expect((await auditTrail(t.db)).map((a) => a.action)).toEqual(['monitoring.report_submitted']);
    expect((await auditTrail(t.db))[0]!.summary).toMatchObject({ peopleServed: 140, jobsCreated: 2, revenueCents: 1_250_050, volunteers: 12 });
  });

  it('refuses a report not yet open, one waiting for the coach, and a milestone that is not monitoring', async () => {
    const { lead, reports, startup } = await setup();
    // Due 29 Aug 2026: opens on 30 July.
    expect(await domainError(submitMonitoringReport(t.db, as(lead, now), figures(reports[2]!.id)))).toMatchObject({ kind: 'conflict', code: 'report_not_yet_open', details: { days: 30 } });
    await submitMonitoringReport(t.db, as(lead, now), figures(reports[0]!.id));
    expect(await domainError(submitMonitoringReport(t.db, as(lead, now), figures(reports[0]!.id)))).toMatchObject({ code: 'report_awaiting_feedback' });
    const [plan] = await t.db.select().from(milestones).where(and(eq(milestones.startupId, startup.id), eq(milestones.kind, 'business_plan')));
    expect(await domainError(submitMonitoringReport(t.db, as(lead, now), figures(plan!.id)))).toMatchObject({ kind: 'not_found', code: 'milestone_not_found' });
    expect(await rowCount(t.db, monitoringReports)).toBe(1);
  });

  it('only the team submits: not its coach, the office, or another team', async () => {
    const { coach, reports } = await setup();
    const staff = await createUser(t.db, 'staff');
    const other = await coachedStartup(t.db);
    for (const [user, reason] of [[coach, 'not_team'], [staff, 'not_team'], [other.lead, 'not_team']] as const) {
      expect(await domainError(submitMonitoringReport(t.db, as(user, now), figures(reports[0]!.id)))).toMatchObject({ kind: 'forbidden', code: reason });
    }
    for (const table of [monitoringReports, outboxMessages, auditEvents]) expect(await rowCount(t.db, table)).toBe(0);
  });

  it('bad input gets a translated message and writes nothing', async () => {
    const { lead, reports } = await setup();
    const run = ({ revenue, ...input }: { revenue: number } & Omit<SubmitReportInput, 'revenueCents'>) => submitMonitoringReport(t.db, as(lead, now), { ...input, revenueCents: revenue });
    const fields = { milestoneId: reports[0]!.id, peopleServed: '140', jobsCreated: '2', revenue: '12.500,50', volunteers: '12', narrative: 'Racconto.' };
    const result = await postForm(submitReportSchema, run, { ...fields, revenue: 'tanti', volunteers: '-1' }, { area: 'monitoring' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const it_ = translator('it');
    expect(translateDynamic(it_, result.errors.revenue!.key)).toBe('Scrivi un importo in euro, per esempio 12.500,00.');
    expect(translateDynamic(it_, result.errors.volunteers!.key, result.errors.volunteers!.params)).toBe('Il valore minimo è 0.');
    expect(result.values.revenue).toBe('tanti');

    const early = await postForm(submitReportSchema, run, { ...fields, milestoneId: reports[3]!.id }, { area: 'monitoring' });
    expect(early.ok || translateDynamic(it_, early.formError!.key, early.formError!.params)).toBe(
      'Questo rapporto non si può ancora consegnare: si apre 30 giorni prima della scadenza.',
    );
    for (const table of [monitoringReports, outboxMessages, auditEvents]) expect(await rowCount(t.db, table)).toBe(0);
  });
});

describe('the coach returns feedback', () => {
  it('requests changes, the team revises, the coach approves: emails and audit at each step', async () => {
    const { coach, lead, member, startup, reports } = await setup();
    const id = reports[0]!.id;
    await submitMonitoringReport(t.db, as(lead, now), figures(id));
    await giveMonitoringFeedback(t.db, as(coach, now), { milestoneId: id, decision: 'request_changes', feedback: 'Mancano i ricavi di luglio.', version: 2 });

    expect(await milestoneRow(id)).toMatchObject({ status: 'changes_requested', version: 3, approvedAt: null });
    const mails = (await outbox(t.db)).filter((m) => m.template === 'monitoringFeedback');
    expect(mails.map((m) => [m.toAddress, m.locale]).sort()).toEqual([[lead.email, 'it'], [member.email, 'en']].sort());
    const english = mails.find((m) => m.locale === 'en')!;
    expect(english.subject).toBe('Coach feedback on the monitoring of “Doposcuola di cortile”');
    expect(english.textBody).toContain('Mancano i ricavi di luglio.');
    expect(english.textBody).toContain(`/en/me/startups/${startup.id}/monitoring/${id}`);

    // The revision replaces the figures of the same report; the earlier feedback stays until the next.
    const revised = await submitMonitoringReport(t.db, as(member, now), figures(id, { revenueCents: 1_400_000 }));
    expect(revised).toMatchObject({ revenueCents: 1_400_000, submittedBy: member.id, feedback: 'Mancano i ricavi di luglio.' });
    expect(await rowCount(t.db, monitoringReports)).toBe(1);
    expect(await milestoneRow(id)).toMatchObject({ status: 'submitted', version: 4 });

    const approved = await giveMonitoringFeedback(t.db, as(coach, now), { milestoneId: id, decision: 'approve', feedback: 'Ottimo lavoro.', version: 4 });
    expect(approved.milestone).toMatchObject({ status: 'approved', approvedBy: coach.id });
    const [report] = await t.db.select().from(monitoringReports);
    expect(report).toMatchObject({ feedback: 'Ottimo lavoro.', feedbackBy: coach.id });
    expect((await auditTrail(t.db)).map((a) => a.action)).toEqual([
      'monitoring.report_submitted',
      'monitoring.changes_requested',
      'monitoring.report_resubmitted',
      'monitoring.report_approved',
    ]);
    // What follows any approval ran: the first milestone is still in progress, so nothing else starts and the stage stays.
    const [row] = await t.db.select({ stage: startups.stage }).from(startups).where(eq(startups.id, startup.id));
    expect(row!.stage).toBe('pre_feasibility');
  });

  it('refuses a decision on a report that changed since the page was shown, or was never submitted', async () => {
    const { coach, lead, reports } = await setup();
    const id = reports[0]!.id;
    expect(await domainError(giveMonitoringFeedback(t.db, as(coach, now), { milestoneId: id, decision: 'approve', feedback: 'Bene.', version: 1 }))).toMatchObject({
      kind: 'conflict',
      code: 'report_not_submitted',
    });
    await submitMonitoringReport(t.db, as(lead, now), figures(id));
    expect(await domainError(giveMonitoringFeedback(t.db, as(coach, now), { milestoneId: id, decision: 'approve', feedback: 'Bene.', version: 1 }))).toMatchObject({
      code: 'stale_report',
    });
    expect(await milestoneRow(id)).toMatchObject({ status: 'submitted' });
  });

  it('only the assigned coach decides: not another coach, the office or the team', async () => {
    const { lead, reports } = await setup();
    await submitMonitoringReport(t.db, as(lead, now), figures(reports[0]!.id));
    const otherCoach = await createUser(t.db, 'coach');
    const staff = await createUser(t.db, 'staff');
    for (const [user, reason] of [[otherCoach, 'not_coach'], [staff, 'missing_role'], [lead, 'missing_role']] as const) {
      const error = await domainError(giveMonitoringFeedback(t.db, as(user, now), { milestoneId: reports[0]!.id, decision: 'approve', feedback: 'Bene.', version: 2 }));
      expect(error).toMatchObject({ kind: 'forbidden', code: reason });
    }
    expect(await milestoneRow(reports[0]!.id)).toMatchObject({ status: 'submitted' });
  });
});

describe('reading reports', () => {
  it('the team sees each report with its phase and lateness; the coach and office read them too', async () => {
    const { coach, lead, startup, reports } = await setup();
    await submitMonitoringReport(t.db, as(lead, now), figures(reports[0]!.id));
    const { items } = await listReports(t.db, as(lead, now), startup.id, 'team');
    expect(items.map((i) => [i.milestone.dueOn, i.phase, i.overdue])).toEqual([
      ['2025-08-29', 'submitted', true],
      ['2026-02-28', 'open', true],
      ['2026-08-29', 'upcoming', false],
      ['2027-02-28', 'upcoming', false],
    ]);
    expect(items[2]!.opensOn).toBe('2026-07-30');
    expect(items[0]!.report).toMatchObject({ peopleServed: 140 });

    const asCoach = await getReport(t.db, as(coach, now), startup.id, reports[0]!.id, 'coach');
    expect(asCoach).toMatchObject({ canGiveFeedback: true, canSubmit: false });
    const asTeam = await getReport(t.db, as(lead, now), startup.id, reports[1]!.id, 'team');
    expect(asTeam).toMatchObject({ canGiveFeedback: false, canSubmit: true });
    const staff = await createUser(t.db, 'staff');
    expect(await getReport(t.db, as(staff, now), startup.id, reports[0]!.id, 'coach')).toMatchObject({ canGiveFeedback: false, canSubmit: false });
  });

  it('another team, another coach, or the wrong start-up in the address get nothing', async () => {
    const { lead, startup, reports } = await setup();
    const other = await coachedStartup(t.db);
    // They may not even see the start-up: "not found", as for an id that does not exist.
    expect(await domainError(listReports(t.db, as(other.lead, now), startup.id, 'team'))).toMatchObject({ kind: 'not_found', code: 'startup_not_found' });
    expect(await domainError(getReport(t.db, as(other.coach, now), startup.id, reports[0]!.id, 'coach'))).toMatchObject({ kind: 'not_found', code: 'startup_not_found' });
    // The coach's pages are not the team's: a team member reading as coach is refused.
    expect(await domainError(listReports(t.db, as(lead, now), startup.id, 'coach'))).toMatchObject({ kind: 'forbidden', code: 'missing_role' });
    // A report of this start-up asked for through another start-up's address.
    expect(await domainError(getReport(t.db, as(other.lead, now), other.startup.id, reports[0]!.id, 'team'))).toMatchObject({ kind: 'not_found' });
  });
});
