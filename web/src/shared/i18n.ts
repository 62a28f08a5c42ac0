import { useMemo, useSyncExternalStore } from 'react';

// A small in-house dictionary: French first (the agency's and most debtors' language),
// English as the alternative. Keys are typed from the French map, so a missing English
// entry fails the typecheck.

export type Locale = 'fr' | 'en';

const fr = {
  'common.loading': 'Chargement…',
  'common.retry': 'Réessayer',
  'common.error': 'Une erreur est survenue',
  'common.save': 'Enregistrer',
  'common.cancel': 'Annuler',
  'common.back': 'Retour',
  'common.copy': 'Copier',
  'common.copied': 'Copié',
  'common.yes': 'Oui',
  'common.no': 'Non',
  'common.none': '—',
  'common.valid': 'valide',
  'common.invalid': 'invalide',
  'common.loadMore': 'Charger plus',
  'common.language': 'Langue',
  'common.notFound': 'Page introuvable',
  'common.notFoundText': "Cette page n'existe pas ou plus.",
  'common.chooseCreditor': 'Choisir un créancier',
  'common.creditor': 'Créancier',
  'common.allCreditors': 'Tous les créanciers',
  'common.required': 'Obligatoire',
  'common.shortcuts': 'Raccourcis',

  'nav.cases': 'Dossiers',
  'nav.creditors': 'Créanciers',
  'nav.imports': 'Imports',
  'nav.dashboard': 'Tableau de bord',
  'nav.logout': 'Se déconnecter',

  'role.admin': 'Administrateur',
  'role.manager': 'Responsable',
  'role.agent': 'Agent',
  'role.creditor': 'Créancier',

  'login.title': 'Connexion',
  'login.subtitle': "Accédez à l'espace de recouvrement",
  'login.email': 'Adresse e-mail',
  'login.password': 'Mot de passe',
  'login.submit': 'Se connecter',
  'login.sessionExpired': 'Votre session a expiré, veuillez vous reconnecter.',

  'cases.title': 'Dossiers',
  'cases.subtitle': 'Triés par priorité (montant × ancienneté)',
  'cases.search': 'Rechercher un débiteur ou une référence',
  'cases.status': 'Statut',
  'cases.allStatuses': 'Tous les statuts',
  'cases.reference': 'Référence',
  'cases.debtor': 'Débiteur',
  'cases.creditor': 'Créancier',
  'cases.claims': 'Factures',
  'cases.balance': 'Solde',
  'cases.daysPastDue': 'Retard (j)',
  'cases.empty': 'Aucun dossier',
  'cases.emptySearch': 'Aucun dossier ne correspond à cette recherche.',
  'cases.emptyAll': "Aucun dossier n'a encore été confié. Importez des factures pour commencer.",
  'cases.count': '{count} dossiers affichés',
  'cases.keyboardHint': 'j / k ou ↑ / ↓ pour naviguer, Entrée pour ouvrir, / pour rechercher',
  'cases.days': '{days} j',

  'case.backToList': 'Retour à la liste',
  'case.debtor': 'Débiteur',
  'case.company': 'Société',
  'case.person': 'Particulier',
  'case.siren': 'SIREN',
  'case.contacts': 'Coordonnées',
  'case.emails': 'E-mails',
  'case.phones': 'Téléphones',
  'case.addresses': 'Adresses',
  'case.noContact': 'Aucune coordonnée',
  'case.principal': 'Principal',
  'case.paid': 'Payé',
  'case.balance': 'Solde dû',
  'case.claims': 'Factures',
  'case.invoiceRef': 'Facture',
  'case.issueDate': 'Émise le',
  'case.dueDate': 'Échéance',
  'case.amount': 'Montant',
  'case.payments': 'Paiements',
  'case.noPayments': 'Aucun paiement reçu',
  'case.receivedOn': 'Reçu le',
  'case.method': 'Moyen',
  'case.providerRef': 'Référence',
  'case.timeline': 'Historique',
  'case.noActivity': 'Aucune activité pour le moment',
  'case.system': 'Système',
  'case.openedOn': 'Ouvert le {date}',
  'case.oldestDue': 'Plus ancienne échéance : {date} ({days} j de retard)',
  'case.readOnly': 'Consultation seule',
  'case.logActivity': 'Consigner une action',
  'case.kindCall': 'Appel',
  'case.kindNote': 'Note',
  'case.outcome': "Résultat de l'appel",
  'case.chooseOutcome': 'Choisir un résultat…',
  'case.note': 'Note',
  'case.notePlaceholder': "Ce qui s'est dit, ce qui est convenu…",
  'case.saveActivity': 'Enregistrer',
  'case.saveHint': 'Ctrl+Entrée pour enregistrer',
  'case.activitySaved': 'Action enregistrée',
  'case.outcomeRequired': "Choisissez le résultat de l'appel",
  'case.textRequired': 'La note est obligatoire',
  'case.shortcutHint': 'c : saisir une note · Ctrl+Entrée : enregistrer · Échap ou g : retour à la liste',
  'case.portalLink': 'Lien de paiement débiteur',
  'case.portalLinkHelp': 'Lien personnel vers la page de paiement aux couleurs du créancier.',
  'case.portalLinkGenerate': 'Générer le lien',
  'case.portalLinkExpires': "Valable jusqu'au {date}",

  'status.new': 'Nouveau',
  'status.amicable': 'Amiable',
  'status.promise': 'Promesse',
  'status.payment_plan': 'Échéancier',
  'status.disputed': 'Contesté',
  'status.legal': 'Judiciaire',
  'status.bailiff': 'Commissaire de justice',
  'status.closed': 'Clos',

  'outcome.reached_debtor': 'Débiteur joint',
  'outcome.reached_third_party': 'Tiers joint',
  'outcome.no_answer': 'Pas de réponse',
  'outcome.voicemail': 'Messagerie',
  'outcome.wrong_number': 'Faux numéro',
  'outcome.refuses_to_pay': 'Refuse de payer',
  'outcome.disputes': 'Conteste la dette',
  'outcome.promise_to_pay': 'Promesse de paiement',
  'outcome.plan_agreed': 'Échéancier accepté',
  'outcome.says_already_paid': 'Dit avoir déjà payé',
  'outcome.asks_callback': 'Demande à être rappelé',

  'activity.import': 'Import',
  'activity.call': 'Appel',
  'activity.note': 'Note',
  'activity.payment': 'Paiement',
  'activity.status_change': 'Changement de statut',
  'activity.portal_visit': 'Visite du portail',
  'activity.checkout': 'Paiement en ligne',

  'method.card': 'Carte',
  'method.transfer': 'Virement',
  'method.cheque': 'Chèque',
  'method.direct_to_creditor': 'Direct au créancier',
  'method.other': 'Autre',

  'creditors.title': 'Créanciers',
  'creditors.new': 'Nouveau créancier',
  'creditors.legalName': 'Raison sociale / nom',
  'creditors.brand': 'Marque',
  'creditors.kind': 'Type',
  'creditors.siren': 'SIREN',
  'creditors.mandate': 'Mandat',
  'creditors.mandateValid': 'Valide',
  'creditors.mandateInvalid': 'Non valide',
  'creditors.empty': 'Aucun créancier pour le moment.',
  'creditors.kind.company': 'Société',
  'creditors.kind.private_individual': 'Particulier',
  'creditors.identity': 'Identité',
  'creditors.address': 'Adresse',
  'creditors.line1': 'Adresse',
  'creditors.line2': "Complément d'adresse",
  'creditors.postalCode': 'Code postal',
  'creditors.city': 'Ville',
  'creditors.displayName': 'Nom affiché aux débiteurs',
  'creditors.primaryColor': 'Couleur principale',
  'creditors.mandateRef': 'Référence du mandat',
  'creditors.mandateSigned': 'Signé le',
  'creditors.mandateUntil': "Valable jusqu'au (facultatif)",
  'creditors.create': 'Créer le créancier',
  'creditors.created': 'Créancier créé',
  'creditors.sirenHelp': '9 chiffres, obligatoire pour une société',
  'creditors.logo': 'Logo',
  'creditors.logoHelp': 'PNG ou SVG, 512 Ko au plus. Il apparaît sur les pages de paiement et les courriers.',
  'creditors.noLogo': 'Aucun logo',
  'creditors.logoUploaded': 'Logo enregistré',
  'creditors.uploading': 'Envoi en cours…',
  'creditors.users': 'Utilisateurs du créancier',
  'creditors.noUsers': "Aucun utilisateur n'a encore accès à l'espace créancier.",
  'creditors.newUser': 'Créer un utilisateur pour ce créancier',
  'creditors.userEmail': 'Adresse e-mail',
  'creditors.userName': 'Nom',
  'creditors.userPassword': 'Mot de passe initial',
  'creditors.userPasswordHelp': '12 caractères au moins',
  'creditors.userLocale': 'Langue',
  'creditors.userCreate': "Créer l'utilisateur",
  'creditors.userCreated': 'Utilisateur créé',
  'creditors.createdOn': 'Créé le {date}',
  'creditors.validUntil': "jusqu'au {date}",
  'creditors.openEnded': 'sans limite',

  'imports.title': 'Imports',
  'imports.subtitle': 'Confiez de nouvelles factures impayées par fichier CSV',
  'imports.file': 'Fichier CSV',
  'imports.submit': 'Importer',
  'imports.creditorRequired': 'Choisissez le créancier',
  'imports.fileRequired': 'Choisissez un fichier',
  'imports.result': 'Résultat de l’import',
  'imports.rows': 'Lignes',
  'imports.created': 'Créées',
  'imports.updated': 'Mises à jour',
  'imports.unchanged': 'Inchangées',
  'imports.rejected': 'Rejetées',
  'imports.casesCreated': 'Dossiers créés',
  'imports.rejections': 'Lignes rejetées',
  'imports.noRejections': 'Aucune ligne rejetée.',
  'imports.line': 'Ligne',
  'imports.column': 'Colonne',
  'imports.reason': 'Motif',
  'imports.expected': 'Format attendu',
  'imports.expectedHelp': 'Séparateur « ; » ou « , », encodage UTF-8. Montants « 1 234,56 » ou « 1234.56 », dates JJ/MM/AAAA ou AAAA-MM-JJ. debtor_type : societe ou particulier.',
  'imports.sample': 'Exemple',
  'imports.downloadSample': "Télécharger l'exemple",
  'imports.history': 'Imports précédents',
  'imports.noHistory': "Aucun import pour l'instant.",
  'imports.date': 'Date',
  'imports.fileName': 'Fichier',
  'imports.status': 'Statut',
  'imports.status.pending': 'En attente',
  'imports.status.running': 'En cours',
  'imports.status.completed': 'Terminé',
  'imports.status.failed': 'Échec',
  'imports.done': 'Import terminé',

  'dashboard.title': 'Tableau de bord',
  'dashboard.casesPlaced': 'Dossiers confiés',
  'dashboard.casesOpen': '{count} en cours',
  'dashboard.amountPlaced': 'Montant confié',
  'dashboard.amountCollected': 'Montant recouvré',
  'dashboard.recoveryRate': 'Taux de recouvrement',
  'dashboard.byMonth': 'Confié et recouvré par mois',
  'dashboard.placed': 'Confié',
  'dashboard.collected': 'Recouvré',
  'dashboard.byStatus': 'Dossiers par statut',
  'dashboard.noData': 'Pas encore de données pour ce créancier.',
  'dashboard.pickCreditor': 'Choisissez un créancier pour voir ses résultats.',

  'portal.loading': 'Chargement de votre dossier…',
  'portal.hello': 'Bonjour {name},',
  'portal.intro': 'Voici le détail des sommes restant dues à {creditor} (dossier {reference}).',
  'portal.invoices': 'Factures',
  'portal.invoice': 'Facture',
  'portal.issued': 'Émise le',
  'portal.due': 'Échéance',
  'portal.amount': 'Montant',
  'portal.payments': 'Paiements reçus',
  'portal.total': 'Total des factures',
  'portal.paid': 'Déjà payé',
  'portal.balance': 'Reste à payer',
  'portal.payNow': 'Payer {amount}',
  'portal.redirecting': 'Redirection vers le paiement…',
  'portal.settled': 'Votre dossier est soldé. Merci.',
  'portal.success': 'Paiement reçu, merci.',
  'portal.successPending': 'Paiement reçu, merci. La mise à jour de votre solde peut prendre quelques instants.',
  'portal.cancelled': 'Paiement non abouti. Aucun montant n’a été débité ; vous pouvez réessayer.',
  'portal.linkExpires': "Ce lien personnel est valable jusqu'au {date}.",
  'portal.securePayment': 'Paiement sécurisé par carte bancaire.',
  'portal.errorTitle': 'Lien indisponible',
  'portal.collectedBy': 'Recouvrement amiable confié à {agency}.',
  'portal.unpaidInvoices': 'Factures impayées',
  'portal.interestAsOf': 'Intérêts de retard au {date}',
  'portal.indemnity': 'Indemnité forfaitaire de recouvrement (40 € par facture, article D441-5 du Code de commerce)',
  'portal.interestExplained':
    "Les intérêts de retard sont calculés jour après jour sur les sommes restant impayées, au taux prévu par la loi ou par le contrat ; ils s'arrêtent dès que tout est réglé.",
  'portal.amountsTitle': 'Ce qui reste dû',

  'nav.rates': "Taux d'intérêt",

  'case.balanceAsOf': 'Décompte au {date}, intérêts et indemnités compris',
  'case.balanceWithoutInterest': 'Hors intérêts : décompte indisponible',

  'statement.title': 'Décompte',
  'statement.subtitle': 'Chaque élément séparément : principal, intérêts, indemnités, paiements et leur imputation.',
  'statement.asOf': 'Arrêté au',
  'statement.today': "Aujourd'hui",
  'statement.principal': 'Principal',
  'statement.interest': 'Intérêts de retard',
  'statement.indemnities': 'Indemnités forfaitaires de recouvrement',
  'statement.payments': 'Paiements et imputation',
  'statement.claim': 'Facture',
  'statement.issueDate': 'Émise le',
  'statement.dueDate': 'Échéance',
  'statement.period': 'Période',
  'statement.periodRange': 'du {from} au {to}',
  'statement.days': 'Jours',
  'statement.yearDays': 'sur {days} j',
  'statement.rate': 'Taux annuel',
  'statement.base': 'Base',
  'statement.amount': 'Montant',
  'statement.legalBasis': 'Fondement',
  'statement.date': 'Date',
  'statement.allocation': 'Imputation',
  'statement.credit': 'À rembourser',
  'statement.noInterest': "Aucun intérêt à cette date.",
  'statement.noIndemnity': 'Aucune indemnité forfaitaire.',
  'statement.noPayment': 'Aucun paiement à cette date.',
  'statement.element.principal': 'principal',
  'statement.element.interest': 'intérêts',
  'statement.element.indemnity': 'indemnité',
  'statement.totals': 'Totaux',
  'statement.element': 'Élément',
  'statement.due': 'Dû',
  'statement.remaining': 'Reste dû',
  'statement.totalPaid': 'Paiements reçus',
  'statement.totalCredit': 'Trop-perçu à rembourser',
  'statement.balance': 'Solde du décompte',
  'statement.warn.floor':
    "Facture {claimRef} : le taux contractuel de {contract} est inférieur au minimum légal de {floor} (3 fois le taux légal, {halfYear}). Il est remplacé par le taux BCE + 10 points (C. com. L441-10).",
  'statement.warn.noMiseEnDemeure':
    "Aucun intérêt n'est compté tant qu'une mise en demeure n'a pas été envoyée à ce débiteur particulier (C. civ. 1231-6, 1344-1). Factures concernées : {claimRefs}.",
  'statement.warn.afterAsOf': "Le paiement du {date} est postérieur à la date du décompte : il n'y figure pas.",
  'statement.warn.overpayment': 'Le paiement du {date} dépasse ce qui restait dû : {amount} sont à rembourser au payeur.',
  'statement.missingRateTitle': 'Décompte impossible pour le moment',
  'statement.missingRateHalfYear': 'Semestre à ajouter : {halfYear}',
  'statement.addRates': 'Ajouter les taux',

  'payment.title': 'Enregistrer un paiement',
  'payment.help': 'Somme reçue hors du portail : virement, chèque, paiement direct au créancier…',
  'payment.date': 'Reçu le',
  'payment.amount': 'Montant (€)',
  'payment.amountPlaceholder': '1 234,56',
  'payment.amountInvalid': 'Montant invalide : chiffres et au plus deux décimales, par ex. 1 234,56',
  'payment.amountPositive': 'Le montant doit être supérieur à zéro',
  'payment.amountPreview': 'Soit {amount}',
  'payment.dateRequired': 'Indiquez la date de réception',
  'payment.method': 'Moyen de paiement',
  'payment.method.transfer': 'Virement',
  'payment.method.cheque': 'Chèque',
  'payment.method.card': 'Carte',
  'payment.method.other': 'Autre',
  'payment.method.direct_to_creditor': 'Payé directement au créancier',
  'payment.claim': 'Facture désignée par le payeur',
  'payment.claimNone': 'Aucune (imputation légale)',
  'payment.claimHelp': "Sans désignation, le paiement est imputé selon l'ordre légal (C. civ. 1342-10).",
  'payment.submit': 'Enregistrer le paiement',
  'payment.saved': 'Paiement de {amount} enregistré',

  'rates.title': "Taux d'intérêt",
  'rates.subtitle':
    'Par semestre : taux BCE (pénalités de retard entre professionnels, C. com. L441-10) et taux légal (CMF L313-2).',
  'rates.halfYear': 'Semestre',
  'rates.ecb': 'Taux BCE',
  'rates.penalty': 'Pénalités (BCE + 10 points)',
  'rates.legalPrivate': 'Taux légal, créancier particulier',
  'rates.legalOther': 'Taux légal, autres cas',
  'rates.source': 'Source',
  'rates.source.built_in': 'Intégré',
  'rates.source.added': 'Ajouté',
  'rates.addedOn': 'Ajouté le {date}',
  'rates.current': 'en cours',
  'rates.h1': '1er semestre {year}',
  'rates.h2': '2e semestre {year}',
  'rates.missingTitle': 'Taux manquants',
  'rates.missingText':
    "Les taux de ces semestres ne sont pas enregistrés : les décomptes qui en ont besoin ne peuvent pas être calculés, et les débiteurs ne voient que le principal.",
  'rates.missingAdmin': 'Ajoutez-les avec le formulaire ci-dessous dès leur publication.',
  'rates.missingAskAdmin': 'Un administrateur doit les ajouter.',
  'rates.empty': 'Aucun taux enregistré.',
  'rates.formTitle': 'Ajouter un semestre',
  'rates.formHelp':
    'Taux publiés : taux de refinancement de la BCE en vigueur au 1er janvier ou au 1er juillet, taux légal fixé par arrêté au Journal officiel. Saisissez des pourcentages, par ex. 2,15.',
  'rates.halfYearInvalid': 'Format attendu : AAAA-H1 ou AAAA-H2',
  'rates.percentInvalid': 'Pourcentage invalide : au plus deux décimales, par ex. 2,15',
  'rates.percentTooHigh': 'Un taux ne peut pas dépasser 100 %',
  'rates.penaltyPreview': 'Pénalités : {rate}',
  'rates.submit': 'Ajouter les taux',
  'rates.saved': 'Taux du semestre {halfYear} enregistrés',
} as const;

