import { defineMessages } from '../define.ts';

export const ranking = defineMessages(
  {
    title: 'Graduatoria',
  },
  {
    title: 'Ranking',
  },
);
