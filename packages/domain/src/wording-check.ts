// Words the agency is responsible for (issue 15, shared legal document "Words the agency may not
// use"). The agency writes to the debtor; a creditor may propose a tone (greeting, tone paragraph,
// closing) and its signature and footer, never threats. This pure checker reads such a text and
// names every phrase that:
// - threatens a step the creditor's strategy does not plan (a mise en demeure, the legal stage, a
//   court application, a bailiff, a home visit): a misleading practice (C. conso. L121-2);
// - announces a legal step within hours ("transmis au tribunal sous 48 heures"): no court acts in
//   hours and a mise en demeure gives days (C. conso. L121-2);
// - suggests a court document or decision (assignation, jugement, commandement, titre exécutoire):
//   a writing resembling a judicial act (Code pénal 433-13, C. conso. L121-2);
// - threatens penal consequences (plainte, police, prison): moral constraint, an aggressive
//   practice (C. conso. L121-6);
// - threatens a "fichier" of bad payers: no such file is open to a collection agency; the only
//   national file (FICP) is fed by lenders for consumer credit (C. conso. L751-1, L121-2);
// - threatens publicity of the debt: revealing it to obtain payment (Code pénal 312-10, 226-22;
//   C. civ. 9, private life);
// - threatens to contact third parties (employer, family, neighbours): disclosure of the debt
//   (Code pénal 226-22; C. civ. 9) and aggressive practice (C. conso. L121-6);
// - threatens repeated calls or messages (Code pénal 222-16, C. conso. L121-6);
// - claims collection fees, which stay with the creditor without an enforceable title (CPCE L111-8).
// Matching ignores case, accents, punctuation and spacing (also letters spaced out to dodge it:
// "h u i s s i e r"). It is deliberately strict: a paragraph that merely mentions the employer or a
// bailiff, even to say "we will not", is refused; the agency's own templates say what the law lets
// it say. French and English texts are read alike (the wording exists in both languages).

export type LocalizedText = { readonly fr: string; readonly en: string };

/** Texts a creditor may word: per language (greeting, tone, closing) and on its brand (signature, footer). */
export const wordingFields = ['greeting', 'toneParagraph', 'closing', 'signature', 'footer'] as const;
export type WordingField = (typeof wordingFields)[number];

/** Limits (characters) of each text, the same as the API's. */
export const WORDING_LIMITS: Readonly<Record<WordingField, number>> = { greeting: 120, toneParagraph: 800, closing: 300, signature: 2000, footer: 2000 };

/**
 * Steps a creditor's letters may announce when, and only when, its strategy plans them. A strategy
 * planning a mise en demeure plans what that letter announces as the next step (C. civ. 1344: the
 * notice states the step actually planned; the agency's notice names a court application, an
 * injonction de payer, CPC 1405): the legal stage and the court application. A bailiff
 * (commissaire de justice) acts only under an enforceable title and a home visit is no step of an
 * amicable strategy: nothing plans them today; an escalation step may.
 */
export const plannableSteps = ['mise_en_demeure', 'contentieux', 'injonction_de_payer', 'commissaire_de_justice', 'home_visit'] as const;
export type PlannableStep = (typeof plannableSteps)[number];

export const STEP_NAMES: Readonly<Record<PlannableStep, LocalizedText>> = {
  mise_en_demeure: { fr: 'une mise en demeure', en: 'a formal notice' },
  contentieux: { fr: 'le passage au contentieux', en: 'the legal stage' },
  injonction_de_payer: { fr: 'une action en justice (injonction de payer)', en: 'a court action (order for payment)' },
  commissaire_de_justice: { fr: "l'intervention d'un commissaire de justice (huissier, saisie)", en: 'a bailiff (enforcement, seizure)' },
  home_visit: { fr: 'une visite au domicile ou au travail', en: 'a visit at home or at work' },
};

/**
 * The steps planned for a creditor, from the message templates of each active strategy that may
 * serve its cases: a step is planned when EVERY such strategy plans it (its wording goes to every
 * debtor, whatever strategy serves them); none when no strategy serves them.
 */
export function plannedStepsOfStrategies(strategies: readonly { readonly templates: readonly string[] }[]): PlannableStep[] {
  if (strategies.length === 0) return [];
  const everyOne = (template: string) => strategies.every((strategy) => strategy.templates.includes(template));
  return everyOne('mise_en_demeure') ? ['mise_en_demeure', 'contentieux', 'injonction_de_payer'] : [];
}

