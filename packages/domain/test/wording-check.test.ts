import { describe, expect, it } from 'vitest';
import {
  checkWording,
  checkWordingText,
  normaliseWording,
  type PlannableStep,
  plannedStepsOfStrategies,
  type WordingRule,
  wordingProblemMessage,
} from '../src/wording-check.ts';

// Shared legal document, "Words the agency may not use": a creditor may propose a tone, not
// threats. The corpus below is what creditors write: firm but lawful wording must pass, threats
// must be refused with the phrase named (C. conso. L121-2, L121-6; Code pénal 222-16, 226-22,
// 312-10, 433-13; CPCE L111-8).

const WITH_NOTICE: PlannableStep[] = ['mise_en_demeure', 'contentieux', 'injonction_de_payer'];
const NOTHING: PlannableStep[] = [];

/** Acceptable wording, and the steps the strategy plans when it is checked. */
const acceptable: [text: string, planned: PlannableStep[]][] = [
  ['Nous vous remercions de régulariser rapidement votre situation.', NOTHING],
  ['À défaut, votre dossier pourra être transmis à notre service contentieux.', WITH_NOTICE],
  ['Sans règlement de votre part, une mise en demeure vous sera adressée.', WITH_NOTICE],
  ['À défaut de paiement, le créancier pourra saisir le tribunal compétent par une requête en injonction de payer.', WITH_NOTICE],
  ['Un imprévu ? Parlons-en : un échéancier est possible.', NOTHING],
  ['Chère cliente, cher client,', NOTHING],
  ['Bien cordialement,', NOTHING],
  ['Si vous avez déjà réglé cette somme, merci de ne pas tenir compte de ce courrier.', NOTHING],
  ['Nous restons à votre écoute pour trouver ensemble une solution adaptée à votre situation.', NOTHING],
  ["Votre règlement rapide nous permettra de clore ce dossier à l'amiable.", NOTHING],
  ['Nous vous répondrons sous 48 heures à toute question sur votre facture.', NOTHING],
  ['Vous pouvez régler par virement depuis votre banque en indiquant la référence du dossier.', NOTHING],
  ["N'hésitez pas à nous faire savoir si une partie de cette somme vous semble contestable.", NOTHING],
  ['Nous avons jugé utile de vous rappeler cette échéance.', NOTHING],
  ['Votre police d’assurance habitation reste active pendant le règlement.', NOTHING],
  ['Cette somme correspond à votre ordonnance du 3 mars, délivrée en pharmacie.', NOTHING],
  ['Le montant affiché sur votre espace est arrêté à ce jour.', NOTHING],
  ['Merci de votre confiance. Service clients Fibrea, du lundi au vendredi.', NOTHING],
  ['Failing payment, your file may be passed to our legal department.', WITH_NOTICE],
  ['We thank you for settling this balance promptly.', NOTHING],
  ['If you are facing difficulties, please contact us: a payment plan is possible.', NOTHING],
  ['Nous sommes conscients que les fins de mois peuvent être difficiles.', NOTHING],
];

