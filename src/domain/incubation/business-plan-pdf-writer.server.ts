import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import { encodable } from '../proposals/receipt-pdf.server.ts';

/**
 * A flowing A4 document with the standard Helvetica (as src/domain/evaluation/pdf-text.server.ts)
 * plus table rows: a wrapped label column and right-aligned figure columns, which the financial
 * plan needs and the shared writer lacks. Text outside WinAnsi is spelled without accents.
 */
const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;
const WIDTH = A4[0] - 2 * MARGIN;
export const GREY = rgb(0.33, 0.33, 0.33);
const RULE = rgb(0.75, 0.75, 0.75);

export type TextStyle = { size?: number; bold?: boolean; color?: RGB; indent?: number; gapAfter?: number };
/** Widths of a table's columns in points: the first holds the (wrapped) label, the others figures. */
export type Columns = readonly number[];

export class PlanPdfWriter {
  private page: PDFPage;
  private y: number;

  private constructor(
    readonly doc: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.page = doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  static readonly width = WIDTH;

  static async create(meta: { title: string; author: string; language: string; created: Date }): Promise<PlanPdfWriter> {
    const doc = await PDFDocument.create();
    doc.setTitle(meta.title);
    doc.setAuthor(meta.author);
    doc.setLanguage(meta.language);
    doc.setCreationDate(meta.created);
    return new PlanPdfWriter(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold));
  }

  /** A paragraph wrapped to the page (minus its indent); `\n` starts a new line. */
  text(text: string, style: TextStyle = {}): void {
    const { size = 10, bold = false, color = rgb(0, 0, 0), indent = 0, gapAfter = 2 } = style;
    const font = bold ? this.bold : this.regular;
    const lineHeight = size * 1.35;
    for (const line of wrap(this.clean(text, font), font, size, WIDTH - indent)) {
      this.room(lineHeight);
      this.y -= lineHeight;
      this.page.drawText(line, { x: MARGIN + indent, y: this.y, size, font, color });
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
    const font = style.bold ? this.bold : this.regular;
    const lineHeight = size * 1.35;
    const label = wrap(this.clean(cells[0] ?? '', font), font, size, columns[0]! - 6);
    const height = label.length * lineHeight + 4;
    this.room(height);
    const top = this.y;
    label.forEach((line, i) => this.page.drawText(line, { x: MARGIN, y: top - (i + 1) * lineHeight, size, font }));
    let x = MARGIN + columns[0]!;
    cells.slice(1).forEach((cell, i) => {
      const width = columns[i + 1]!;
      const text = this.clean(cell, font);
      let fit = size;
      while (fit > 5 && font.widthOfTextAtSize(text, fit) > width - 4) fit -= 0.5;
      this.page.drawText(text, { x: x + width - 2 - font.widthOfTextAtSize(text, fit), y: top - lineHeight, size: fit, font });
      x += width;
    });
    this.y = top - height;
    this.page.drawLine({ start: { x: MARGIN, y: this.y + 1 }, end: { x: MARGIN + WIDTH, y: this.y + 1 }, thickness: 0.4, color: RULE });
  }

  gap(points: number): void {
    this.y -= points;
  }

  /** Starts a new page when fewer than `points` are left, so a block is not split after its first line. */
  room(points: number): void {
    if (this.y - points >= MARGIN) return;
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  async save(footer: (page: number, pages: number) => string): Promise<Uint8Array> {
    const pages = this.doc.getPages();
    pages.forEach((p, i) => p.drawText(this.clean(footer(i + 1, pages.length), this.regular), { x: MARGIN, y: MARGIN / 2, size: 8, font: this.regular, color: GREY }));
    return this.doc.save();
  }

  /** WinAnsi-safe text: typographic spaces and the minus sign become their plain forms first. */
  private clean(text: string, font: PDFFont): string {
    return encodable(text.replace(/\u2212/g, '-').replace(/[\u00a0\u202f]/g, ' '), font);
  }
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
      // A word wider than the line (an address, a long compound) is cut where it must be.
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
