import type { Locale } from '../../lib/i18n/locales.ts';

/** Absolute links sent by email; the paths are part of the public URL contract. */
export const accountLinks = {
  verifyEmail: (origin: string, locale: Locale, token: string) => `${origin}/${locale}/verify-email?token=${encodeURIComponent(token)}`,
  resetPassword: (origin: string, locale: Locale, token: string) => `${origin}/${locale}/password/reset?token=${encodeURIComponent(token)}`,
  forgotPassword: (origin: string, locale: Locale) => `${origin}/${locale}/password/forgot`,
  invitation: (origin: string, locale: Locale, token: string) => `${origin}/${locale}/invitation?token=${encodeURIComponent(token)}`,
};

export const EMAIL_VERIFICATION_TTL_MS = 48 * 60 * 60 * 1000;
export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;
export const INVITATION_TTL_MS = 14 * 24 * 60 * 60 * 1000;
