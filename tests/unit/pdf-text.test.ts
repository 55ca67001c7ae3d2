import { describe, expect, it } from 'vitest';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { encodable, PdfText } from '../../src/lib/server/pdf-text.ts';
import { renderReceiptPdf, type ReceiptData } from '../../src/domain/proposals/receipt-pdf.server.ts';
import { readPdf } from '../support/pdf-text.ts';

const meta = { title: 'Prova', author: 'Comune', language: 'it-IT', created: new Date('2026-03-12T09:30:00Z') };

describe('PdfText, the shared PDF writer', () => {
  it('wraps paragraphs to the page, cuts a word wider than the line, breaks pages and numbers them', async () => {
    const pdf = await PdfText.create(meta);
    pdf.text('parola '.repeat(2000).trim());
    pdf.text('x'.repeat(300), { size: 12 });
    const { pages, text } = await readPdf(await pdf.save((page, of) => `Pagina ${page} di ${of}`));
    const lines = text.split('\n');
    expect(pages).toBeGreaterThan(1);
    expect(lines.filter((l) => l.startsWith('Pagina'))).toEqual(Array.from({ length: pages }, (_, i) => `Pagina ${i + 1} di ${pages}`));
    const words = lines.filter((l) => l.startsWith('parola'));
    expect(words.length).toBeGreaterThan(5);
    expect(words.join(' ').split(' ')).toHaveLength(2000);
    const cut = lines.filter((l) => /^x+$/.test(l));
    expect(cut.length).toBeGreaterThan(1);
    expect(cut.join('')).toBe('x'.repeat(300));
  });

  it('writes table rows: the label wraps in its column, figures are right-aligned in theirs', async () => {
    const pdf = await PdfText.create(meta);
    const columns = [pdf.width - 2 * 80, 80, 80];
    const label = 'Ricavi da quote del doposcuola, dai laboratori estivi del quartiere e dalle feste di fine anno con le famiglie';
    pdf.row([label, '14.400,00 €', '21.600,00 €'], columns);
    const [first, second, ...rest] = (await readPdf(await pdf.save())).text.split('\n');
    // Drawn in order: the label's lines, then each figure cell.
    expect(`${first} ${second}`).toBe(label);
    expect(rest).toEqual(['14.400,00 €', '21.600,00 €']);
  });

  it('spells what WinAnsi lacks: accents dropped, minus and typographic spaces made plain, other scripts as "?"', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    expect(encodable('Ștefan è qui\tora', font)).toBe('Stefan è qui ora');
    expect(encodable('中', font)).toBe('?');
    const pdf = await PdfText.create(meta);
    pdf.text('3\u202f000 \u2212 1\u00a0000');
    expect((await readPdf(await pdf.save())).text).toBe('3 000 - 1 000');
  });

  it('writes Courier only when the document asked for it', async () => {
    const pdf = await PdfText.create(meta);
    expect(() => pdf.text('abc', { mono: true })).toThrow(/mono/);
  });
});

describe('the submission receipt', () => {
  const receipt: ReceiptData = {
    locale: 'it',
    protocolNumber: 'IDEA-2026-000042',
    callTitle: 'Idee per il quartiere',
    proposalTitle: 'Doposcuola di cortile',
    proposerName: 'Ștefan Dumitrescu',
    organisationName: 'APS Cortili Aperti',
    submittedAt: new Date('2026-03-12T09:30:00Z'),
    submission: 2,
    sha256: 'ab'.repeat(32),
    attachments: [{ label: 'Piano dei costi', name: 'piano costi.pdf', sizeBytes: 2048, sha256: 'cd'.repeat(32) }],
    issuer: 'Vivaio – Comune di Esempio',
  };

  it('states protocol, proposer, time and the hashes of the content and of every file', async () => {
    const { pages, text } = await readPdf(await renderReceiptPdf(receipt));
    expect(pages).toBe(1);
    for (const expected of ['Vivaio – Comune di Esempio', 'IDEA-2026-000042', 'Stefan Dumitrescu – APS Cortili Aperti', 'ab'.repeat(32), `SHA-256 ${'cd'.repeat(32)}`]) expect(text).toContain(expected);
    expect(text).toMatch(/Piano dei costi: piano costi\.pdf \(2/);
    expect(text).toMatch(/12 marzo 2026/);
  });
});
