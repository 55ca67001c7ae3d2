import { defineMessages } from '../define.ts';

/** Contributi, tranche, erogazioni, avanzamento finanziario e grafici. */
export const funding = defineMessages(
  {
    title: 'Contributi ed erogazioni',
    staffCard: 'Contributi, piani delle tranche, approvazioni ed erogazioni.',
    errors: {},
  },
  {
    title: 'Grants and disbursements',
    staffCard: 'Grants, tranche plans, approvals and disbursements.',
    errors: {},
  },
);
