import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import {
  acceptInvitationSchema,
  changePasswordSchema,
  profileSchema,
  registerSchema,
  resetPasswordSchema,
  resetRequestSchema,
  signInSchema,
  tokenSchema,
} from '../domain/accounts/schema.ts';
import { registerUser } from '../domain/accounts/register-user.server.ts';
import { resendVerification, verifyEmail } from '../domain/accounts/verify-email.server.ts';
import { signIn } from '../domain/accounts/sign-in.server.ts';
import { changePassword, requestPasswordReset, resetPassword } from '../domain/accounts/passwords.server.ts';
import { updateProfile } from '../domain/accounts/update-profile.server.ts';
import { acceptInvitation } from '../domain/accounts/invitations.server.ts';
import { setSessionCookie, setLocaleCookie } from '../lib/server/auth/cookie.ts';
import { isHttps } from '../lib/server/request.ts';
import { formAction } from '../lib/server/form-action.ts';
import type { ActionAPIContext } from 'astro:actions';

const db = (c: ActionAPIContext) => c.locals.runtime.database.db;
const secure = (c: ActionAPIContext) => isHttps(c.url, c.request, c.locals.runtime.config);
const nudgeMail = (c: ActionAPIContext) => c.locals.runtime.mailWorker.nudge();

export const auth = {
  register: defineAction({
    accept: 'form',
    handler: formAction(registerSchema, async (input, c) => {
      await registerUser(db(c), c.locals.ctx, input);
      nudgeMail(c);
      return { email: input.email };
    }),
  }),
  signIn: defineAction({
    accept: 'form',
    handler: formAction(signInSchema.extend({ next: z.string().max(500).optional() }), async (input, c) => {
      const result = await signIn(db(c), c.locals.ctx, input, c.request.headers.get('user-agent'));
      setSessionCookie(c.cookies, result.token, secure(c));
      return { next: input.next ?? null };
    }),
  }),
  verifyEmail: defineAction({
    accept: 'form',
    handler: formAction(tokenSchema, async (input, c) => {
      await verifyEmail(db(c), c.locals.ctx, input.token);
      return { verified: true };
    }),
  }),
  resendVerification: defineAction({
    accept: 'form',
    handler: formAction(z.object({}), async (_input, c) => {
      await resendVerification(db(c), c.locals.ctx);
      nudgeMail(c);
      return { sent: true };
    }),
  }),
  requestReset: defineAction({
    accept: 'form',
    handler: formAction(resetRequestSchema, async (input, c) => {
      await requestPasswordReset(db(c), c.locals.ctx, input.email);
      nudgeMail(c);
      return { email: input.email };
    }),
  }),
  resetPassword: defineAction({
    accept: 'form',
    handler: formAction(resetPasswordSchema, async (input, c) => {
      await resetPassword(db(c), c.locals.ctx, input.token, input.password);
      nudgeMail(c);
      return { reset: true };
    }),
  }),
  changePassword: defineAction({
    accept: 'form',
    handler: formAction(changePasswordSchema, async (input, c) => {
      const sessionId = c.locals.session?.id ?? '';
      const result = await changePassword(db(c), c.locals.ctx, { sessionId, currentPassword: input.currentPassword, password: input.password });
      nudgeMail(c);
      return result;
    }),
  }),
  updateProfile: defineAction({
    accept: 'form',
    handler: formAction(profileSchema, async (input, c) => {
      await updateProfile(db(c), c.locals.ctx, input);
      setLocaleCookie(c.cookies, input.locale, secure(c));
      return { locale: input.locale };
    }),
  }),
  acceptInvitation: defineAction({
    accept: 'form',
    handler: formAction(acceptInvitationSchema, async (input, c) => {
      const result = await acceptInvitation(db(c), c.locals.ctx, input, c.request.headers.get('user-agent'));
      if (result.session) setSessionCookie(c.cookies, result.session.token, secure(c));
      return { userId: result.userId };
    }),
  }),
  /** For someone who already has an account and is signed in: just the roles. */
  acceptInvitationSignedIn: defineAction({
    accept: 'form',
    handler: formAction(tokenSchema, async (input, c) => {
      const result = await acceptInvitation(db(c), c.locals.ctx, { token: input.token }, null);
      return { userId: result.userId };
    }),
  }),
};
