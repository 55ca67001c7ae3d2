import { defineMessages } from '../define.ts';

/**
 * Email copy, in the recipient's language. `{link}` lines become a button in the HTML version.
 * Each template: subject, greeting, body paragraphs (separated by blank lines), action label.
 */
export const mail = defineMessages(
  {
    greeting: 'Gentile {name},',
    signature: 'Lo staff di Vivaio – {owner}',
    automatic: 'Questo è un messaggio automatico: per domande rispondi all’ufficio indicato sul portale.',
    linkFallback: 'Se il pulsante non funziona, copia questo indirizzo nel browser:',
    verifyEmail: {
      subject: 'Conferma il tuo indirizzo email',
      body: 'grazie per esserti registrato su Vivaio. Per attivare il tuo account conferma il tuo indirizzo email entro {hours} ore.\n\nSe non sei stato tu a registrarti, ignora questo messaggio.',
      action: 'Conferma l’indirizzo email',
    },
    passwordReset: {
      subject: 'Reimposta la tua password',
      body: 'abbiamo ricevuto una richiesta di reimpostare la password del tuo account. Il link vale {minutes} minuti e si può usare una volta sola.\n\nSe non hai chiesto tu di reimpostare la password, ignora questo messaggio: la password attuale resta valida.',
      action: 'Scegli una nuova password',
    },
    passwordChanged: {
      subject: 'La tua password è stata cambiata',
      body: 'la password del tuo account è stata cambiata il {when}. Per sicurezza abbiamo chiuso le altre sessioni aperte.\n\nSe non sei stato tu, reimposta subito la password e avvisa l’ufficio.',
      action: 'Reimposta la password',
    },
    invitation: {
      subject: 'Sei stato invitato su Vivaio',
      body: '{inviter} ti ha invitato a partecipare a Vivaio, il portale dell’incubatore di innovazione sociale, con il ruolo di: {roles}.\n\nPer accettare scegli una password entro il {expires}.',
      action: 'Accetta l’invito',
    },
    proposalSubmitted: {
      subject: 'Ricevuta della proposta {protocol}',
      body: 'abbiamo ricevuto la tua proposta «{title}» per l’avviso «{call}» il {when}.\n\nNumero di protocollo: {protocol}\nImpronta SHA-256 del contenuto inviato: {sha}\n\nConserva questo messaggio. Dalla pagina della proposta puoi scaricare la ricevuta in PDF. Fino alla scadenza ({deadline}) puoi riaprire la proposta, modificarla e inviarla di nuovo: il numero di protocollo resta lo stesso.',
      action: 'Vedi la proposta',
    },
    callAmended: {
      subject: 'Modifica all’avviso «{call}»',
      body: 'l’avviso «{call}», per il quale hai una proposta in bozza, è stato modificato ({kind}).\n\n{note}\n\nScadenza: {deadline}. La tua bozza è salvata: controlla che sia ancora in regola e inviala in tempo.',
      action: 'Apri la tua proposta',
    },
    integrationRequested: {
      subject: 'Richiesta di integrazione per la proposta {protocol}',
      body: 'per completare la verifica della tua proposta «{title}» (protocollo {protocol}) l’ufficio ti chiede:\n\n{message}\n\nHai tempo fino al {due}. Se non rispondi entro quella data la proposta potrà essere dichiarata non ammissibile.',
      action: 'Completa la proposta',
    },
    proposalAdmissible: {
      subject: 'Proposta {protocol} ammessa alla valutazione',
      body: 'la tua proposta «{title}» (protocollo {protocol}) ha superato la verifica formale ed è ammessa alla valutazione della commissione.',
      action: 'Vedi la proposta',
    },
    proposalInadmissible: {
      subject: 'Esito della verifica della proposta {protocol}',
      body: 'la tua proposta «{title}» (protocollo {protocol}) non è ammissibile per questo motivo:\n\n{motivation}\n\nPer chiarimenti puoi scrivere all’ufficio indicato nell’avviso. Contro questa decisione è possibile ricorrere nei modi e nei tempi indicati nell’avviso.',
      action: 'Vedi la proposta',
    },
    feedbackLetter: {
      subject: 'Esito della valutazione della proposta {protocol}',
      body: 'la commissione ha valutato la tua proposta «{title}» per l’avviso «{call}». È stata pubblicata la graduatoria provvisoria.\n\nEsito: {outcome}\nPosizione in graduatoria: {position}\nPunteggio totale: {total}\n\nPunteggi e osservazioni della commissione per ciascun criterio:\n\n{criteria}\n\nSe ritieni che ci sia un errore puoi presentare osservazioni entro il {closes}, dalla pagina della proposta.',
      action: 'Vedi la valutazione',
    },
    observationAnswered: {
      subject: 'Risposta alle tue osservazioni sulla proposta {protocol}',
      body: 'l’ufficio ha esaminato le osservazioni che hai presentato sulla proposta «{title}» (protocollo {protocol}).\n\n{outcome}\n\nRisposta:\n{answer}\n\nLa graduatoria definitiva sarà pubblicata sul portale.',
      action: 'Vedi la proposta',
    },
    reviewAssigned: {
      subject: 'Nuove proposte da valutare per l’avviso «{call}»',
      body: 'per l’avviso «{call}» hai nuove proposte da valutare (assegnate ora: {count}).\n\nPrima di aprire ciascuna proposta dichiara se hai o no un conflitto di interessi. I punteggi vanno inviati entro i tempi indicati dall’ufficio.',
      action: 'Apri le valutazioni',
    },
    observationReceived: {
      subject: 'Abbiamo ricevuto le tue osservazioni sulla proposta {protocol}',
      body: 'le osservazioni che hai presentato sulla proposta «{title}» (protocollo {protocol}) sono state ricevute il {filedAt}.\n\nL’ufficio le esaminerà e ti risponderà prima della pubblicazione della graduatoria definitiva.',
      action: 'Vedi la proposta',
    },
    startupCreated: {
      subject: '«{startup}» entra nel percorso di incubazione',
      body: 'la proposta «{title}» è stata finanziata e diventa la start-up «{startup}». Nel portale trovi il piano delle tappe (pre-fattibilità, modello di business, business plan, costituzione, avvio, monitoraggio) con le scadenze.\n\nTi assegneremo un coach che vi accompagnerà in ogni passo.',
      action: 'Apri la start-up',
    },
    coachAssigned: {
      subject: 'Ti è stata assegnata la start-up «{startup}»',
      body: 'l’ufficio ti ha assegnato come coach della start-up «{startup}» ({call}).\n\nNella tua area trovi le tappe, le scadenze e il registro degli incontri.',
      action: 'Apri la tua area coach',
    },
    deliverableSubmitted: {
      subject: '«{startup}» ha consegnato: {milestone}',
      body: 'il team della start-up «{startup}» ha consegnato il lavoro per la tappa «{milestone}».\n\nPuoi approvarlo o chiedere modifiche spiegando cosa cambiare.',
      action: 'Esamina la consegna',
    },
    deliverableApproved: {
      subject: 'Tappa approvata: {milestone}',
      body: 'il coach ha approvato il lavoro consegnato per la tappa «{milestone}» della start-up «{startup}».\n\n{feedback}',
      action: 'Vedi il piano delle tappe',
    },
    deliverableChangesRequested: {
      subject: 'Modifiche richieste: {milestone}',
      body: 'il coach ha chiesto modifiche al lavoro consegnato per la tappa «{milestone}» della start-up «{startup}»:\n\n{feedback}\n\nPuoi correggere e consegnare di nuovo dalla pagina della tappa.',
      action: 'Apri la tappa',
    },
    milestoneDueSoon: {
      subject: 'Scadenza vicina: {milestone} entro il {due}',
      body: 'la tappa «{milestone}» della start-up «{startup}» scade il {due}.\n\nSe ti serve più tempo, parlane con il tuo coach.',
      action: 'Apri la tappa',
    },
    milestoneOverdue: {
      subject: 'Tappa scaduta: {milestone}',
      body: 'la tappa «{milestone}» della start-up «{startup}» è scaduta il {due} e non è ancora stata approvata.\n\nConsegna il lavoro appena puoi o concorda con il coach una nuova data.',
      action: 'Apri la tappa',
    },
    monitoringFeedback: {
      subject: 'Riscontro del coach sul monitoraggio di «{startup}»',
      body: 'il coach ha lasciato un riscontro sul rapporto di monitoraggio «{milestone}»:\n\n{feedback}',
      action: 'Vedi il rapporto',
    },
    donorApproved: {
      subject: 'Benvenuti tra i donatori di Vivaio',
      body: 'l’ufficio ha approvato la registrazione di «{donor}» come donatore.\n\nDalla tua area puoi seguire gli impegni, le erogazioni e i risultati dei progetti che sostieni.',
      action: 'Apri l’area donatori',
    },
    donorRejected: {
      subject: 'La richiesta di «{donor}» come donatore',
      body: 'l’ufficio non ha potuto approvare la registrazione di «{donor}» come donatore, per questo motivo:\n\n{reason}\n\nPuoi inviare una nuova richiesta con i dati corretti.',
      action: 'Invia una nuova richiesta',
    },
    pledgeCommitted: {
      subject: 'Impegno registrato: {amount}',
      body: 'l’impegno di {amount} di «{donor}» per «{target}» è ora giuridicamente vincolante (accordo {agreement} del {date}).\n\nGrazie: ogni erogazione sarà visibile nella tua area e nella pagina della trasparenza.',
      action: 'Vedi l’impegno',
    },
    disbursementRecorded: {
      subject: 'Erogati {amount} a «{startup}»',
      body: 'è stata registrata l’erogazione di {amount} alla start-up «{startup}» ({tranche}), con riferimento {reference}, in data {date}.',
      action: 'Vedi il dettaglio',
    },
    rankingSlid: {
      subject: 'La proposta {protocol} rientra tra quelle finanziate',
      body: 'si sono rese disponibili nuove risorse per l’avviso «{call}»: scorrendo la graduatoria, la tua proposta «{title}» (protocollo {protocol}) rientra ora tra quelle finanziate, con un contributo di {grant}.\n\nL’ufficio ti contatterà per i passi successivi.',
      action: 'Vedi la proposta',
    },
    accountExists: {
      subject: 'Tentativo di registrazione con il tuo indirizzo',
      body: 'qualcuno ha provato a registrare un nuovo account con questo indirizzo email, che è già associato al tuo account.\n\nSe eri tu, accedi con la tua password o reimpostala.',
      action: 'Reimposta la password',
    },
  },
  {
    greeting: 'Dear {name},',
    signature: 'The Vivaio team – {owner}',
    automatic: 'This is an automatic message: for questions, contact the office shown on the portal.',
    linkFallback: 'If the button does not work, copy this address into your browser:',
    verifyEmail: {
      subject: 'Confirm your email address',
      body: 'thank you for registering on Vivaio. To activate your account, please confirm your email address within {hours} hours.\n\nIf you did not register, please ignore this message.',
      action: 'Confirm email address',
    },
    passwordReset: {
      subject: 'Reset your password',
      body: 'we received a request to reset the password of your account. The link is valid for {minutes} minutes and can be used once.\n\nIf you did not ask to reset your password, ignore this message: your current password still works.',
      action: 'Choose a new password',
    },
    passwordChanged: {
      subject: 'Your password was changed',
      body: 'the password of your account was changed on {when}. For your security we signed out your other sessions.\n\nIf this was not you, reset your password at once and tell the office.',
      action: 'Reset password',
    },
    invitation: {
      subject: 'You have been invited to Vivaio',
      body: '{inviter} has invited you to join Vivaio, the social innovation incubator portal, as: {roles}.\n\nTo accept, choose a password by {expires}.',
      action: 'Accept the invitation',
    },
    proposalSubmitted: {
      subject: 'Receipt for proposal {protocol}',
      body: 'we have received your proposal “{title}” for the call “{call}” on {when}.\n\nProtocol number: {protocol}\nSHA-256 fingerprint of the content sent: {sha}\n\nKeep this message. You can download the PDF receipt from the proposal’s page. Until the deadline ({deadline}) you can reopen the proposal, change it and send it again: the protocol number stays the same.',
      action: 'See the proposal',
    },
    callAmended: {
      subject: 'Change to the call “{call}”',
      body: 'the call “{call}”, for which you have a draft proposal, has been changed ({kind}).\n\n{note}\n\nDeadline: {deadline}. Your draft is saved: check it still meets the call and send it in time.',
      action: 'Open your proposal',
    },
    integrationRequested: {
      subject: 'Request to complete proposal {protocol}',
      body: 'to finish checking your proposal “{title}” (protocol {protocol}) the office asks you for:\n\n{message}\n\nYou have until {due}. Without an answer by then the proposal may be declared inadmissible.',
      action: 'Complete the proposal',
    },
    proposalAdmissible: {
      subject: 'Proposal {protocol} admitted to assessment',
      body: 'your proposal “{title}” (protocol {protocol}) passed the formal check and is admitted to the commission’s assessment.',
      action: 'See the proposal',
    },
    proposalInadmissible: {
      subject: 'Outcome of the check of proposal {protocol}',
      body: 'your proposal “{title}” (protocol {protocol}) is not admissible for this reason:\n\n{motivation}\n\nFor clarifications you can write to the office named in the call. This decision can be appealed as the call explains.',
      action: 'See the proposal',
    },
    feedbackLetter: {
      subject: 'Outcome of the assessment of proposal {protocol}',
      body: 'the commission has assessed your proposal “{title}” for the call “{call}”. The provisional ranking has been published.\n\nOutcome: {outcome}\nPosition in the ranking: {position}\nTotal score: {total}\n\nThe commission’s scores and comments for each criterion:\n\n{criteria}\n\nIf you think there is a mistake you can file observations by {closes}, from the proposal’s page.',
      action: 'See the assessment',
    },
    observationAnswered: {
      subject: 'Answer to your observations on proposal {protocol}',
      body: 'the office has examined the observations you filed on the proposal “{title}” (protocol {protocol}).\n\n{outcome}\n\nAnswer:\n{answer}\n\nThe final ranking will be published on the portal.',
      action: 'See the proposal',
    },
    reviewAssigned: {
      subject: 'New proposals to assess for the call “{call}”',
      body: 'for the call “{call}” you have new proposals to assess (assigned now: {count}).\n\nBefore opening each proposal, declare whether or not you have a conflict of interest. Scores are due within the time set by the office.',
      action: 'Open your assessments',
    },
    observationReceived: {
      subject: 'We received your observations on proposal {protocol}',
      body: 'the observations you filed on the proposal “{title}” (protocol {protocol}) were received on {filedAt}.\n\nThe office will examine them and answer before the final ranking is published.',
      action: 'See the proposal',
    },
    startupCreated: {
      subject: '“{startup}” enters the incubation programme',
      body: 'the proposal “{title}” has been funded and becomes the start-up “{startup}”. On the portal you will find the milestone plan (pre-feasibility, business model, business plan, legal constitution, launch, monitoring) with its due dates.\n\nA coach will be assigned to accompany you at every step.',
      action: 'Open the start-up',
    },
    coachAssigned: {
      subject: 'You have been assigned the start-up “{startup}”',
      body: 'the office has assigned you as coach of the start-up “{startup}” ({call}).\n\nYour area lists its milestones, due dates and coaching log.',
      action: 'Open your coach area',
    },
    deliverableSubmitted: {
      subject: '“{startup}” has submitted: {milestone}',
      body: 'the team of the start-up “{startup}” has submitted its work for the milestone “{milestone}”.\n\nYou can approve it or request changes, explaining what to change.',
      action: 'Review the submission',
    },
    deliverableApproved: {
      subject: 'Milestone approved: {milestone}',
      body: 'the coach has approved the work submitted for the milestone “{milestone}” of the start-up “{startup}”.\n\n{feedback}',
      action: 'See the milestone plan',
    },
    deliverableChangesRequested: {
      subject: 'Changes requested: {milestone}',
      body: 'the coach has requested changes to the work submitted for the milestone “{milestone}” of the start-up “{startup}”:\n\n{feedback}\n\nYou can revise it and submit again from the milestone page.',
      action: 'Open the milestone',
    },
    milestoneDueSoon: {
      subject: 'Due soon: {milestone} by {due}',
      body: 'the milestone “{milestone}” of the start-up “{startup}” is due on {due}.\n\nIf you need more time, talk to your coach.',
      action: 'Open the milestone',
    },
    milestoneOverdue: {
      subject: 'Milestone overdue: {milestone}',
      body: 'the milestone “{milestone}” of the start-up “{startup}” was due on {due} and has not been approved yet.\n\nSubmit your work as soon as you can or agree a new date with your coach.',
      action: 'Open the milestone',
    },
    monitoringFeedback: {
      subject: 'Coach feedback on the monitoring of “{startup}”',
      body: 'the coach has left feedback on the monitoring report “{milestone}”:\n\n{feedback}',
      action: 'See the report',
    },
    donorApproved: {
      subject: 'Welcome among Vivaio’s donors',
      body: 'the office has approved the registration of “{donor}” as a donor.\n\nIn your area you can follow the commitments, disbursements and results of the projects you support.',
      action: 'Open the donor area',
    },
    donorRejected: {
      subject: 'The request of “{donor}” to become a donor',
      body: 'the office could not approve the registration of “{donor}” as a donor, for this reason:\n\n{reason}\n\nYou can send a new request with the correct details.',
      action: 'Send a new request',
    },
    pledgeCommitted: {
      subject: 'Commitment recorded: {amount}',
      body: 'the pledge of {amount} by “{donor}” to “{target}” is now legally binding (agreement {agreement} of {date}).\n\nThank you: every disbursement will be visible in your area and on the transparency page.',
      action: 'See the pledge',
    },
    disbursementRecorded: {
      subject: '{amount} paid to “{startup}”',
      body: 'a payment of {amount} to the start-up “{startup}” ({tranche}) has been recorded, reference {reference}, on {date}.',
      action: 'See the details',
    },
    rankingSlid: {
      subject: 'Proposal {protocol} is now among those funded',
      body: 'new money has become available for the call “{call}”: moving down the ranking, your proposal “{title}” (protocol {protocol}) is now among those funded, with a grant of {grant}.\n\nThe office will contact you about the next steps.',
      action: 'See the proposal',
    },
    accountExists: {
      subject: 'Registration attempt with your address',
      body: 'someone tried to register a new account with this email address, which already belongs to your account.\n\nIf it was you, sign in with your password or reset it.',
      action: 'Reset password',
    },
  },
);
