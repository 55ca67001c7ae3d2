import type { MilestoneKind } from '../../src/domain/incubation/milestone-plan.ts';

/**
 * What the demo teams handed in for each kind of milestone and what the coach answered (markdown,
 * as typed in the forms). `revision` is the second round after a request for changes.
 */
export type DemoDeliverable = { body: string; changes: string; revision: string; approval: string };

export const demoDeliverables: Record<Exclude<MilestoneKind, 'monitoring'>, DemoDeliverable> = {
  pre_feasibility: {
    body: 'Abbiamo verificato la fattibilità con **tre incontri** nel quartiere e un questionario a 64 famiglie.\n\n- 41 famiglie parteciperebbero almeno una volta a settimana;\n- lo spazio è disponibile in comodato dalla parrocchia per tre anni;\n- servono due istruttori qualificati e quattro volontari.',
    changes: 'Buon lavoro sul bisogno. Mancano però i **costi dello spazio** (utenze, assicurazione) e chi tiene le chiavi nei giorni di chiusura: aggiungeteli prima di approvare.',
    revision: 'Abbiamo aggiunto i costi dello spazio (utenze 1.200 € l’anno, assicurazione 480 €) e l’accordo con la parrocchia per le chiavi, firmato dal parroco.',
    approval: 'Ora il quadro è completo: la pre-fattibilità è dimostrata.',
  },
  business_model: {
    body: 'Il modello si regge su **tre fonti**: quote simboliche delle famiglie (5 € al mese, gratuità per chi non può), un contributo di una fondazione locale e piccoli eventi di quartiere.\n\nI costi principali sono gli istruttori e l’assicurazione.',
    changes: 'Chiarite cosa succede se la fondazione non rinnova il contributo il secondo anno: serve un piano B.',
    revision: 'Piano B: due sponsor del quartiere hanno già scritto una lettera di interesse; in alternativa riduciamo a due pomeriggi a settimana.',
    approval: 'Modello chiaro e prudente. Approvato.',
  },
  business_plan: {
    body: 'Il business plan completo è nel costruttore del portale; qui riassumiamo:\n\n1. **servizio**: tre pomeriggi a settimana;\n2. **utenti**: 60 ragazzi nel primo anno, 90 nel terzo;\n3. **impatto**: abbandono sportivo dimezzato tra i 12 e i 16 anni.',
    changes: 'La sezione sul mercato confronta solo le palestre private: aggiungete le associazioni sportive del quartiere e perché le famiglie sceglierebbero voi.',
    revision: 'Abbiamo aggiunto il confronto con le due associazioni del quartiere: costano 35 € al mese e non hanno squadre under 14.',
    approval: 'Piano solido, con indicatori misurabili.',
  },
  financial_plan: {
    body: 'Piano triennale: entrate da quote e contributi per **18.400 €** il primo anno, costi per **21.900 €**; il pareggio arriva nel terzo anno con gli sponsor.',
    changes: 'Nel secondo anno i costi del personale crescono troppo poco rispetto agli iscritti: rivedete le ore degli istruttori.',
    revision: 'Ore degli istruttori riviste (da 12 a 16 a settimana nel secondo anno): il pareggio resta al terzo anno.',
    approval: 'I conti tornano. Approvato.',
  },
  legal_constitution: {
    body: 'Ci siamo costituiti come **associazione di promozione sociale**: allegati statuto e atto costitutivo registrati all’Agenzia delle Entrate; iscrizione al RUNTS in corso.',
    changes: 'Lo statuto non prevede l’attività sportiva tra le finalità: serve una modifica prima dell’iscrizione al RUNTS.',
    revision: 'Statuto modificato con l’assemblea straordinaria: l’attività sportiva dilettantistica è ora tra le finalità.',
    approval: 'Tutto in regola.',
  },
  launch: {
    body: 'Le attività sono partite: **primo allenamento** con 38 ragazzi, calendario pubblicato e prima riunione con le famiglie.',
    changes: 'Manca il registro delle presenze: senza quello non si misura l’impatto.',
    revision: 'Registro delle presenze attivato (foglio condiviso con gli educatori), aggiornato dopo ogni allenamento.',
    approval: 'Avvio riuscito, complimenti.',
  },
};
