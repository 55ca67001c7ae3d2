import { defineMessages } from '../define.ts';

/** Piano delle tappe, consegne, revisione del coach, promemoria. */
export const milestones = defineMessages(
  {
    title: 'Tappe',
    errors: {},
  },
  {
    title: 'Milestones',
    errors: {},
  },
);
