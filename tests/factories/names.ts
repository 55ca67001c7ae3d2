/**
 * Deterministic, realistic Italian names for fake people. A per-process sequence keeps emails and
 * slugs unique within a test database without randomness, so failures reproduce.
 */
const givenNames = [
  'Giuseppe', 'Maria', 'Salvatore', 'Carmela', 'Alfio', 'Agata', 'Sebastiano', 'Concetta', 'Francesco',
  'Rosaria', 'Antonino', 'Giovanna', 'Vincenzo', 'Lucia', 'Orazio', 'Santa', 'Davide', 'Martina',
  'Gaetano', 'Chiara', 'Rosario', 'Federica', 'Luca', 'Ilaria', 'Amir', 'Fatima', 'Ionut', 'Mihaela',
] as const;

const familyNames = [
  'Russo', 'Lombardo', 'Greco', 'Marino', 'Costa', 'Messina', 'Puglisi', 'Privitera', 'Scuderi', 'Sciuto',
  'La Rosa', 'Di Mauro', 'Musumeci', 'Pappalardo', 'Caruso', 'Grasso', 'Leonardi', 'Nicolosi', 'Spampinato',
  'Santonocito', 'Zappalà', 'Strano', 'D’Urso', 'Bonaccorsi', 'Castorina', 'Ferlito', 'Romeo', 'Vitale',
] as const;

let counter = 0;

/** 1, 2, 3… for this process (each Vitest file runs in its own process). */
export function nextSeq(): number {
  counter += 1;
  return counter;
}

export function italianName(seq: number): { given: string; family: string; full: string } {
  const given = givenNames[seq % givenNames.length]!;
  // Shifts by one each time the given names wrap, so every pairing comes up before any repeats.
  const family = familyNames[(seq + Math.floor(seq / givenNames.length)) % familyNames.length]!;
  return { given, family, full: `${given} ${family}` };
}

/** `San Berillo Vecchio` → `san-berillo-vecchio`, `D’Urso` → `durso`. */
export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’'`]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function emailFor(name: { given: string; family: string }, seq: number, domain = 'esempio.it'): string {
  return `${slugify(name.given).replace(/-/g, '')}.${slugify(name.family).replace(/-/g, '')}.${seq}@${domain}`;
}
