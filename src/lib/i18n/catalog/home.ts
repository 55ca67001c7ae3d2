import { defineMessages } from '../define.ts';

/** Home page. */
export const home = defineMessages(
  {
    title: 'Vivaio – idee che fanno crescere i quartieri',
    heroTitle: 'Idee che fanno crescere i quartieri',
    heroBody: 'Vivaio è l’incubatore di innovazione sociale del Comune. Se hai un’idea per un nuovo servizio nel tuo quartiere – da solo, con un gruppo di vicini o con un’associazione – qui puoi proporla, farla valutare, essere accompagnato a realizzarla e trovare chi la finanzia.',
    ctaHow: 'Scopri come partecipare',
    ctaRegister: 'Crea un account',
    stepsTitle: 'Come funziona',
    steps: {
      call: { title: '1. L’avviso', body: 'Il Comune pubblica un avviso con i quartieri, i temi e le risorse disponibili.' },
      propose: { title: '2. La proposta', body: 'Compili la domanda online, salvi la bozza quando vuoi e la invii entro la scadenza. Ricevi un numero di protocollo.' },
      evaluate: { title: '3. La valutazione', body: 'Una commissione valuta le idee con criteri pubblici. La graduatoria è pubblicata e puoi presentare osservazioni.' },
      incubate: { title: '4. L’incubazione', body: 'Le idee finanziate sono accompagnate da tutor: studio di fattibilità, piano d’impresa, avvio del servizio.' },
    },
    transparencyTitle: 'Ogni euro, in chiaro',
    transparencyBody: 'Contributi pubblici e donazioni private sono erogati per tranche, al raggiungimento dei risultati. I dati sono pubblicati come dati aperti.',
    helpTitle: 'Serve aiuto?',
    helpBody: 'Leggi le domande frequenti oppure rivolgiti allo sportello dell’incubatore: ti aiutiamo anche a compilare la domanda.',
  },
  {
    title: 'Vivaio – ideas that help neighbourhoods grow',
    heroTitle: 'Ideas that help neighbourhoods grow',
    heroBody: 'Vivaio is the city’s social innovation incubator. If you have an idea for a new service in your neighbourhood – on your own, with a group of neighbours or with an association – here you can propose it, have it assessed, get support to make it happen and find people to fund it.',
    ctaHow: 'Find out how to take part',
    ctaRegister: 'Create an account',
    stepsTitle: 'How it works',
    steps: {
      call: { title: '1. The call', body: 'The city publishes a call naming the neighbourhoods, the themes and the money available.' },
      propose: { title: '2. Your proposal', body: 'Fill in the application online, save a draft whenever you like and send it before the deadline. You get a protocol number.' },
      evaluate: { title: '3. The assessment', body: 'A commission scores the ideas on public criteria. The ranking is published and you can file observations.' },
      incubate: { title: '4. Incubation', body: 'Funded ideas get coaches: feasibility check, business plan, launch of the service.' },
    },
    transparencyTitle: 'Every euro, in the open',
    transparencyBody: 'Public grants and private donations are paid in tranches, as results are reached. The figures are published as open data.',
    helpTitle: 'Need help?',
    helpBody: 'Read the frequently asked questions or visit the incubator’s help desk: we can also help you fill in the application.',
  },
);
