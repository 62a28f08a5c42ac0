import type { Messages } from '../../shared/i18n.ts';

export const promisesMessages = {
  'promise.title': { fr: 'Promesse de paiement', en: 'Promise to pay' },
  'promise.help': {
    fr: 'Le montant que le débiteur s’engage à payer et la date limite.',
    en: 'The amount the debtor commits to pay and the deadline.',
  },
  'promise.amount': { fr: 'Montant promis', en: 'Amount promised' },
  'promise.date': { fr: 'Payé au plus tard le', en: 'Paid by' },
  'promise.note': { fr: 'Note (facultatif)', en: 'Note (optional)' },
  'promise.submit': { fr: 'Enregistrer la promesse', en: 'Record the promise' },
  'promise.saved': { fr: 'Promesse de {amount} enregistrée pour le {date}.', en: 'Promise of {amount} recorded for {date}.' },
  'promise.amountInvalid': { fr: 'Montant invalide (ex. 150,00)', en: 'Invalid amount (e.g. 150.00)' },
  'promise.dateInvalid': { fr: 'Date obligatoire, aujourd’hui ou plus tard', en: 'Date required, today or later' },
  'promise.none': { fr: 'Aucune promesse sur ce dossier.', en: 'No promise on this case.' },
  'promise.list': { fr: 'Promesses', en: 'Promises' },
  'promise.dueOn': { fr: 'pour le {date}', en: 'by {date}' },
  'promise.by': { fr: 'par {name}', en: 'by {name}' },
  'promise.status.pending': { fr: 'En attente', en: 'Pending' },
  'promise.status.kept': { fr: 'Tenue', en: 'Kept' },
  'promise.status.broken': { fr: 'Non tenue', en: 'Broken' },
  'promise.status.superseded': { fr: 'Remplacée', en: 'Superseded' },
} satisfies Messages;
