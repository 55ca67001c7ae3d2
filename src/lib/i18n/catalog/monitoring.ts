import { defineMessages } from '../define.ts';

/** Rapporti di monitoraggio periodico e riscontro del coach. */
export const monitoring = defineMessages(
  {
    title: 'Monitoraggio',
    errors: {},
  },
  {
    title: 'Monitoring',
    errors: {},
  },
);
