import { defineMessages } from '../define.ts';

export const evaluation = defineMessages(
  {
    title: 'Valutazione',
  },
  {
    title: 'Evaluation',
  },
);
