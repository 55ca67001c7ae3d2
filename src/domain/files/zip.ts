/**
 * Just enough of the ZIP format to tell an office document from any other zip: the entry names
 * (from the central directory, which is reliable even when entries use data descriptors) and the
 * ODF `mimetype` entry, which the ODF standard stores first and uncompressed. Nothing is
 * decompressed. Every offset is bounds-checked: the bytes come from strangers.
 */
export type ZipSummary = { names: string[]; mimetype: string | null };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_ENTRIES = 20_000;

const names = new TextDecoder('utf-8');

export function zipEntries(bytes: Uint8Array): ZipSummary | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => (at + 2 <= bytes.length ? view.getUint16(at, true) : -1);
  const u32 = (at: number) => (at + 4 <= bytes.length ? view.getUint32(at, true) : -1);

  const end = findEndOfCentralDirectory(bytes, u32);
  if (end < 0) return null;
  const count = u16(end + 10);
  const directoryOffset = u32(end + 16);
  // 0xFFFF / 0xFFFFFFFF announce ZIP64, which no office document of our size needs.
  if (count < 0 || count === 0xffff || count > MAX_ENTRIES || directoryOffset < 0 || directoryOffset === 0xffffffff) return null;

  const found: string[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (u32(at) !== CENTRAL) return null;
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    if (nameLength < 0 || extraLength < 0 || commentLength < 0 || at + 46 + nameLength > bytes.length) return null;
    found.push(names.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { names: found, mimetype: odfMimetype(bytes, u16, u32) };
}

/** The end record sits in the last 22 bytes plus at most a 64 KiB comment. */
function findEndOfCentralDirectory(bytes: Uint8Array, u32: (at: number) => number): number {
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= lowest; at--) {
    if (u32(at) === EOCD) return at;
  }
  return -1;
}

/** The content of a first, stored (uncompressed) entry named `mimetype`, if there is one. */
function odfMimetype(bytes: Uint8Array, u16: (at: number) => number, u32: (at: number) => number): string | null {
  if (u32(0) !== LOCAL || u16(8) !== 0) return null;
  const size = u32(18);
  const nameLength = u16(26);
  const extraLength = u16(28);
  if (nameLength !== 8 || extraLength < 0 || size < 0 || size > 100) return null;
  if (names.decode(bytes.subarray(30, 38)) !== 'mimetype') return null;
  const start = 30 + nameLength + extraLength;
  if (start + size > bytes.length) return null;
  return names.decode(bytes.subarray(start, start + size)).trim();
}
