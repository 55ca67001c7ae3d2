import { defineMessages } from '../define.ts';

/** Start-up incubate: creazione dalla graduatoria, profilo pubblico con consenso, team, coach. */
export const startups = defineMessages(
  {
    title: 'Start-up incubate',
    staffCard: 'Crea le start-up dalle graduatorie definitive, assegna i coach, segui tappe e rischi.',
    errors: {},
  },
  {
    title: 'Incubated start-ups',
    staffCard: 'Create start-ups from final rankings, assign coaches, follow milestones and risks.',
    errors: {},
  },
);
