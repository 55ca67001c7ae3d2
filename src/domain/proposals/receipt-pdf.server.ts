import { formatDateTime } from '../../lib/format.ts';
import { formatFileSize } from '../../lib/files-format.ts';
import { translator } from '../../lib/i18n/index.ts';
import type { Locale } from '../../lib/i18n/locales.ts';
import { GREY, PdfText, type TextStyle } from '../../lib/server/pdf-text.ts';

/**
 * The PDF receipt of a submission: what was sent, when (Rome time, by the database clock), under
 * which protocol number, and the SHA-256 of the exact content and of every attached file, so the
 * proposer can prove later what they submitted. Written with the shared PdfText (Helvetica, WinAnsi:
 * Italian is covered, other characters are spelled without accents or replaced).
 */
export type ReceiptData = {
  locale: Locale;
  protocolNumber: string;
  callTitle: string;
  proposalTitle: string;
  proposerName: string;
  organisationName: string | null;
  submittedAt: Date;
  submission: number;
  sha256: string;
  attachments: { label: string; name: string; sizeBytes: number; sha256: string }[];
  issuer: string;
};

/** Wider margins than the other documents: the receipt is printed and filed. */
const MARGIN = 56;
type Field = 'protocol' | 'call' | 'proposal' | 'proposer' | 'submittedAt' | 'submission' | 'sha256';

export async function renderReceiptPdf(data: ReceiptData): Promise<Uint8Array> {
  const t = translator(data.locale);
  const pdf = await PdfText.create(
    { title: `${t('proposals.receipt.title')} ${data.protocolNumber}`, author: data.issuer, language: data.locale === 'it' ? 'it-IT' : 'en-GB', created: data.submittedAt },
    { margin: MARGIN, mono: true },
  );
  const field = (key: Field, value: string, style: TextStyle = {}) => {
    pdf.text(t(`proposals.receipt.fields.${key}`), { size: 9, bold: true, color: GREY, gapAfter: 0 });
    pdf.text(value, { size: 11, ...style, gapAfter: 6 });
  };

  pdf.text(data.issuer, { color: GREY, gapAfter: 0 });
  pdf.text(t('proposals.receipt.title'), { size: 20, bold: true, gapAfter: 6 });
  field('protocol', data.protocolNumber, { bold: true, size: 14 });
  field('call', data.callTitle);
  field('proposal', data.proposalTitle || t('proposals.untitled'));
  field('proposer', data.organisationName ? `${data.proposerName} – ${data.organisationName}` : data.proposerName);
  field('submittedAt', `${formatDateTime(data.submittedAt, data.locale)} (${t('proposals.receipt.romeTime')})`);
  if (data.submission > 1) field('submission', t('proposals.receipt.submissionNumber', { n: data.submission }));
  field('sha256', data.sha256, { mono: true, size: 9 });
  pdf.text(t('proposals.receipt.sha256Help'), { size: 9, color: GREY, gapAfter: 10 });

  pdf.text(t('proposals.receipt.attachments'), { size: 12, bold: true, gapAfter: 0 });
  if (data.attachments.length === 0) pdf.text(t('proposals.receipt.noAttachments'), { gapAfter: 0 });
  for (const a of data.attachments) {
    pdf.text(`${a.label}: ${a.name} (${formatFileSize(a.sizeBytes, data.locale)})`, { gapAfter: 0 });
    pdf.text(`SHA-256 ${a.sha256}`, { mono: true, size: 8, color: GREY, gapAfter: 4 });
  }
  pdf.gap(10);
  pdf.text(t('proposals.receipt.footer'), { size: 9, color: GREY, gapAfter: 0 });
  return pdf.save();
}
