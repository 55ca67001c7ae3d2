import { defineMessages } from '../define.ts';

/** Back-office strings. Extended by the back-office pages (users, audit, mailbox). */
export const staff = defineMessages(
  {
    title: 'Back-office',
  },
  {
    title: 'Back office',
  },
);
