/**
 * What the demo coach wrote in the session register and in the monitoring feedback, and what the
 * teams wrote in their reports (Italian, as typed in the forms; markdown where the forms take it).
 */

/** A session's topics and notes, by where the start-up stood: early sessions first. */
export const demoSessions: readonly { topics: string[]; notes: string }[] = [
  { topics: ['Conoscenza del gruppo', 'Regole del percorso'], notes: 'Primo incontro: presentato il calendario delle tappe e il registro delle presenze. Il gruppo ha scelto la referente per le comunicazioni.' },
  { topics: ['Verifica di pre-fattibilità', 'Questionario alle famiglie'], notes: 'Rivista la bozza del questionario: domande più brevi, una versione in inglese e una in arabo.' },
  { topics: ['Spazi e permessi', 'Assicurazione'], notes: 'Da chiedere alla parrocchia il comodato scritto; preventivi per la responsabilità civile entro fine mese.' },
  { topics: ['Modello di business', 'Quote e gratuità'], notes: 'Discusso come tenere la quota simbolica senza escludere chi non può pagare: gratuità su segnalazione dei servizi sociali.' },
  { topics: ['Business plan', 'Analisi del mercato'], notes: 'Mappate le associazioni sportive del quartiere; il gruppo visita le due più vicine prima del prossimo incontro.' },
  { topics: ['Piano finanziario', 'Costi del personale'], notes: 'Rifatti i conti delle ore degli istruttori per il secondo anno. Il pareggio si sposta al terzo anno: va detto chiaramente nel piano.' },
  { topics: ['Costituzione', 'Statuto dell’associazione'], notes: 'Confrontati lo statuto tipo di APS e quello di ODV; il gruppo sceglie l’APS. Notaio contattato.' },
  { topics: ['Avvio delle attività', 'Comunicazione nel quartiere'], notes: 'Preparata la locandina per la scuola media e il messaggio per i gruppi delle famiglie. Prima giornata aperta fissata.' },
  { topics: ['Monitoraggio', 'Indicatori di impatto'], notes: 'Concordati gli indicatori da raccogliere ogni mese: presenze, nuovi iscritti, abbandoni, ore dei volontari.' },
  { topics: ['Volontari', 'Turni e sostituzioni'], notes: 'Il foglio dei turni funziona; servono due sostituti per i mesi estivi.' },
  { topics: ['Rendicontazione', 'Giustificativi di spesa'], notes: 'Spiegato come raccogliere fatture e quietanze per la tranche: una cartella per mese.' },
  { topics: ['Rapporti con il Comune', 'Uso della palestra scolastica'], notes: 'Scritto insieme la richiesta per la palestra della scuola nei mesi invernali.' },
];

/** Lengths of the sessions, in turn (minutes). */
export const demoSessionMinutes = [90, 60, 120, 75] as const;

export type DemoReport = { narrative: string; changes: string; approval: string };

/** The teams' monitoring reports and the coach's answers, in the order of the periods. */
export const demoReports: readonly DemoReport[] = [
  {
    narrative:
      'Nei primi sei mesi di attività il servizio è stato aperto **tre pomeriggi a settimana**.\n\n- i ragazzi iscritti sono passati da 22 a 48;\n- due istruttrici lavorano con noi a tempo parziale;\n- la giornata aperta di maggio ha portato 15 nuove famiglie.\n\nDifficoltà: la palestra della scuola non è disponibile il venerdì, abbiamo spostato l’attività nel cortile.',
    changes: 'Il racconto è chiaro, ma i **ricavi** non tornano con le quote indicate nel piano: spiegate la differenza (gratuità? ritardi nei pagamenti?) e correggete il dato se serve.',
    approval: 'Grazie per i chiarimenti sulle gratuità: i numeri ora tornano. Ottimo il lavoro con le famiglie; nel prossimo periodo puntate sui ragazzi tra i 14 e i 16 anni, che restano pochi.',
  },
  {
    narrative:
      'Secondo semestre: gli iscritti sono **63**, con una squadra under 14 iscritta al torneo cittadino.\n\nAbbiamo formato sei nuovi volontari e avviato la raccolta delle quote online. L’abbandono tra i 14 e i 16 anni è sceso, ma resta il punto debole.',
    changes: 'Aggiungete quanti ragazzi hanno lasciato nel periodo e perché: è l’indicatore di impatto principale del vostro piano.',
    approval: 'Report completo e onesto sui punti deboli. Approvato: continuate così.',
  },
];
