import type { Messages } from '../../shared/i18n.ts';

export const legalMessages = {
  'rates.title': { fr: "Taux d'intérêt", en: 'Interest rates' },
  'rates.subtitle': {
    fr: 'Par semestre : taux BCE (pénalités de retard entre professionnels, C. com. L441-10) et taux légal (CMF L313-2).',
    en: 'Per half-year: ECB rate (late-payment penalties between businesses, C. com. L441-10) and the legal rate (CMF L313-2).',
  },
  'rates.halfYear': { fr: 'Semestre', en: 'Half-year' },
  'rates.ecb': { fr: 'Taux BCE', en: 'ECB rate' },
  'rates.penalty': { fr: 'Pénalités (BCE + 10 points)', en: 'Penalties (ECB + 10 points)' },
  'rates.legalPrivate': { fr: 'Taux légal, créancier particulier', en: 'Legal rate, private-individual creditor' },
  'rates.legalOther': { fr: 'Taux légal, autres cas', en: 'Legal rate, other cases' },
  'rates.source': { fr: 'Source', en: 'Source' },
  'rates.source.built_in': { fr: 'Intégré', en: 'Built in' },
  'rates.source.added': { fr: 'Ajouté', en: 'Added' },
  'rates.addedOn': { fr: 'Ajouté le {date}', en: 'Added on {date}' },
  'rates.current': { fr: 'en cours', en: 'current' },
  'rates.h1': { fr: '1er semestre {year}', en: 'First half of {year}' },
  'rates.h2': { fr: '2e semestre {year}', en: 'Second half of {year}' },
  'rates.missingTitle': { fr: 'Taux manquants', en: 'Missing rates' },
  'rates.missingText': {
    fr: "Les taux de ces semestres ne sont pas enregistrés : les décomptes qui en ont besoin ne peuvent pas être calculés, et les débiteurs ne voient que le principal.",
    en: 'The rates of these half-years are not recorded: statements that need them cannot be computed, and debtors only see the principal.',
  },
  'rates.missingAdmin': {
    fr: 'Ajoutez-les avec le formulaire ci-dessous dès leur publication.',
    en: 'Add them with the form below as soon as they are published.',
  },
  'rates.missingAskAdmin': { fr: 'Un administrateur doit les ajouter.', en: 'An administrator must add them.' },
  'rates.empty': { fr: 'Aucun taux enregistré.', en: 'No rate recorded.' },
  'rates.formTitle': { fr: 'Ajouter un semestre', en: 'Add a half-year' },
  'rates.formHelp': {
    fr: 'Taux publiés : taux de refinancement de la BCE en vigueur au 1er janvier ou au 1er juillet, taux légal fixé par arrêté au Journal officiel. Saisissez des pourcentages, par ex. 2,15.',
    en: 'Published rates: the ECB main refinancing rate in force on 1 January or 1 July, and the legal rate set by order in the Journal officiel. Type percentages, e.g. 2.15.',
  },
  'rates.halfYearInvalid': { fr: 'Format attendu : AAAA-H1 ou AAAA-H2', en: 'Expected format: YYYY-H1 or YYYY-H2' },
  'rates.percentInvalid': {
    fr: 'Pourcentage invalide : au plus deux décimales, par ex. 2,15',
    en: 'Invalid percentage: at most two decimals, e.g. 2.15',
  },
  'rates.percentTooHigh': { fr: 'Un taux ne peut pas dépasser 100 %', en: 'A rate cannot exceed 100%' },
  'rates.penaltyPreview': { fr: 'Pénalités : {rate}', en: 'Penalties: {rate}' },
  'rates.submit': { fr: 'Ajouter les taux', en: 'Add the rates' },
  'rates.saved': { fr: 'Taux du semestre {halfYear} enregistrés', en: 'Rates of half-year {halfYear} recorded' },
} satisfies Messages;
