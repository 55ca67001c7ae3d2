import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';

/**
 * The one PDF writer of the portal (submission receipts, commission minutes, donor statements,
 * business plans): flowing text on A4 with the standard Helvetica (no font files to ship), wrapped
 * to the page, pages broken and numbered at the end, plus table rows for figures. Text outside
 * WinAnsi is spelled without accents (see `encodable`).
 */
const A4: [number, number] = [595.28, 841.89];
export const GREY = rgb(0.33, 0.33, 0.33);
const BLACK = rgb(0, 0, 0);
const RULE = rgb(0.75, 0.75, 0.75);

export type PdfMeta = { title: string; author: string; language: string; created: Date };
/** The page margin in points (50 unless told); `mono` embeds Courier, for hashes. */
export type PdfLayout = { margin?: number; mono?: boolean };
export type TextStyle = { size?: number; bold?: boolean; mono?: boolean; color?: RGB; indent?: number; gapAfter?: number };
/** Widths of a table's columns in points: the first holds the (wrapped) label, the others figures. */
export type Columns = readonly number[];
type Fonts = { regular: PDFFont; bold: PDFFont; mono: PDFFont | null };

export class PdfText {
  /** The width text may use: the page less both margins. */
  readonly width: number;
  private page: PDFPage;
  private y: number;

  private constructor(
    readonly doc: PDFDocument,
    private readonly fonts: Fonts,
    private readonly margin: number,
  ) {
    this.width = A4[0] - 2 * margin;
    this.page = doc.addPage(A4);
    this.y = A4[1] - margin;
  }

  static async create(meta: PdfMeta, layout: PdfLayout = {}): Promise<PdfText> {
    const doc = await PDFDocument.create();
    doc.setTitle(meta.title);
    doc.setAuthor(meta.author);
    doc.setLanguage(meta.language);
    doc.setCreationDate(meta.created);
    const fonts: Fonts = {
      regular: await doc.embedFont(StandardFonts.Helvetica),
      bold: await doc.embedFont(StandardFonts.HelveticaBold),
      mono: layout.mono ? await doc.embedFont(StandardFonts.Courier) : null,
    };
    return new PdfText(doc, fonts, layout.margin ?? 50);
  }

  /** A paragraph, wrapped to the page (minus its indent); `\n` starts a new line. */
  text(text: string, style: TextStyle = {}): void {
    const { size = 10, color = BLACK, indent = 0, gapAfter = 2 } = style;
    const font = this.font(style);
    const lineHeight = size * 1.35;
    for (const line of wrap(clean(text, font), font, size, this.width - indent)) {
      this.room(lineHeight);
      this.y -= lineHeight;
      this.page.drawText(line, { x: this.margin + indent, y: this.y, size, font, color });
    }
    this.y -= gapAfter;
  }

  heading(text: string, size = 13): void {
    this.room(size * 4);
    this.y -= 8;
    this.text(text, { size, bold: true, gapAfter: 4 });
  }

  /**
   * One table row: the first cell wraps within its column, the others are right-aligned and
   * shrink to fit (a total of tens of millions still fits). A rule is drawn under the row.
   */
  row(cells: readonly string[], columns: Columns, style: { bold?: boolean; size?: number } = {}): void {
    const size = style.size ?? 9;
    const font = this.font(style);
    const lineHeight = size * 1.35;
    const label = wrap(clean(cells[0] ?? '', font), font, size, columns[0]! - 6);
    const height = label.length * lineHeight + 4;
    this.room(height);
    const top = this.y;
    label.forEach((line, i) => this.page.drawText(line, { x: this.margin, y: top - (i + 1) * lineHeight, size, font }));
    let x = this.margin + columns[0]!;
    cells.slice(1).forEach((cell, i) => {
      const width = columns[i + 1]!;
      const text = clean(cell, font);
      let fit = size;
      while (fit > 5 && font.widthOfTextAtSize(text, fit) > width - 4) fit -= 0.5;
      this.page.drawText(text, { x: x + width - 2 - font.widthOfTextAtSize(text, fit), y: top - lineHeight, size: fit, font });
      x += width;
    });
    this.y = top - height;
    this.page.drawLine({ start: { x: this.margin, y: this.y + 1 }, end: { x: this.margin + this.width, y: this.y + 1 }, thickness: 0.4, color: RULE });
  }

  gap(points: number): void {
    this.y -= points;
  }

  /** Starts a new page when fewer than `points` are left, so a block is not split after its first line. */
  room(points: number): void {
    if (this.y - points >= this.margin) return;
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - this.margin;
  }

  /** The document's bytes; `footer` (page n of m) is written at the foot of every page. */
  async save(footer?: (page: number, pages: number) => string): Promise<Uint8Array> {
    const pages = this.doc.getPages();
    const font = this.fonts.regular;
    if (footer) pages.forEach((p, i) => p.drawText(clean(footer(i + 1, pages.length), font), { x: this.margin, y: this.margin / 2, size: 8, font, color: GREY }));
    return this.doc.save();
  }

  private font(style: { bold?: boolean; mono?: boolean }): PDFFont {
    if (!style.mono) return style.bold ? this.fonts.bold : this.fonts.regular;
    if (!this.fonts.mono) throw new Error('PdfText: create the document with { mono: true } to write in Courier');
    return this.fonts.mono;
  }
}

/** WinAnsi-safe text: the minus sign of a formula and typographic spaces become their plain forms first. */
function clean(text: string, font: PDFFont): string {
  return encodable(text.replace(/\u2212/g, '-').replace(/[\u00a0\u202f]/g, ' '), font);
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = word;
      // A word wider than the line (a hash, a long file name) is cut where it must be.
      while (font.widthOfTextAtSize(line, size) > width && line.length > 1) {
        let n = line.length - 1;
        while (n > 1 && font.widthOfTextAtSize(line.slice(0, n), size) > width) n -= 1;
        lines.push(line.slice(0, n));
        line = line.slice(n);
      }
    }
    lines.push(line);
  }
  return lines;
}

const charsets = new WeakMap<PDFFont, Set<number>>();

/**
 * Text the standard font can draw: accented letters outside WinAnsi lose the accent (ș → s),
 * anything else becomes "?", so a name in another script never breaks the document.
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
