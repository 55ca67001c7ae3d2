import { defineMessages } from '../define.ts';

/** Home page and static-page chrome. */
export const home = defineMessages(
  {
    title: 'Vivaio',
  },
  {
    title: 'Vivaio',
  },
);
