import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { businessPlanComments, businessPlans, businessPlanVersions, startups } from '../../db/schema/index.ts';
import { commentBusinessPlan } from '../../src/domain/incubation/comment-business-plan.server.ts';
import { exportBusinessPlanPdf } from '../../src/domain/incubation/business-plan-pdf.server.ts';
import { getBusinessPlan, getPlanVersion } from '../../src/domain/incubation/business-plan-view.server.ts';
import { PLAN_EDITOR_MULTI, planCommentSchema, planEditorSchema } from '../../src/domain/incubation/business-plan.schema.ts';
import { saveBusinessPlan } from '../../src/domain/incubation/save-business-plan.server.ts';
import { savePlanVersion } from '../../src/domain/incubation/save-plan-version.server.ts';
import { formatMoney } from '../../src/lib/format.ts';
import { useTestDb } from '../support/db.ts';
import { auditTrail, domainError, rowCount } from './helpers.ts';
import { as, cost, planPeople, postForm, revenue } from './business-plan-setup.ts';
import { pdfText } from '../support/pdf-text.ts';

const t = useTestDb();

const lines = [revenue('Quote del doposcuola', [1_440_000, 2_160_000, 2_520_000]), cost('Educatori', [1_740_000, 1_660_000, 1_820_000])];
const plan = (version: number, over: Partial<{ sections: Record<string, string>; lines: typeof lines }> = {}) => ({
  version,
  sections: over.sections ?? { summary: 'Un doposcuola sportivo nel campetto.' },
  financial: { lines: over.lines ?? lines },
});

