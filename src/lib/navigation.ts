import { can, type Action, type Actor } from '../domain/policy.ts';
import type { MessageKey } from './i18n/index.ts';
import type { Locale } from './i18n/locales.ts';

export type NavItem = { href: string; label: MessageKey };

/** Public navigation. An entry is added when its pages exist; nothing links to a page to come. */
export function mainNavigation(locale: Locale): NavItem[] {
  return [
    { href: `/${locale}/`, label: 'common.nav.home' },
    { href: `/${locale}/calls`, label: 'common.nav.calls' },
    { href: `/${locale}/startups`, label: 'common.nav.startups' },
    { href: `/${locale}/transparency`, label: 'common.nav.transparency' },
    { href: `/${locale}/about`, label: 'common.nav.about' },
    { href: `/${locale}/how-to-apply`, label: 'common.nav.howToApply' },
    { href: `/${locale}/faq`, label: 'common.nav.faq' },
  ];
}

const areas: { action: Action; path: string; label: MessageKey }[] = [
  { action: 'area.me', path: 'me', label: 'common.nav.me' },
  { action: 'area.review', path: 'review', label: 'common.nav.review' },
  { action: 'area.coach', path: 'coach', label: 'common.nav.coach' },
  { action: 'area.donor', path: 'donor', label: 'common.nav.donor' },
  { action: 'area.staff', path: 'staff', label: 'common.nav.staff' },
];

/** The areas the signed-in person may enter, as the policy decides. */
export function areaNavigation(locale: Locale, actor: Actor | null): NavItem[] {
  return areas.filter((a) => can(actor, a.action).ok).map((a) => ({ href: `/${locale}/${a.path}`, label: a.label }));
}

/** The same page in another language: `/it/faq?x=1` → `/en/faq?x=1`. */
export function switchLocalePath(url: URL, to: Locale): string {
  const rest = url.pathname.replace(/^\/(it|en)(?=\/|$)/, '');
  return `/${to}${rest || '/'}${url.search}`;
}

/** Whether a nav link is the current page (exact for home, prefix otherwise). */
export function isCurrent(href: string, pathname: string): boolean {
  if (/^\/(it|en)\/$/.test(href)) return pathname === href || pathname === href.slice(0, -1);
  return pathname === href || pathname.startsWith(`${href}/`);
}

const staffAreas: { action: Action; path: string; label: MessageKey; description?: MessageKey }[] = [
  { action: 'area.staff', path: '', label: 'staff.nav.dashboard' },
  { action: 'call.manage', path: '/calls', label: 'staffCalls.nav.calls', description: 'staff.cards.calls' },
  { action: 'programme.manage', path: '/programmes', label: 'staffCalls.nav.programmes', description: 'staff.cards.programmes' },
  { action: 'startup.manage', path: '/startups', label: 'startups.title', description: 'startups.staffCard' },
  { action: 'startup.manage', path: '/incubation', label: 'staff.nav.incubation', description: 'staff.cards.incubation' },
  { action: 'donor.manage', path: '/donors', label: 'donors.title', description: 'donors.staffCard' },
  { action: 'grant.manage', path: '/funding', label: 'funding.title', description: 'funding.staffCard' },
  { action: 'user.list', path: '/users', label: 'staff.nav.users', description: 'staff.cards.users' },
  { action: 'user.invite', path: '/invitations', label: 'staff.nav.invitations', description: 'staff.cards.invitations' },
  { action: 'audit.view', path: '/audit', label: 'staff.nav.audit', description: 'staff.cards.audit' },
  { action: 'mailbox.view', path: '/mailbox', label: 'staff.nav.mailbox', description: 'staff.cards.mailbox' },
];

export type StaffNavItem = NavItem & { description: MessageKey | null };

/** The back-office sections this person may open, with the line describing each on the overview. */
export function staffNavigation(locale: Locale, actor: Actor | null): StaffNavItem[] {
  return staffAreas
    .filter((a) => can(actor, a.action).ok)
    .map((a) => ({ href: `/${locale}/staff${a.path}`, label: a.label, description: a.description ?? null }));
}
