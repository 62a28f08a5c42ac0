import type { Messages } from '../../shared/i18n.ts';

export const agencyMessages = {
  'agency.title': { fr: "Profil de l'agence", en: 'Agency profile' },
  'agency.noProfile': { fr: "Le profil de l'agence n'a pas encore été rempli.", en: 'The agency profile has not been filled in yet.' },
  'agency.updatedAt': { fr: 'Mis à jour le {date}', en: 'Updated {date}' },
  'agency.compliant': { fr: 'Registres R124-2 en règle', en: 'R124-2 records in order' },
  'agency.notCompliant': { fr: 'Registres R124-2 incomplets', en: 'R124-2 records incomplete' },
  'agency.readOnly': { fr: "Seul un administrateur peut modifier le profil de l'agence.", en: 'Only an administrator can edit the agency profile.' },
  'agency.identity': { fr: 'Identité', en: 'Identity' },
  'agency.name': { fr: 'Raison sociale', en: 'Company name' },
  'agency.legalForm': { fr: 'Forme juridique', en: 'Legal form' },
  'agency.records': { fr: 'Obligations R124-2', en: 'R124-2 obligations' },
  'agency.recordsHelp': {
    fr: "Avant toute activité de recouvrement : assurance de responsabilité civile professionnelle, compte réservé aux fonds encaissés pour les créanciers, et déclaration écrite des deux au procureur de la République (art. R124-2 CPCE).",
    en: 'Before any collection activity: professional liability insurance, an account used only for funds collected for creditors, and a written declaration of both to the procureur de la République (art. R124-2 CPCE).',
  },
  'agency.insurance': { fr: 'Assurance de responsabilité civile professionnelle', en: 'Professional liability insurance' },
  'agency.insurer': { fr: 'Assureur', en: 'Insurer' },
  'agency.policyNumber': { fr: 'Numéro de police', en: 'Policy number' },
  'agency.expiresOn': { fr: 'Fin de garantie', en: 'Cover ends on' },
  'agency.clientFunds': {
    fr: 'Compte des fonds de tiers (fonds encaissés pour les créanciers)',
    en: 'Client funds account (funds collected for creditors)',
  },
  'agency.procureur': { fr: 'Déclaration au procureur de la République', en: 'Declaration to the procureur de la République' },
  'agency.procureurDeclaredOn': { fr: 'Date de la déclaration écrite', en: 'Date of the written declaration' },
  'agency.saved': { fr: "Profil de l'agence enregistré", en: 'Agency profile saved' },
  'agency.alertTitle': {
    fr: "Nouvelles créances refusées tant que les registres de l'agence sont incomplets",
    en: "New claims are refused until the agency's records are complete",
  },
  'agency.alertText': {
    fr: "Les imports et la création de dossiers sont bloqués jusqu'à ce que ces points soient réglés (art. R124-2 CPCE) :",
    en: 'Imports and new cases are blocked until these points are settled (art. R124-2 CPCE):',
  },
  'agency.alertLink': { fr: "Compléter le profil de l'agence", en: 'Complete the agency profile' },
  'agency.warningTitle': { fr: "Un registre de l'agence arrive à échéance", en: 'An agency record expires soon' },
  'agency.warning.insurance_expiring_soon': {
    fr: "L'assurance de responsabilité civile professionnelle expire le {date} (dans {days} jours) : renouvelez-la et saisissez la nouvelle date.",
    en: 'The professional liability insurance expires on {date} (in {days} days): renew it and enter the new date.',
  },
  'agency.problem.insurance_missing': {
    fr: "Aucune assurance de responsabilité civile professionnelle n'est enregistrée (assureur, numéro de police, date de fin).",
    en: 'No professional liability insurance is recorded (insurer, policy number, end date).',
  },
  'agency.problem.insurance_expired': {
    fr: "L'assurance de responsabilité civile professionnelle a expiré le {date}.",
    en: 'The professional liability insurance expired on {date}.',
  },
  'agency.problem.client_funds_account_missing': {
    fr: "Le compte réservé aux fonds encaissés pour les créanciers (IBAN) n'est pas renseigné.",
    en: 'The account for funds collected for creditors (IBAN) is missing.',
  },
  'agency.problem.procureur_declaration_missing': {
    fr: "La date de la déclaration au procureur de la République n'est pas renseignée.",
    en: 'The date of the declaration to the procureur de la République is missing.',
  },
  'agency.contactTitle': { fr: 'Règles de contact', en: 'Contact rules' },
  'agency.contactHelp': {
    fr: 'Appels de 8 h à 20 h (heure de Paris), du lundi au samedi, hors jours fériés ; contact suspendu en cas de litige ou de vulnérabilité.',
    en: 'Calls from 8 am to 8 pm (Paris time), Monday to Saturday, except public holidays; contact paused on a dispute or a vulnerability flag.',
  },
  'agency.contactCap': { fr: 'Contacts au plus par débiteur sur 7 jours', en: 'At most contacts per debtor over 7 days' },
  'agency.contactCapHelp': {
    fr: 'Tous canaux (appels, courriers, e-mails, SMS) et tous créanciers confondus.',
    en: 'Across channels (calls, letters, emails, texts) and creditors.',
  },
  'agency.contactMode': { fr: 'Quand un appel enfreint une règle', en: 'When a call breaks a rule' },
  'agency.contactModeWarn': { fr: 'Avertir (l\'appel est enregistré avec l\'avertissement)', en: 'Warn (the call is logged with the warning)' },
  'agency.contactModeBlock': { fr: 'Bloquer (l\'appel est refusé)', en: 'Block (the call is refused)' },
  'agency.contactSaved': { fr: 'Règles de contact enregistrées', en: 'Contact rules saved' },
  'agency.contactReadOnly': { fr: 'Seul un responsable peut modifier ces réglages.', en: 'Only a manager can change these settings.' },

  'settings.title': { fr: 'Sécurité des connexions', en: 'Sign-in security' },
  'settings.help': {
    fr: "Exiger la double authentification du personnel (administrateurs, responsables, agents) : à sa prochaine connexion, un membre du personnel qui ne l'a pas encore doit l'activer avant d'accéder à l'application. Activez-la d'abord sur votre propre compte.",
    en: 'Require two-factor authentication from staff (administrators, managers, agents): at their next sign-in, staff who do not use it yet must turn it on before reaching the application. Turn it on for your own account first.',
  },
  'settings.require': { fr: 'Exiger la double authentification pour le personnel', en: 'Require two-factor authentication for staff' },
  'settings.saved': { fr: 'Réglage enregistré.', en: 'Setting saved.' },
  'settings.ownAccount': { fr: 'Sécurité de mon compte', en: 'My account security' },
} satisfies Messages;
