import type { Messages } from '../../shared/i18n.ts';

export const apiKeysMessages = {
  'apiKeys.title': { fr: "Clés d'API", en: 'API keys' },
  'apiKeys.help': {
    fr: "Une clé permet à un de vos systèmes (ERP, comptabilité) d'appeler l'API en votre nom, sans connexion.",
    en: 'A key lets one of your systems (ERP, accounting) call the API on your behalf, without signing in.',
  },
  'apiKeys.name': { fr: 'Nom', en: 'Name' },
  'apiKeys.namePlaceholder': { fr: 'ERP Sage — production', en: 'ERP Sage — production' },
  'apiKeys.create': { fr: 'Créer une clé', en: 'Create a key' },
  'apiKeys.createdTitle': { fr: 'Clé « {name} » créée', en: 'Key “{name}” created' },
  'apiKeys.secretWarning': {
    fr: "Copiez cette clé maintenant et conservez-la en lieu sûr : elle ne sera plus jamais affichée. En cas de perte, révoquez-la et créez-en une autre.",
    en: 'Copy this key now and keep it somewhere safe: it will never be shown again. If it is lost, revoke it and create another.',
  },
  'apiKeys.usage': {
    fr: 'À envoyer dans l’en-tête Authorization: Bearer <clé> ou X-Api-Key: <clé>.',
    en: 'Send it as Authorization: Bearer <key> or X-Api-Key: <key>.',
  },
  'apiKeys.none': { fr: "Aucune clé d'API.", en: 'No API keys.' },
  'apiKeys.prefix': { fr: 'Début de la clé', en: 'Key starts with' },
  'apiKeys.createdAt': { fr: 'Créée le', en: 'Created' },
  'apiKeys.lastUsedAt': { fr: 'Dernière utilisation', en: 'Last used' },
  'apiKeys.neverUsed': { fr: 'Jamais', en: 'Never' },
  'apiKeys.revoke': { fr: 'Révoquer', en: 'Revoke' },
  'apiKeys.revokeConfirm': {
    fr: 'Révoquer la clé « {name} » ? Les appels qui l’utilisent seront refusés immédiatement.',
    en: 'Revoke the key “{name}”? Calls using it will be refused at once.',
  },
  'apiKeys.revokedAt': { fr: 'Révoquée le {date}', en: 'Revoked {date}' },
} satisfies Messages;
