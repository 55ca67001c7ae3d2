import { defineMessages } from '../define.ts';

/** Pagina pubblica della trasparenza e open data. */
export const transparency = defineMessages(
  {
    title: 'Trasparenza',
    errors: {},
  },
  {
    title: 'Transparency',
    errors: {},
  },
);
