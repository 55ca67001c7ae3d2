/**
 * Reading the portal's CSV files back in tests (open data, ranking, proposals export, donor
 * statement): strict, so a test also fails when a file breaks README decision 12 (`;`, CRLF).
 */

/** RFC 4180 with `;` (the portal's CSV): quoted cells may hold `;`, `""` and line breaks. */
export function parseCsv(text: string, separator = ';'): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === separator) row.push(cell), (cell = '');
    else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    } else if (ch === '\n') throw new Error(`bare LF at ${i}: lines must end with CRLF`);
    else cell += ch;
  }
  if (quoted) throw new Error('unterminated quoted cell');
  if (cell !== '' || row.length > 0) throw new Error('the last line has no CRLF');
  return rows;
}

/** `1500,50` → 150050 (exact, no floats). */
export function euroCellToCents(cell: string): number {
  const match = /^(-?)(\d+),(\d{2})$/.exec(cell);
  if (!match) throw new Error(`not an amount: ${cell}`);
  return (match[1] ? -1 : 1) * (Number(match[2]) * 100 + Number(match[3]));
}
