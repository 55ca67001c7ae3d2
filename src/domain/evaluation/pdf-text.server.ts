import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import { encodable } from '../proposals/receipt-pdf.server.ts';

/**
 * A flowing text document on A4 with the standard Helvetica (no font files to ship; text outside
 * WinAnsi is spelled without accents, see receipt-pdf.server.ts `encodable`): paragraphs wrap,
 * pages break and are numbered at the end. Enough for minutes and reports.
 */
const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;
const WIDTH = A4[0] - 2 * MARGIN;
export const GREY = rgb(0.33, 0.33, 0.33);

export type TextStyle = { size?: number; bold?: boolean; color?: RGB; indent?: number; gapAfter?: number };

export class PdfText {
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

  static async create(meta: { title: string; author: string; language: string; created: Date }): Promise<PdfText> {
    const doc = await PDFDocument.create();
    doc.setTitle(meta.title);
    doc.setAuthor(meta.author);
    doc.setLanguage(meta.language);
    doc.setCreationDate(meta.created);
    return new PdfText(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold));
  }

  /** A paragraph, wrapped to the page (minus its indent); `\n` starts a new line. */
  text(text: string, style: TextStyle = {}): void {
    const { size = 10, bold = false, color = rgb(0, 0, 0), indent = 0, gapAfter = 2 } = style;
    const font = bold ? this.bold : this.regular;
    const lineHeight = size * 1.35;
    for (const line of wrap(encodable(typographic(text), font), font, size, WIDTH - indent)) {
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
    pages.forEach((p, i) => p.drawText(encodable(footer(i + 1, pages.length), this.regular), { x: MARGIN, y: MARGIN / 2, size: 8, font: this.regular, color: GREY }));
    return this.doc.save();
  }
}

/** Characters WinAnsi lacks but has a plain equivalent of (the minus sign of a formula). */
function typographic(text: string): string {
  return text.replace(/\u2212/g, '-').replace(/\u00a0|\u202f/g, ' ');
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
      // A word wider than the line (a long name, a hash) is cut where it must be.
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
