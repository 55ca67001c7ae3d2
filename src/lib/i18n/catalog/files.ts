import { defineMessages } from '../define.ts';

export const files = defineMessages(
  {
    title: 'File',
  },
  {
    title: 'Files',
  },
);
