import { type Strings, useStrings } from '../../shared/strings.ts';

const fr = {
  'anomalies.title': 'Anomalies de paiement',
  'anomalies.subtitle':
    "Paiements par carte signalés par le prestataire qui ne correspondent pas à la session de paiement ouverte : ils n'ont pas été enregistrés. À vérifier, puis à clore avec une note.",
  'anomalies.filter.open': 'À traiter',
  'anomalies.filter.resolved': 'Traitées',
  'anomalies.filter.all': 'Toutes',
  'anomalies.empty': 'Aucune anomalie à traiter.',
  'anomalies.emptyAll': 'Aucune anomalie.',
  'anomalies.col.date': 'Reçue le',
  'anomalies.col.kind': 'Anomalie',
  'anomalies.col.case': 'Dossier',
  'anomalies.col.expected': 'Attendu',
  'anomalies.col.received': 'Reçu',
  'anomalies.col.status': 'Suivi',
  'anomalies.kind.unknown_session': 'Session inconnue',
  'anomalies.kind.amount_mismatch': 'Montant différent',
  'anomalies.kind.currency_mismatch': 'Devise différente',
  'anomalies.kind.case_mismatch': 'Autre dossier',
  'anomalies.kind.already_paid': 'Session déjà payée',
  'anomalies.resolve': 'Clore',
  'anomalies.resolveTitle': "Clore l'anomalie",
  'anomalies.note': 'Ce qui a été fait',
  'anomalies.notePlaceholder': 'Ex. : trop-perçu remboursé au débiteur le …, paiement saisi à la main, prestataire contacté…',
  'anomalies.resolvedBy': 'Close par {name} le {date}',
  'anomalies.event': 'Événement {id}',
  'anomalies.loadMore': 'Charger plus',
} as const;

const en: Record<keyof typeof fr, string> = {
  'anomalies.title': 'Payment anomalies',
  'anomalies.subtitle':
    'Card payments reported by the provider that do not match the checkout session we opened: they were not recorded. Check them, then close them with a note.',
  'anomalies.filter.open': 'To handle',
  'anomalies.filter.resolved': 'Handled',
  'anomalies.filter.all': 'All',
  'anomalies.empty': 'No anomaly to handle.',
  'anomalies.emptyAll': 'No anomaly.',
  'anomalies.col.date': 'Received',
  'anomalies.col.kind': 'Anomaly',
  'anomalies.col.case': 'Case',
  'anomalies.col.expected': 'Expected',
  'anomalies.col.received': 'Received',
  'anomalies.col.status': 'Follow-up',
  'anomalies.kind.unknown_session': 'Unknown session',
  'anomalies.kind.amount_mismatch': 'Other amount',
  'anomalies.kind.currency_mismatch': 'Other currency',
  'anomalies.kind.case_mismatch': 'Other case',
  'anomalies.kind.already_paid': 'Session already paid',
  'anomalies.resolve': 'Close',
  'anomalies.resolveTitle': 'Close the anomaly',
  'anomalies.note': 'What was done',
  'anomalies.notePlaceholder': 'E.g.: overpayment refunded to the debtor on …, payment entered by hand, provider contacted…',
  'anomalies.resolvedBy': 'Closed by {name} on {date}',
  'anomalies.event': 'Event {id}',
  'anomalies.loadMore': 'Load more',
};

const strings: Strings<keyof typeof fr> = { fr, en };

export function usePaymentStrings() {
  return useStrings(strings);
}
