import type { FileKind } from '../calls/definitions.ts';
import { zipEntries } from './zip.ts';

/**
 * What a file really is, from its first bytes (magic numbers) and, for zip containers, from the
 * names inside: never from its name or the type the browser claims. Anything not recognised is
 * refused, and so are programs, HTML and SVG even when renamed, because a file we store may one day
 * be opened by staff on an office computer.
 */
export type Sniffed = {
  kind: FileKind;
  /** The Content-Type we store and serve. */
  mime: string;
  /** The extension a download gets when the original one does not match the content. */
  ext: string;
  /** Extensions that honestly describe this content, lower case, without the dot. */
  extensions: readonly string[];
};
export type SniffRefusal = 'empty' | 'executable' | 'markup' | 'archive' | 'unknown';
export type SniffResult = ({ ok: true } & Sniffed) | { ok: false; reason: SniffRefusal };

const startsWith = (bytes: Uint8Array, magic: readonly number[], at = 0) => magic.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

const pdf = { kind: 'pdf', mime: 'application/pdf', ext: 'pdf', extensions: ['pdf'] } as const;
const images = [
  { magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], type: { kind: 'image', mime: 'image/png', ext: 'png', extensions: ['png'] } },
  { magic: [0xff, 0xd8, 0xff], type: { kind: 'image', mime: 'image/jpeg', ext: 'jpg', extensions: ['jpg', 'jpeg'] } },
  { magic: ascii('GIF87a'), type: { kind: 'image', mime: 'image/gif', ext: 'gif', extensions: ['gif'] } },
  { magic: ascii('GIF89a'), type: { kind: 'image', mime: 'image/gif', ext: 'gif', extensions: ['gif'] } },
] as const;
const webp = { kind: 'image', mime: 'image/webp', ext: 'webp', extensions: ['webp'] } as const;

/** Windows PE (MZ), ELF, Mach-O (both byte orders, 32/64 bit) and fat binaries / Java classes. */
const executables: readonly (readonly number[])[] = [
  [0x4d, 0x5a],
  [0x7f, 0x45, 0x4c, 0x46],
  [0xfe, 0xed, 0xfa, 0xce],
  [0xfe, 0xed, 0xfa, 0xcf],
  [0xce, 0xfa, 0xed, 0xfe],
  [0xcf, 0xfa, 0xed, 0xfe],
  [0xca, 0xfe, 0xba, 0xbe],
  [0x00, 0x61, 0x73, 0x6d], // WebAssembly
  ascii('#!'),
];

const ZIP = [0x50, 0x4b, 0x03, 0x04];

export function sniff(bytes: Uint8Array): SniffResult {
  if (bytes.length === 0) return { ok: false, reason: 'empty' };
  if (executables.some((magic) => startsWith(bytes, magic))) return { ok: false, reason: 'executable' };
  if (startsWith(bytes, ascii('%PDF-'))) return { ok: true, ...pdf };
  for (const image of images) if (startsWith(bytes, image.magic)) return { ok: true, ...image.type };
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return { ok: true, ...webp };
  if (startsWith(bytes, ZIP)) return sniffZip(bytes);
  return sniffText(bytes);
}

const odf: Record<string, Sniffed> = {
  'application/vnd.oasis.opendocument.text': { kind: 'office', mime: 'application/vnd.oasis.opendocument.text', ext: 'odt', extensions: ['odt'] },
  'application/vnd.oasis.opendocument.spreadsheet': { kind: 'office', mime: 'application/vnd.oasis.opendocument.spreadsheet', ext: 'ods', extensions: ['ods'] },
  'application/vnd.oasis.opendocument.presentation': { kind: 'office', mime: 'application/vnd.oasis.opendocument.presentation', ext: 'odp', extensions: ['odp'] },
};
const ooxml: { folder: string; type: Sniffed }[] = [
  { folder: 'word/', type: { kind: 'office', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx', extensions: ['docx'] } },
  { folder: 'xl/', type: { kind: 'office', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx', extensions: ['xlsx'] } },
  { folder: 'ppt/', type: { kind: 'office', mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', ext: 'pptx', extensions: ['pptx'] } },
];

/** Office documents are zip files; any other zip (or a broken one) is refused. */
function sniffZip(bytes: Uint8Array): SniffResult {
  const zip = zipEntries(bytes);
  if (!zip) return { ok: false, reason: 'archive' };
  // Macro-enabled documents (docm, xlsm…) carry a VBA project: programs in disguise.
  if (zip.names.some((name) => /(^|\/)vbaProject\.bin$/i.test(name))) return { ok: false, reason: 'executable' };
  if (zip.mimetype !== null && odf[zip.mimetype]) return { ok: true, ...odf[zip.mimetype]! };
  if (zip.names.includes('[Content_Types].xml')) {
    const match = ooxml.find((o) => zip.names.some((name) => name.startsWith(o.folder)));
    if (match) return { ok: true, ...match.type };
  }
  return { ok: false, reason: 'archive' };
}

const text = { kind: 'text', mime: 'text/plain; charset=utf-8', ext: 'txt', extensions: ['txt', 'csv', 'tsv'] } as const;
const decoder = new TextDecoder('utf-8', { fatal: true });
/** Markup that a browser would render: refused even though we would serve it as text/plain. */
const MARKUP = /<\s*(!doctype|html|head|body|script|iframe|svg|object|embed|meta|style|\?xml|!--|!\[cdata\[)/i;

/** Plain text or CSV: valid UTF-8 without NUL or other control characters, and not markup. */
function sniffText(bytes: Uint8Array): SniffResult {
  for (const b of bytes) {
    // Tab, line feed, form feed and carriage return are text; other control bytes mean binary.
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) || b === 0x7f) return { ok: false, reason: 'unknown' };
  }
  let content: string;
  try {
    content = decoder.decode(bytes);
  } catch {
    return { ok: false, reason: 'unknown' };
  }
  const start = content.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('<') || MARKUP.test(content.slice(0, 4096))) return { ok: false, reason: 'markup' };
  return { ok: true, ...text };
}
