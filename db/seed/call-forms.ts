import type { AttachmentRequirement, CallQuestion, EligibilityQuestion, Rubric } from '../../src/domain/calls/definitions.ts';
import { sampleAttachments, sampleEligibility, sampleQuestions } from '../../tests/factories/calls.ts';

/**
 * The configurable parts of the demo calls: questionnaire, required documents, self-check and
 * rubric, modelled on the avvisi in shared/research/domain-italy.md (§2.2 documents, §4 criteria).
 */

const idea = { it: 'L’idea', en: 'The idea' };
const people = { it: 'Le persone', en: 'The people' };
const money = { it: 'Risorse', en: 'Resources' };

const [need, users, cofinancing] = sampleQuestions as [CallQuestion, CallQuestion, CallQuestion];

export const demoQuestions: CallQuestion[] = [
  { key: 'title', section: idea, type: 'short_text', label: { it: 'Dai un nome alla tua idea', en: 'Give your idea a name' }, required: true, min: 3, max: 120 },
  need,
  {
    key: 'activities',
    section: idea,
    type: 'long_text',
    label: { it: 'Cosa farete, dove e con quale frequenza?', en: 'What will you do, where and how often?' },
    help: { it: 'Descrivi le attività principali, i luoghi del quartiere e gli orari.', en: 'Describe the main activities, the places in the neighbourhood and the opening hours.' },
    required: true,
    min: 50,
    max: 4000,
  },
  users,
  {
    key: 'target_groups',
    section: idea,
    type: 'multiple_choice',
    label: { it: 'A chi si rivolge il servizio?', en: 'Who is the service for?' },
    required: true,
    options: [
      { value: 'children', label: { it: 'Bambine e bambini', en: 'Children' } },
      { value: 'young', label: { it: 'Ragazze e ragazzi', en: 'Young people' } },
      { value: 'families', label: { it: 'Famiglie', en: 'Families' } },
      { value: 'elderly', label: { it: 'Persone anziane', en: 'Older people' } },
      { value: 'migrants', label: { it: 'Persone di origine straniera', en: 'People with a migrant background' } },
      { value: 'disability', label: { it: 'Persone con disabilità', en: 'People with disabilities' } },
    ],
  },
  {
    key: 'team',
    section: people,
    type: 'long_text',
    label: { it: 'Chi siete e cosa sapete fare?', en: 'Who are you and what can you do?' },
    help: { it: 'Esperienze utili, anche di volontariato: non servono titoli di studio.', en: 'Useful experience, including volunteering: no qualifications needed.' },
    required: true,
    min: 30,
    max: 3000,
  },
  {
    key: 'partners',
    section: people,
    type: 'yes_no',
    label: { it: 'Collaborerete con altre realtà del quartiere (scuole, parrocchie, associazioni, negozi)?', en: 'Will you work with other local organisations (schools, parishes, associations, shops)?' },
    required: true,
  },
  { key: 'start_date', section: money, type: 'date', label: { it: 'Da quando potreste partire?', en: 'When could you start?' }, required: false },
  {
    key: 'total_cost',
    section: money,
    type: 'money',
    label: { it: 'Costo totale del progetto', en: 'Total cost of the project' },
    help: { it: 'In euro, comprese le spese coperte da voi.', en: 'In euros, including the costs you cover yourselves.' },
    required: true,
    min: 100_000,
  },
  cofinancing,
];

export const demoAttachments: AttachmentRequirement[] = [
  ...sampleAttachments,
  { key: 'support_letters', label: { it: 'Lettere di sostegno di realtà del quartiere', en: 'Letters of support from local organisations' }, required: false, kinds: ['pdf'], maxBytes: 10 * 1024 * 1024 },
];

export const demoEligibility: EligibilityQuestion[] = [
  ...sampleEligibility,
  {
    key: 'not_funded',
    text: { it: 'Per la stessa idea hai già ricevuto un contributo pubblico negli ultimi tre anni?', en: 'Have you already received public funding for the same idea in the last three years?' },
    excludingAnswer: 'yes',
    reason: { it: 'L’avviso non finanzia due volte le stesse spese.', en: 'The call does not fund the same costs twice.' },
    alternative: {
      it: 'Puoi proporre un nuovo servizio accanto a quello già finanziato: allo sportello ti aiutiamo a capire cosa è ammissibile.',
      en: 'You can propose a new service alongside the one already funded: the help desk can tell you what is eligible.',
    },
  },
  {
    key: 'constitute',
    text: { it: 'Se la proposta viene finanziata, siete disposti a costituire un’associazione o un’impresa sociale entro 90 giorni?', en: 'If your proposal is funded, are you willing to set up an association or a social enterprise within 90 days?' },
    excludingAnswer: 'no',
    reason: { it: 'Il contributo si eroga solo a un soggetto con forma giuridica: i gruppi informali si costituiscono dopo l’ammissione.', en: 'The grant can only be paid to a legal entity: informal groups set one up after being admitted.' },
    alternative: {
      it: 'Potete partecipare insieme a un’associazione del quartiere che faccia da capofila: lo sportello può mettervi in contatto.',
      en: 'You can apply together with a local association acting as lead partner: the help desk can put you in touch.',
    },
  },
];

/** The illustrative 100-point rubric of domain-italy.md §4, with its sub-thresholds. */
export const demoRubric: Rubric = {
  criteria: [
    { key: 'relevance', label: { it: 'Rilevanza per i bisogni del quartiere', en: 'Relevance to the neighbourhood’s needs' }, maxPoints: 20, threshold: 10 },
    { key: 'innovation', label: { it: 'Innovazione sociale rispetto ai servizi esistenti', en: 'Social innovation compared with existing services' }, maxPoints: 20, threshold: 10 },
    { key: 'impact', label: { it: 'Impatto sociale atteso e misurabilità', en: 'Expected social impact and measurability' }, maxPoints: 20 },
    { key: 'sustainability', label: { it: 'Sostenibilità economica oltre il contributo', en: 'Economic sustainability beyond the grant' }, maxPoints: 15 },
    { key: 'team', label: { it: 'Capacità del gruppo e radicamento nel quartiere', en: 'Team capacity and local roots' }, maxPoints: 15 },
    { key: 'plan', label: { it: 'Qualità del piano di lavoro e dei costi', en: 'Quality of the work plan and budget' }, maxPoints: 10 },
  ],
  threshold: 60,
};
