import type { ApplicantType, AttachmentRequirement, Rubric } from '../../src/domain/calls/definitions.ts';
import { formatDate, formatMoney, formatTime } from '../../src/lib/format.ts';
import type { Locale } from '../../src/lib/i18n/locales.ts';

/**
 * The text of a demo avviso, following the canonical structure of a real one (domain-italy.md
 * §2.2): purpose, money, who may apply, what is funded, how to apply, criteria, timeline, contacts.
 * Figures and dates come from the call itself, so the text never contradicts its key facts.
 */
export type BodyFacts = {
  purpose: string;
  funds: string[];
  budgetCents: number;
  maxGrantCents: number;
  minCofinancingPct: number;
  applicantTypes: readonly ApplicantType[];
  minGroupMembers: number;
  neighbourhoods: string[];
  attachments: AttachmentRequirement[];
  rubric: Rubric;
  opensAt: Date;
  closesAt: Date;
  office: string;
  rup: string;
};

const words = {
  it: {
    purpose: 'Finalità', budget: 'Dotazione finanziaria', who: 'Chi può partecipare', funds: 'Cosa finanzia', howTitle: 'Come partecipare',
    criteria: 'Criteri di valutazione', timeline: 'Tempi', contacts: 'Contatti',
    budgetText: (b: string, m: string) => `La dotazione complessiva dell’avviso è di **${b}**. Ogni proposta può ricevere un contributo fino a **${m}**.`,
    cofinancing: (p: number) => `Chi propone copre almeno il **${p}%** del costo del progetto con risorse proprie, anche come lavoro volontario valorizzato o beni messi a disposizione.`,
    deMinimis: 'I contributi sono concessi in regime *de minimis* (Reg. UE 2023/2831).',
    applicants: { individual: 'persone maggiorenni, anche da sole;', informal_group: (n: number) => `gruppi informali di almeno ${n} persone maggiorenni, cittadine dell’Unione europea o con regolare permesso di soggiorno;`, association: 'associazioni ed enti del Terzo settore iscritti al RUNTS (D.lgs. 117/2017);', social_cooperative: 'cooperative sociali (L. 381/1991).' },
    where: (list: string) => `Le attività si svolgono nei quartieri: ${list}.`,
    notFunded: 'Non sono finanziabili l’acquisto di immobili, le spese sostenute prima della domanda e le spese già coperte da altri contributi pubblici.',
    how: (d: string, t: string) => `Le proposte si presentano **solo online**, da questa pagina, con il pulsante «Presenta una proposta», **entro le ore ${t} del ${d}**. Conta l’ora in cui il portale riceve l’invio, non quella in cui hai iniziato a compilare.`,
    drafts: 'Puoi salvare una bozza e completarla in più volte. Fino alla scadenza puoi modificare la proposta, inviarla di nuovo o ritirarla. Dopo l’invio ricevi un numero di protocollo e una ricevuta per email.',
    documents: 'Documenti da allegare:',
    optional: 'facoltativo',
    criteriaText: (n: number) => `Una commissione nominata dopo la scadenza valuta le proposte ammissibili. Sono finanziabili le proposte con almeno **${n} punti su 100**, in ordine di graduatoria fino a esaurimento delle risorse.`,
    criterion: 'Criterio', points: 'Punti', minimum: 'minimo',
    opens: 'apertura', closes: 'scadenza',
    check: 'verifica di ammissibilità entro 30 giorni dalla scadenza, con eventuale richiesta di integrazioni (soccorso istruttorio);',
    ranking: 'graduatoria provvisoria, poi 10 giorni per presentare osservazioni e graduatoria definitiva.',
    help: 'Sportello di accompagnamento: via Plebiscito 12, lunedì e giovedì dalle 9 alle 13, anche su appuntamento; aiuta a compilare la domanda a chi ha poca dimestichezza con il digitale.',
    office: 'Ufficio', rup: 'Responsabile del procedimento',
  },
  en: {
    purpose: 'Purpose', budget: 'Budget', who: 'Who may apply', funds: 'What is funded', howTitle: 'How to apply',
    criteria: 'Evaluation criteria', timeline: 'Timeline', contacts: 'Contacts',
    budgetText: (b: string, m: string) => `The call has a total budget of **${b}**. Each proposal may receive a grant of up to **${m}**.`,
    cofinancing: (p: number) => `Applicants cover at least **${p}%** of the project cost with their own resources, which may include valued volunteer work or goods.`,
    deMinimis: 'Grants are awarded under the *de minimis* regime (Regulation (EU) 2023/2831).',
    applicants: { individual: 'adults, also on their own;', informal_group: (n: number) => `informal groups of at least ${n} adults who are EU citizens or hold a valid residence permit;`, association: 'associations and third-sector bodies on the national register (RUNTS, Legislative Decree 117/2017);', social_cooperative: 'social cooperatives (Law 381/1991).' },
    where: (list: string) => `Activities take place in these neighbourhoods: ${list}.`,
    notFunded: 'The call does not fund buying property, costs incurred before applying, or costs already covered by other public grants.',
    how: (d: string, t: string) => `Proposals are submitted **online only**, from this page, with the “Submit a proposal” button, **by ${t} on ${d}**. What counts is when the portal receives your submission, not when you started filling it in.`,
    drafts: 'You can save a draft and finish it over several sessions. Until the deadline you can change your proposal, submit it again or withdraw it. After submitting you get a protocol number and a receipt by email.',
    documents: 'Documents to attach:',
    optional: 'optional',
    criteriaText: (n: number) => `A committee appointed after the deadline scores the admissible proposals. Proposals scoring at least **${n} points out of 100** can be funded, in ranking order until the budget runs out.`,
    criterion: 'Criterion', points: 'Points', minimum: 'minimum',
    opens: 'opens', closes: 'deadline',
    check: 'admissibility check within 30 days of the deadline, with a request for missing documents where needed (soccorso istruttorio);',
    ranking: 'provisional ranking, then 10 days to send observations, then the final ranking.',
    help: 'Help desk: via Plebiscito 12, Mondays and Thursdays 9:00–13:00, also by appointment; it helps people with little digital experience to fill in the application.',
    office: 'Office', rup: 'Official in charge (RUP)',
  },
} as const;

