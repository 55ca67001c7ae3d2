import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/lib/markdown.ts';

type Element = { name: string; attribs: Record<string, string> };

/** Every element of an HTML fragment, parsed the way a browser would tokenise it. */
function elements(html: string): Element[] {
  const out: Element[] = [];
  const parser = new Parser({ onopentag: (name, attribs) => out.push({ name, attribs }) }, { decodeEntities: true });
  parser.write(html);
  parser.end();
  return out;
}

const ACTIVE_TAGS = new Set(['script', 'style', 'iframe', 'frame', 'object', 'embed', 'form', 'input', 'button', 'textarea', 'select', 'img', 'svg', 'math', 'link', 'meta', 'base', 'video', 'audio', 'source']);

/** What a browser could execute, load or submit from this HTML. */
function activeContent(html: string): string[] {
  const found: string[] = [];
  for (const el of elements(html)) {
    if (ACTIVE_TAGS.has(el.name)) found.push(`<${el.name}>`);
    for (const [attr, value] of Object.entries(el.attribs)) {
      if (attr.startsWith('on') || attr === 'style' || attr === 'srcdoc' || attr === 'formaction') found.push(`${el.name}[${attr}]`);
      if (['href', 'src', 'action', 'xlink:href'].includes(attr) && !/^(https?:|mailto:|\/(?!\/)|#|[\w-]+(\/|$))/i.test(value.trim())) {
        found.push(`${el.name}[${attr}=${value}]`);
      }
    }
  }
  return found;
}

const vectors: [string, string][] = [
  ['script tag', '<script>alert(1)</script>'],
  ['script split across lines', 'Hello\n\n<script>\nalert(1)\n</script>\n'],
  ['img onerror', '<img src=x onerror="alert(1)">'],
  ['markdown image with javascript', '![x](javascript:alert(1))'],
  ['markdown image elsewhere', '![tracking pixel](https://evil.example/p.gif)'],
  ['javascript link', '[click](javascript:alert(1))'],
  ['obfuscated javascript link', '[click](JaVaScRiPt:alert(1))'],
  ['entity-encoded javascript link', '[click](&#106;avascript:alert(1))'],
  ['javascript link with spaces', '[click]( javascript:alert(1) )'],
  ['vbscript link', '[click](vbscript:msgbox(1))'],
  ['data URL link', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
  ['protocol-relative link', '[x](//evil.example/)'],
  ['autolink javascript', '<javascript:alert(1)>'],
  ['reference link javascript', '[x][1]\n\n[1]: javascript:alert(1)'],
  ['style attribute', '<p style="position:fixed;top:0">x</p>'],
  ['style tag', '<style>body{display:none}</style>'],
  ['iframe', '<iframe src="https://evil.example"></iframe>'],
  ['form', '<form action="https://evil.example"><input name="password"><button>Go</button></form>'],
  ['svg onload', '<svg onload=alert(1)></svg>'],
  ['inline html in a paragraph', 'text <a href="javascript:alert(1)" onclick="x()">link</a> more'],
  ['html in a table cell', '| a |\n|---|\n| <img src=x onerror=alert(1)> |'],
  ['meta refresh', '<meta http-equiv="refresh" content="0;url=https://evil.example">'],
  ['task list checkbox', '- [x] done\n- [ ] to do'],
];

describe('renderMarkdown: XSS vectors', () => {
  it('the detector itself sees active content (so these tests can fail)', () => {
    expect(activeContent('<p><img src=x onerror=alert(1)><a href="javascript:x">a</a><b style="x">b</b></p>')).toEqual([
      '<img>',
      'img[onerror]',
      'a[href=javascript:x]',
      'b[style]',
    ]);
  });

  it.each(vectors)('%s → no active content', (_name, md) => {
    const html = renderMarkdown(md);
    expect(activeContent(html)).toEqual([]);
  });

  it('shows raw HTML as text rather than dropping what someone wrote', () => {
    const html = renderMarkdown('Use <b>bold</b> & <i>co</i>');
    expect(html).toContain('&lt;b&gt;bold&lt;/b&gt;');
    expect(elements(html).map((e) => e.name)).toEqual(['p']);
  });

  it('keeps an image’s description, not the image', () => {
    expect(renderMarkdown('![Map of San Cristoforo](/map.png)').trim()).toBe('<p>Map of San Cristoforo</p>');
  });

  it('drops every attribute but href and title', () => {
    const html = renderMarkdown('[a](https://example.org "T")');
    expect(elements(html).find((e) => e.name === 'a')?.attribs).toEqual({ href: 'https://example.org', title: 'T', rel: 'nofollow noopener ugc' });
  });
});

describe('renderMarkdown: what calls need', () => {
  it('renders the usual markdown of an avviso', () => {
    const html = renderMarkdown('## Finalità\n\nSostenere **nuovi servizi**.\n\n1. uno\n2. due\n\n| voce | importo |\n|---|---:|\n| totale | 300.000 € |');
    expect(html).toContain('<h2>Finalità</h2>');
    expect(html).toContain('<strong>nuovi servizi</strong>');
    expect(html).toContain('<ol>');
    expect(html).toContain('<table class="table">');
    expect(html).toContain('<td align="right">300.000 €</td>');
  });

  it('keeps safe links and marks them nofollow noopener ugc', () => {
    const html = renderMarkdown('[FAQ](/it/faq), [sito](https://www.comune.example.it) e <mailto:ufficio@comune.example.it>');
    const links = elements(html).filter((e) => e.name === 'a');
    expect(links.map((l) => l.attribs.href)).toEqual(['/it/faq', 'https://www.comune.example.it', 'mailto:ufficio@comune.example.it']);
    expect(links.every((l) => l.attribs.rel === 'nofollow noopener ugc')).toBe(true);
  });

  it('turns # into h2 so the page keeps its single h1, and shifts the levels below', () => {
    const html = renderMarkdown('# Avviso\n\n## Finalità\n\n### Dettagli');
    expect(elements(html).map((e) => e.name)).toEqual(['h2', 'h3', 'h4']);
  });

  it('does not skip levels when a text starts deeper', () => {
    expect(elements(renderMarkdown('### Uno\n\n#### Due')).map((e) => e.name)).toEqual(['h2', 'h3']);
    expect(elements(renderMarkdown('## Uno', { topLevel: 3 })).map((e) => e.name)).toEqual(['h3']);
  });

  it('never produces an h1, even from setext or deep nesting', () => {
    const html = renderMarkdown('Titolo\n======\n\n###### Sei\n\n> # Citato');
    expect(elements(html).map((e) => e.name)).not.toContain('h1');
    expect(elements(html).filter((e) => e.name === 'h6')).toHaveLength(1);
  });

  it('returns an empty string for an empty text', () => {
    expect(renderMarkdown('')).toBe('');
    expect(renderMarkdown('  \n ')).toBe('');
  });
});

describe('renderMarkdown: cache', () => {
  it('gives the same HTML for the same text and level, and different HTML when either changes', () => {
    const md = '# Titolo\n\nTesto.';
    expect(renderMarkdown(md)).toBe(renderMarkdown(md));
    expect(renderMarkdown(md, { topLevel: 3 })).toContain('<h3>');
    expect(renderMarkdown(md)).toContain('<h2>');
    expect(renderMarkdown(`${md} Rettificato.`)).toContain('Rettificato.');
  });
});
