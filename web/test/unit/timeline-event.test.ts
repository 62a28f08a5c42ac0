import { type TimelineParam, timelineEventCodes } from '@relance/contracts/timeline-events';
import { describe, expect, it } from 'vitest';
import casesMessages from '../../src/features/cases/messages.json' with { type: 'json' };
import { describeEvent, eventTitle } from '../../src/features/cases/timeline-event.ts';
import staffMessages from '../../src/shared/staff-messages.json' with { type: 'json' };

type Locale = 'fr' | 'en';
const all: Record<string, { fr: string; en: string }> = { ...staffMessages, ...casesMessages };
const lookupIn = (locale: Locale) => (key: string) => all[key]?.[locale];

// A raw code (snake_case or dotted) or an ISO date must never reach the screen; nor, in French, a
// dot-decimal amount (English writes €4,430.00).
const RAW = [/\b[a-z]+_[a-z_]+\b/, /\b(letter|message|email)\.[a-z]+\b/, /\d{4}-\d{2}-\d{2}/];
const RAW_FR = [...RAW, /\b\d+\.\d{2}\b/];

/** Parameters of every event as the server writes them (server/src/features/…: the writers). */
const samples: Record<(typeof timelineEventCodes)[number], Record<string, TimelineParam>> = {
  case_placed: { claims: 2, refs: 'FAC-1, FAC-2', prescribedRefs: null },
  import_claims_added: { fileName: 'novembre.csv', claims: 3 },
  import_claims_changed: { fileName: 'novembre.csv', changes: 'FAC-1 : 1 234,56 € → 1 200,00 €' },
  import_prescribed_at_intake: { fileName: 'novembre.csv', refs: 'FAC-9' },
  status_changed: { fromStatus: 'amicable', toStatus: 'closed', outcome: 'paid', reason: 'Soldé.' },
  payment_recorded: { amountCents: 443000, currency: 'EUR', receivedOn: '2026-11-02', method: 'direct_to_creditor', reference: null, claimRef: 'FAC-1', overpayment: false },
  payment_cancelled: { amountCents: 1000, currency: 'EUR', receivedOn: '2026-11-02', reason: 'chèque impayé' },
  refund_paid: { amountCents: 1000, currency: 'EUR', paidOn: '2026-11-03', refundMethod: 'card_refund' },
  card_checkout_opened: { amountCents: 5000, currency: 'EUR' },
  card_declined: { amountCents: 5000, currency: 'EUR', declineReason: { fr: 'carte refusée par la banque', en: 'card declined by the bank' } },
  message_sent: { template: { fr: 'Mise en demeure', en: 'Formal notice' }, channel: 'registered_letter', recipient: 'Jean Dupont, 1 rue X', reference: 'LR-1', segments: null },
  message_blocked: { template: { fr: 'Relance', en: 'Reminder' }, channel: 'sms', reasons: { fr: 'Litige en cours', en: 'Open dispute' } },
  message_deferred: { template: { fr: 'Relance', en: 'Reminder' }, channel: 'email', untilAt: '2026-11-02T08:00:00.000Z', reasons: { fr: 'Hors horaires', en: 'Outside hours' } },
  message_not_sent: { template: { fr: 'Relance', en: 'Reminder' }, channel: 'email', reason: 'Aucune adresse valide' },
  message_rejected: { template: { fr: 'Relance', en: 'Reminder' }, channel: 'email', reason: 'Boîte inexistante' },
  message_failed_after_retries: { template: { fr: 'Relance', en: 'Reminder' }, channel: 'letter', error: 'ECONNRESET' },
  message_tracking: { reference: 'LR-1', trackingEvent: 'letter.acknowledged', reason: null },
  portal_verified: {},
  portal_locked: { attempts: 5 },
  prior_formal_notice: { presentedOn: '2026-10-20' },
  promise_kept: { amountCents: 10000, coveredCents: 10000, currency: 'EUR', dueOn: '2026-11-10', fromStatus: 'promise', toStatus: 'amicable', outcome: null },
  promise_broken: { amountCents: 10000, coveredCents: 0, currency: 'EUR', dueOn: '2026-11-10', fromStatus: 'promise', toStatus: 'amicable', outcome: null },
  plan_completed: { totalCents: 90000, currency: 'EUR', fromStatus: 'payment_plan', toStatus: 'closed', outcome: 'paid' },
  plan_broken: { fromStatus: 'payment_plan', toStatus: 'amicable', outcome: null },
  case_recalled: { by: 'Marie Martin', reason: 'Accord direct' },
  case_paid_in_full: { fromStatus: 'amicable', toStatus: 'closed', outcome: 'paid' },
  promise_made: { amountCents: 15000, currency: 'EUR', dueOn: '2026-12-10', checkOn: '2026-12-13', note: 'Paie vendredi' },
  promise_made_by_debtor: { amountCents: 15000, currency: 'EUR', dueOn: '2026-12-10', checkOn: '2026-12-13', note: null },
  callback_scheduled: { dueAt: '2026-12-08T09:30:00.000Z', note: null },
  callback_cancelled: {},
  vulnerability_flagged: { note: 'Hospitalisé, rappeler en janvier' },
  vulnerability_lifted: { by: 'Marc Lefèvre', note: 'Sorti de l’hôpital' },
  contact_added: { contactKind: 'phone', value: '+33611223344' },
  contact_marked_invalid: { contactKind: 'email', value: 'jean@example.fr', note: null },
  contact_valid_again: { contactKind: 'address', value: '1 rue X, 75001 Paris', note: 'Courrier reçu' },
  dispute_opened: { reason: 'Facture déjà réglée selon le débiteur' },
  dispute_opened_by_debtor: { disputeReason: 'goods_or_service_defective', reason: null, invoiceRef: 'FAC-1', words: 'Jamais reçu', fileName: 'photo.jpg' },
  dispute_resolved: { resolution: 'rejected', note: 'Bon de livraison signé', outcome: null },
  consultation_asked: { question: 'Avez-vous le bon de livraison ?' },
  consultation_answered: { answer: 'Oui, ci-joint', files: 'bl.pdf' },
  legal_proposed: { legalKind: 'injonction_de_payer', note: null },
  legal_approved: { legalKind: 'injonction_de_payer', party: 'creditor' },
  legal_refused: { legalKind: 'commissaire_enforcement', party: 'agency', reason: 'Débiteur insolvable' },
  legal_event_recorded: { legalKind: 'petites_creances', legalEvent: 'debtor_silent', act: null, eventOn: '2026-11-20', note: null, simplifiedClosed: true },
  legal_cost_added: { legalKind: 'injonction_de_payer', description: 'Droit de greffe', amountCents: 3323, currency: 'EUR', incurredOn: '2026-11-04', borneBy: 'debtor' },
  legal_dossier_sent: { legalKind: 'commissaire_enforcement', commissaire: 'SCP Martin', email: 'etude@martin.fr' },
  legal_documents_prepared: { legalKind: 'injonction_de_payer', titles: 'Requête en injonction de payer', pieces: 3 },
  legal_order_lapsed: { legalKind: 'injonction_de_payer', serviceDeadlineOn: '2027-05-02' },
  plan_proposed_for_approval: { totalCents: 120000, currency: 'EUR', count: 12, frequency: 'monthly' },
  plan_agreed: { totalCents: 120000, currency: 'EUR', count: 6, frequency: 'biweekly' },
  plan_proposed_by_debtor: { totalCents: 120000, currency: 'EUR', count: 24, frequency: 'monthly', reason: 'Chômage' },
  plan_chosen_by_debtor: { totalCents: 120000, currency: 'EUR', count: 3, frequency: 'weekly', reason: null },
  plan_approved: { totalCents: 120000, currency: 'EUR', by: 'Marc Lefèvre', comment: 'Bonne foi' },
  plan_refused: { totalCents: 120000, currency: 'EUR', by: 'Marc Lefèvre', comment: 'Trop long' },
  plan_accepted_orally: {},
  plan_accepted_online: {},
  plan_accepted_in_writing: { receivedOn: '2026-11-28' },
  plan_agreed_with_bailiff: { totalCents: 60000, currency: 'EUR', count: 4, frequency: 'monthly' },
  plan_letter_stored: { reference: 'ACC-2026-000012' },
  plan_letter_not_produced: { problems: { fr: 'Le taux d’intérêt manque.', en: 'The interest rate is missing.' } },
  receipt_issued: { receiptKind: 'receipt', number: 'Q-2026-000123', amountCents: 443000, currency: 'EUR', receivedOn: '2026-11-02' },
  receipt_not_produced: { receiptKind: 'cancellation', number: null, amountCents: 1000, currency: 'EUR', receivedOn: '2026-11-02', problem: { fr: 'Mention manquante.', en: 'A mention is missing.' } },
  claim_nature_changed: { invoiceRef: 'FAC-1', fromNature: 'commercial', toNature: 'consumer', prescriptionOn: '2027-03-01', years: 2, basis: 'C. conso. L218-2' },
  debtor_message_received: { topic: 'hardship', excerpt: 'Je peux payer 50 € par mois', fileName: null },
  debtor_message_answered: { excerpt: 'Nous vous proposons un échéancier' },
  debtor_message_closed: {},
  credit_note_imported: { invoiceRef: 'AV-12', fileName: 'novembre.csv', amountCents: -12050, currency: 'EUR' },
  insolvency_recorded: { proceeding: { fr: 'redressement judiciaire', en: 'reorganisation' }, judgmentOn: '2026-10-28', deadlineOn: '2027-01-02' },
  claim_declared: { declaredOn: '2026-12-01' },
  registry_address_adopted: { address: '27 boulevard des Entrepreneurs, 44000 Nantes' },
};

