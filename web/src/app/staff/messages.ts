import type { Messages } from '../../shared/i18n.ts';

// The staff shell: navigation and the pages the app composes from several features.
export const appMessages = {
  'nav.cases': { fr: 'Dossiers', en: 'Cases' },
  'nav.creditors': { fr: 'Créanciers', en: 'Creditors' },
  'nav.imports': { fr: 'Imports', en: 'Imports' },
  'nav.dashboard': { fr: 'Tableau de bord', en: 'Dashboard' },
  'nav.logout': { fr: 'Se déconnecter', en: 'Sign out' },

  'nav.rates': { fr: "Taux d'intérêt", en: 'Interest rates' },
  'nav.agency': { fr: 'Agence', en: 'Agency' },
  'nav.paymentAnomalies': { fr: 'Anomalies de paiement', en: 'Payment anomalies' },
  'nav.accountSecurity': { fr: 'Sécurité du compte', en: 'Account security' },

  'integrations.subtitle': {
    fr: 'Connectez vos systèmes : clés d’API et notifications de vos dossiers',
    en: 'Connect your systems: API keys and notifications about your cases',
  },

  'nav.approvals': { fr: 'Validations', en: 'Approvals' },
  'nav.team': { fr: 'Équipe', en: 'Team' },
  'nav.dunning': { fr: 'Relances', en: 'Dunning' },
  'nav.outbox': { fr: "Boîte d'envoi", en: 'Outbox' },
  'nav.letterWording': { fr: 'Textes des courriers', en: 'Letter wording' },

  // Issue 13, items 12-14: RGPD (requests, export, retention) and the audit trail (i13-privacy).
  'nav.rgpd': { fr: 'Demandes RGPD', en: 'GDPR requests' },
  'nav.audit': { fr: "Journal d'audit", en: 'Audit trail' },
} satisfies Messages;
