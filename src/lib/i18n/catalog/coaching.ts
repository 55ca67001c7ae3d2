import { defineMessages } from '../define.ts';

/** Area coach, registro degli incontri, presenze, indicatore di rischio. */
export const coaching = defineMessages(
  {
    title: 'Coaching',
    errors: {},
  },
  {
    title: 'Coaching',
    errors: {},
  },
);
