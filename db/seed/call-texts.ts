import type { ApplicantType, Theme } from '../../src/domain/calls/definitions.ts';

/**
 * The demo calls, one in every state a visitor meets: open, open with amendments, upcoming,
 * closed and under review. Days are relative to the day of seeding, deadlines at noon in Rome,
 * so the demo looks alive whenever it is started.
 */
type Pair = { it: string; en: string };
type Amendment = { kind: 'rettifica' | 'proroga'; daysAfterOpening: number; note: Pair };

export type DemoCall = {
  slug: string;
  phase: 'published' | 'in_review';
  title: Pair;
  summary: Pair;
  purpose: Pair;
  funds: { it: string[]; en: string[] };
  themes: Theme[];
  applicantTypes: ApplicantType[];
  minGroupMembers: number;
  budgetEuros: number;
  maxGrantEuros: number;
  minCofinancingPct: number;
  /** Days from today (Rome) of opening and closing; a proroga moves the closing from `closesInitially`. */
  opensIn: number;
  closesIn: number;
  closesInitially?: number;
  /** Which of the programme's target neighbourhoods, by position; all when absent. */
  neighbourhoods?: number[];
  amendments?: Amendment[];
};

const all: ApplicantType[] = ['individual', 'informal_group', 'association', 'social_cooperative'];