export const wordingRules = [
  'step_not_planned',
  'false_deadline',
  'court_document',
  'penal_consequences',
  'bad_payer_file',
  'debt_publicity',
  'third_party_contact',
  'harassment',
  'collection_fees',
  'too_long',
] as const;
export type WordingRule = (typeof wordingRules)[number];

export type WordingProblem = {
  readonly field: WordingField;
  readonly rule: WordingRule;
  /** The phrase as written in the text (for too_long: the whole text's first words). */
  readonly phrase: string;
  /** For step_not_planned: the step the phrase announces. */
  readonly step: PlannableStep | null;
  /** The article the rule applies, when one does. */
  readonly article: string | null;
  readonly explanation: LocalizedText;
};

type Rule = { readonly rule: Exclude<WordingRule, 'too_long'>; readonly step?: PlannableStep; readonly pattern: RegExp; readonly article: string; readonly explanation: LocalizedText };

// Patterns run on the normalised text: lower case, no accents, every other character a space,
// sentence ends as " | " (a pattern never crosses one). "(?:[a-z0-9]+ ){0,3}" allows a few words between.
const words = (...alternatives: string[]) => new RegExp(`\\b(?:${alternatives.join('|')})\\b`, 'g');
const LEGAL_TERM = 'tribunal\\w*|justice|judiciaire\\w*|juge|huissier\\w*|commissaire\\w*|contentieux|poursuites?|saisies?|avocat\\w*|injonction|to court|court action|bailiff\\w*|lawsuit|legal action';
/** Handing the file over: "transmis au tribunal", "confié à notre service contentieux". */
const HANDED = '(?:transmi|envoy|confi|remi|port|adress|saisi)\\w*';
const WITHIN_HOURS = '(?:sous|dans les|dans|d ici|en moins de|within|in|under) \\d{1,3} ?(?:h|heures?|hours?|hrs?)';

const stepRules: readonly Rule[] = [
  {
    rule: 'step_not_planned',
    step: 'mise_en_demeure',
    pattern: words('mise?s? en demeure', 'mettr\\w* en demeure', 'formal notice', 'letter before action'),
    article: 'C. conso. L121-2',
    explanation: { fr: 'annonce une mise en demeure que la stratégie de relance ne prévoit pas', en: 'announces a formal notice the dunning strategy does not plan' },
  },
  {
    rule: 'step_not_planned',
    step: 'contentieux',
    pattern: words(
      `${HANDED} (?:[a-z0-9]+ ){0,3}contentieu(?:x|se)`,
      'contentieu(?:x|se|ses)',
      'recouvrement judiciaire', 'phase judiciaire', 'service juridique', 'avocats?', 'legal department', 'litigation', 'lawyers?', 'solicitors?', 'attorneys?'),
    article: 'C. conso. L121-2',
    explanation: { fr: 'annonce un passage au contentieux que la stratégie de relance ne prévoit pas', en: 'announces a legal stage the dunning strategy does not plan' },
  },
  {
    rule: 'step_not_planned',
    step: 'injonction_de_payer',
    pattern: words(
      `${HANDED} (?:[a-z0-9]+ ){0,2}(?:tribuna(?:l|ux)|juges?|justice)`,
      'injonctions? de payer',
      'tribuna(?:l|ux)',
      '(?:le|un|au|du|les|des|devant le|devant un) juges?',
      'juridictions?(?: competentes?)?',
      'poursuites?(?! penal)(?: judiciaires?)?',
      'poursuivre? en justice',
      'poursuivi\\w* en justice',
      '(?:action|procedure|instance)s? (?:en justice|judiciaires?)',
      'saisir la justice',
      'devant la justice',
      'en justice',
      '(?:to|in|the|county|small claims) court(?! terme)',
      'court (?:action|order|proceedings|case|claim)s?',
      'judges?',
      'lawsuits?',
      'legal (?:action|proceedings)',
      'proceedings',
      'sue',
      'suing',
      'order for payment',
    ),
    article: 'C. conso. L121-2',
    explanation: { fr: 'annonce une action en justice que la stratégie de relance ne prévoit pas', en: 'announces a court action the dunning strategy does not plan' },
  },
  {
    rule: 'step_not_planned',
    step: 'commissaire_de_justice',
    pattern: words(
      'commissaires? de justice',
      'huissiers?(?: de justice)?',
      '(?<!(?:sera|est|soit|etre|ete|fut|serait) )saisies?(?: (?:sur salaire|sur (?:vos|votre) [a-z]+|de (?:vos|votre) [a-z]+|attribution|conservatoire|immobiliere|mobiliere|vente))?',
      'saisir (?:vos|votre|tes|ton|ses|son|les|des) (?:biens|comptes?|salaires?|meubles|vehicules?|voiture|remunerations?|logement|maison|mobilier)',
      'execution forcee',
      '(?:mesures?|voies?) d execution',
      'expulsion',
      'recouvrement force',
      'bailiffs?',
      'enforcement (?:officers?|agents?|action|measures?)',
      'seiz\\w+',
      'repossess\\w*',
      'garnish\\w*',
      'eviction',
    ),
    article: 'C. conso. L121-2',
    explanation: {
      fr: "annonce une mesure d'exécution (commissaire de justice, saisie) : il faut un titre exécutoire, et la stratégie ne la prévoit pas",
      en: 'announces an enforcement measure (bailiff, seizure): it needs an enforceable title, and the strategy does not plan it',
    },
  },
  {
    rule: 'step_not_planned',
    step: 'home_visit',
    pattern: words(
      'visites? (?:a|au|de|sur) (?:votre |vos )?(?:domicile|travail|lieu de travail)',
      '(?:rendr|deplac|present|passer)\\w* (?:[a-z0-9]+ ){0,3}(?:a votre domicile|chez vous|sur votre lieu de travail|a votre travail)',
      'agents? de terrain',
      'enqueteurs?',
      'home visit',
      'visit you(?: at (?:home|work))?',
      'field agents?',
      'doorstep',
      'knock on your door',
    ),
    article: 'C. conso. L121-6',
    explanation: { fr: 'annonce une visite au domicile ou au travail que la stratégie de relance ne prévoit pas', en: 'announces a visit at home or at work the dunning strategy does not plan' },
  },
];

