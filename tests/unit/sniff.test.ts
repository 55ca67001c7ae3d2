import { describe, expect, it } from 'vitest';
import { sniff } from '../../src/domain/files/sniff.ts';
import { samples } from '../support/file-samples.ts';

describe('sniff: accepted content', () => {
  it.each([
    ['pdf', 'pdf', 'application/pdf', 'pdf'],
    ['png', 'image', 'image/png', 'png'],
    ['jpeg', 'image', 'image/jpeg', 'jpg'],
    ['gif', 'image', 'image/gif', 'gif'],
    ['webp', 'image', 'image/webp', 'webp'],
    ['docx', 'office', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
    ['xlsx', 'office', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'],
    ['pptx', 'office', 'application/vnd.openxmlformats-officedocument.presentationml.presentation', 'pptx'],
    ['odt', 'office', 'application/vnd.oasis.opendocument.text', 'odt'],
    ['ods', 'office', 'application/vnd.oasis.opendocument.spreadsheet', 'ods'],
    ['text', 'text', 'text/plain; charset=utf-8', 'txt'],
    ['csv', 'text', 'text/plain; charset=utf-8', 'txt'],
  ] as const)('%s is %s (%s)', (sample, kind, mime, ext) => {
    expect(sniff(samples[sample])).toMatchObject({ ok: true, kind, mime, ext });
  });
});

describe('sniff: refused content, whatever the name says', () => {
  it.each([
    ['exe', 'executable'],
    ['elf', 'executable'],
    ['machO', 'executable'],
    ['shell', 'executable'],
    ['xlsm', 'executable'],
    ['html', 'markup'],
    ['htmlLate', 'markup'],
    ['svg', 'markup'],
    ['xmlSvg', 'markup'],
    ['zip', 'archive'],
    ['textWithNul', 'unknown'],
    ['latin1', 'unknown'],
  ] as const)('%s is refused as %s', (sample, reason) => {
    expect(sniff(samples[sample])).toEqual({ ok: false, reason });
  });

  it('an .exe renamed .pdf is still a program: the name plays no part', () => {
    const renamed = new File([samples.exe as Uint8Array<ArrayBuffer>], 'bando.pdf', { type: 'application/pdf' });
    expect(renamed.name).toBe('bando.pdf');
    expect(sniff(samples.exe)).toEqual({ ok: false, reason: 'executable' });
  });

  it('a PDF header after junk is not a PDF', () => {
    const junk = new Uint8Array([0x4d, 0x5a, ...samples.pdf]);
    expect(sniff(junk)).toEqual({ ok: false, reason: 'executable' });
  });

  it('an empty file is refused', () => {
    expect(sniff(new Uint8Array())).toEqual({ ok: false, reason: 'empty' });
  });

  it('a truncated or corrupt zip is refused without throwing', () => {
    for (const cut of [4, 30, samples.docx.length - 10, samples.docx.length - 1]) {
      expect(sniff(samples.docx.subarray(0, cut))).toMatchObject({ ok: false });
    }
    const corrupt = new Uint8Array(samples.docx);
    // Point the central directory past the end of the file.
    new DataView(corrupt.buffer).setUint32(corrupt.length - 6, 0x7fffffff, true);
    expect(sniff(corrupt)).toEqual({ ok: false, reason: 'archive' });
  });

  it('an office-looking zip without [Content_Types].xml is refused', () => {
    expect(sniff(samples.zip)).toEqual({ ok: false, reason: 'archive' });
  });
});