export type MessageKey = keyof typeof fr;

const en: Record<MessageKey, string> = {
  'common.loading': 'Loading…',
  'common.retry': 'Retry',
  'common.error': 'Something went wrong',
  'common.save': 'Save',
  'common.cancel': 'Cancel',
  'common.back': 'Back',
  'common.copy': 'Copy',
  'common.copied': 'Copied',
  'common.yes': 'Yes',
  'common.no': 'No',
  'common.none': '—',
  'common.valid': 'valid',
  'common.invalid': 'invalid',
  'common.loadMore': 'Load more',
  'common.language': 'Language',
  'common.notFound': 'Page not found',
  'common.notFoundText': 'This page does not exist (anymore).',
  'common.chooseCreditor': 'Choose a creditor',
  'common.creditor': 'Creditor',
  'common.allCreditors': 'All creditors',
  'common.required': 'Required',
  'common.shortcuts': 'Shortcuts',

  'nav.cases': 'Cases',
  'nav.creditors': 'Creditors',
  'nav.imports': 'Imports',
  'nav.dashboard': 'Dashboard',
  'nav.logout': 'Sign out',

  'role.admin': 'Administrator',
  'role.manager': 'Manager',
  'role.agent': 'Agent',
  'role.creditor': 'Creditor',

  'login.title': 'Sign in',
  'login.subtitle': 'Access the collection workspace',
  'login.email': 'Email address',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.sessionExpired': 'Your session has expired, please sign in again.',

  'cases.title': 'Cases',
  'cases.subtitle': 'Sorted by priority (amount × age)',
  'cases.search': 'Search a debtor or a reference',
  'cases.status': 'Status',
  'cases.allStatuses': 'All statuses',
  'cases.reference': 'Reference',
  'cases.debtor': 'Debtor',
  'cases.creditor': 'Creditor',
  'cases.claims': 'Invoices',
  'cases.balance': 'Balance',
  'cases.daysPastDue': 'Overdue (d)',
  'cases.empty': 'No cases',
  'cases.emptySearch': 'No case matches this search.',
  'cases.emptyAll': 'No case has been placed yet. Import invoices to get started.',
  'cases.count': '{count} cases shown',
  'cases.keyboardHint': 'j / k or ↑ / ↓ to move, Enter to open, / to search',
  'cases.days': '{days} d',

  'case.backToList': 'Back to the list',
  'case.debtor': 'Debtor',
  'case.company': 'Company',
  'case.person': 'Individual',
  'case.siren': 'SIREN',
  'case.contacts': 'Contact details',
  'case.emails': 'Emails',
  'case.phones': 'Phones',
  'case.addresses': 'Addresses',
  'case.noContact': 'No contact details',
  'case.principal': 'Principal',
  'case.paid': 'Paid',
  'case.balance': 'Balance due',
  'case.claims': 'Invoices',
  'case.invoiceRef': 'Invoice',
  'case.issueDate': 'Issued',
  'case.dueDate': 'Due',
  'case.amount': 'Amount',
  'case.payments': 'Payments',
  'case.noPayments': 'No payment received',
  'case.receivedOn': 'Received',
  'case.method': 'Method',
  'case.providerRef': 'Reference',
  'case.timeline': 'Timeline',
  'case.noActivity': 'No activity yet',
  'case.system': 'System',
  'case.openedOn': 'Opened on {date}',
  'case.oldestDue': 'Oldest due date: {date} ({days} days overdue)',
  'case.readOnly': 'Read only',
  'case.logActivity': 'Log an action',
  'case.kindCall': 'Call',
  'case.kindNote': 'Note',
  'case.outcome': 'Call outcome',
  'case.chooseOutcome': 'Choose an outcome…',
  'case.note': 'Note',
  'case.notePlaceholder': 'What was said, what was agreed…',
  'case.saveActivity': 'Save',
  'case.saveHint': 'Ctrl+Enter to save',
  'case.activitySaved': 'Action saved',
  'case.outcomeRequired': 'Choose the call outcome',
  'case.textRequired': 'The note is required',
  'case.shortcutHint': 'c: write a note · Ctrl+Enter: save · Esc or g: back to the list',
  'case.portalLink': 'Debtor payment link',
  'case.portalLinkHelp': "Personal link to the payment page in the creditor's colours.",
  'case.portalLinkGenerate': 'Generate the link',
  'case.portalLinkExpires': 'Valid until {date}',

  'status.new': 'New',
  'status.amicable': 'Amicable',
  'status.promise': 'Promise',
  'status.payment_plan': 'Payment plan',
  'status.disputed': 'Disputed',
  'status.legal': 'Legal',
  'status.bailiff': 'Bailiff',
  'status.closed': 'Closed',

  'outcome.reached_debtor': 'Reached the debtor',
  'outcome.reached_third_party': 'Reached a third party',
  'outcome.no_answer': 'No answer',
  'outcome.voicemail': 'Voicemail',
  'outcome.wrong_number': 'Wrong number',
  'outcome.refuses_to_pay': 'Refuses to pay',
  'outcome.disputes': 'Disputes the debt',
  'outcome.promise_to_pay': 'Promise to pay',
  'outcome.plan_agreed': 'Payment plan agreed',
  'outcome.says_already_paid': 'Says already paid',
  'outcome.asks_callback': 'Asks to be called back',

  'activity.import': 'Import',
  'activity.call': 'Call',
  'activity.note': 'Note',
  'activity.payment': 'Payment',
  'activity.status_change': 'Status change',
  'activity.portal_visit': 'Portal visit',
  'activity.checkout': 'Online payment',

  'method.card': 'Card',
  'method.transfer': 'Transfer',
  'method.cheque': 'Cheque',
  'method.direct_to_creditor': 'Paid to the creditor',
  'method.other': 'Other',

  'creditors.title': 'Creditors',
  'creditors.new': 'New creditor',
  'creditors.legalName': 'Legal name',
  'creditors.brand': 'Brand',
  'creditors.kind': 'Kind',
  'creditors.siren': 'SIREN',
  'creditors.mandate': 'Mandate',
  'creditors.mandateValid': 'Valid',
  'creditors.mandateInvalid': 'Not valid',
  'creditors.empty': 'No creditor yet.',
  'creditors.kind.company': 'Company',
  'creditors.kind.private_individual': 'Private individual',
  'creditors.identity': 'Identity',
  'creditors.address': 'Address',
  'creditors.line1': 'Address',
  'creditors.line2': 'Address line 2',
  'creditors.postalCode': 'Postal code',
  'creditors.city': 'City',
  'creditors.displayName': 'Name shown to debtors',
  'creditors.primaryColor': 'Primary colour',
  'creditors.mandateRef': 'Mandate reference',
  'creditors.mandateSigned': 'Signed on',
  'creditors.mandateUntil': 'Valid until (optional)',
  'creditors.create': 'Create the creditor',
  'creditors.created': 'Creditor created',
  'creditors.sirenHelp': '9 digits, required for a company',
  'creditors.logo': 'Logo',
  'creditors.logoHelp': 'PNG or SVG, at most 512 KB. Shown on payment pages and letters.',
  'creditors.noLogo': 'No logo',
  'creditors.logoUploaded': 'Logo saved',
  'creditors.uploading': 'Uploading…',
  'creditors.users': "Creditor's users",
  'creditors.noUsers': 'Nobody has access to the creditor space yet.',
  'creditors.newUser': 'Create a user for this creditor',
  'creditors.userEmail': 'Email address',
  'creditors.userName': 'Name',
  'creditors.userPassword': 'Initial password',
  'creditors.userPasswordHelp': 'At least 12 characters',
  'creditors.userLocale': 'Language',
  'creditors.userCreate': 'Create the user',
  'creditors.userCreated': 'User created',
  'creditors.createdOn': 'Created on {date}',
  'creditors.validUntil': 'until {date}',
  'creditors.openEnded': 'open-ended',

  'imports.title': 'Imports',
  'imports.subtitle': 'Place new unpaid invoices with a CSV file',
  'imports.file': 'CSV file',
  'imports.submit': 'Import',
  'imports.creditorRequired': 'Choose the creditor',
  'imports.fileRequired': 'Choose a file',
  'imports.result': 'Import result',
  'imports.rows': 'Rows',
  'imports.created': 'Created',
  'imports.updated': 'Updated',
  'imports.unchanged': 'Unchanged',
  'imports.rejected': 'Rejected',
  'imports.casesCreated': 'Cases created',
  'imports.rejections': 'Rejected lines',
  'imports.noRejections': 'No line was rejected.',
  'imports.line': 'Line',
  'imports.column': 'Column',
  'imports.reason': 'Reason',
  'imports.expected': 'Expected format',
  'imports.expectedHelp': 'Separator ";" or ",", UTF-8. Amounts "1 234,56" or "1234.56", dates DD/MM/YYYY or YYYY-MM-DD. debtor_type: societe or particulier.',
  'imports.sample': 'Sample',
  'imports.downloadSample': 'Download the sample',
  'imports.history': 'Previous imports',
  'imports.noHistory': 'No import yet.',
  'imports.date': 'Date',
  'imports.fileName': 'File',
  'imports.status': 'Status',
  'imports.status.pending': 'Pending',
  'imports.status.running': 'Running',
  'imports.status.completed': 'Completed',
  'imports.status.failed': 'Failed',
  'imports.done': 'Import finished',

  'dashboard.title': 'Dashboard',
  'dashboard.casesPlaced': 'Cases placed',
  'dashboard.casesOpen': '{count} open',
  'dashboard.amountPlaced': 'Amount placed',
  'dashboard.amountCollected': 'Amount collected',
  'dashboard.recoveryRate': 'Recovery rate',
  'dashboard.byMonth': 'Placed and collected by month',
  'dashboard.placed': 'Placed',
  'dashboard.collected': 'Collected',
  'dashboard.byStatus': 'Cases by status',
  'dashboard.noData': 'No data for this creditor yet.',
  'dashboard.pickCreditor': 'Choose a creditor to see its results.',

  'portal.loading': 'Loading your file…',
  'portal.hello': 'Hello {name},',
  'portal.intro': 'Here is what remains due to {creditor} (file {reference}).',
  'portal.invoices': 'Invoices',
  'portal.invoice': 'Invoice',
  'portal.issued': 'Issued',
  'portal.due': 'Due',
  'portal.amount': 'Amount',
  'portal.payments': 'Payments received',
  'portal.total': 'Invoices total',
  'portal.paid': 'Already paid',
  'portal.balance': 'Left to pay',
  'portal.payNow': 'Pay {amount}',
  'portal.redirecting': 'Redirecting to the payment…',
  'portal.settled': 'Your file is settled. Thank you.',
  'portal.success': 'Payment received, thank you.',
  'portal.successPending': 'Payment received, thank you. Your balance may take a few moments to update.',
  'portal.cancelled': 'Payment not completed. Nothing was charged; you can try again.',
  'portal.linkExpires': 'This personal link is valid until {date}.',
  'portal.securePayment': 'Secure card payment.',
  'portal.errorTitle': 'Link unavailable',
  'portal.collectedBy': 'Amicable collection entrusted to {agency}.',
  'portal.unpaidInvoices': 'Unpaid invoices',
  'portal.interestAsOf': 'Late-payment interest as of {date}',
  'portal.indemnity': 'Fixed recovery indemnity (€40 per invoice, article D441-5 of the French Commercial Code)',
  'portal.interestExplained':
    'Late-payment interest is calculated day by day on the amounts still unpaid, at the rate set by law or by the contract; it stops as soon as everything is paid.',
  'portal.amountsTitle': 'What remains due',

  'nav.rates': 'Interest rates',

  'case.balanceAsOf': 'Statement as of {date}, interest and indemnities included',
  'case.balanceWithoutInterest': 'Interest excluded: statement unavailable',

  'statement.title': 'Statement of account',
  'statement.subtitle': 'Each element separately: principal, interest, indemnities, payments and how they were allocated.',
  'statement.asOf': 'As of',
  'statement.today': 'Today',
  'statement.principal': 'Principal',
  'statement.interest': 'Late-payment interest',
  'statement.indemnities': 'Fixed recovery indemnities',
  'statement.payments': 'Payments and allocation',
  'statement.claim': 'Invoice',
  'statement.issueDate': 'Issued',
  'statement.dueDate': 'Due',
  'statement.period': 'Period',
  'statement.periodRange': '{from} to {to}',
  'statement.days': 'Days',
  'statement.yearDays': 'of {days} d',
  'statement.rate': 'Annual rate',
  'statement.base': 'Base',
  'statement.amount': 'Amount',
  'statement.legalBasis': 'Legal basis',
  'statement.date': 'Date',
  'statement.allocation': 'Allocated to',
  'statement.credit': 'To refund',
  'statement.noInterest': 'No interest at this date.',
  'statement.noIndemnity': 'No fixed indemnity.',
  'statement.noPayment': 'No payment at this date.',
  'statement.element.principal': 'principal',
  'statement.element.interest': 'interest',
  'statement.element.indemnity': 'indemnity',
  'statement.totals': 'Totals',
  'statement.element': 'Element',
  'statement.due': 'Due',
  'statement.remaining': 'Remaining',
  'statement.totalPaid': 'Payments received',
  'statement.totalCredit': 'Overpayment to refund',
  'statement.balance': 'Statement balance',
  'statement.warn.floor':
    'Invoice {claimRef}: the contract rate of {contract} is below the legal minimum of {floor} (3 times the legal rate, {halfYear}). The ECB rate + 10 points applies instead (C. com. L441-10).',
  'statement.warn.noMiseEnDemeure':
    'No interest is counted until a formal notice (mise en demeure) has been sent to this consumer debtor (C. civ. 1231-6, 1344-1). Invoices concerned: {claimRefs}.',
  'statement.warn.afterAsOf': 'The payment of {date} is after the statement date: it is not included.',
  'statement.warn.overpayment': 'The payment of {date} exceeds what was still due: {amount} must be refunded to the payer.',
  'statement.missingRateTitle': 'The statement cannot be computed yet',
  'statement.missingRateHalfYear': 'Half-year to add: {halfYear}',
  'statement.addRates': 'Add the rates',

  'payment.title': 'Record a payment',
  'payment.help': 'Money received outside the portal: transfer, cheque, paid directly to the creditor…',
  'payment.date': 'Received on',
  'payment.amount': 'Amount (€)',
  'payment.amountPlaceholder': '1234.56',
  'payment.amountInvalid': 'Invalid amount: digits with at most two decimals, e.g. 1234.56',
  'payment.amountPositive': 'The amount must be greater than zero',
  'payment.amountPreview': 'That is {amount}',
  'payment.dateRequired': 'Enter the date the money was received',
  'payment.method': 'Payment method',
  'payment.method.transfer': 'Bank transfer',
  'payment.method.cheque': 'Cheque',
  'payment.method.card': 'Card',
  'payment.method.other': 'Other',
  'payment.method.direct_to_creditor': 'Paid directly to the creditor',
  'payment.claim': 'Invoice designated by the payer',
  'payment.claimNone': 'None (legal order of allocation)',
  'payment.claimHelp': 'Without a designation, the payment is allocated in the legal order (C. civ. 1342-10).',
  'payment.submit': 'Record the payment',
  'payment.saved': 'Payment of {amount} recorded',

  'rates.title': 'Interest rates',
  'rates.subtitle':
    'Per half-year: ECB rate (late-payment penalties between businesses, C. com. L441-10) and the legal rate (CMF L313-2).',
  'rates.halfYear': 'Half-year',
  'rates.ecb': 'ECB rate',
  'rates.penalty': 'Penalties (ECB + 10 points)',
  'rates.legalPrivate': 'Legal rate, private-individual creditor',
  'rates.legalOther': 'Legal rate, other cases',
  'rates.source': 'Source',
  'rates.source.built_in': 'Built in',
  'rates.source.added': 'Added',
  'rates.addedOn': 'Added on {date}',
  'rates.current': 'current',
  'rates.h1': 'First half of {year}',
  'rates.h2': 'Second half of {year}',
  'rates.missingTitle': 'Missing rates',
  'rates.missingText':
    'The rates of these half-years are not recorded: statements that need them cannot be computed, and debtors only see the principal.',
  'rates.missingAdmin': 'Add them with the form below as soon as they are published.',
  'rates.missingAskAdmin': 'An administrator must add them.',
  'rates.empty': 'No rate recorded.',
  'rates.formTitle': 'Add a half-year',
  'rates.formHelp':
    'Published rates: the ECB main refinancing rate in force on 1 January or 1 July, and the legal rate set by order in the Journal officiel. Type percentages, e.g. 2.15.',
  'rates.halfYearInvalid': 'Expected format: YYYY-H1 or YYYY-H2',
  'rates.percentInvalid': 'Invalid percentage: at most two decimals, e.g. 2.15',
  'rates.percentTooHigh': 'A rate cannot exceed 100%',
  'rates.penaltyPreview': 'Penalties: {rate}',
  'rates.submit': 'Add the rates',
  'rates.saved': 'Rates of half-year {halfYear} recorded',
};

