import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';

/**
 * The text drawn on a PDF's pages, one line per drawn string: pdf-lib writes each as a hex string
 * (`<…> Tj`) in Flate-compressed content streams, in the WinAnsi (windows-1252) encoding of the
 * standard fonts. No database imports, so browser tests can use it too.
 */
const winAnsi = new TextDecoder('windows-1252');

export async function readPdf(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
  const doc = await PDFDocument.load(bytes);
  const out: string[] = [];
  for (const page of doc.getPages()) {
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents];
    for (const stream of streams) {
      if (!(stream instanceof PDFRawStream)) continue;
      const filter = stream.dict.get(PDFName.of('Filter'));
      const data = filter?.toString() === '/FlateDecode' ? inflateSync(stream.contents) : Buffer.from(stream.contents);
      for (const match of data.toString('latin1').matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) out.push(winAnsi.decode(Buffer.from(match[1]!, 'hex')));
    }
  }
  return { pages: doc.getPageCount(), text: out.join('\n') };
}

export async function pdfText(bytes: Uint8Array): Promise<string> {
  return (await readPdf(bytes)).text;
}
