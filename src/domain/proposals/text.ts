/**
 * Text typed by people, made safe to store and compare: Unicode NFC (an "è" typed on a phone and
 * one pasted from a word processor become the same characters), Windows line endings unified, and
 * invisible control characters removed. HTML is left as typed: it is text, escaped when shown.
 */
export function cleanText(value: string, multiline: boolean): string {
  const unified = value.normalize('NFC').replace(/\r\n?/g, '\n');
  // Keep tab and newline in long answers; short ones become one line.
  const visible = unified.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
  return (multiline ? visible : visible.replace(/\s*\n\s*/g, ' ')).trim();
}

/** Length as people count it: characters, not UTF-16 code units (an emoji is one). */
export function textLength(value: string): number {
  let n = 0;
  for (const _ of value) n += 1;
  return n;
}
