import { Marked, type Token, type Tokens } from 'marked';
import sanitizeHtml from 'sanitize-html';

/**
 * Markdown written by staff and residents (call texts, feedback, business-plan sections), turned
 * into HTML that cannot run anything. Two layers, as the tech brief (§6) measured: marked escapes
 * raw HTML and images, then sanitize-html keeps only an allow-list. The page's CSP is a third.
 */

export type RenderOptions = {
  /**
   * Level the shallowest heading of the text becomes (default 2): the page owns its single h1, so
   * `#` in a call body becomes h2 and the levels below shift with it.
   */
  topLevel?: 2 | 3 | 4;
};

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

// A dedicated instance: extensions added elsewhere to the global `marked` cannot weaken this one.
const marked = new Marked({
  gfm: true,
  renderer: {
    // Raw HTML in the markdown is shown as text, never interpreted.
    html: ({ text }: Tokens.HTML | Tokens.Tag) => escapeHtml(text),
    // Images could load from anywhere (tracking pixels, the CSP would block them anyway): keep the
    // description only.
    image: ({ text }: Tokens.Image) => escapeHtml(text),
    // A task-list checkbox would be an unlabelled form control: show its state as a symbol.
    checkbox: ({ checked }: Tokens.Checkbox) => (checked ? '☑ ' : '☐ '),
  },
});

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    'h2', 'h3', 'h4', 'h5', 'h6',
    'p', 'br', 'hr', 'blockquote', 'pre', 'code',
    'ul', 'ol', 'li',
    'strong', 'em', 'del', 's', 'a',
    'table', 'thead', 'tbody', 'tr', 'th', 'td',
  ],
  allowedAttributes: { a: ['href', 'title', 'rel'], ol: ['start'], th: ['align'], td: ['align'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  allowedClasses: { table: ['table'] },
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow noopener ugc' }),
    // The design system's table style; any class written in the text itself is dropped.
    table: sanitizeHtml.simpleTransform('table', { class: 'table' }),
  },
};

/**
 * Recently rendered texts: a call page renders the same body on every request, and rendering
 * costs about a millisecond. Keyed by the text itself, so an amendment can never show stale HTML.
 */
const cache = new Map<string, string>();
const CACHE_ENTRIES = 100;
const CACHE_MAX_CHARS = 20_000;

/** Sanitised HTML for a markdown text; empty for an empty text. */
export function renderMarkdown(md: string, options: RenderOptions = {}): string {
  if (!md.trim()) return '';
  const topLevel = options.topLevel ?? 2;
  const key = `${topLevel}:${md}`;
  const hit = cache.get(key);
  if (hit !== undefined) {
    // Map keeps insertion order: re-inserting marks the entry as recently used.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const html = render(md, topLevel);
  if (md.length <= CACHE_MAX_CHARS) {
    cache.set(key, html);
    if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  }
  return html;
}

function render(md: string, topLevel: number): string {
  const tokens = marked.lexer(md);
  shiftHeadings(tokens, topLevel);
  return sanitizeHtml(marked.parser(tokens), sanitizeOptions);
}

/**
 * Moves every heading so the shallowest one sits at `topLevel` and no level is skipped below the
 * page's own headings (WCAG 1.3.1); deeper ones keep their distance, up to h6.
 */
function shiftHeadings(tokens: Token[], topLevel: number): void {
  const headings: Tokens.Heading[] = [];
  marked.walkTokens(tokens, (token) => {
    if (token.type === 'heading') headings.push(token as Tokens.Heading);
  });
  if (headings.length === 0) return;
  const shift = topLevel - Math.min(...headings.map((h) => h.depth));
  for (const heading of headings) heading.depth = Math.min(6, Math.max(topLevel, heading.depth + shift));
}
