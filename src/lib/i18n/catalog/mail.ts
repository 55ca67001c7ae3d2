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
    accountExists: {
      subject: 'Registration attempt with your address',
      body: 'someone tried to register a new account with this email address, which already belongs to your account.\n\nIf it was you, sign in with your password or reset it.',
      action: 'Reset password',
    },
  },
);
