import type { ApplicantType, Theme } from '../../src/domain/calls/definitions.ts';
import type { DescriptorLabel } from '../../src/domain/evaluation/descriptor-scale.ts';

/**
 * Texts of the evaluation demo (db/seed/evaluation.ts): the commission, the residents who applied,
 * four calls further along (every sheet sent and no ranking yet; a provisional ranking in its
 * observation window; one whose window has closed with every observation answered; a final
 * ranking) and what was proposed to each call.
 * Scores are per evaluator in the order of demoRubric (relevance, innovation, impact,
 * sustainability, team, plan: max 20, 20, 20, 15, 15, 10; thresholds 10, 10, overall 60).
 */
export const evaluatorAccounts = [
  { email: 'valutatrice2@vivaio.example', name: 'Francesca Lo Giudice' },
  { email: 'valutatore3@vivaio.example', name: 'Giovanni Santangelo' },
] as const;

export const residentAccounts = [
  { email: 'rosaria.scuderi@vivaio.example', name: 'Rosaria Scuderi' },
  { email: 'alfio.pappalardo@vivaio.example', name: 'Alfio Pappalardo' },
  { email: 'fatima.benali@vivaio.example', name: 'Fatima Benali' },
  { email: 'sebastiano.grasso@vivaio.example', name: 'Sebastiano Grasso' },
  { email: 'mihaela.popescu@vivaio.example', name: 'Mihaela Popescu' },
  { email: 'davide.caruso@vivaio.example', name: 'Davide Caruso' },
] as const;

type Bilingual = { it: string; en: string };
export type EvaluationCallText = {
  slug: string;
  /** `in_review`: every sheet sent, nothing published (ready for the provisional ranking). */
  phase: 'in_review' | 'ranking_provisional' | 'ranking_final';
  protocolPrefix: string;
  title: Bilingual;
  summary: Bilingual;
  purpose: Bilingual;
  funds: { it: string[]; en: string[] };
  themes: Theme[];
  budgetEuros: number;
  maxGrantEuros: number;
  /** Days from now. */
  opensIn: number;
  closesIn: number;
  /**
   * Provisional ranking (not for `in_review`): days ago; its observation window closes
   * `windowDays` after. A closed window has every observation answered.
   */
  publishedDaysAgo?: number;
  windowDays: number;
  /** Final ranking (ranking_final only): days ago. */
  finalDaysAgo?: number;
  /** The call's own descriptor scale (default: the five levels). */
  descriptors?: DescriptorLabel[];
};