const alwaysRules: readonly Rule[] = [
  {
    rule: 'false_deadline',
    pattern: new RegExp(`\\b(?:(?:${LEGAL_TERM})\\b[^|]{0,80}?\\b${WITHIN_HOURS}|${WITHIN_HOURS}\\b[^|]{0,80}?\\b(?:${LEGAL_TERM}))\\b`, 'g'),
    article: 'C. conso. L121-2',
    explanation: {
      fr: "annonce une suite judiciaire dans un délai d'heures : aucun tribunal n'agit ainsi et une mise en demeure laisse plusieurs jours",
      en: 'announces a legal step within hours: no court acts so, and a formal notice gives several days',
    },
  },
  {
    rule: 'court_document',
    pattern: words(
      'assignations?',
      'assign(?:er|erons|era|e|ee|es|ez) (?:[a-z0-9]+ ){0,2}(?:en justice|devant)',
      'jugements?',
      'condamn\\w+',
      'decisions? (?:de justice|judiciaires?)',
      'titres? executoires?',
      'formule executoire',
      'commandements?(?: de payer)?',
      'significations?',
      'actes? signifi\\w+',
      'sommations?(?: de payer)?',
      'ordonnances? (?:d injonction|de refere|de paiement|de payer|du juge|judiciaires?|du tribunal)',
      'actes? (?:d huissier|judiciaires?|extrajudiciaires?|de procedure)',
      'au nom du peuple francais',
      'greffe',
      'audiences?',
      'citations? a comparaitre',
      'compar(?:aitre|ution)',
      'proces verba(?:l|ux) (?:de )?(?:carence|saisie|constat|signification)',
      'judge?ments?',
      'court orders?',
      'summons',
      'writs?',
      'ccj',
      'enforceable title',
      'hearings?',
    ),
    article: 'Code pénal 433-13 ; C. conso. L121-2',
    explanation: {
      fr: "évoque un acte ou une décision de justice qui n'existe pas : un écrit ressemblant à un acte judiciaire est interdit",
      en: 'suggests a court document or decision that does not exist: a writing resembling a judicial act is forbidden',
    },
  },
  {
    rule: 'penal_consequences',
    pattern: words(
      'poursuites? penales?',
      'penal(?!it|t)\\w*',
      '(?:porter|porte|deposer|depose|portera|porterons|deposerons|deposera)\\w* plainte',
      'plaintes? (?:penales?|contre vous|aupres)',
      'polices?(?! d assurance)',
      'gendarm\\w+',
      'commissariats?',
      'prisons?',
      'emprisonne\\w*',
      'incarcer\\w+',
      'delits?',
      'delictu\\w+',
      'escroc\\w*',
      'casier judiciaire',
      'procureur\\w*',
      'infractions?',
      'abus de confiance',
      'organisation (?:frauduleuse )?d insolvabilite',
      'amendes?',
      'garde a vue',
      'fraud\\w*',
      'crimin\\w+',
      'prosecut\\w+',
      'jail',
      'arrest\\w*',
      'offen[cs]es?',
    ),
    article: 'C. conso. L121-6',
    explanation: {
      fr: "menace de conséquences pénales : un impayé n'est pas une infraction, et cette contrainte morale est une pratique agressive",
      en: 'threatens penal consequences: an unpaid debt is no offence, and such moral constraint is an aggressive practice',
    },
  },
  {
    rule: 'bad_payer_file',
    pattern: words(
      'fichiers? (?:[a-z0-9]+ ){0,3}(?:mauvais|incidents?|impayes?|debiteurs?|defaillants?|nationa\\w*|banque de france|centra\\w*|ficp|risques?|contentieux|payeurs?)',
      'ficp',
      'banque de france',
      'fichage',
      'ficher(?:ons|a|ont)?',
      '(?:etre|serez|sera|etes|soyez|seront|serait|serez) fiche(?:e|s|es)?',
      'listes? noires?',
      'listes? (?:des |de )?(?:mauvais payeurs|debiteurs|defaillants)',
      'registres? (?:des |de )?(?:mauvais payeurs|debiteurs|impayes|defaillants)',
      'mauvais payeurs?',
      'inscri\\w* (?:[a-z0-9]+ ){0,4}(?:fichier|liste|registre)s?(?: (?:[a-z0-9]+ ){0,3}(?:payeurs?|impayes?|debiteurs?|incidents?|noires?|defaillants?))?',
      'black ?list\\w*',
      'bad payers?(?: (?:list|register|file|database))?',
      'credit (?:file|record|rating|score|reference agenc\\w+|bureau)',
      'defaulters? (?:list|register)',
    ),
    article: 'C. conso. L121-2 ; C. conso. L751-1',
    explanation: {
      fr: "menace d'un « fichier » de mauvais payeurs : aucun fichier n'est ouvert à une agence de recouvrement (le seul fichier national, le FICP, est tenu par la Banque de France pour les crédits)",
      en: 'threatens a "file" of bad payers: no such file is open to a collection agency (the only national file, the FICP, is kept by the Banque de France for credit)',
    },
  },
  {
    rule: 'debt_publicity',
    pattern: words(
      'rendr\\w* (?:[a-z0-9]+ ){0,2}publi(?:c|que)s?',
      'publi(?:er|erons|era|eront|cation|ee|ees|e)',
      'publiquement',
      'reseaux sociaux',
      'facebook',
      'twitter',
      'linkedin',
      'instagram',
      '(?:la|dans la|voie de|par la) presse',
      'presse (?:locale|regionale|nationale)',
      'journa(?:l|ux)',
      'affich\\w* (?:[a-z0-9]+ ){0,3}(?:publi(?:c|que)s?|nom|mairie|immeuble|hall|porte|vitrine)',
      'divulg\\w+',
      '(?:ferons|fera|faire|ferions) savoir a (?:[a-z0-9]+ ){0,2}(?:tous|vos|votre|tout)',
      'porter a la connaissance (?:de |des |du )?(?:tiers|vos|votre|tous|public)',
      'tout le monde (?:saura|sera)',
      'au vu et au su',
      'mur de la honte',
      'publish\\w*',
      'make (?:it|this|your debt) public',
      'publicly',
      'public list',
      'social media',
      'newspapers?',
      'name and shame',
      'disclos\\w+',
      'tell everyone',
    ),
    article: 'Code pénal 312-10, 226-22 ; C. civ. 9',
    explanation: {
      fr: 'menace de rendre la dette publique : révéler une dette pour obtenir un paiement porte atteinte à la vie privée et relève du chantage',
      en: 'threatens to make the debt public: revealing a debt to obtain payment breaches privacy and is blackmail',
    },
  },
  {
    rule: 'third_party_contact',
    pattern: words(
      'employeurs?',
      '(?:votre|vos|ton|tes) (?:famille|proches|voisins?|voisinage|entourage|conjointe?|epou\\w+|mari|femme|compagne?|concubin\\w*|parents|enfants|collegues|patron|superieur\\w*|bailleur|proprietaire|syndic|gardien|concierge|amis)',
      'voisinage',
      '(?:contacterons|contacterions|informerons|previendrons|joindrons|ecrirons|appellerons|interrogerons|solliciterons|rencontrerons) (?:[a-z0-9]+ ){0,4}(?:tiers|banque|banquier|relations)',
      '(?:nous|allons|pourrons|pourrions|devrons|serons contraints de|serons amenes a) (?:[a-z0-9]+ ){0,3}(?:contacter|informer|prevenir|joindre|ecrire a|appeler|interroger|solliciter) (?:[a-z0-9]+ ){0,4}(?:tiers|banque|banquier|relations)',
      'lieu de travail',
      'employers?',
      'your (?:family|relatives|neighbou?rs?|friends|colleagues|boss|partner|spouse|wife|husband|children|parents|landlord)',
      'workplace',
      'at work',
      'third parties',
    ),
    article: 'Code pénal 226-22 ; C. civ. 9 ; C. conso. L121-6',
    explanation: {
      fr: "menace de contacter des tiers (employeur, famille, voisins) : la dette ne peut être révélée à personne d'autre que le débiteur",
      en: 'threatens to contact third parties (employer, family, neighbours): the debt may be revealed to no one but the debtor',
    },
  },
  {
    rule: 'harassment',
    pattern: words(
      '(?:appel|relanc|contact|telephon|sms|messag|ecrir)\\w* (?:[a-z0-9]+ ){0,4}(?:tous les jours|chaque jour|quotidien\\w*|jour et nuit|sans cesse|sans relache|a toute heure|plusieurs fois par jour)',
      '(?:call|text|message|contact)\\w* (?:[a-z0-9]+ ){0,4}(?:every day|daily|day and night|repeatedly)',
    ),
    article: 'Code pénal 222-16 ; C. conso. L121-6',
    explanation: {
      fr: 'menace de sollicitations répétées : les appels répétés malveillants sont un délit, et les relances suivent un plafond',
      en: 'threatens repeated contact: repeated malicious calls are an offence, and reminders follow a cap',
    },
  },
  {
    rule: 'collection_fees',
    pattern: words(
      'frais (?:de |d )?(?:recouvrement|dossier|relances?|gestion|contentieux|procedure|huissier|poursuites?|traitement|retard)',
      'frais (?:supplementaires|annexes)',
      'penalites?',
      'majorations?',
      'indemnites? (?:forfaitaires?|de recouvrement)',
      'clauses? penales?',
      'dommages (?:et )?interets',
      'collection (?:fees?|costs?|charges?)',
      'late (?:fees?|charges?)',
      'administrative (?:fees?|charges?)',
      'penalt\\w+',
      'surcharges?',
      'additional (?:fees?|costs?|charges?)',
    ),
    article: 'CPCE L111-8',
    explanation: {
      fr: 'réclame des frais de recouvrement ou des pénalités : sans titre exécutoire ils restent à la charge du créancier ; le décompte dit seul ce qui est dû',
      en: 'claims collection fees or penalties: without an enforceable title they stay with the creditor; the statement alone says what is owed',
    },
  },
];

