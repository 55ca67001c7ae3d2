import { defineMessages } from '../define.ts';

export const observations = defineMessages(
  {
    title: 'Osservazioni',
  },
  {
    title: 'Observations',
  },
);
