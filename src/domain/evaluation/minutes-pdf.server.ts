import { formatDate, formatDateTime, formatMoney } from '../../lib/format.ts';
import { translator, type Translate } from '../../lib/i18n/index.ts';
import { localized } from '../calls/localized.ts';
import { formatScore } from './score-format.ts';
import type { MinutesData, MinutesProposal } from './minutes.server.ts';
import { methodParagraphs } from './ranking-method-text.ts';
import { GREY, PdfText } from '../../lib/server/pdf-text.ts';

/**
 * The commission's minutes (verbale) as a PDF: who sat on it, the dates, the method, every
 * evaluator's points per proposal and the consolidated scores, outcomes and publications.
 * Criteria are numbered C1…Cn in the rubric's order, listed once in the method section.
 */
export async function renderMinutesPdf(data: MinutesData, now: Date): Promise<Uint8Array> {
  const t = translator(data.locale);
  const callTitle = localized(data.call.titleIt, data.call.titleEn, data.locale).text;
  const pdf = await PdfText.create({ title: `${t('ranking.minutes.title')} – ${callTitle}`, author: t('common.owner'), language: data.locale === 'it' ? 'it-IT' : 'en-GB', created: now });
  pdf.text(t('common.owner'), { size: 9, color: GREY });
  pdf.text(t('ranking.minutes.title'), { size: 18, bold: true, gapAfter: 4 });
  pdf.text(callTitle, { size: 12, gapAfter: 8 });
  if (data.source === 'preview') pdf.text(t('ranking.minutes.previewNote'), { bold: true, gapAfter: 6 });

  pdf.heading(t('ranking.minutes.commission'));
  if (data.members.length === 0) pdf.text(t('ranking.minutes.noMembers'));
  for (const m of data.members) pdf.text(`${m.name} – ${t(`ranking.minutes.roles.${m.role}`)}`);
  if (data.blind) pdf.text(t('ranking.minutes.blindNote'), { color: GREY });

  dates(pdf, data, t);
  pdf.heading(t('ranking.minutes.method'));
  for (const p of methodParagraphs(data.method, t, data.rankings.at(-1)?.budgetCents ?? data.call.budgetCents)) pdf.text(p, { gapAfter: 4 });
  data.method.criteria.forEach((c, i) =>
    pdf.text(`C${i + 1}  ${localized(c.label.it, c.label.en, data.locale).text} (max ${c.maxPoints}${c.threshold ? `, ${t('ranking.minutes.minimum', { points: c.threshold })}` : ''})`, { indent: 10 }),
  );

  pdf.heading(t('ranking.minutes.scores'));
  if (data.proposals.length === 0) pdf.text(t('ranking.minutes.noProposals'));
  for (const p of data.proposals) proposal(pdf, p, data, t);

  pdf.heading(t('ranking.minutes.observations'));
  pdf.text(t('ranking.minutes.observationCounts', data.observations));
  return pdf.save((page, pages) => t('ranking.minutes.footer', { date: formatDateTime(now, data.locale), page, pages }));
}

function dates(pdf: PdfText, data: MinutesData, t: Translate) {
  const when = (d: Date | null) => (d ? formatDate(d, data.locale) : '–');
  pdf.heading(t('ranking.minutes.dates'));
  pdf.text(t('ranking.minutes.opened', { date: formatDateTime(data.call.opensAt, data.locale) }));
  pdf.text(t('ranking.minutes.deadline', { date: formatDateTime(data.call.closesAt, data.locale) }));
  pdf.text(t('ranking.minutes.evaluationPeriod', { from: when(data.evaluation.from), to: when(data.evaluation.to) }));
  for (const r of data.rankings) {
    const slide = (r.method as { slide?: { freedCents: number; reason: string } }).slide;
    if (slide) pdf.text(t('ranking.minutes.slid', { date: formatDate(r.publishedAt, data.locale), amount: formatMoney(slide.freedCents, data.locale), reason: slide.reason }));
    else if (r.kind === 'provisional')
      pdf.text(t('ranking.minutes.provisional', { date: formatDate(r.publishedAt, data.locale), closes: r.observationsCloseAt ? formatDate(r.observationsCloseAt, data.locale) : '–' }));
    else pdf.text(t('ranking.minutes.final', { date: formatDate(r.publishedAt, data.locale) }));
  }
}

function proposal(pdf: PdfText, p: MinutesProposal, data: MinutesData, t: Translate) {
  const pts = (cp: number) => formatScore(cp, data.locale);
  pdf.room(60);
  pdf.text(`${p.position}. ${p.protocolNumber ?? ''} – ${p.title || t('ranking.untitled')}`, { bold: true, gapAfter: 1 });
  for (const s of p.sheets) {
    const cells = s.points.map((x, i) => `C${i + 1} ${x ?? '–'}`).join(' · ');
    const total = s.points.reduce<number>((a, x) => a + (x ?? 0), 0);
    const note = s.superseded ? ` (${t('ranking.minutes.superseded')})` : s.rescoring ? ` (${t('ranking.minutes.rescoring')})` : '';
    pdf.text(`${s.evaluator}: ${cells} = ${total}${note}`, { indent: 12, size: 9, color: s.superseded ? GREY : undefined, gapAfter: 0 });
  }
  for (const c of p.consensus) pdf.text(t('ranking.minutes.consensusLine', { criterion: c.criterion, points: c.points, reason: c.reason }), { indent: 12, size: 9, gapAfter: 0 });
  const consolidated = data.method.criteria.map((c, i) => `C${i + 1} ${pts(p.criteria[c.key] ?? 0)}`).join(' · ');
  pdf.text(t('ranking.minutes.consolidated', { scores: consolidated, total: pts(p.scoreCentipoints) }), { indent: 12, size: 9, bold: true, gapAfter: 0 });
  const failed = p.failedThresholds.map((k) => `C${data.method.criteria.findIndex((c) => c.key === k) + 1}`).join(', ');
  const outcome = t(`ranking.outcome.${p.outcome}`);
  const detail =
    p.outcome === 'funded'
      ? t('ranking.minutes.grant', { grant: formatMoney(p.grantCents, data.locale) })
      : failed
        ? t('ranking.minutes.failed', { criteria: failed })
        : p.outcome === 'eligible_not_funded'
          ? t('ranking.minutes.waiting', { grant: formatMoney(p.shownGrantCents, data.locale) })
          : '';
  pdf.text(`${t('ranking.minutes.outcome')}: ${outcome}${detail ? ` – ${detail}` : ''}`, { indent: 12, size: 9, gapAfter: 6 });
}
