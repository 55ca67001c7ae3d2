import { defineMessages } from '../define.ts';

/** Business plan: sezioni, piano finanziario triennale, versioni, commenti, PDF. */
export const businessPlan = defineMessages(
  {
    title: 'Business plan',
    errors: {},
  },
  {
    title: 'Business plan',
    errors: {},
  },
);
