import type { Sniffed } from './sniff.ts';

const MAX_STEM = 120;
/** C0/C1 controls, DEL, and the invisible direction marks that make `fdp.exe` look like `exe.pdf`. */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
/** Characters Windows refuses in a file name, plus the quote that would end a header value. */
const RESERVED = /[<>:"/\\|?*]/g;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * The name shown in lists and offered in Content-Disposition: the last path segment only, without
 * control or direction characters, at most ~130 characters, with an extension that matches the
 * sniffed content (`foto.png` holding a JPEG becomes `foto.jpg`; `x.exe` holding a PDF, `x.pdf`).
 */
export function safeFileName(original: string, type: Pick<Sniffed, 'ext' | 'extensions'>): string {
  const last = original.split(/[/\\]/).pop() ?? '';
  const cleaned = last.normalize('NFC').replace(INVISIBLE, '').replace(RESERVED, '_').replace(/\s+/g, ' ');
  const trimmed = cleaned.replace(/^[\s.]+|[\s.]+$/g, '');

  const dot = trimmed.lastIndexOf('.');
  const claimed = dot > 0 ? trimmed.slice(dot + 1) : '';
  const looksLikeExtension = /^[a-z0-9]{1,8}$/i.test(claimed);
  let stem = looksLikeExtension ? trimmed.slice(0, dot) : trimmed;
  const ext = looksLikeExtension && type.extensions.includes(claimed.toLowerCase()) ? claimed.toLowerCase() : type.ext;

  stem = [...stem].slice(0, MAX_STEM).join('').replace(/[\s.]+$/, '');
  if (stem === '') stem = 'file';
  if (WINDOWS_DEVICE.test(stem)) stem = `_${stem}`;
  return `${stem}.${ext}`;
}

/**
 * `attachment` with the name twice (RFC 6266): an ASCII fallback for old clients and the exact
 * UTF-8 name in RFC 5987 `filename*=` form. Nothing a user typed can end the header value.
 */
export function contentDisposition(name: string): string {
  const fallback =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9._ -]/g, '_')
      .trim() || 'file';
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
