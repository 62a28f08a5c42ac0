import type { Messages } from '../../shared/i18n.ts';

export const reportsMessages = {
  'dashboard.title': { fr: 'Tableau de bord', en: 'Dashboard' },
  'dashboard.casesPlaced': { fr: 'Dossiers confiés', en: 'Cases placed' },
  'dashboard.casesOpen': { fr: '{count} en cours', en: '{count} open' },
  'dashboard.amountPlaced': { fr: 'Montant confié', en: 'Amount placed' },
  'dashboard.amountCollected': { fr: 'Montant recouvré', en: 'Amount collected' },
  'dashboard.recoveryRate': { fr: 'Taux de recouvrement', en: 'Recovery rate' },
  'dashboard.byMonth': { fr: 'Confié et recouvré par mois', en: 'Placed and collected by month' },
  'dashboard.placed': { fr: 'Confié', en: 'Placed' },
  'dashboard.collected': { fr: 'Recouvré', en: 'Collected' },
  'dashboard.byStatus': { fr: 'Dossiers par statut', en: 'Cases by status' },
  'dashboard.noData': { fr: 'Pas encore de données pour ce créancier.', en: 'No data for this creditor yet.' },
  'dashboard.pickCreditor': { fr: 'Choisissez un créancier pour voir ses résultats.', en: 'Choose a creditor to see its results.' },
} satisfies Messages;