describe('saving the working plan', () => {
  it('creates the plan at version 1, then bumps the version on each change, audited', async () => {
    const p = await planPeople(t.db);
    const first = await saveBusinessPlan(t.db, as(p.lead), { startupId: p.startup.id, ...plan(0) });
    expect(first).toMatchObject({ version: 1, changed: true });
    const second = await saveBusinessPlan(t.db, as(p.member), { startupId: p.startup.id, ...plan(1, { sections: { summary: 'Nuovo testo', market: 'La polisportiva.' } }) });
    expect(second).toMatchObject({ version: 2, changed: true });

    const page = await getBusinessPlan(t.db, as(p.lead), p.startup.id);
    expect(page.working).toMatchObject({ version: 2, sections: { summary: 'Nuovo testo', market: 'La polisportiva.' }, savedBy: p.member.name });
    expect(page.working.financial.lines).toEqual(lines);
    const trail = (await auditTrail(t.db)).filter((e) => e.action === 'business_plan.saved');
    expect(trail.map((e) => [e.actorId, e.summary])).toEqual([
      [p.lead.id, { version: 1, sections: ['summary'], lines: 2 }],
      [p.member.id, { version: 2, sections: ['summary', 'market'], lines: 2 }],
    ]);
  });

  it('does not make a new version when nothing changed', async () => {
    const p = await planPeople(t.db);
    await saveBusinessPlan(t.db, as(p.lead), { startupId: p.startup.id, ...plan(0) });
    expect(await saveBusinessPlan(t.db, as(p.lead), { startupId: p.startup.id, ...plan(1) })).toMatchObject({ version: 1, changed: false });
    expect((await auditTrail(t.db)).filter((e) => e.action === 'business_plan.saved')).toHaveLength(1);
  });

  it('refuses a stale save, says who saved and keeps the newer text', async () => {
    const p = await planPeople(t.db);
    await saveBusinessPlan(t.db, as(p.lead), { startupId: p.startup.id, ...plan(0) });
    // Both opened version 1; the lead saves first.
    await saveBusinessPlan(t.db, as(p.lead), { startupId: p.startup.id, ...plan(1, { sections: { summary: 'Testo della referente' } }) });
    const error = await domainError(saveBusinessPlan(t.db, as(p.member), { startupId: p.startup.id, ...plan(1, { sections: { summary: 'Testo del socio' } }) }));
    expect(error).toMatchObject({ kind: 'conflict', code: 'stale_plan', details: { version: 2, by: p.lead.name } });
    const [row] = await t.db.select().from(businessPlans).where(eq(businessPlans.startupId, p.startup.id));
    expect(row).toMatchObject({ version: 2, sections: { summary: 'Testo della referente' } });
  });

  it('gives the refused form back with what was typed and a translated reason', async () => {
    const p = await planPeople(t.db);
    await saveBusinessPlan(t.db, as(p.lead), { startupId: p.startup.id, ...plan(0) });
    await saveBusinessPlan(t.db, as(p.lead), { startupId: p.startup.id, ...plan(1, { sections: { summary: 'Prima' } }) });
    const fields = { startupId: p.startup.id, version: '1', intent: 'save', summary: 'Il mio testo lungo', lineKind: ['cost'], lineLabel: ['Affitto'], lineYear1: ['1.200,00'], lineYear2: [''], lineYear3: ['0'] };
    const result = await postForm(planEditorSchema, async (input) => (input.kind === 'save' ? saveBusinessPlan(t.db, as(p.member), input) : null), fields, PLAN_EDITOR_MULTI);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.formError).toMatchObject({ key: 'businessPlan.errors.stale_plan', params: { by: p.lead.name, version: 2 } });
    expect(result.values).toMatchObject({ summary: 'Il mio testo lungo', lineLabel: ['Affitto'], lineYear1: ['1.200,00'] });
  });

  it('lets only one of two first saves in', async () => {
    const p = await planPeople(t.db);
    const results = await Promise.allSettled([
      saveBusinessPlan(t.db, as(p.lead), { startupId: p.startup.id, ...plan(0, { sections: { summary: 'A' } }) }),
      saveBusinessPlan(t.db, as(p.member), { startupId: p.startup.id, ...plan(0, { sections: { summary: 'B' } }) }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'stale_plan' });
    expect(await rowCount(t.db, businessPlans)).toBe(1);
  });

  it('writes nothing for bad input, and names each bad cell', async () => {
    const p = await planPeople(t.db);
    const fields = { startupId: p.startup.id, version: '0', intent: 'save', summary: 'ok', lineKind: ['revenue', 'cost'], lineLabel: ['Quote', ''], lineYear1: ['dieci', '5'], lineYear2: ['-3', ''], lineYear3: ['1', ''] };
    const result = await postForm(planEditorSchema, async (input) => (input.kind === 'save' ? saveBusinessPlan(t.db, as(p.lead), input) : null), fields, PLAN_EDITOR_MULTI);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      'lineYear1.0': { key: 'businessPlan.errors.amount_invalid' },
      'lineYear2.0': { key: 'businessPlan.errors.amount_negative' },
      'lineLabel.1': { key: 'businessPlan.errors.label_required' },
    });
    expect(await rowCount(t.db, businessPlans)).toBe(0);

    // The domain checks the same limits whoever calls it.
    const long = await domainError(saveBusinessPlan(t.db, as(p.lead), { startupId: p.startup.id, ...plan(0, { lines: [cost('x'.repeat(121), [1, 1, 1])] }) }));
    expect(long).toMatchObject({ kind: 'invalid', code: 'label_too_long', details: { field: 'lineLabel.0', max: 120 } });
    const huge = await domainError(saveBusinessPlan(t.db, as(p.lead), { startupId: p.startup.id, ...plan(0, { lines: [cost('Affitto', [1, 1e11 + 1, 1])] }) }));
    expect(huge.code).toBe('amount_too_large');
    expect(await rowCount(t.db, businessPlans)).toBe(0);
  });

  it('is for the team only', async () => {
    const p = await planPeople(t.db);
    const save = (who: Parameters<typeof as>[0]) => domainError(saveBusinessPlan(t.db, as(who), { startupId: p.startup.id, ...plan(0) }));
    expect(await save(p.coach)).toMatchObject({ kind: 'forbidden', code: 'not_team' });
    expect(await save(p.staff)).toMatchObject({ kind: 'forbidden', code: 'not_team' });
    // Another team cannot even see a start-up without a public profile.
    expect(await save(p.outsider)).toMatchObject({ kind: 'not_found', code: 'startup_not_found' });
    expect(await save(null)).toMatchObject({ kind: 'not_found' });
    await t.db.update(startups).set({ publicConsent: true }).where(eq(startups.id, p.startup.id));
    expect(await save(p.outsider)).toMatchObject({ kind: 'forbidden', code: 'not_team' });
    expect(await domainError(saveBusinessPlan(t.db, as(p.lead), { startupId: 'nope', ...plan(0) }))).toMatchObject({ kind: 'not_found' });
    expect(await rowCount(t.db, businessPlans)).toBe(0);
  });
});

