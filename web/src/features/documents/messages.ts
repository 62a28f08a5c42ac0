import type { Messages } from '../../shared/i18n.ts';

export const documentsMessages = {
  'documents.title': { fr: 'Documents', en: 'Documents' },
  'documents.upload': { fr: 'Ajouter un fichier', en: 'Add a file' },
  'documents.uploadTitle': { fr: 'Titre (facultatif)', en: 'Title (optional)' },
  'documents.uploadTitlePlaceholder': { fr: 'Ex. : courrier du débiteur', en: "E.g. the debtor's letter" },
  'documents.uploadHelp': { fr: 'PDF, PNG, JPEG ou texte, 10 Mo au plus', en: 'PDF, PNG, JPEG or text, 10 MB at most' },
  'documents.uploading': { fr: 'Envoi du fichier', en: 'Uploading the file' },
  'documents.uploaded': { fr: 'Fichier ajouté : {name}', en: 'File added: {name}' },
  'documents.uploadFailed': { fr: 'Fichier refusé', en: 'File refused' },
  'documents.tooLarge': { fr: 'Le fichier dépasse la taille maximale de 10 Mo.', en: 'The file exceeds the 10 MB maximum size.' },
  'documents.empty': { fr: 'Aucun document', en: 'No documents' },
  'documents.emptyHelp': {
    fr: 'Les courriers, e-mails et SMS envoyés y sont conservés avec leur empreinte, ainsi que les fichiers ajoutés.',
    en: 'Letters, e-mails and SMS sent are kept here with their fingerprint, with the files added.',
  },
  'documents.download': { fr: 'Télécharger', en: 'Download' },
  'documents.kind.upload': { fr: 'Fichier ajouté', en: 'File added' },
  'documents.kind.letter': { fr: 'Courrier', en: 'Letter' },
  'documents.kind.email': { fr: 'E-mail', en: 'E-mail' },
  'documents.kind.sms': { fr: 'SMS', en: 'SMS' },
  'documents.kind.plan_agreement': { fr: 'Échéancier', en: 'Payment plan' },
  'documents.kind.receipt': { fr: 'Quittance', en: 'Receipt' },
  'documents.kind.dispute_acknowledgment': { fr: 'AR de contestation', en: 'Dispute acknowledgment' },
} satisfies Messages;
