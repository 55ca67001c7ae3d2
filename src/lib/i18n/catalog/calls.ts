import { defineMessages } from '../define.ts';

export const calls = defineMessages(
  {
    title: 'Avvisi',
  },
  {
    title: 'Calls',
  },
);