describe('saved versions', () => {
  it('numbers snapshots of the working plan and keeps old ones readable', async () => {
    const p = await planPeople(t.db);
    expect(await domainError(savePlanVersion(t.db, as(p.lead), { startupId: p.startup.id, version: 1 }))).toMatchObject({ code: 'plan_empty' });
    await saveBusinessPlan(t.db, as(p.lead), { startupId: p.startup.id, ...plan(0, { sections: { summary: 'Prima stesura' } }) });
    expect(await savePlanVersion(t.db, as(p.lead), { startupId: p.startup.id, version: 1 })).toMatchObject({ number: 1 });
    expect(await domainError(savePlanVersion(t.db, as(p.member), { startupId: p.startup.id, version: 1 }))).toMatchObject({ code: 'version_unchanged', details: { number: 1 } });

    await saveBusinessPlan(t.db, as(p.member), { startupId: p.startup.id, ...plan(1, { sections: { summary: 'Seconda stesura' } }) });
    // A page shown before the member's save may not freeze text its reader has not seen.
    expect(await domainError(savePlanVersion(t.db, as(p.lead), { startupId: p.startup.id, version: 1 }))).toMatchObject({ code: 'stale_version', details: { version: 2 } });
    expect(await savePlanVersion(t.db, as(p.lead), { startupId: p.startup.id, version: 2 })).toMatchObject({ number: 2 });

    const one = await getPlanVersion(t.db, as(p.coach), p.startup.id, 1);
    expect(one.version).toMatchObject({ number: 1, sections: { summary: 'Prima stesura' }, savedBy: p.lead.name });
    expect(one.versions.map((v) => v.number)).toEqual([2, 1]);
    expect(await domainError(getPlanVersion(t.db, as(p.lead), p.startup.id, 3))).toMatchObject({ kind: 'not_found', code: 'plan_version_not_found' });
    const trail = (await auditTrail(t.db)).filter((e) => e.action === 'business_plan.version_saved');
    expect(trail.map((e) => e.summary)).toEqual([{ number: 1, planVersion: 1 }, { number: 2, planVersion: 2 }]);
  });

  it('makes one version of two clicks at once', async () => {
    const p = await planPeople(t.db);
    await saveBusinessPlan(t.db, as(p.lead), { startupId: p.startup.id, ...plan(0) });
    const results = await Promise.allSettled([
      savePlanVersion(t.db, as(p.lead), { startupId: p.startup.id, version: 1 }),
      savePlanVersion(t.db, as(p.member), { startupId: p.startup.id, version: 1 }),
    ]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value.number : (r.reason as { code: string }).code)).sort()).toEqual([1, 'version_unchanged']);
    expect(await rowCount(t.db, businessPlanVersions)).toBe(1);
  });

  it('is for the team only', async () => {
    const p = await planPeople(t.db);
    await saveBusinessPlan(t.db, as(p.lead), { startupId: p.startup.id, ...plan(0) });
    for (const who of [p.coach, p.staff]) expect(await domainError(savePlanVersion(t.db, as(who), { startupId: p.startup.id, version: 1 }))).toMatchObject({ kind: 'forbidden' });
    expect(await domainError(savePlanVersion(t.db, as(p.outsider), { startupId: p.startup.id, version: 1 }))).toMatchObject({ kind: 'not_found' });
    expect(await rowCount(t.db, businessPlanVersions)).toBe(0);
  });
});

