import type { Messages } from '../../shared/i18n.ts';

export const queueMessages = {
  'queue.next': { fr: 'Dossier suivant', en: 'Next case' },
  'queue.nextHint': { fr: 'n : dossier suivant', en: 'n: next case' },
  'queue.statsToday': { fr: "Aujourd'hui : {mine} traités (équipe : {team})", en: 'Today: {mine} worked (team: {team})' },
  'queue.empty': {
    fr: 'File vide : aucun dossier à traiter pour le moment. Revenez plus tard ou consultez la liste.',
    en: 'The queue is empty: nothing to work on right now. Come back later or browse the list.',
  },
  'queue.emptyTitle': { fr: 'Plus rien à traiter', en: 'Nothing left to work on' },
  'queue.lease': { fr: 'Dossier réservé pour vous jusqu’à {time}', en: 'Case reserved for you until {time}' },
  'queue.tier.callback': { fr: 'Rappel prévu', en: 'Callback due' },
  'queue.tier.promise': { fr: 'Promesse à suivre', en: 'Promise to follow up' },
  'queue.tier.priority': { fr: 'Priorité', en: 'Priority' },
  'queue.score': { fr: 'Score {score}', en: 'Score {score}' },
  'queue.reasonsTitle': { fr: 'Pourquoi ce dossier maintenant', en: 'Why this case now' },
  'queue.release': { fr: 'Remettre dans la file', en: 'Give back to the queue' },
  'queue.done': { fr: 'Terminé, dossier suivant', en: 'Done, next case' },
  'queue.released': { fr: 'Dossier remis dans la file.', en: 'Case given back to the queue.' },
  'queue.leaseLost': {
    fr: 'Votre réservation de ce dossier a expiré ou a été reprise.',
    en: 'Your reservation of this case expired or was taken over.',
  },
  'queue.reason.balance': { fr: 'Solde élevé : {balance} (seuil {threshold})', en: 'High balance: {balance} (threshold {threshold})' },
  'queue.reason.days_past_due': {
    fr: 'Impayé depuis {days} jours (seuil {threshold} jours)',
    en: 'Unpaid for {days} days (threshold {threshold} days)',
  },
  'queue.reason.professional_debtor': { fr: 'Débiteur professionnel', en: 'Business debtor' },
  'queue.reason.promise_due': { fr: 'Une promesse de paiement arrive à échéance', en: 'A promise to pay falls due' },
  'queue.reason.promise_broken': { fr: 'Une promesse de paiement n’a pas été tenue', en: 'A promise to pay was not kept' },
  'queue.reason.callback_due': { fr: 'Un rappel est prévu maintenant', en: 'A callback is due now' },
  'queue.reason.prescription_near': { fr: 'Prescription proche : {days} jours restants', en: 'Limitation period close: {days} days left' },
  'queue.reason.prescribed': { fr: 'Dette prescrite ou sur le point de l’être ({days} jours)', en: 'Debt time-barred or about to be ({days} days)' },
  'queue.reason.not_contactable': { fr: 'Aucun téléphone ni e-mail valide', en: 'No valid phone number or email' },
  'queue.reason.contacted_recently': { fr: 'Contacté il y a {days} jours', en: 'Contacted {days} days ago' },
  'queue.points': { fr: '{points} pts', en: '{points} pts' },
} satisfies Messages;
