import { formatDate, formatDateTime, formatMoney, romeDayStart } from '../../lib/format.ts';
import { translator } from '../../lib/i18n/index.ts';
import { GREY, PdfText } from '../../lib/server/pdf-text.ts';
import type { Statement } from './statement.server.ts';
import { statementTotals, statusText } from './statement.server.ts';

/**
 * The donor's statement as a PDF (estratto conto): who the donor is (its own tax code, never
 * shown anywhere public), the three totals, then every line of the CSV in the same order.
 */
export async function renderStatementPdf(statement: Statement): Promise<Uint8Array> {
  const { donor, locale, generatedAt } = statement;
  const t = translator(locale);
  const title = t('donors.statement.title');
  const pdf = await PdfText.create({ title: `${title} – ${donor.name}`, author: t('common.owner'), language: locale === 'it' ? 'it-IT' : 'en-GB', created: generatedAt });
  const day = (iso: string) => formatDate(romeDayStart(iso), locale);
  const money = (cents: number) => formatMoney(cents, locale);

  pdf.text(t('common.owner'), { size: 9, color: GREY });
  pdf.text(title, { size: 18, bold: true, gapAfter: 4 });
  pdf.text(donor.name, { size: 12, gapAfter: 2 });
  pdf.text(t(`donors.kinds.${donor.kind}`), { color: GREY, gapAfter: 0 });
  if (donor.taxCode) pdf.text(t('donors.statement.taxCode', { code: donor.taxCode }), { color: GREY, gapAfter: 0 });
  pdf.text(t('donors.statement.generated', { date: formatDateTime(generatedAt, locale) }), { color: GREY, gapAfter: 8 });

  pdf.heading(t('donors.statement.totalsHeading'));
  for (const total of statementTotals) pdf.text(`${t(`donors.statement.totals.${total}`)}: ${money(statement.totals[`${total}Cents`])}`);
  if (statement.totals.cancelledCents > 0) pdf.text(`${t('donors.statement.cancelledTotal')}: ${money(statement.totals.cancelledCents)}`, { color: GREY });

  pdf.heading(t('donors.statement.linesHeading'));
  if (statement.entries.length === 0) pdf.text(t('donors.statement.empty'));
  for (const e of statement.entries) {
    pdf.room(40);
    pdf.text(`${day(e.date)} · ${t(`donors.statement.kinds.${e.kind}`)} · ${money(e.amountCents)}`, { bold: true, gapAfter: 0 });
    const details = [e.pledge, e.target, statusText(t, e.status), e.reference ? t('donors.statement.reference', { reference: e.reference }) : null];
    pdf.text(details.filter(Boolean).join(' – '), { indent: 12, size: 9, gapAfter: 6 });
  }
  pdf.text(t('donors.statement.note'), { size: 8, color: GREY });
  return pdf.save((page, pages) => t('donors.statement.footer', { name: donor.name, page, pages }));
}
