import { describe, expect, it } from 'vitest';
import { contentDisposition, safeFileName } from '../../src/domain/files/file-name.ts';
import { isStorageKey, newStorageKey } from '../../src/lib/server/storage/types.ts';
import { describeKinds, fileHint, formatFileSize, uploadFieldError } from '../../src/lib/files-format.ts';
import { invalid, notFound } from '../../src/domain/errors.ts';
import { translateDynamic, translator } from '../../src/lib/i18n/index.ts';

const pdf = { ext: 'pdf', extensions: ['pdf'] } as const;
const jpeg = { ext: 'jpg', extensions: ['jpg', 'jpeg'] } as const;
const text = { ext: 'txt', extensions: ['txt', 'csv', 'tsv'] } as const;

describe('safeFileName', () => {
  it.each([
    ['Piano dei costi.pdf', pdf, 'Piano dei costi.pdf'],
    ['../../etc/passwd', pdf, 'passwd.pdf'],
    ['..\\x.pdf', pdf, 'x.pdf'],
    ['C:\\Users\\agata\\Desktop\\Preventivo 2026.PDF', pdf, 'Preventivo 2026.pdf'],
    ['virus.exe', pdf, 'virus.pdf'],
    ['foto.png', jpeg, 'foto.jpg'],
    ['foto.JPEG', jpeg, 'foto.jpeg'],
    ['partecipanti.csv', text, 'partecipanti.csv'],
    ['..', pdf, 'file.pdf'],
    ['', pdf, 'file.pdf'],
    ['.htaccess', text, 'htaccess.txt'],
    ['CON.pdf', pdf, '_CON.pdf'],
    ['a"b<c>|?*.pdf', pdf, 'a_b_c____.pdf'],
    ['ricevuta\u202Efdp.exe', pdf, 'ricevutafdp.pdf'],
    ['riga\r\nX-Injected: 1.pdf', pdf, 'rigaX-Injected_ 1.pdf'],
    ['Sig. Rossi – curriculum', pdf, 'Sig. Rossi – curriculum.pdf'],
    ['<img src=x onerror=alert(1)>.pdf', pdf, '_img src=x onerror=alert(1)_.pdf'],
  ] as const)('%j → %j', (input, type, expected) => {
    expect(safeFileName(input, type)).toBe(expected);
  });

  it('keeps names short', () => {
    const name = safeFileName(`${'à'.repeat(500)}.pdf`, pdf);
    expect([...name].length).toBeLessThanOrEqual(124);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('Città (bozza) – l’idea.pdf')).toBe(
      `attachment; filename="Citta _bozza_ _ l_idea.pdf"; filename*=UTF-8''Citt%C3%A0%20%28bozza%29%20%E2%80%93%20l%E2%80%99idea.pdf`,
    );
  });

  it('never lets a name end the header value', () => {
    const header = contentDisposition('a";\r\nSet-Cookie: x=1.pdf');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.match(/"/g)).toHaveLength(2);
  });
});

describe('storage keys', () => {
  it('are random, fanned out, and recognised', () => {
    const a = newStorageKey();
    const b = newStorageKey();
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f-]{36}$/);
    expect(a.slice(6, 10)).toBe(a.slice(0, 2) + a.slice(3, 5));
    expect(isStorageKey(a)).toBe(true);
  });

  it.each(['../../etc/passwd', 'ab/cd/../../x', '/etc/passwd', 'ab/cd/0bcd0000-0000-4000-8000-000000000000', 'ab\\cd\\abcd0000-0000-4000-8000-000000000000', ''])('refuses %j', (key) => {
    expect(isStorageKey(key)).toBe(false);
  });
});

describe('formatFileSize', () => {
  it('uses binary multiples and the locale', () => {
    expect(formatFileSize(5 * 1024 * 1024, 'it')).toBe('5 MB');
    expect(formatFileSize(1536 * 1024, 'it')).toBe('1,5 MB');
    expect(formatFileSize(1536 * 1024, 'en')).toBe('1.5 MB');
    expect(formatFileSize(340 * 1024, 'en')).toBe('340 kB');
  });
});

describe('upload messages', () => {
  it('describe the accepted kinds and the limit in plain words', () => {
    expect(describeKinds(['pdf', 'image'], 'it')).toBe('PDF o immagini (JPEG, PNG, GIF, WebP)');
    expect(fileHint(['pdf', 'office'], 5 * 1024 * 1024, 'en')).toBe('Accepted formats: PDF or Word, Excel, PowerPoint or LibreOffice documents. At most 5 MB.');
  });

  it('turn a refused upload into a field error with the limit filled in', () => {
    const tooBig = uploadFieldError(invalid('file_too_large', { field: 'budget', max: 5 * 1024 * 1024 }), 'it');
    expect(tooBig).toEqual({ field: 'budget', error: { key: 'files.errors.file_too_large', params: { max: '5 MB' } } });
    expect(translateDynamic(translator('it'), tooBig!.error.key, tooBig!.error.params)).toMatch(/^Il file è troppo grande: il massimo è 5 MB\./);
    const wrongType = uploadFieldError(invalid('file_type_not_allowed', { field: 'id_document', allowed: ['pdf', 'image'] }), 'en');
    expect(translateDynamic(translator('en'), wrongType!.error.key, wrongType!.error.params)).toBe(
      'This type of file is not accepted here. Accepted formats: PDF or images (JPEG, PNG, GIF, WebP).',
    );
    expect(uploadFieldError(notFound('not_found'), 'it')).toBeNull();
    expect(uploadFieldError(new Error('boom'), 'it')).toBeNull();
  });
});
