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