export const evaluationCalls: EvaluationCallText[] = [
  {
    slug: 'botteghe-di-prossimita-2026',
    phase: 'ranking_provisional',
    protocolPrefix: 'BOTT',
    title: { it: 'Botteghe di prossimità', en: 'Neighbourhood workshops' },
    summary: {
      it: 'Contributi fino a 20.000 euro per laboratori artigiani e botteghe di riparazione aperti al quartiere.',
      en: 'Grants of up to 20,000 euros for craft workshops and repair shops open to the neighbourhood.',
    },
    purpose: {
      it: 'Riaprire **spazi di lavoro condivisi** nei piani terra sfitti: riparazione, sartoria, falegnameria, con corsi per giovani e adulti.',
      en: 'To reopen **shared workspaces** in empty ground floors: repair, tailoring, carpentry, with courses for young people and adults.',
    },
    funds: {
      it: ['attrezzature e piccoli adeguamenti dei locali;', 'compensi dei maestri artigiani;', 'materiali per i corsi.'],
      en: ['equipment and small refurbishments;', 'fees of the master craftspeople;', 'materials for the courses.'],
    },
    themes: ['employment', 'environment'],
    budgetEuros: 60_000,
    maxGrantEuros: 20_000,
    opensIn: -110,
    closesIn: -60,
    publishedDaysAgo: 4,
    windowDays: 10,
  },
  {
    slug: 'sport-nei-cortili-2025',
    phase: 'ranking_final',
    protocolPrefix: 'SPRT',
    title: { it: 'Sport nei cortili', en: 'Sport in the courtyards' },
    summary: {
      it: 'Contributi fino a 15.000 euro per attività sportive gratuite in cortili, piazze e palestre scolastiche.',
      en: 'Grants of up to 15,000 euros for free sport activities in courtyards, squares and school gyms.',
    },
    purpose: {
      it: 'Portare **sport gratuito e inclusivo** dove mancano impianti, con istruttori qualificati e attenzione a ragazze e persone con disabilità.',
      en: 'To bring **free, inclusive sport** where there are no facilities, with qualified instructors and attention to girls and disabled people.',
    },
    funds: {
      it: ['compensi degli istruttori;', 'attrezzature sportive;', 'assicurazioni e trasporti.'],
      en: ['instructors’ fees;', 'sports equipment;', 'insurance and transport.'],
    },
    themes: ['sport', 'education', 'social_inclusion'],
    budgetEuros: 45_000,
    maxGrantEuros: 15_000,
    // A year and a half ago: its funded proposals have been start-ups for up to 460 days (db/seed/startups.ts).
    opensIn: -640,
    closesIn: -590,
    publishedDaysAgo: 490,
    windowDays: 10,
    finalDaysAgo: 470,
  },
  {
    slug: 'orti-condivisi-2026',
    phase: 'in_review',
    protocolPrefix: 'ORTI',
    title: { it: 'Orti condivisi', en: 'Shared gardens' },
    summary: {
      it: 'Contributi fino a 12.000 euro per orti e giardini condivisi in aree pubbliche e cortili dei quartieri.',
      en: 'Grants of up to 12,000 euros for shared vegetable gardens in public spaces and courtyards.',
    },
    purpose: {
      it: 'Trasformare **aree abbandonate** in orti e giardini curati dagli abitanti, con attività per scuole e anziani.',
      en: 'To turn **neglected plots** into gardens tended by residents, with activities for schools and older people.',
    },
    funds: {
      it: ['attrezzi, sementi e impianti di irrigazione;', 'recinzioni e piccoli lavori;', 'laboratori con le scuole.'],
      en: ['tools, seeds and irrigation;', 'fences and small works;', 'workshops with schools.'],
    },
    themes: ['environment', 'social_inclusion'],
    budgetEuros: 30_000,
    maxGrantEuros: 12_000,
    opensIn: -95,
    closesIn: -45,
    windowDays: 10,
    descriptors: [
      { it: 'Inadeguato', en: 'Inadequate' },
      { it: 'Parziale', en: 'Partial' },
      { it: 'Adeguato', en: 'Adequate' },
      { it: 'Eccellente', en: 'Excellent' },
    ],
  },
  {
    slug: 'libri-in-cortile-2025',
    phase: 'ranking_provisional',
    protocolPrefix: 'LIBR',
    title: { it: 'Libri in cortile', en: 'Books in the courtyard' },
    summary: {
      it: 'Contributi fino a 10.000 euro per piccole biblioteche di quartiere e letture ad alta voce.',
      en: 'Grants of up to 10,000 euros for small neighbourhood libraries and reading aloud.',
    },
    purpose: {
      it: 'Portare **libri e letture** dove non ci sono biblioteche: cortili, portinerie, sale condominiali.',
      en: 'To bring **books and reading** where there are no libraries: courtyards, porters’ lodges, common rooms.',
    },
    funds: {
      it: ['scaffali e libri;', 'compensi dei lettori;', 'piccoli eventi di quartiere.'],
      en: ['shelves and books;', 'readers’ fees;', 'small neighbourhood events.'],
    },
    themes: ['culture', 'education'],
    budgetEuros: 18_000,
    maxGrantEuros: 10_000,
    opensIn: -150,
    closesIn: -100,
    publishedDaysAgo: 25,
    windowDays: 10,
  },
];

