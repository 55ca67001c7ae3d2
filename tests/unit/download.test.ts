import { describe, expect, it } from 'vitest';
import { CSV_TYPE, privateDownload, textStream } from '../../src/lib/server/download.ts';

describe('downloads the portal builds', () => {
  it('are private attachments under their (UTF-8) name, never cached or sniffed', async () => {
    const response = privateDownload('a;b\r\n', CSV_TYPE, 'proposte-città.csv');
    expect(Object.fromEntries(response.headers)).toEqual({
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="proposte-citta.csv"; filename*=UTF-8''proposte-citt%C3%A0.csv`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    });
    expect(await response.text()).toBe('a;b\r\n');
  });

  it('stream a generator chunk by chunk and stop it when the client goes away', async () => {
    let pulled = 0;
    let stopped = false;
    async function* rows() {
      try {
        for (;;) yield `riga ${++pulled}\r\n`;
      } finally {
        stopped = true;
      }
    }
    const reader = textStream(rows()).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('riga 1\r\n');
    await reader.cancel();
    expect(stopped).toBe(true);
    expect(pulled).toBeLessThan(5);
  });
});
