import { formatDate, formatDateTime, formatMoney } from '../../lib/format.ts';
import { translator, type Translate } from '../../lib/i18n/index.ts';
import type { Locale } from '../../lib/i18n/locales.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import { GREY, PdfText, type Columns } from '../../lib/server/pdf-text.ts';
import type { RequestContext } from '../context.ts';
import { breakEvenText, formatBasisPoints, lineTotal, summarisePlan, type PlanSummary } from './business-plan-finance.ts';
import { markdownParagraphs } from './business-plan-plain-text.ts';
import { planSectionKeys, PLAN_YEARS, type FinancialLine } from './business-plan-rules.ts';
import { getBusinessPlan, getPlanVersion, type PlanSnapshot } from './business-plan-view.server.ts';

export type PlanPdfData = {
  locale: Locale;
  startupName: string;
  /** Which text this is: "Version 2 of 12 March 2026" or the working copy's save. */
  edition: string;
  plan: PlanSnapshot;
  generatedAt: Date;
};

/** Label column (the rest of the line), then years 1..3 and the three-year total. */
const FIGURE = 78;
const columns = (pdf: PdfText): Columns => [pdf.width - 4 * FIGURE, FIGURE, FIGURE, FIGURE, FIGURE];

/**
 * The business plan as a PDF for whoever may read it (team, its coaches, staff): a saved version
 * (`version`) or the working copy. The use cases ask the policy; the page only streams the bytes.
 */
export async function exportBusinessPlanPdf(db: Queryable, ctx: RequestContext, input: { startupId: string; version: number | null }) {
  const t = translator(ctx.locale);
  const generatedAt = ctx.now();
  let data: PlanPdfData;
  let suffix: string;
  if (input.version !== null) {
    const { startup, version } = await getPlanVersion(db, ctx, input.startupId, input.version);
    data = { locale: ctx.locale, startupName: startup.name, edition: t('businessPlan.pdf.version', { number: version.number, date: formatDate(version.savedAt!, ctx.locale) }), plan: version, generatedAt };
    suffix = `${startup.slug}-v${version.number}`;
  } else {
    const { startup, working } = await getBusinessPlan(db, ctx, input.startupId);
    const edition = working.savedAt ? t('businessPlan.pdf.working', { version: working.version, date: formatDateTime(working.savedAt, ctx.locale) }) : t('businessPlan.pdf.workingEmpty');
    data = { locale: ctx.locale, startupName: startup.name, edition, plan: working, generatedAt };
    suffix = startup.slug;
  }
  return { bytes: await renderBusinessPlanPdf(data), fileName: `${t('businessPlan.pdf.fileName')}-${suffix}.pdf` };
}

export async function renderBusinessPlanPdf(data: PlanPdfData): Promise<Uint8Array> {
  const t = translator(data.locale);
  const pdf = await PdfText.create({
    title: `${t('businessPlan.title')} – ${data.startupName}`,
    author: t('common.owner'),
    language: data.locale === 'it' ? 'it-IT' : 'en-GB',
    created: data.generatedAt,
  });
  pdf.text(t('common.owner'), { size: 9, color: GREY });
  pdf.text(t('businessPlan.title'), { size: 20, bold: true, gapAfter: 4 });
  pdf.text(data.startupName, { size: 14, gapAfter: 6 });
  pdf.text(data.edition);
  pdf.text(t('businessPlan.pdf.generated', { date: formatDateTime(data.generatedAt, data.locale) }), { size: 9, color: GREY, gapAfter: 8 });

  for (const key of planSectionKeys) {
    pdf.heading(t(`businessPlan.sections.${key}.title`));
    const paragraphs = markdownParagraphs(data.plan.sections[key] ?? '');
    if (paragraphs.length === 0) pdf.text(t('businessPlan.pdf.notWritten'), { color: GREY });
    for (const p of paragraphs) pdf.text(p, { gapAfter: 5 });
  }
  financial(pdf, data, t);
  return pdf.save((page, pages) => t('businessPlan.pdf.footer', { startup: data.startupName, page, pages }));
}

function financial(pdf: PdfText, data: PlanPdfData, t: Translate) {
  const COLUMNS = columns(pdf);
  const money = (cents: number) => formatMoney(cents, data.locale);
  const summary = summarisePlan(data.plan.financial);
  pdf.heading(t('businessPlan.financial.title'));
  const years = Array.from({ length: PLAN_YEARS }, (_, y) => t('businessPlan.financial.year', { n: y + 1 }));
  pdf.row(['', ...years, t('businessPlan.financial.total')], COLUMNS, { bold: true });
  const lines = (kind: FinancialLine['kind']) => data.plan.financial.lines.filter((l) => l.kind === kind);
  for (const kind of ['revenue', 'cost'] as const) {
    pdf.row([t(`businessPlan.financial.${kind}`)], COLUMNS, { bold: true });
    for (const line of lines(kind)) pdf.row([line.label, ...line.years.map(money), money(lineTotal(line))], COLUMNS);
    if (lines(kind).length === 0) pdf.row([t('businessPlan.financial.noLines')], COLUMNS);
  }
  totals(pdf, summary, t, money, data.locale);
  pdf.gap(6);
  pdf.text(breakEvenText(summary, t), { bold: true, gapAfter: 4 });
  pdf.text(t('businessPlan.summary.definition'), { size: 9, color: GREY });
}

function totals(pdf: PdfText, s: PlanSummary, t: Translate, money: (c: number) => string, locale: Locale) {
  const COLUMNS = columns(pdf);
  const pct = (bp: number | null) => (bp === null ? '–' : formatBasisPoints(bp, locale));
  pdf.gap(4);
  pdf.row([t('businessPlan.summary.revenue'), ...s.years.map((y) => money(y.revenue)), money(s.total.revenue)], COLUMNS, { bold: true });
  pdf.row([t('businessPlan.summary.cost'), ...s.years.map((y) => money(y.cost)), money(s.total.cost)], COLUMNS, { bold: true });
  pdf.row([t('businessPlan.summary.margin'), ...s.years.map((y) => money(y.margin)), money(s.total.margin)], COLUMNS, { bold: true });
  pdf.row([t('businessPlan.summary.marginPercent'), ...s.years.map((y) => pct(y.marginBasisPoints)), pct(s.total.marginBasisPoints)], COLUMNS);
  pdf.row([t('businessPlan.summary.cumulative'), ...s.years.map((y) => money(y.cumulative)), ''], COLUMNS);
}