/** Fields printed as a present statement on every letter: they may not name any later step, planned or not. */
const FIXED_FIELDS: ReadonlySet<WordingField> = new Set(['greeting', 'signature', 'footer']);

type Normalised = { readonly text: string; readonly from: readonly number[]; readonly to: readonly number[] };

const SENTENCE_END = /[.!?;…]/;

/**
 * Lower case, accents and ligatures folded, every character but letters and digits a space (one
 * space per run), sentence ends as "|", letters spaced out to dodge the check joined again
 * ("h u i s s i e r"). `from`/`to` give each character's span in the original text.
 */
export function normaliseWording(source: string): Normalised {
  let text = '';
  const from: number[] = [];
  const to: number[] = [];
  const push = (character: string, start: number, end: number) => {
    if (character === ' ' && (text === '' || text.endsWith(' '))) return;
    text += character;
    from.push(start);
    to.push(end);
  };
  let index = 0;
  const characters = [...source];
  characters.forEach((character, position) => {
    const start = index;
    index += character.length;
    const folded = character.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/œ/g, 'oe').replace(/æ/g, 'ae').replace(/ß/g, 'ss');
    for (const letter of folded) {
      if (/[a-z0-9]/.test(letter)) push(letter, start, index);
      else if (SENTENCE_END.test(letter) && !/[a-z0-9]/i.test(characters[position + 1] ?? ' ')) {
        push(' ', start, index);
        push('|', start, index);
        push(' ', start, index);
      } else push(' ', start, index);
    }
  });
  return joinSpacedLetters({ text, from, to });
}

