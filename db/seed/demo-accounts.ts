import type { Role } from '../../src/domain/policy.ts';

/**
 * The demo accounts seeded on the embedded database and listed on the login page in demo mode.
 * One per role; they share a password that passes the password rules.
 */
export const DEMO_PASSWORD = 'vivaio-demo-2026';

export const demoAccounts: readonly { email: string; name: string; roles: readonly Role[]; locale: 'it' | 'en' }[] = [
  { email: 'admin@vivaio.example', name: 'Giulia Amministratrice', roles: ['admin', 'staff'], locale: 'it' },
  { email: 'staff@vivaio.example', name: 'Marco Ufficio', roles: ['staff'], locale: 'it' },
  { email: 'residente@vivaio.example', name: 'Aisha Residente', roles: ['resident'], locale: 'it' },
  { email: 'resident@vivaio.example', name: 'Samuel Resident', roles: ['resident'], locale: 'en' },
  { email: 'valutatore@vivaio.example', name: 'Paolo Valutatore', roles: ['evaluator'], locale: 'it' },
  { email: 'coach@vivaio.example', name: 'Elena Tutor', roles: ['coach'], locale: 'it' },
  { email: 'donatore@vivaio.example', name: 'Fondazione Comunità Esempio', roles: ['donor'], locale: 'it' },
];