describe('timeline events said in the screen language', () => {
  for (const locale of ['fr', 'en'] as const) {
    it(`has a sentence for every event the server writes, with no raw code, ISO date or dot-decimal amount (${locale})`, () => {
      for (const code of timelineEventCodes) {
        const text = describeEvent({ code, params: samples[code] }, lookupIn(locale), locale, 'EUR');
        expect(text, code).not.toBeNull();
        for (const pattern of locale === 'fr' ? RAW_FR : RAW) expect(text, `${code}: ${text}`).not.toMatch(pattern);
        expect(text, code).not.toMatch(/\{\w+\}/);
      }
    });
  }

  it('renders amounts, dates, statuses and outcomes by label', () => {
    const params = samples.status_changed;
    expect(describeEvent({ code: 'status_changed', params }, lookupIn('fr'), 'fr', 'EUR')).toBe('Statut : Amiable → Clos. Issue : Payé. Soldé.');
    expect(describeEvent({ code: 'status_changed', params }, lookupIn('en'), 'en', 'EUR')).toBe('Status: Amicable → Closed. Outcome: Paid. Soldé.');
    const payment = describeEvent({ code: 'payment_recorded', params: samples.payment_recorded }, lookupIn('fr'), 'fr', 'EUR');
    expect(payment).toContain('4\u202f430,00\u00a0€');
    expect(payment).toContain('02/11/2026');
    expect(payment).toContain('Payé directement au créancier');
    expect(payment).toContain('FAC-1');
    expect(describeEvent({ code: 'payment_recorded', params: samples.payment_recorded }, lookupIn('en'), 'en', 'EUR')).toContain('€4,430.00');
  });

  it('says legal actions, disputes, plans and contacts by label in both languages', () => {
    const say = (code: (typeof timelineEventCodes)[number], locale: Locale) => describeEvent({ code, params: samples[code] }, lookupIn(locale), locale, 'EUR');
    expect(say('legal_refused', 'fr')).toMatch(/^Exécution par commissaire.* refusée par l’agence. Motif : Débiteur insolvable$/);
    expect(say('legal_event_recorded', 'en')).toContain('on 20/11/2026');
    expect(say('legal_cost_added', 'fr')).toContain('33,23\u00a0€');
    expect(say('legal_cost_added', 'fr')).toContain('à la charge du débiteur');
    expect(say('dispute_opened_by_debtor', 'en')).toBe(
      'Dispute filed by the debtor on their page. Reminders and calls are paused. Reason: goods or service not delivered or defective. Invoice: FAC-1. “Jamais reçu” Attachment: photo.jpg.',
    );
    expect(say('plan_proposed_for_approval', 'fr')).toBe("Échéancier proposé (1\u202f200,00\u00a0€ en 12 échéance(s) mensuelle(s)) : soumis à l'accord d'un responsable.");
    expect(say('contact_added', 'en')).toBe('Contact added (phone): +33611223344.');
    expect(say('claim_nature_changed', 'en')).toContain('commercial → consumer. Prescribed on 01/03/2027');
    expect(say('receipt_issued', 'en')).toBe('Receipt issued: payment of €4,430.00 received on 02/11/2026. No. Q-2026-000123.');
  });

  it('adds the case move to an event that moved it', () => {
    const text = describeEvent({ code: 'plan_completed', params: samples.plan_completed }, lookupIn('fr'), 'fr', 'EUR');
    expect(text).toBe('Échéancier mené à son terme : 900,00\u00a0€ reçus. Statut : Échéancier → Clos. Issue : Payé.');
  });

  it('never shows a code it has no label for, and falls back to the text for an unknown event', () => {
    const text = describeEvent({ code: 'payment_recorded', params: { ...samples.payment_recorded, method: 'crypto_wallet' } }, lookupIn('fr'), 'fr', 'EUR');
    expect(text).not.toContain('crypto_wallet');
    expect(describeEvent({ code: 'something_new', params: {} }, lookupIn('fr'), 'fr', 'EUR')).toBeNull();
  });

  it('titles a blocked message as blocked, never as sent', () => {
    expect(eventTitle({ code: 'message_blocked', params: {} }, lookupIn('fr'))).toBe('Message bloqué');
    expect(eventTitle({ code: 'message_blocked', params: {} }, lookupIn('en'))).toBe('Message blocked');
    expect(eventTitle({ code: 'message_sent', params: {} }, lookupIn('en'))).toBe('Message sent');
  });
});