/** Threatening wording, the rule it breaks and the phrase that must be named. */
const refused: [text: string, rule: WordingRule, phrase: string][] = [
  ['Votre dossier sera transmis au tribunal.', 'step_not_planned', 'transmis au tribunal'],
  ['À défaut, votre dossier pourra être transmis à notre service contentieux.', 'step_not_planned', 'transmis à notre service contentieux'],
  ['Sans paiement, un huissier procédera à une saisie de vos biens.', 'step_not_planned', 'huissier'],
  ['Un commissaire de justice sera mandaté.', 'step_not_planned', 'commissaire de justice'],
  ['Nous engagerons des poursuites judiciaires.', 'step_not_planned', 'poursuites judiciaires'],
  ['Une mise en demeure vous sera adressée sous huit jours.', 'step_not_planned', 'mise en demeure'],
  ['Un de nos enquêteurs se rendra à votre domicile.', 'step_not_planned', 'enquêteurs'],
  ['Suite au jugement rendu, vous devez payer.', 'court_document', 'jugement'],
  ['Ceci vaut commandement de payer.', 'court_document', 'commandement de payer'],
  ['ASSIGNATION — dernier avis', 'court_document', 'ASSIGNATION'],
  ['Vous serez condamné aux dépens.', 'court_document', 'condamné'],
  ['Ce courrier a valeur de titre exécutoire.', 'court_document', 'titre exécutoire'],
  ['Nous déposerons plainte pour escroquerie.', 'penal_consequences', 'déposerons plainte'],
  ['Ne pas payer est un délit passible de prison.', 'penal_consequences', 'délit'],
  ['Vous serez inscrit au fichier national des mauvais payeurs.', 'bad_payer_file', 'inscrit au fichier national des mauvais payeurs'],
  ['Vos coordonnées rejoindront le fichier des impayés.', 'bad_payer_file', 'fichier des impayés'],
  ['Vous figurerez sur notre liste noire.', 'bad_payer_file', 'liste noire'],
  ['Un signalement à la Banque de France sera effectué.', 'bad_payer_file', 'Banque de France'],
  ['Votre dette sera publiée sur les réseaux sociaux.', 'debt_publicity', 'réseaux sociaux'],
  ['Nous rendrons cette dette publique.', 'debt_publicity', 'rendrons cette dette publique'],
  ['Nous contacterons votre employeur.', 'third_party_contact', 'employeur'],
  ['Vos voisins et votre famille seront informés.', 'third_party_contact', 'Vos voisins'],
  ['Nous pourrons contacter votre banque.', 'third_party_contact', 'Nous pourrons contacter votre banque'],
  ['Nous vous appellerons tous les jours jusqu’à réception.', 'harassment', 'appellerons tous les jours'],
  ['Des frais de recouvrement de 15 % seront ajoutés.', 'collection_fees', 'frais de recouvrement'],
  ['Des pénalités de retard vous seront facturées.', 'collection_fees', 'pénalités'],
  ['A bailiff will visit you to seize your car.', 'step_not_planned', 'bailiff'],
  ['We will take you to court and notify your employer.', 'third_party_contact', 'employer'],
  ['Failure to pay will result in criminal prosecution.', 'penal_consequences', 'criminal'],
  ['You will be added to a blacklist of bad payers.', 'bad_payer_file', 'blacklist'],
  ['Your debt will be posted on social media.', 'debt_publicity', 'social media'],
];

describe('the wording corpus', () => {
  it('holds more than 30 phrases, of both kinds', () => {
    expect(acceptable.length + refused.length).toBeGreaterThanOrEqual(50);
    expect(acceptable.length).toBeGreaterThanOrEqual(20);
    expect(refused.length).toBeGreaterThanOrEqual(30);
  });

  it.each(acceptable)('lets through: %s', (text, planned) => {
    expect(checkWordingText(text, planned)).toEqual([]);
  });

  it.each(refused)('refuses: %s (%s, "%s")', (text, rule, phrase) => {
    const findings = checkWordingText(text, NOTHING);
    expect(findings.map((finding) => [finding.rule, finding.phrase])).toContainEqual([rule, phrase]);
    for (const finding of findings) {
      expect(finding.explanation.fr).not.toBe('');
      expect(finding.explanation.en).not.toBe('');
    }
  });
});

describe("the issue's threatening tone paragraph", () => {
  const threat =
    'Sans règlement, votre dossier sera transmis au tribunal sous 48 heures, vous serez inscrit au fichier national des mauvais payeurs et nous engagerons des poursuites pénales.';

  it('is refused with each phrase named, why, and the article', () => {
    const problems = checkWording({ toneParagraph: threat }, NOTHING);
    const named = problems.map((problem) => [problem.rule, problem.phrase]);
    expect(named).toContainEqual(['step_not_planned', 'transmis au tribunal']);
    expect(named).toContainEqual(['false_deadline', 'tribunal sous 48 heures']);
    expect(named).toContainEqual(['bad_payer_file', 'inscrit au fichier national des mauvais payeurs']);
    expect(named).toContainEqual(['penal_consequences', 'poursuites pénales']);
    // "poursuites pénales" is a penal threat, not a court step.
    expect(named.filter(([rule, phrase]) => rule === 'step_not_planned' && phrase?.includes('poursuites'))).toEqual([]);
    const [penal] = problems.filter((problem) => problem.rule === 'penal_consequences');
    if (!penal) throw new Error('no penal finding');
    expect(penal).toMatchObject({ field: 'toneParagraph', article: 'C. conso. L121-6' });
    expect(wordingProblemMessage(penal, 'fr')).toMatch(/^« poursuites pénales » : menace de conséquences pénales.*\(C\. conso\. L121-6\)$/);
    expect(wordingProblemMessage(penal, 'en')).toMatch(/^"poursuites pénales": threatens penal consequences/);
  });

  it('is refused even when the strategy plans a mise en demeure and a court application (the 48 hours and the rest stay)', () => {
    const rules = checkWording({ toneParagraph: threat }, WITH_NOTICE).map((problem) => problem.rule);
    expect(rules).not.toContain('step_not_planned');
    expect(rules).toEqual(expect.arrayContaining(['false_deadline', 'bad_payer_file', 'penal_consequences']));
  });
});