/** "h u i s s i e r" (four letters or more, one space between) becomes "huissier". */
function joinSpacedLetters(normalised: Normalised): Normalised {
  const drop = new Set<number>();
  for (const run of normalised.text.matchAll(/(?<![a-z0-9])[a-z](?: [a-z]){3,}(?![a-z0-9])/g)) {
    for (let offset = 1; offset < run[0].length; offset += 2) drop.add((run.index ?? 0) + offset);
  }
  if (drop.size === 0) return normalised;
  const keep = (_: unknown, position: number) => !drop.has(position);
  return {
    text: [...normalised.text].filter(keep).join(''),
    from: normalised.from.filter(keep),
    to: normalised.to.filter(keep),
  };
}

type Finding = Omit<WordingProblem, 'field'>;

export type WordingCheckOptions = {
  /** The creditor's own names (legal and brand): "Journal de Nantes" or "Cabinet d'avocats Martin" is a name, not a threat. */
  readonly ownNames?: readonly string[];
};

/** The text with each of the names blanked ("#", which no pattern matches or spans), same length, same spans. */
function withoutNames(normalised: Normalised, names: readonly string[]): Normalised {
  let text = normalised.text;
  for (const name of names) {
    const folded = normaliseWording(name).text.replace(/ \| /g, ' ').trim();
    if (folded.length < 2) continue;
    text = text.replaceAll(folded, '#'.repeat(folded.length));
  }
  return { ...normalised, text };
}