describe('coach comments', () => {
  it('records the section and the save it was written on; the team reads them', async () => {
    const p = await planPeople(t.db);
    await saveBusinessPlan(t.db, as(p.lead), { startupId: p.startup.id, ...plan(0) });
    await saveBusinessPlan(t.db, as(p.lead), { startupId: p.startup.id, ...plan(1, { sections: { summary: 'Rivisto' } }) });
    const comment = await commentBusinessPlan(t.db, as(p.coach), { startupId: p.startup.id, section: 'market', body: '  Aggiungete le **alternative**.  ', planVersion: 1 });
    expect(comment).toMatchObject({ section: 'market', planVersion: 1, body: 'Aggiungete le **alternative**.', authorId: p.coach.id });
    // A version that does not exist (an old or forged form) counts as the current one.
    const later = as(p.coach, new Date('2026-05-05T10:00:00Z'));
    expect(await commentBusinessPlan(t.db, later, { startupId: p.startup.id, section: 'financial', body: 'Conti chiari.', planVersion: 99 })).toMatchObject({ planVersion: 2 });

    const page = await getBusinessPlan(t.db, as(p.member), p.startup.id);
    expect(page.comments.map((c) => [c.section, c.author, c.planVersion])).toEqual([
      ['market', p.coach.name, 1],
      ['financial', p.coach.name, 2],
    ]);
    expect(page).toMatchObject({ canEdit: true, canComment: false });
    const trail = (await auditTrail(t.db)).filter((e) => e.action === 'business_plan.commented');
    expect(trail.map((e) => [e.actorId, e.summary])).toEqual([
      [p.coach.id, { startupId: p.startup.id, section: 'market', planVersion: 1, length: 30 }],
      [p.coach.id, { startupId: p.startup.id, section: 'financial', planVersion: 2, length: 13 }],
    ]);
  });

  it('is for the assigned coach only', async () => {
    const p = await planPeople(t.db);
    const comment = (who: Parameters<typeof as>[0]) => domainError(commentBusinessPlan(t.db, as(who), { startupId: p.startup.id, section: 'summary', body: 'Commento' }));
    expect(await comment(p.otherCoach)).toMatchObject({ kind: 'not_found' });
    await t.db.update(startups).set({ publicConsent: true }).where(eq(startups.id, p.startup.id));
    expect(await comment(p.otherCoach)).toMatchObject({ kind: 'forbidden', code: 'not_coach' });
    expect(await comment(p.staff)).toMatchObject({ kind: 'forbidden', code: 'missing_role' });
    expect(await comment(p.lead)).toMatchObject({ kind: 'forbidden', code: 'missing_role' });
    expect(await rowCount(t.db, businessPlanComments)).toBe(0);
  });

  it('refuses an empty comment or an unknown section with a message, writing nothing', async () => {
    const p = await planPeople(t.db);
    const post = (fields: Record<string, string>) => postForm(planCommentSchema, (input) => commentBusinessPlan(t.db, as(p.coach), input), { startupId: p.startup.id, ...fields });
    const empty = await post({ section: 'summary', body: '   ' });
    expect(!empty.ok && empty.errors.body).toEqual({ key: 'validation.required' });
    const unknown = await post({ section: 'budget', body: 'Testo' });
    expect(!unknown.ok && unknown.errors.section).toEqual({ key: 'validation.choice' });
    expect(await domainError(commentBusinessPlan(t.db, as(p.coach), { startupId: p.startup.id, section: 'summary', body: 'x'.repeat(4001) }))).toMatchObject({ code: 'comment_too_long' });
    expect(await rowCount(t.db, businessPlanComments)).toBe(0);
  });
});