export type EvaluationProposal = {
  title: string;
  applicantType: ApplicantType;
  organisation?: string;
  requestedEuros: number;
  need: string;
  /** Points per evaluator (president, second, third), rubric order. */
  sheets: number[][];
  /** The proposer agreed to be named in published rankings (individuals and groups). */
  nameConsent?: boolean;
};

const group = 'informal_group' as const;
const association = 'association' as const;

/** Per call slug; scores are only used where the scenario has them. */
export const evaluationProposals: Record<string, EvaluationProposal[]> = {
  'cura-di-comunita-2026': [
    { title: 'Portierato sociale di via Plebiscito', applicantType: association, organisation: 'Associazione Vicini Presenti', requestedEuros: 22_000, need: 'Molti anziani del palazzo vivono soli e non hanno chi li aiuti con spesa, farmaci e documenti.', sheets: [[17, 14, 16, 11, 13, 8], [16, 13, 15, 10, 12, 8], [18, 15, 16, 12, 13, 9]] },
    { title: 'Caffè Alzheimer nel quartiere', applicantType: group, requestedEuros: 12_000, need: 'Le famiglie che assistono una persona con demenza non hanno un luogo dove incontrarsi e riposare.', sheets: [[15, 16, 14, 9, 12, 7], [14, 15, 13, 8, 11, 7], [16, 17, 15, 10, 12, 8]] },
    { title: 'Nonni al telefono', applicantType: group, requestedEuros: 6_000, need: 'Chi non esce di casa passa giorni senza parlare con nessuno.', sheets: [[12, 9, 11, 8, 10, 6], [13, 10, 12, 9, 10, 6], [11, 9, 10, 7, 9, 6]] },
    { title: 'Accompagnamento alle visite mediche', applicantType: association, organisation: 'Auser San Berillo', requestedEuros: 18_000, need: 'Gli anziani rinunciano alle visite perché nessuno può accompagnarli.', sheets: [[16, 11, 15, 10, 13, 8], [15, 12, 14, 10, 12, 7], [0, 0, 0, 0, 0, 0]] },
    { title: 'Spesa sospesa di vicinato', applicantType: group, requestedEuros: 8_000, need: 'Alcune famiglie del quartiere fanno fatica a mettere insieme la spesa di fine mese.', sheets: [[13, 12, 12, 9, 11, 7], [12, 11, 11, 8, 10, 6], [14, 12, 13, 9, 11, 7]] },
    { title: 'Sollievo per chi assiste', applicantType: association, organisation: 'Cooperativa Il Girasole', requestedEuros: 25_000, need: 'I familiari che assistono una persona non autosufficiente non hanno mai un pomeriggio libero.', sheets: [[18, 13, 17, 12, 14, 9], [17, 14, 16, 11, 13, 9], [18, 14, 17, 12, 14, 9]] },
  ],
  'botteghe-di-prossimita-2026': [
    { title: 'Repair café di Librino', applicantType: group, requestedEuros: 14_000, need: 'Nel quartiere si buttano oggetti che si potrebbero riparare in un’ora.', sheets: [[18, 17, 16, 12, 13, 9], [17, 16, 16, 11, 13, 8], [18, 18, 17, 12, 14, 9]] },
    { title: 'Sartoria sociale Fili Intrecciati', applicantType: association, organisation: 'Associazione Fili Intrecciati', requestedEuros: 20_000, need: 'Donne con competenze di sartoria non trovano un luogo dove lavorare e insegnare.', sheets: [[17, 15, 16, 12, 14, 8], [16, 15, 15, 11, 13, 8], [17, 16, 16, 12, 13, 9]] },
    { title: 'Falegnameria di quartiere', applicantType: group, requestedEuros: 18_000, need: 'I ragazzi che lasciano la scuola non hanno occasioni per imparare un mestiere.', sheets: [[16, 14, 15, 10, 12, 8], [15, 14, 14, 10, 12, 7], [16, 15, 15, 11, 12, 8]] },
    { title: 'Ciclofficina popolare', applicantType: group, requestedEuros: 12_000, need: 'Molti si muovono in bicicletta ma nessuno ripara a prezzi accessibili.', sheets: [[15, 13, 14, 10, 11, 7], [14, 13, 13, 9, 11, 7], [15, 12, 14, 10, 11, 7]] },
    { title: 'Laboratorio di ceramica per ragazzi', applicantType: association, organisation: 'Associazione Terra Cotta', requestedEuros: 16_000, need: 'Mancano attività pomeridiane creative per i ragazzi del quartiere.', sheets: [[14, 12, 13, 9, 11, 7], [13, 12, 12, 9, 10, 7], [14, 13, 13, 9, 11, 6]] },
    { title: 'Mercatino del riuso', applicantType: group, requestedEuros: 9_000, need: 'Gli oggetti usati finiscono in discarica invece di passare a chi ne ha bisogno.', sheets: [[9, 8, 10, 7, 8, 5], [8, 9, 9, 6, 8, 5], [10, 8, 10, 7, 9, 6]] },
  ],
  'sport-nei-cortili-2025': [
    { title: 'Basket in piazza Lanza', applicantType: association, organisation: 'ASD Canestri Aperti', requestedEuros: 15_000, need: 'I ragazzi giocano in strada perché non ci sono campi liberi.', sheets: [[18, 15, 17, 12, 14, 9], [17, 15, 16, 12, 13, 9], [18, 16, 17, 13, 14, 9]] },
    { title: 'Calcio femminile di cortile', applicantType: group, requestedEuros: 12_000, need: 'Le ragazze del quartiere smettono di fare sport a dodici anni.', sheets: [[17, 16, 16, 11, 13, 8], [17, 15, 16, 11, 12, 8], [16, 16, 15, 11, 13, 8]] },
    { title: 'Ginnastica dolce per over 65', applicantType: association, organisation: 'UISP Catania Sud', requestedEuros: 10_000, need: 'Gli anziani non hanno attività motorie gratuite vicino a casa.', sheets: [[15, 12, 15, 10, 13, 8], [15, 13, 14, 10, 12, 8], [16, 12, 15, 11, 13, 8]] },
    { title: 'Arrampicata nelle palestre scolastiche', applicantType: association, organisation: 'ASD Verticale', requestedEuros: 15_000, need: 'Le palestre delle scuole restano chiuse il pomeriggio.', sheets: [[14, 14, 13, 9, 11, 7], [14, 13, 13, 9, 11, 7], [15, 14, 14, 10, 11, 7]] },
    { title: 'Sitting volley inclusivo', applicantType: group, requestedEuros: 8_000, need: 'Le persone con disabilità motoria non trovano squadre aperte.', sheets: [[16, 9, 14, 9, 12, 7], [15, 8, 14, 9, 11, 7], [16, 9, 13, 8, 12, 7]] },
    { title: 'Corsa di quartiere', applicantType: group, requestedEuros: 5_000, need: 'Non ci sono eventi sportivi che coinvolgano tutto il quartiere.', sheets: [[10, 8, 9, 7, 8, 5], [9, 8, 9, 6, 8, 5], [10, 9, 10, 7, 8, 6]] },
  ],
  'orti-condivisi-2026': [
    { title: 'Orto dei nonni a San Cristoforo', applicantType: group, requestedEuros: 9_000, nameConsent: true, need: 'Gli anziani soli non hanno un luogo all’aperto dove incontrarsi e tenersi attivi.', sheets: [[17, 15, 16, 12, 13, 8], [16, 15, 15, 11, 13, 8], [17, 16, 16, 12, 12, 9]] },
    { title: 'Giardino della scuola aperto', applicantType: association, organisation: 'Associazione Semi di Quartiere', requestedEuros: 12_000, need: 'Il cortile della scuola resta chiuso e spoglio nei pomeriggi e d’estate.', sheets: [[18, 16, 17, 12, 14, 9], [17, 16, 16, 12, 13, 9], [18, 17, 17, 13, 14, 9]] },
    { title: 'Aiuole adottate', applicantType: group, requestedEuros: 4_000, need: 'Le aiuole della piazza sono piene di rifiuti e nessuno se ne occupa.', sheets: [[12, 10, 11, 8, 10, 6], [12, 11, 11, 8, 9, 6], [13, 10, 12, 9, 10, 7]] },
    { title: 'Serra sociale', applicantType: association, organisation: 'Cooperativa Terra Viva', requestedEuros: 12_000, need: 'Ragazzi con disabilità finiscono la scuola senza un’occasione di lavoro.', sheets: [[16, 14, 15, 11, 13, 8], [15, 14, 15, 10, 12, 8], [16, 15, 14, 11, 12, 8]] },
    { title: 'Compost di condominio', applicantType: group, requestedEuros: 3_000, need: 'L’umido dei palazzi finisce nell’indifferenziato.', sheets: [[9, 8, 9, 7, 8, 5], [8, 9, 8, 6, 8, 5], [10, 8, 9, 7, 8, 6]] },
  ],
  'libri-in-cortile-2025': [
    { title: 'Biblioteca di portineria', applicantType: group, requestedEuros: 6_000, nameConsent: true, need: 'Nel quartiere non c’è una biblioteca raggiungibile a piedi.', sheets: [[17, 16, 15, 11, 13, 8], [16, 15, 15, 11, 12, 8], [17, 16, 16, 12, 13, 9]] },
    { title: 'Letture ad alta voce per i più piccoli', applicantType: association, organisation: 'Associazione Pagine Aperte', requestedEuros: 10_000, need: 'Molti bambini arrivano a scuola senza aver mai sfogliato un libro a casa.', sheets: [[18, 15, 17, 12, 13, 9], [17, 15, 16, 12, 13, 8], [18, 16, 17, 12, 14, 9]] },
    { title: 'Scambio di libri al mercato', applicantType: group, requestedEuros: 3_000, need: 'I libri usati restano negli scaffali invece di girare tra i vicini.', sheets: [[13, 12, 12, 9, 10, 7], [12, 12, 11, 9, 10, 6], [13, 11, 12, 9, 11, 7]] },
    { title: 'Fumetti in cortile', applicantType: group, requestedEuros: 5_000, need: 'I ragazzi non leggono perché nessuno propone loro letture che amano.', sheets: [[10, 9, 9, 7, 8, 5], [9, 9, 10, 6, 8, 5], [10, 8, 9, 7, 9, 6]] },
  ],
};

/** Observations on the provisional ranking, by proposal title. */
export const demoObservations: { title: string; text: string }[] = [
  {
    title: 'Ciclofficina popolare',
    text: 'Chiediamo il riesame del punteggio sulla sostenibilità: la proposta prevede una quota associativa e una convenzione con la scuola di via Palermo, descritte a pagina 4 del piano, che la valutazione non sembra aver considerato.',
  },
  {
    title: 'Mercatino del riuso',
    text: 'Il criterio di rilevanza è stato valutato sotto soglia, ma allegavamo i dati del Comune sui rifiuti ingombranti abbandonati nel quartiere. Chiediamo che la commissione li esamini.',
  },
];

/** An evaluator's comment on a criterion, by band of the score. */
export function scoreComment(points: number, maxPoints: number): string {
  const share = points / maxPoints;
  if (share < 0.5) return 'Elemento descritto in modo generico: mancano dati, obiettivi misurabili e risorse dedicate.';
  if (share < 0.75) return 'Impostazione adeguata, con alcuni aspetti da precisare meglio.';
  return 'Elemento ben argomentato e coerente con le finalità dell’avviso.';
}