/** The problems of one text, in the order they appear; `planned` lifts step_not_planned for those steps. */
export function checkWordingText(source: string, planned: Iterable<PlannableStep>, options: WordingCheckOptions & { fixed?: boolean } = {}): Finding[] {
  const allowed = new Set(options.fixed ? [] : planned);
  const normalised = withoutNames(normaliseWording(source), options.ownNames ?? []);
  const findings: (Finding & { at: number })[] = [];
  const seen = new Set<string>();
  for (const rule of [...stepRules.filter((candidate) => !candidate.step || !allowed.has(candidate.step)), ...alwaysRules]) {
    for (const match of normalised.text.matchAll(rule.pattern)) {
      const start = match.index ?? 0;
      const end = start + match[0].length - 1;
      const phrase = source.slice(normalised.from[start], normalised.to[end]).trim();
      const key = `${rule.rule}|${rule.step ?? ''}|${match[0]}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push({ at: start, rule: rule.rule, phrase, step: rule.step ?? null, article: rule.article, explanation: rule.explanation });
    }
  }
  return findings.sort((left, right) => left.at - right.at).map(({ at: _at, ...finding }) => finding);
}

/**
 * Checks the texts a creditor words, field by field: the length limit, then every rule above. The
 * steps `planned` for the creditor (plannedStepsOfStrategies) may be announced in the tone
 * paragraph and the closing, never in the greeting, signature or footer, which every letter prints
 * as a present statement (a signature "Service contentieux" on the first reminder says the case is
 * already there).
 */
export function checkWording(
  texts: Partial<Record<WordingField, string | null | undefined>>,
  planned: Iterable<PlannableStep>,
  options: WordingCheckOptions = {},
): WordingProblem[] {
  const steps = [...planned];
  const problems: WordingProblem[] = [];
  for (const field of wordingFields) {
    const text = texts[field]?.trim() ?? '';
    if (!text) continue;
    if (text.length > WORDING_LIMITS[field]) {
      problems.push({
        field,
        rule: 'too_long',
        phrase: text.slice(0, 40),
        step: null,
        article: null,
        explanation: { fr: `${WORDING_LIMITS[field]} caractères au plus`, en: `at most ${WORDING_LIMITS[field]} characters` },
      });
    }
    for (const finding of checkWordingText(text, steps, { ...options, fixed: FIXED_FIELDS.has(field) })) problems.push({ field, ...finding });
  }
  return problems;
}

/** One problem as a sentence: « phrase » : why (article). */
export function wordingProblemMessage(problem: Pick<WordingProblem, 'phrase' | 'rule' | 'article' | 'explanation'>, locale: 'fr' | 'en'): string {
  const why = problem.explanation[locale];
  const article = problem.article ? ` (${problem.article})` : '';
  if (problem.rule === 'too_long') return why;
  return locale === 'fr' ? `« ${problem.phrase} » : ${why}${article}` : `"${problem.phrase}": ${why}${article}`;
}
