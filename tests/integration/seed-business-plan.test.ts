import { describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { businessPlanComments, businessPlans, businessPlanVersions } from '../../db/schema/index.ts';
import { seedBusinessPlan } from '../../db/seed/business-plan.ts';
import { summarisePlan } from '../../src/domain/incubation/business-plan-finance.ts';
import { exportBusinessPlanPdf } from '../../src/domain/incubation/business-plan-pdf.server.ts';
import { getBusinessPlan } from '../../src/domain/incubation/business-plan-view.server.ts';
import { planSectionKeys } from '../../src/domain/incubation/business-plan-rules.ts';
import { createStartup, createUser } from '../factories/index.ts';
import { useTestDb } from '../support/db.ts';
import { as } from './business-plan-setup.ts';
import { pdfText } from '../support/pdf-text.ts';

const t = useTestDb();
const NOW = new Date('2026-05-04T10:00:00Z');
const DAY = 86_400_000;

describe('seedBusinessPlan', () => {
  it('writes a working plan, two versions and two coach comments, in order, once', async () => {
    const coach = await createUser(t.db, 'coach');
    const lead = await createUser(t.db, 'resident');
    const startup = await createStartup(t.db, { leadUserId: lead.id, coachIds: [coach.id], name: 'Basket in piazza Lanza', createdAt: new Date(NOW.getTime() - 200 * DAY) });
    const options = { startup, authorUserId: lead.id, coachUserId: coach.id, now: NOW };

    expect(await t.db.transaction((tx) => seedBusinessPlan(tx, options))).toEqual({ plans: 1, versions: 2, comments: 2 });
    expect(await t.db.transaction((tx) => seedBusinessPlan(tx, options))).toEqual({ plans: 0, versions: 0, comments: 0 });

    const versions = await t.db.select().from(businessPlanVersions).where(eq(businessPlanVersions.startupId, startup.id)).orderBy(asc(businessPlanVersions.number));
    const [working] = await t.db.select().from(businessPlans).where(eq(businessPlans.startupId, startup.id));
    const comments = await t.db.select().from(businessPlanComments).orderBy(asc(businessPlanComments.createdAt));
    // The story: the first draft never breaks even, the coach says so, the second draft breaks even in year 2.
    expect(summarisePlan(versions[0]!.financial).breakEvenYear).toBeNull();
    expect(summarisePlan(versions[1]!.financial).breakEvenYear).toBe(2);
    expect(summarisePlan(working!.financial)).toMatchObject({ breakEvenYear: 2, years: [{ margin: -300_000 }, { margin: 500_000 }, { margin: 700_000 }] });
    expect(comments.map((c) => [c.section, c.planVersion])).toEqual([
      ['financial', 3],
      ['market', 6],
    ]);
    expect(working!.version).toBe(7);
    // Every section is written, the summary names the start-up.
    expect(planSectionKeys.filter((k) => !working!.sections[k])).toEqual([]);
    expect(working!.sections.summary).toContain('Basket in piazza Lanza');
    const times = [versions[0]!.savedAt, comments[0]!.createdAt, versions[1]!.savedAt, comments[1]!.createdAt, working!.updatedAt].map((d) => d.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBeGreaterThan(startup.createdAt.getTime());
    expect(times[4]).toBeLessThanOrEqual(NOW.getTime());

    // What the team and the coach see, and the PDF, work on the seeded data.
    const page = await getBusinessPlan(t.db, as(lead), startup.id);
    expect(page.versions.map((v) => v.number)).toEqual([2, 1]);
    expect(page.comments).toHaveLength(2);
    const text = await pdfText((await exportBusinessPlanPdf(t.db, as(coach), { startupId: startup.id, version: null })).bytes);
    expect(text).toContain('Anno di pareggio: anno 2.');
    expect(text).toContain('Centro estivo di luglio');
    expect(text).not.toContain('?');
  });

  it('seeds no comments without a coach', async () => {
    const lead = await createUser(t.db, 'resident');
    const startup = await createStartup(t.db, { leadUserId: lead.id });
    expect(await t.db.transaction((tx) => seedBusinessPlan(tx, { startup, authorUserId: lead.id, coachUserId: null, now: NOW }))).toEqual({ plans: 1, versions: 2, comments: 0 });
  });
});
