import { z } from 'astro/zod';
import { locales } from '../../lib/i18n/locales.ts';
import { invitableRoles, roles } from '../policy.ts';
import { isCommonPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password.server.ts';

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const emailSchema = z.string().trim().min(1).max(254).pipe(z.email()).transform(normalizeEmail);
export const nameSchema = z.string().trim().min(1).max(120);
export const localeSchema = z.enum(locales);

/** A new password: long enough, not absurdly long (argon2 input), not on the common list. */
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH)
  .max(PASSWORD_MAX_LENGTH)
  .refine((p) => !isCommonPassword(p), 'validation.passwordCommon');

const checkbox = z.literal('on', { message: 'validation.mustAccept' });

function confirmMatches<T extends { password: string; passwordConfirm: string }>(value: T, ctx: z.RefinementCtx) {
  if (value.password !== value.passwordConfirm) {
    ctx.addIssue({ code: 'custom', path: ['passwordConfirm'], message: 'validation.passwordMismatch' });
  }
}

function passwordNotEmail<T extends { password: string; email: string }>(value: T, ctx: z.RefinementCtx) {
  const local = value.email.split('@')[0] ?? '';
  if (local.length >= 4 && value.password.toLowerCase().includes(local)) {
    ctx.addIssue({ code: 'custom', path: ['password'], message: 'validation.passwordSameAsEmail' });
  }
}

export const registerSchema = z
  .object({
    name: nameSchema,
    email: emailSchema,
    password: newPasswordSchema,
    passwordConfirm: z.string(),
    locale: localeSchema,
    privacy: checkbox,
  })
  .superRefine(confirmMatches)
  .superRefine(passwordNotEmail);
export type RegisterInput = z.infer<typeof registerSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const resetRequestSchema = z.object({ email: emailSchema });

export const resetPasswordSchema = z
  .object({ token: z.string().min(1).max(200), password: newPasswordSchema, passwordConfirm: z.string() })
  .superRefine(confirmMatches);

export const changePasswordSchema = z
  .object({ currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH), password: newPasswordSchema, passwordConfirm: z.string() })
  .superRefine(confirmMatches);

export const profileSchema = z.object({ name: nameSchema, locale: localeSchema });
export type ProfileInput = z.infer<typeof profileSchema>;

export const inviteSchema = z.object({
  email: emailSchema,
  name: nameSchema,
  locale: localeSchema,
  roles: z.array(z.enum(roles)).min(1, 'validation.rolesRequired'),
});
export type InviteInput = z.infer<typeof inviteSchema>;

export const acceptInvitationSchema = z
  .object({ token: z.string().min(1).max(200), name: nameSchema, password: newPasswordSchema, passwordConfirm: z.string(), privacy: checkbox })
  .superRefine(confirmMatches);

export const tokenSchema = z.object({ token: z.string().min(1).max(200) });

export const rolesUpdateSchema = z.object({ roles: z.array(z.enum(roles)) });

export { invitableRoles };
