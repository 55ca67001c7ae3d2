import { defineMessages } from '../define.ts';

/** Donatori, impegni (pledge), area donatore, estratti conto. */
export const donors = defineMessages(
  {
    title: 'Donatori',
    staffCard: 'Donatori, approvazione delle registrazioni, impegni e accordi.',
    errors: {},
  },
  {
    title: 'Donors',
    staffCard: 'Donors, sign-up approvals, pledges and agreements.',
    errors: {},
  },
);
