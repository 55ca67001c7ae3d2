import type { CallQuestion } from '../../src/domain/calls/definitions.ts';
import type { Answers, TeamMember } from '../../src/domain/proposals/definitions.ts';

/** Realistic content for the demo proposals, written as residents would write it. */
export type DemoStory = {
  locale: 'it' | 'en';
  title: string;
  organisation: string;
  requestedCents: number;
  team: TeamMember[];
  /** Long answers, used in order for the call's text questions. */
  paragraphs: string[];
  short: string;
};

export const demoStories = {
  doposcuola: {
    locale: 'it',
    title: 'Doposcuola di cortile a San Cristoforo',
    organisation: 'Associazione Cortili Aperti',
    requestedCents: 1_800_000,
    team: [
      { name: 'Aisha Residente', role: 'referente del gruppo', adult: true },
      { name: 'Rosaria Greco', role: 'insegnante in pensione', adult: true },
      { name: 'Giuseppe Lombardo', role: 'educatore', adult: true },
      { name: 'Martina Russo', role: 'volontaria', adult: true },
    ],
    paragraphs: [
      'Nel nostro quartiere molti ragazzi delle medie non hanno un posto tranquillo dove fare i compiti il pomeriggio: le case sono piccole, spesso affollate, e le famiglie non possono pagare ripetizioni. Chi resta indietro a scuola rischia di abbandonarla.',
      'Vogliamo aprire un doposcuola gratuito tre pomeriggi a settimana nel cortile coperto della parrocchia, con due educatori e un gruppo di volontari del quartiere. Oltre ai compiti, una merenda e un’attività di lettura ad alta voce.',
      'Il Comune ci mette a disposizione i locali; i volontari portano il loro tempo. Il contributo serve per gli educatori, i materiali e una piccola biblioteca.',
    ],
    short: 'Cortile della parrocchia di San Cristoforo',
  },
  repairCafe: {
    locale: 'en',
    title: 'Repair café in Civita',
    organisation: 'Civita Repair Collective',
    requestedCents: 900_000,
    team: [
      { name: 'Samuel Resident', role: 'coordinator', adult: true },
      { name: 'Nadia Benali', role: 'electrician', adult: true },
      { name: 'Luca Ferrara', role: 'bike mechanic', adult: true },
    ],
    paragraphs: [
      'Many older people and families in Civita throw away small appliances, clothes and bicycles that could be fixed in half an hour, because there is nobody nearby to fix them and new things cost money they do not have.',
      'Once a month we would open a repair café in the community hall: volunteers with practical skills fix things together with their owners, for free, and teach them how to do it next time.',
    ],
    short: 'Community hall, Via Civita',
  },
  gardens: {
    locale: 'en',
    title: 'Shared vegetable gardens in the Fortino courtyards',
    organisation: 'Fortino Green Courtyards',
    requestedCents: 1_200_000,
    team: [
      { name: 'Samuel Resident', role: 'coordinator', adult: true },
      { name: 'Carmela Vitale', role: 'agronomist', adult: true },
      { name: 'Omar Diallo', role: 'gardener', adult: true },
    ],
    paragraphs: [
      'The inner courtyards of the Fortino blocks are abandoned: weeds, rubbish and no place where neighbours meet. Many residents, especially older people and newcomers, live isolated.',
      'We want to turn three courtyards into shared vegetable gardens, with raised beds that wheelchair users can reach, a water tank and weekly gardening mornings open to everyone.',
    ],
    short: 'Courtyards of the Fortino housing blocks',
  },
} as const satisfies Record<string, DemoStory>;

/** Answers for the first `count` questions of a call, each valid for its type and limits. */
export function demoAnswers(questions: readonly CallQuestion[], story: DemoStory, count: number): Answers {
  const answers: Answers = {};
  let paragraph = 0;
  for (const q of questions.slice(0, count)) {
    const clamp = (n: number) => Math.min(Math.max(n, q.min ?? n), q.max ?? n);
    switch (q.type) {
      case 'long_text': {
        const text = story.paragraphs[paragraph++ % story.paragraphs.length]!;
        answers[q.key] = q.max ? text.slice(0, q.max) : text;
        break;
      }
      case 'short_text':
        answers[q.key] = q.max ? story.short.slice(0, q.max) : story.short;
        break;
      case 'number':
        answers[q.key] = clamp(60);
        break;
      case 'money':
        answers[q.key] = clamp(200_000);
        break;
      case 'date':
        answers[q.key] = '2026-09-15';
        break;
      case 'single_choice':
        if (q.options?.[0]) answers[q.key] = q.options[0].value;
        break;
      case 'multiple_choice':
        if (q.options?.length) answers[q.key] = q.options.slice(0, 2).map((o) => o.value);
        break;
      case 'yes_no':
        answers[q.key] = true;
        break;
      case 'file':
        break;
    }
  }
  return answers;
}
