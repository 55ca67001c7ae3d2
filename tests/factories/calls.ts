import { callNeighbourhoods, calls } from '../../db/schema/index.ts';
import type { Queryable } from '../../src/lib/server/db/index.ts';
import type { AttachmentRequirement, CallQuestion, EligibilityQuestion, Rubric } from '../../src/domain/calls/definitions.ts';
import { createProgramme } from './programmes.ts';
import { nextSeq } from './names.ts';

export type CallRow = typeof calls.$inferSelect;
export type CallOptions = Partial<Omit<typeof calls.$inferInsert, 'id'>> & { neighbourhoodIds?: string[] };

const DAY = 24 * 60 * 60 * 1000;

/** A typical questionnaire: one section about the idea, one about money. */
export const sampleQuestions: CallQuestion[] = [
  {
    key: 'need',
    section: { it: 'L’idea', en: 'The idea' },
    type: 'long_text',
    label: { it: 'Quale bisogno del quartiere vuoi affrontare?', en: 'Which need of the neighbourhood do you want to address?' },
    help: { it: 'Racconta chi ne soffre e perché oggi non trova risposta.', en: 'Tell us who suffers from it and why it goes unanswered today.' },
    required: true,
    min: 50,
    max: 3000,
  },
  {
    key: 'users',
    section: { it: 'L’idea', en: 'The idea' },
    type: 'number',
    label: { it: 'Quante persone pensi di raggiungere nel primo anno?', en: 'How many people do you expect to reach in the first year?' },
    required: true,
    min: 1,
    max: 100000,
  },
  {
    key: 'cofinancing',
    section: { it: 'Risorse', en: 'Resources' },
    type: 'money',
    label: { it: 'Cofinanziamento che metti a disposizione', en: 'Co-financing you provide' },
    required: false,
    min: 0,
  },
];

export const sampleAttachments: AttachmentRequirement[] = [
  { key: 'budget', label: { it: 'Piano dei costi', en: 'Cost plan' }, required: true, kinds: ['pdf', 'office'], maxBytes: 5 * 1024 * 1024 },
  { key: 'id_document', label: { it: 'Documento d’identità del referente', en: 'ID document of the contact person' }, required: true, kinds: ['pdf', 'image'], maxBytes: 5 * 1024 * 1024 },
];

export const sampleEligibility: EligibilityQuestion[] = [
  {
    key: 'adult',
    text: { it: 'Hai almeno 18 anni?', en: 'Are you at least 18 years old?' },
    excludingAnswer: 'no',
    reason: { it: 'Possono partecipare solo persone maggiorenni.', en: 'Only adults may take part.' },
    alternative: { it: 'Puoi partecipare con un gruppo di adulti o un’associazione.', en: 'You can take part with a group of adults or an association.' },
  },
  {
    key: 'in_area',
    text: { it: 'L’attività si svolgerà in uno dei quartieri indicati?', en: 'Will the activity take place in one of the listed neighbourhoods?' },
    excludingAnswer: 'no',
    reason: { it: 'L’avviso finanzia solo attività nei quartieri indicati.', en: 'The call funds only activities in the listed neighbourhoods.' },
  },
];

export const sampleRubric: Rubric = {
  criteria: [
    { key: 'need', label: { it: 'Rilevanza del bisogno', en: 'Relevance of the need' }, maxPoints: 30, threshold: 15 },
    { key: 'feasibility', label: { it: 'Fattibilità', en: 'Feasibility' }, maxPoints: 30 },
    { key: 'impact', label: { it: 'Impatto sociale', en: 'Social impact' }, maxPoints: 25 },
    { key: 'team', label: { it: 'Gruppo proponente', en: 'Team' }, maxPoints: 15 },
  ],
  threshold: 60,
};

/** Named traits for the call's moment in time, relative to now. */
export const callTraits = {
  draft: { phase: 'draft' },
  upcoming: { phase: 'published', opensAt: new Date(Date.now() + 10 * DAY), closesAt: new Date(Date.now() + 40 * DAY) },
  open: { phase: 'published', opensAt: new Date(Date.now() - 10 * DAY), closesAt: new Date(Date.now() + 20 * DAY) },
  closed: { phase: 'published', opensAt: new Date(Date.now() - 40 * DAY), closesAt: new Date(Date.now() - 1 * DAY) },
  inReview: { phase: 'in_review', opensAt: new Date(Date.now() - 60 * DAY), closesAt: new Date(Date.now() - 20 * DAY) },
} as const satisfies Record<string, CallOptions>;
export type CallTrait = keyof typeof callTraits;

export async function createCall(db: Queryable, ...parts: (CallTrait | CallOptions)[]): Promise<CallRow> {
  const options: CallOptions = Object.assign({}, callTraits.open, ...parts.map((p) => (typeof p === 'string' ? callTraits[p] : p)));
  const seq = nextSeq();
  const programmeId = options.programmeId ?? (await createProgramme(db)).id;
  const { neighbourhoodIds = [], ...values } = options;
  const [row] = await db
    .insert(calls)
    .values({
      slug: `avviso-${seq}`,
      titleIt: `Avviso idee per il quartiere n. ${seq}`,
      titleEn: `Call for neighbourhood ideas no. ${seq}`,
      summaryIt: 'Servizi di prossimità nei quartieri del centro storico.',
      summaryEn: 'Local services in the historic centre’s neighbourhoods.',
      bodyIt: '## Finalità\n\nSostenere nuovi servizi di quartiere.',
      bodyEn: '## Purpose\n\nTo support new neighbourhood services.',
      themes: ['social_inclusion'],
      applicantTypes: ['individual', 'informal_group', 'association', 'social_cooperative'],
      budgetCents: 30_000_000,
      maxGrantCents: 2_500_000,
      minCofinancingPct: 10,
      questions: sampleQuestions,
      attachments: sampleAttachments,
      eligibility: sampleEligibility,
      rubric: sampleRubric,
      opensAt: callTraits.open.opensAt,
      closesAt: callTraits.open.closesAt,
      publishedAt: options.phase && options.phase !== 'draft' ? new Date() : null,
      ...values,
      programmeId,
    })
    .returning();
  if (neighbourhoodIds.length) await db.insert(callNeighbourhoods).values(neighbourhoodIds.map((neighbourhoodId) => ({ callId: row!.id, neighbourhoodId })));
  return row!;
}