const dictionaries: Record<Locale, Record<MessageKey, string>> = { fr, en };
const storageKey = 'relance.locale';

function readStoredLocale(): Locale {
  try {
    const stored = globalThis.localStorage?.getItem(storageKey);
    if (stored === 'fr' || stored === 'en') return stored;
  } catch {
    // Storage may be blocked (private mode, sandboxed iframe): French is the default.
  }
  return 'fr';
}

let currentLocale: Locale = readStoredLocale();
const listeners = new Set<() => void>();

export function getLocale(): Locale {
  return currentLocale;
}

export function setLocale(locale: Locale): void {
  if (locale === currentLocale) return;
  currentLocale = locale;
  try {
    globalThis.localStorage?.setItem(storageKey, locale);
  } catch {
    // Not persisted: the choice still applies to this page.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  for (const listener of listeners) listener();
}

export function subscribeLocale(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export type Params = Record<string, string | number>;

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const template = dictionaries[locale][key] ?? fr[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

/** Translate with the current locale (outside React). */
export function t(key: MessageKey, params?: Params): string {
  return translate(currentLocale, key, params);
}

/** Translate a key built at run time (enum values); falls back to the raw value. */
export function tOr(locale: Locale, key: string, fallback: string): string {
  const dictionary = dictionaries[locale] as Record<string, string>;
  return dictionary[key] ?? fallback;
}

export function useLocale(): Locale {
  return useSyncExternalStore(subscribeLocale, getLocale, getLocale);
}

export type Translate = ((key: MessageKey, params?: Params) => string) & {
  locale: Locale;
  /** For keys built from enum values: `t.dyn('status.' + status, status)`. */
  dyn: (key: string, fallback: string) => string;
};

/** The translate function of the current locale; components re-render when it changes. */
export function useT(): Translate {
  const locale = useLocale();
  return useMemo(
    () =>
      Object.assign((key: MessageKey, params?: Params) => translate(locale, key, params), {
        locale,
        dyn: (key: string, fallback: string) => tOr(locale, key, fallback),
      }),
    [locale],
  );
}

const intlLocale = (locale: Locale) => (locale === 'fr' ? 'fr-FR' : 'en-GB');
const moneyFormats = new Map<string, Intl.NumberFormat>();

/** 123456 cents -> "1 234,56 €" in French, "€1,234.56" in English. */
export function formatMoney(cents: number, currency = 'EUR', locale: Locale = currentLocale): string {
  const key = `${locale}:${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(intlLocale(locale), { style: 'currency', currency });
    moneyFormats.set(key, format);
  }
  return format.format(cents / 100);
}

export function formatPercent(ratio: number, locale: Locale = currentLocale): string {
  return new Intl.NumberFormat(intlLocale(locale), { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
}

export function formatNumber(value: number, locale: Locale = currentLocale): string {
  return new Intl.NumberFormat(intlLocale(locale)).format(value);
}

/** Business date "YYYY-MM-DD" -> "dd/mm/yyyy" (no time zone involved: it is a calendar date). */
export function formatDate(isoDate: string | null | undefined, locale: Locale = currentLocale): string {
  if (!isoDate) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return isoDate;
  const [, year, month, day] = match;
  return locale === 'fr' ? `${day}/${month}/${year}` : `${day}/${month}/${year}`;
}

/** Instant (ISO 8601, UTC) -> date and time in the agency's time zone. */
export function formatDateTime(instant: string | null | undefined, locale: Locale = currentLocale): string {
  if (!instant) return '—';
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return new Intl.DateTimeFormat(intlLocale(locale), {
    timeZone: 'Europe/Paris',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

/** Instant -> calendar date in the agency's time zone. */
export function formatInstantDate(instant: string | null | undefined, locale: Locale = currentLocale): string {
  if (!instant) return '—';
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return new Intl.DateTimeFormat(intlLocale(locale), {
    timeZone: 'Europe/Paris',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(date);
}

/** "2025-03" -> "mars 2025" / "Mar 2025". */
export function formatMonth(yearMonth: string, locale: Locale = currentLocale): string {
  const match = /^(\d{4})-(\d{2})$/.exec(yearMonth);
  if (!match) return yearMonth;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  return new Intl.DateTimeFormat(intlLocale(locale), { timeZone: 'UTC', month: 'short', year: 'numeric' }).format(date);
}
