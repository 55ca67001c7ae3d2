import type { FinancialLine, PlanSections } from '../../src/domain/incubation/business-plan-rules.ts';

/**
 * The demo business plan: a neighbourhood after-school club with sport (doposcuola sportivo) on a
 * renovated court, as a team of residents would write it with their coach. Two saved versions: the
 * first draft, whose numbers never break even, and the second, with a summer camp and evening
 * rentals, that breaks even in year 2. Amounts in cents.
 */
const euros = (...years: number[]) => years.map((e) => e * 100);
const revenue = (label: string, ...years: number[]): FinancialLine => ({ kind: 'revenue', label, years: euros(...years) });
const cost = (label: string, ...years: number[]): FinancialLine => ({ kind: 'cost', label, years: euros(...years) });

const costs = [
  cost('Educatori e istruttori (compensi)', 27_600, 28_800, 30_000),
  cost('Utenze, manutenzione del campetto e pulizie', 4_800, 5_000, 5_200),
  cost('Materiali didattici e attrezzatura sportiva', 3_900, 2_400, 2_600),
  cost('Assicurazione, commercialista e affiliazione sportiva', 2_700, 2_800, 2_900),
];

/** Version 1: margins −11.400, −8.200, −7.700 €: no break-even within three years. */
export const firstDraftLines: FinancialLine[] = [
  revenue('Quote del doposcuola (tariffa agevolata per fascia ISEE)', 12_000, 18_000, 21_600),
  revenue('Affitto serale del campetto a squadre amatoriali', 3_600, 4_800, 5_400),
  revenue('Contributi di sponsor e fondazioni del territorio', 12_000, 8_000, 6_000),
  ...costs,
];

/** Version 2 and the working plan: margins −3.000, +5.000, +7.000 €; cumulative −3.000, +2.000, +9.000: break-even in year 2. */
export const secondDraftLines: FinancialLine[] = [
  revenue('Quote del doposcuola (tariffa agevolata per fascia ISEE)', 14_400, 21_600, 25_200),
  revenue('Centro estivo di luglio', 6_000, 9_000, 10_500),
  revenue('Affitto serale del campetto a squadre amatoriali', 3_600, 5_400, 6_000),
  revenue('Contributi di sponsor e fondazioni del territorio', 12_000, 8_000, 6_000),
  ...costs,
];

export function firstDraftSections(startup: string): PlanSections {
  return {
    summary: `**${startup}** apre un doposcuola sportivo nel campetto riqualificato del quartiere: aiuto compiti dal lunedì al venerdì, poi un’ora di basket con istruttori qualificati, per ragazze e ragazzi dagli 8 ai 14 anni.`,
    need: 'Nel quartiere la dispersione scolastica supera il 20% e non c’è un doposcuola gratuito o a basso costo. Nei pomeriggi molti ragazzi restano in strada; le famiglie che abbiamo incontrato (62 questionari raccolti davanti alla scuola media) chiedono un luogo sicuro fino alle 19.',
    service:
      'Dal lunedì al venerdì, dalle 15 alle 19:\n\n- 15–17: aiuto compiti in piccoli gruppi (un educatore ogni 8 ragazzi), nella sala messa a disposizione dalla parrocchia;\n- 17–18.30: allenamento di basket nel campetto;\n- merenda preparata con i genitori volontari.',
    users: 'Quaranta iscritti nel primo anno, sessanta dal secondo. La quota mensile va da 0 a 45 euro secondo l’ISEE: nessuno resta fuori per motivi economici.',
    team: 'Due educatrici con laurea in scienze dell’educazione, un istruttore federale di basket, cinque genitori volontari. La referente del gruppo coordina e tiene i rapporti con la scuola.',
  };
}

export function secondDraftSections(startup: string): PlanSections {
  return {
    ...firstDraftSections(startup),
    market:
      'Le alternative vicine sono la polisportiva parrocchiale (solo calcio, 35 euro al mese, nessun aiuto compiti) e il doposcuola privato di via Plebiscito (90 euro al mese). Il servizio comunale di assistenza educativa segue solo i ragazzi segnalati dai servizi sociali.\n\nCi distinguiamo per la combinazione di compiti e sport, gli orari lunghi e la quota legata all’ISEE.',
    operations:
      '- **Spazi**: convenzione con la parrocchia per la sala (uso gratuito in cambio della pulizia) e concessione comunale del campetto.\n- **Centro estivo**: quattro settimane a luglio, dalle 8 alle 13, con le stesse educatrici.\n- **La sera** il campetto è affittato a squadre amatoriali (20 euro l’ora).\n- **Tappe**: costituzione dell’associazione sportiva dilettantistica entro il terzo mese, apertura a settembre.',
    impact:
      '| indicatore | anno 1 | anno 2 | anno 3 |\n|---|---|---|---|\n| ragazzi iscritti | 40 | 60 | 70 |\n| ragazzi promossi senza debiti | 75% | 80% | 85% |\n| ore di volontariato | 600 | 800 | 900 |',
  };
}

/** After version 2 the team added how the indicators will be measured. */
export function workingSections(startup: string): PlanSections {
  const second = secondDraftSections(startup);
  return {
    ...second,
    impact: `${second.impact}\n\nI dati sono raccolti ogni trimestre: presenze dal registro, esiti scolastici dalle pagelle (con il consenso delle famiglie), ore dei volontari dal foglio firme.`,
  };
}

export const coachComments = {
  /** On the financial plan of version 1. */
  financial:
    'Con queste cifre il pareggio non arriva entro i tre anni: il margine resta negativo anche nel terzo anno. Avete pensato a un **centro estivo** a luglio? Le famiglie che avete intervistato lo chiedono, e userebbe le stesse educatrici.',
  /** On the market section of version 2. */
  market:
    'Bene il confronto con la polisportiva e con il doposcuola privato. Aggiungete quante famiglie sono in lista d’attesa per il servizio comunale: è il dato che convince di più la commissione.',
};
