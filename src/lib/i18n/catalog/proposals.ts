import { defineMessages } from '../define.ts';

export const proposals = defineMessages(
  {
    title: 'Le mie proposte',
  },
  {
    title: 'My proposals',
  },
);