export const demoCalls: DemoCall[] = [
  {
    slug: 'idee-per-il-quartiere-2026',
    phase: 'published',
    title: { it: 'Idee per il quartiere 2026 – servizi di prossimità', en: 'Ideas for the neighbourhood 2026 – local services' },
    summary: {
      it: 'Contributi fino a 25.000 euro per nuovi servizi di vicinato nel centro storico: doposcuola, spesa solidale, aiuto agli anziani, sportelli di quartiere.',
      en: 'Grants of up to 25,000 euros for new neighbourhood services in the historic centre: after-school clubs, solidarity shopping, help for older people, local help desks.',
    },
    purpose: {
      it: 'Il Comune sostiene idee di residenti, gruppi e associazioni che creano **nuovi servizi di prossimità** nei quartieri del centro storico, dove mancano luoghi di incontro e servizi a due passi da casa. Le idee selezionate ricevono un contributo e un percorso di accompagnamento di sei mesi (studio di fattibilità, modello di servizio, piano economico).',
      en: 'The city supports ideas from residents, groups and associations that create **new local services** in the historic centre’s neighbourhoods, where meeting places and services within walking distance are scarce. Selected ideas receive a grant and six months of coaching (feasibility study, service model, financial plan).',
    },
    funds: {
      it: ['attrezzature e piccoli adeguamenti di spazi di quartiere;', 'compensi di chi lavora al servizio, anche residenti del quartiere;', 'formazione, comunicazione e coinvolgimento degli abitanti;', 'affitto di spazi per la durata del progetto (fino a 18 mesi).'],
      en: ['equipment and small adaptations of neighbourhood spaces;', 'pay for the people who run the service, including local residents;', 'training, communication and involving residents;', 'rent of premises for the length of the project (up to 18 months).'],
    },
    themes: ['social_inclusion', 'care', 'employment'],
    applicantTypes: all,
    minGroupMembers: 3,
    budgetEuros: 300_000,
    maxGrantEuros: 25_000,
    minCofinancingPct: 10,
    opensIn: -15,
    closesIn: 20,
  },
  {
    slug: 'cortili-aperti-2026',
    phase: 'published',
    title: { it: 'Cortili aperti – cultura e sport sotto casa', en: 'Open courtyards – culture and sport on your doorstep' },
    summary: {
      it: 'Contributi fino a 15.000 euro per attività culturali e sportive gratuite nei cortili, nelle piazze e negli spazi comuni dei quartieri popolari.',
      en: 'Grants of up to 15,000 euros for free cultural and sports activities in courtyards, squares and shared spaces of social-housing neighbourhoods.',
    },
    purpose: {
      it: 'Riportare vita negli spazi comuni: cortili dei palazzi, piazze, campetti. L’avviso finanzia **attività gratuite e aperte a tutti**, organizzate insieme a chi abita lì, per almeno un anno.',
      en: 'To bring shared spaces back to life: courtyards, squares, small pitches. The call funds **free activities open to everyone**, organised with the people who live there, for at least a year.',
    },
    funds: {
      it: ['laboratori di musica, teatro, lettura e arti di strada;', 'sport di base e giochi per bambine, bambini e ragazzi;', 'piccoli arredi mobili e attrezzature sportive;', 'assicurazioni e permessi per le attività all’aperto.'],
      en: ['music, theatre, reading and street-art workshops;', 'grassroots sport and games for children and young people;', 'small movable furniture and sports equipment;', 'insurance and permits for outdoor activities.'],
    },
    themes: ['culture', 'sport'],
    applicantTypes: ['informal_group', 'association', 'social_cooperative'],
    minGroupMembers: 2,
    budgetEuros: 120_000,
    maxGrantEuros: 15_000,
    minCofinancingPct: 0,
    opensIn: -30,
    closesInitially: 2,
    closesIn: 9,
    neighbourhoods: [0, 4, 6],
    amendments: [
      {
        kind: 'rettifica',
        daysAfterOpening: 5,
        note: {
          it: 'Corretto il paragrafo «Chi può partecipare»: i gruppi informali devono contare almeno 2 persone maggiorenni, non 3.',
          en: 'The “Who may apply” section is corrected: informal groups need at least 2 adults, not 3.',
        },
      },
      {
        kind: 'proroga',
        daysAfterOpening: 28,
        note: {
          it: 'La scadenza è prorogata di 7 giorni per consentire la partecipazione dopo gli incontri informativi nei quartieri. Le bozze già avviate restano valide.',
          en: 'The deadline is extended by 7 days so that people can apply after the information meetings in the neighbourhoods. Drafts already started remain valid.',
        },
      },
    ],
  },
  {
    slug: 'quartieri-digitali-2027',
    phase: 'published',
    title: { it: 'Quartieri digitali 2027 – competenze digitali di vicinato', en: 'Digital neighbourhoods 2027 – digital skills next door' },
    summary: {
      it: 'Contributi fino a 20.000 euro per punti di facilitazione digitale nei quartieri: aiuto con SPID, servizi online, pagamenti e prenotazioni sanitarie.',
      en: 'Grants of up to 20,000 euros for digital help points in the neighbourhoods: help with SPID, online services, payments and health bookings.',
    },
    purpose: {
      it: 'Molti abitanti non riescono a usare da soli i servizi pubblici online. L’avviso finanzia **punti di facilitazione digitale di vicinato**, in spazi già frequentati (biblioteche, parrocchie, associazioni, negozi), con persone formate che accompagnano senza sostituirsi.',
      en: 'Many residents cannot use online public services on their own. The call funds **neighbourhood digital help points**, in places people already visit (libraries, parishes, associations, shops), with trained people who guide rather than do it for them.',
    },
    funds: {
      it: ['computer, tablet e connessione per il punto di facilitazione;', 'formazione e compensi dei facilitatori;', 'materiali in più lingue e in linguaggio semplice.'],
      en: ['computers, tablets and connection for the help point;', 'training and pay for the facilitators;', 'materials in several languages and in plain language.'],
    },
    themes: ['digital', 'education'],
    applicantTypes: all,
    minGroupMembers: 3,
    budgetEuros: 200_000,
    maxGrantEuros: 20_000,
    minCofinancingPct: 15,
    opensIn: 12,
    closesIn: 75,
    neighbourhoods: [2, 3, 5],
  },
  {
    slug: 'mercati-di-quartiere-2026',
    phase: 'published',
    title: { it: 'Mercati di quartiere e filiera corta', en: 'Neighbourhood markets and short supply chains' },
    summary: {
      it: 'Contributi fino a 30.000 euro per mercati contadini, spacci solidali e recupero delle eccedenze alimentari nei quartieri.',
      en: 'Grants of up to 30,000 euros for farmers’ markets, solidarity shops and surplus-food recovery in the neighbourhoods.',
    },
    purpose: {
      it: 'Portare cibo fresco e a prezzi accessibili dove oggi mancano negozi, e **ridurre lo spreco alimentare** con reti tra produttori, mercati e famiglie.',
      en: 'To bring fresh, affordable food where shops are lacking today, and to **reduce food waste** through networks of producers, markets and families.',
    },
    funds: {
      it: ['banchi, celle frigorifere e mezzi per la logistica;', 'organizzazione di mercati periodici;', 'recupero e redistribuzione delle eccedenze.'],
      en: ['stalls, cold rooms and logistics vehicles;', 'running regular markets;', 'recovering and redistributing surplus food.'],
    },
    themes: ['environment', 'employment'],
    applicantTypes: ['association', 'social_cooperative'],
    minGroupMembers: 2,
    budgetEuros: 150_000,
    maxGrantEuros: 30_000,
    minCofinancingPct: 20,
    opensIn: -75,
    closesIn: -4,
    neighbourhoods: [0, 1, 3],
  },
  {
    slug: 'cura-di-comunita-2026',
    phase: 'in_review',
    title: { it: 'Cura di comunità – nessuno resta solo', en: 'Community care – no one left alone' },
    summary: {
      it: 'Contributi fino a 25.000 euro per reti di vicinato che sostengono anziani soli, persone fragili e chi si prende cura di loro.',
      en: 'Grants of up to 25,000 euros for neighbourhood networks that support older people living alone, frail people and their carers.',
    },
    purpose: {
      it: 'Creare **reti di cura di vicinato**: visite, piccole commissioni, accompagnamenti, sollievo per i familiari che assistono una persona non autosufficiente.',
      en: 'To build **neighbourhood care networks**: visits, small errands, accompanying people, respite for family carers.',
    },
    funds: {
      it: ['coordinamento della rete e compensi degli operatori;', 'formazione dei volontari;', 'trasporto e accompagnamento.'],
      en: ['coordinating the network and paying its workers;', 'training volunteers;', 'transport and accompanying people.'],
    },
    themes: ['care', 'social_inclusion', 'housing'],
    applicantTypes: all,
    minGroupMembers: 3,
    budgetEuros: 250_000,
    maxGrantEuros: 25_000,
    minCofinancingPct: 10,
    opensIn: -120,
    closesIn: -40,
  },
];