describe('reading the plan', () => {
  it('lets the team, its coach and staff read; not another coach, another team or the public', async () => {
    const p = await planPeople(t.db);
    await saveBusinessPlan(t.db, as(p.lead), { startupId: p.startup.id, ...plan(0) });
    expect(await getBusinessPlan(t.db, as(p.coach), p.startup.id)).toMatchObject({ canEdit: false, canComment: true, working: { version: 1 } });
    expect(await getBusinessPlan(t.db, as(p.staff), p.startup.id)).toMatchObject({ canEdit: false, canComment: false });
    for (const who of [p.otherCoach, p.outsider, null]) expect(await domainError(getBusinessPlan(t.db, as(who), p.startup.id))).toMatchObject({ kind: 'not_found' });
    // A public profile shows the start-up, never its plan.
    await t.db.update(startups).set({ publicConsent: true }).where(eq(startups.id, p.startup.id));
    for (const who of [p.otherCoach, p.outsider]) expect(await domainError(getBusinessPlan(t.db, as(who), p.startup.id))).toMatchObject({ kind: 'forbidden' });
    expect(await domainError(getBusinessPlan(t.db, as(null), p.startup.id))).toMatchObject({ kind: 'forbidden', code: 'not_signed_in' });
  });

  it('shows an empty working plan before the first save', async () => {
    const p = await planPeople(t.db);
    expect((await getBusinessPlan(t.db, as(p.lead), p.startup.id)).working).toEqual({ sections: {}, financial: { lines: [] }, version: 0, savedAt: null, savedBy: null });
  });
});

describe('PDF export', () => {
  it('is a valid PDF with the start-up, the sections, the financial table and the break-even year', async () => {
    const p = await planPeople(t.db, { name: 'Doposcuola di cortile' });
    await saveBusinessPlan(t.db, as(p.lead), { startupId: p.startup.id, ...plan(0, { sections: { summary: 'Un **doposcuola** sportivo.', need: '- compiti\n- sport' } }) });
    const pdf = await exportBusinessPlanPdf(t.db, as(p.lead), { startupId: p.startup.id, version: null });
    expect(pdf.fileName).toBe(`business-plan-${p.startup.slug}.pdf`);
    const doc = await PDFDocument.load(pdf.bytes);
    expect(doc.getTitle()).toBe('Business plan – Doposcuola di cortile');
    const text = await pdfText(pdf.bytes);
    expect(text).toContain('Doposcuola di cortile');
    expect(text).toContain('Un doposcuola sportivo.');
    expect(text).toContain('• compiti');
    expect(text).toContain('Quote del doposcuola');
    // Margins −3.000, +5.000, +7.000 €: cumulative −3.000, +2.000 → year 2.
    expect(text).toContain('Anno di pareggio: anno 2.');
    expect(text).toContain(formatMoney(-300_000, 'it').replace(/\u00a0/g, ' '));
    expect(text).toContain('Piano di lavoro, salvataggio n. 1');
  });

  it('exports a saved version for the coach and staff, never for another team or the public', async () => {
    const p = await planPeople(t.db);
    await saveBusinessPlan(t.db, as(p.lead), { startupId: p.startup.id, ...plan(0, { sections: { summary: 'Versione uno' } }) });
    await savePlanVersion(t.db, as(p.lead), { startupId: p.startup.id, version: 1 });
    await saveBusinessPlan(t.db, as(p.lead), { startupId: p.startup.id, ...plan(1, { sections: { summary: 'Testo nuovo' } }) });
    for (const who of [p.coach, p.staff]) {
      const pdf = await exportBusinessPlanPdf(t.db, as(who), { startupId: p.startup.id, version: 1 });
      expect(pdf.fileName).toBe(`business-plan-${p.startup.slug}-v1.pdf`);
      const text = await pdfText(pdf.bytes);
      expect(text).toContain('Versione uno');
      expect(text).not.toContain('Testo nuovo');
    }
    for (const who of [p.outsider, p.otherCoach, null]) expect(await domainError(exportBusinessPlanPdf(t.db, as(who), { startupId: p.startup.id, version: null }))).toMatchObject({ kind: 'not_found' });
    expect(await domainError(exportBusinessPlanPdf(t.db, as(p.lead), { startupId: p.startup.id, version: 7 }))).toMatchObject({ code: 'plan_version_not_found' });
  });
});