export function avvisoBody(locale: Locale, f: BodyFacts): string {
  const w = words[locale];
  const money = (cents: number) => formatMoney(cents, locale);
  const applicants = f.applicantTypes.map((type) => {
    const line = w.applicants[type];
    return `- ${typeof line === 'function' ? line(f.minGroupMembers) : line}`;
  });
  const documents = f.attachments.map((a) => `- ${a.label[locale]}${a.required ? '' : ` (${w.optional})`}`);
  const criteria = f.rubric.criteria.map((c) => `| ${c.label[locale]} | ${c.maxPoints}${c.threshold ? ` (${w.minimum} ${c.threshold})` : ''} |`);
  return [
    `## ${w.purpose}`, f.purpose,
    `## ${w.budget}`, [w.budgetText(money(f.budgetCents), money(f.maxGrantCents)), f.minCofinancingPct > 0 ? w.cofinancing(f.minCofinancingPct) : '', w.deMinimis].filter(Boolean).join(' '),
    `## ${w.who}`, applicants.join('\n'), w.where(f.neighbourhoods.join(', ')),
    `## ${w.funds}`, f.funds.map((item) => `- ${item}`).join('\n'), w.notFunded,
    `## ${w.howTitle}`, w.how(formatDate(f.closesAt, locale), formatTime(f.closesAt, locale)), w.drafts, w.documents, documents.join('\n'),
    `## ${w.criteria}`, w.criteriaText(f.rubric.threshold), [`| ${w.criterion} | ${w.points} |`, '|---|---:|', ...criteria].join('\n'),
    `## ${w.timeline}`,
    [`- ${w.opens}: ${formatDate(f.opensAt, locale)}`, `- ${w.closes}: ${formatDate(f.closesAt, locale)}, ${formatTime(f.closesAt, locale)}`, `- ${w.check}`, `- ${w.ranking}`].join('\n'),
    `## ${w.contacts}`,
    `${w.office}: ${f.office} – [innovazione.sociale@comune.example.it](mailto:innovazione.sociale@comune.example.it). ${w.rup}: ${f.rup}.`,
    w.help,
  ].join('\n\n');
}
