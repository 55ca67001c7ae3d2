import { defineAction, type ActionAPIContext } from 'astro:actions';
import { z } from 'astro/zod';
import { inviteSchema, rolesUpdateSchema } from '../domain/accounts/schema.ts';
import { inviteUser, revokeInvitation } from '../domain/accounts/invitations.server.ts';
import { setUserDisabled, setUserRoles } from '../domain/accounts/manage-users.server.ts';
import { formAction } from '../lib/server/form-action.ts';

const db = (c: ActionAPIContext) => c.locals.runtime.database.db;
const id = z.string().min(1).max(64);

export const staff = {
  invite: defineAction({
    accept: 'form',
    handler: formAction(
      inviteSchema,
      async (input, c) => {
        await inviteUser(db(c), c.locals.ctx, input);
        c.locals.runtime.mailWorker.nudge();
        return { email: input.email };
      },
      { multi: ['roles'] },
    ),
  }),
  revokeInvitation: defineAction({
    accept: 'form',
    handler: formAction(z.object({ invitationId: id }), async (input, c) => {
      await revokeInvitation(db(c), c.locals.ctx, input.invitationId);
      return { revoked: input.invitationId };
    }),
  }),
  setRoles: defineAction({
    accept: 'form',
    handler: formAction(
      rolesUpdateSchema.extend({ userId: z.uuid() }),
      async (input, c) => {
        await setUserRoles(db(c), c.locals.ctx, input.userId, input.roles);
        return { userId: input.userId };
      },
      { multi: ['roles'] },
    ),
  }),
  setDisabled: defineAction({
    accept: 'form',
    handler: formAction(z.object({ userId: z.uuid(), disabled: z.enum(['true', 'false']) }), async (input, c) => {
      await setUserDisabled(db(c), c.locals.ctx, input.userId, input.disabled === 'true');
      return { userId: input.userId };
    }),
  }),
};
