import { defineMessages } from '../define.ts';

export const staffCalls = defineMessages(
  {
    title: 'Gestione avvisi',
  },
  {
    title: 'Manage calls',
  },
);