describe('matching', () => {
  it('ignores case, accents, spacing and letters spaced out to dodge it, and names the phrase as written', () => {
    expect(checkWordingText('Un   HUISSIER\u00a0passera', NOTHING)[0]?.phrase).toBe('HUISSIER');
    expect(checkWordingText('poursuites   PENALES', NOTHING).map((finding) => finding.rule)).toEqual(['penal_consequences']);
    expect(checkWordingText('fichier\nnational des mauvais\tpayeurs', NOTHING)[0]).toMatchObject({ rule: 'bad_payer_file', phrase: 'fichier\nnational des mauvais\tpayeurs' });
    expect(checkWordingText('un h u i s s i e r viendra', NOTHING)[0]).toMatchObject({ rule: 'step_not_planned', phrase: 'h u i s s i e r' });
    expect(checkWordingText('Votre Employeur sera prévenu', NOTHING)[0]?.phrase).toBe('Employeur');
    expect(checkWordingText('pénalités', NOTHING).map((finding) => finding.rule)).toEqual(['collection_fees']);
  });

  it('does not cross a sentence end to find a deadline in hours', () => {
    expect(checkWordingText('Notre service contentieux est fermé. Nous vous répondrons sous 48 heures.', WITH_NOTICE)).toEqual([]);
  });

  it('keeps the original spans when folding changes lengths (ligatures, accents)', () => {
    const normalised = normaliseWording('Œuvre à l’huissier');
    expect(normalised.text).toBe('oeuvre a l huissier');
    expect(checkWordingText('Œuvre à l’huissier', NOTHING)[0]?.phrase).toBe('huissier');
  });
});

describe('fields and planned steps', () => {
  it('lets the tone paragraph and the closing name a planned step, never the greeting, signature or footer', () => {
    const texts = {
      greeting: 'Avant transmission au contentieux,',
      toneParagraph: 'À défaut, votre dossier pourra être transmis à notre service contentieux.',
      closing: 'À défaut, une mise en demeure suivra. Cordialement,',
      signature: 'Service contentieux\nAcme',
      footer: 'Acme SA · service contentieux',
    };
    expect(checkWording(texts, WITH_NOTICE).map((problem) => problem.field)).toEqual(['greeting', 'signature', 'footer']);
    expect(checkWording(texts, NOTHING).map((problem) => problem.field)).toEqual(['greeting', 'toneParagraph', 'closing', 'signature', 'footer']);
  });

  it("reads the creditor's own names as names, not threats", () => {
    const footer = "Cabinet d'Avocats Martin · Journal de l'Ouest SA";
    expect(checkWording({ footer }, NOTHING).map((problem) => problem.rule)).toEqual(['step_not_planned', 'debt_publicity']);
    expect(checkWording({ footer }, NOTHING, { ownNames: ["Cabinet d'avocats Martin", "Journal de l'Ouest"] })).toEqual([]);
    expect(checkWording({ footer: 'Journal de l’Ouest : votre dette sera publiée.' }, NOTHING, { ownNames: ["Journal de l'Ouest"] })[0]?.phrase).toBe('publiée');
  });

  it('refuses a text over its limit', () => {
    expect(checkWording({ greeting: 'x'.repeat(121) }, NOTHING)).toMatchObject([{ field: 'greeting', rule: 'too_long', explanation: { fr: '120 caractères au plus' } }]);
  });

  it('plans a step only when every strategy serving the creditor plans it (a mise en demeure brings the legal stage and the court application)', () => {
    expect(plannedStepsOfStrategies([])).toEqual([]);
    expect(plannedStepsOfStrategies([{ templates: ['first_letter', 'mise_en_demeure'] }])).toEqual(['mise_en_demeure', 'contentieux', 'injonction_de_payer']);
    expect(plannedStepsOfStrategies([{ templates: ['first_letter', 'mise_en_demeure'] }, { templates: ['first_letter', 'firmer_reminder'] }])).toEqual([]);
  });
});
