import { Lexer, type Token, type Tokens } from 'marked';

/**
 * A section's markdown as plain paragraphs for the PDF: headings, paragraphs, list items (with
 * bullets or numbers), quotes, code and table rows each become a paragraph; emphasis marks are
 * dropped and a link keeps its address in brackets so a printed copy still says where it points.
 * Raw HTML stays as the text it is, as on the page (src/lib/markdown.ts escapes it).
 */
export function markdownParagraphs(md: string): string[] {
  if (!md.trim()) return [];
  return blocks(new Lexer({ gfm: true }).lex(md), '');
}

function blocks(tokens: readonly Token[], indent: string): string[] {
  const out: string[] = [];
  for (const token of tokens) out.push(...block(token, indent));
  return out;
}

function block(token: Token, indent: string): string[] {
  switch (token.type) {
    case 'heading':
    case 'paragraph':
      return [indent + inline((token as Tokens.Heading | Tokens.Paragraph).tokens)];
    case 'text': {
      const text = token as Tokens.Text;
      return [indent + (text.tokens ? inline(text.tokens) : text.text)];
    }
    case 'list':
      return list(token as Tokens.List, indent);
    case 'blockquote':
      return blocks((token as Tokens.Blockquote).tokens, `${indent}| `);
    case 'code':
      return (token as Tokens.Code).text.split('\n').map((line) => indent + line);
    case 'table': {
      const table = token as Tokens.Table;
      const row = (cells: Tokens.TableCell[]) => indent + cells.map((c) => inline(c.tokens)).join(' | ');
      return [row(table.header), ...table.rows.map(row)];
    }
    case 'hr':
      return [`${indent}—`];
    case 'html':
      return [indent + (token as Tokens.HTML).text.trim()];
    default:
      return [];
  }
}

function list(token: Tokens.List, indent: string): string[] {
  const start = typeof token.start === 'number' ? token.start : 1;
  return token.items.flatMap((item, i) => {
    const marker = item.task ? (item.checked ? '[x] ' : '[ ] ') : token.ordered ? `${start + i}. ` : '• ';
    const [first = '', ...rest] = blocks(item.tokens.filter((t) => t.type !== 'checkbox'), '');
    return [`${indent}${marker}${first}`, ...rest.map((line) => `${indent}   ${line}`)];
  });
}

function inline(tokens: readonly Token[] | undefined): string {
  if (!tokens) return '';
  return tokens
    .map((token) => {
      switch (token.type) {
        case 'link': {
          const link = token as Tokens.Link;
          const text = inline(link.tokens);
          return text && text !== link.href ? `${text} (${link.href})` : link.href;
        }
        case 'image':
          return (token as Tokens.Image).text;
        case 'br':
          return '\n';
        case 'codespan':
          return (token as Tokens.Codespan).text;
        case 'escape':
          return (token as Tokens.Escape).text;
        case 'html':
          return (token as Tokens.Tag).text;
        default: {
          const withChildren = token as Token & { tokens?: Token[]; text?: string };
          return withChildren.tokens ? inline(withChildren.tokens) : (withChildren.text ?? '');
        }
      }
    })
    .join('');
}
