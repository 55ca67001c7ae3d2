import { defineMessages } from '../define.ts';

export const admissibility = defineMessages(
  {
    title: 'Istruttoria',
  },
  {
    title: 'Admissibility',
  },
);
