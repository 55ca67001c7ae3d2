import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { formatDateTime } from '../../lib/format.ts';
import { formatFileSize } from '../../lib/files-format.ts';
import { translator, type Translate } from '../../lib/i18n/index.ts';
import type { Locale } from '../../lib/i18n/locales.ts';

/**
 * The PDF receipt of a submission: what was sent, when (Rome time, by the database clock), under
 * which protocol number, and the SHA-256 of the exact content and of every attached file, so the
 * proposer can prove later what they submitted. Standard Helvetica (no font files to ship); its
 * WinAnsi encoding covers Italian, other characters are spelled without accents or replaced.
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

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const WIDTH = A4[0] - 2 * MARGIN;
const GREY = rgb(0.33, 0.33, 0.33);

type Writer = { page: PDFPage; y: number; doc: PDFDocument; fonts: Record<'regular' | 'bold' | 'mono', PDFFont> };

export async function renderReceiptPdf(data: ReceiptData): Promise<Uint8Array> {
  const t = translator(data.locale);
  const doc = await PDFDocument.create();
  doc.setTitle(`${t('proposals.receipt.title')} ${data.protocolNumber}`);
  doc.setAuthor(data.issuer);
  doc.setLanguage(data.locale === 'it' ? 'it-IT' : 'en-GB');
  doc.setCreationDate(data.submittedAt);
  const fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    mono: await doc.embedFont(StandardFonts.Courier),
  };
  const w: Writer = { doc, fonts, page: doc.addPage(A4), y: A4[1] - MARGIN };

  write(w, data.issuer, fonts.regular, 10, GREY);
  write(w, t('proposals.receipt.title'), fonts.bold, 20);
  w.y -= 6;
  field(w, t, 'protocol', data.protocolNumber, fonts.bold, 14);
  field(w, t, 'call', data.callTitle);
  field(w, t, 'proposal', data.proposalTitle || t('proposals.untitled'));
  field(w, t, 'proposer', data.organisationName ? `${data.proposerName} – ${data.organisationName}` : data.proposerName);
  field(w, t, 'submittedAt', `${formatDateTime(data.submittedAt, data.locale)} (${t('proposals.receipt.romeTime')})`);
  if (data.submission > 1) field(w, t, 'submission', t('proposals.receipt.submissionNumber', { n: data.submission }));
  field(w, t, 'sha256', data.sha256, fonts.mono, 9);
  write(w, t('proposals.receipt.sha256Help'), fonts.regular, 9, GREY);
  w.y -= 10;

  write(w, t('proposals.receipt.attachments'), fonts.bold, 12);
  if (data.attachments.length === 0) write(w, t('proposals.receipt.noAttachments'), fonts.regular, 10);
  for (const a of data.attachments) {
    write(w, `${a.label}: ${a.name} (${formatFileSize(a.sizeBytes, data.locale)})`, fonts.regular, 10);
    write(w, `SHA-256 ${a.sha256}`, fonts.mono, 8, GREY);
    w.y -= 4;
  }
  w.y -= 10;
  write(w, t('proposals.receipt.footer'), fonts.regular, 9, GREY);
  return doc.save();
}

function field(w: Writer, t: Translate, key: 'protocol' | 'call' | 'proposal' | 'proposer' | 'submittedAt' | 'submission' | 'sha256', value: string, font = w.fonts.regular, size = 11) {
  write(w, t(`proposals.receipt.fields.${key}`), w.fonts.bold, 9, GREY);
  write(w, value, font, size);
  w.y -= 6;
}

/** Writes wrapped text, starting a new page when the current one is full. */
function write(w: Writer, text: string, font: PDFFont, size: number, color = rgb(0, 0, 0)) {
  const lineHeight = size * 1.35;
  for (const line of wrap(encodable(text, font), font, size)) {
    if (w.y - lineHeight < MARGIN) {
      w.page = w.doc.addPage(A4);
      w.y = A4[1] - MARGIN;
    }
    w.y -= lineHeight;
    w.page.drawText(line, { x: MARGIN, y: w.y, size, font, color });
  }
}

function wrap(text: string, font: PDFFont, size: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= WIDTH) line = candidate;
      else {
        if (line) lines.push(line);
        line = breakLongWord(word, font, size, lines);
      }
    }
    lines.push(line);
  }
  return lines;
}

/** A word wider than the page (a hash, a long file name) is cut where it must be. */
function breakLongWord(word: string, font: PDFFont, size: number, lines: string[]): string {
  let rest = word;
  while (font.widthOfTextAtSize(rest, size) > WIDTH) {
    let n = rest.length;
    while (n > 1 && font.widthOfTextAtSize(rest.slice(0, n), size) > WIDTH) n -= 1;
    lines.push(rest.slice(0, n));
    rest = rest.slice(n);
  }
  return rest;
}

const charsets = new WeakMap<PDFFont, Set<number>>();

/**
 * Text the standard font can draw: accented letters outside WinAnsi lose the accent (ș → s),
 * anything else becomes "?", so a name in another script never breaks the receipt.
 */
export function encodable(text: string, font: PDFFont): string {
  let set = charsets.get(font);
  if (!set) charsets.set(font, (set = new Set(font.getCharacterSet())));
  const known = set;
  return Array.from(text.normalize('NFC').replace(/[\t\r]/g, ' '), (ch) => {
    if (ch === '\n' || known.has(ch.codePointAt(0)!)) return ch;
    const bare = ch.normalize('NFKD').replace(/\p{M}/gu, '');
    return bare && Array.from(bare).every((c) => known.has(c.codePointAt(0)!)) ? bare : '?';
  }).join('');
}
