import { z } from 'zod';
import { businessDate, cents, currency, instant } from './common.ts';

// The debtor's "Pay" section (issue 18): what they may pay by card, the bank-transfer details of the
// agency's client-funds account with an EPC QR code, and what became of their last card attempt.

/**
 * A card attempt as the debtor's page tells it: `open` (started, no outcome yet), `paid`,
 * `declined` (with the provider's reason) or `abandoned` (left open for longer than
 * ABANDONED_CHECKOUT_MINUTES: the debtor closed the provider's page or cancelled).
 */
export const checkoutAttemptStatus = z.enum(['open', 'paid', 'declined', 'abandoned']);
export type CheckoutAttemptStatus = z.infer<typeof checkoutAttemptStatus>;
export const ABANDONED_CHECKOUT_MINUTES = 30;

/** The decline reasons the card provider reports and the page explains; another reason reads as a plain decline. */
export const cardFailureReasons = ['card_declined', 'insufficient_funds', 'expired_card'] as const;

export const lastCheckoutAttempt = z
  .object({
    status: checkoutAttemptStatus,
    amountCents: cents,
    currency,
    failureReason: z.string().nullable().describe(`The provider's reason for a decline (${cardFailureReasons.join(', ')}, or another code)`),
    startedAt: instant,
    endedAt: instant.nullable().describe('When the provider reported the outcome'),
  })
  .meta({ id: 'PortalLastCheckout' });
export type LastCheckoutAttempt = z.infer<typeof lastCheckoutAttempt>;

export const epcQrCode = z.object({
  purpose: z.enum(['balance', 'installment', 'open']).describe('What the code pays: the balance, the next installment, or an amount typed in the banking app (open)'),
  amountCents: cents.nullable(),
  payload: z.string().describe('The EPC069-12 text the code carries (BCD / 002 / 1 / SCT / BIC / name / IBAN / EUR amount / purpose / RF reference / / information)'),
  svg: z.string().describe('The QR code as an SVG document (error correction level M)'),
});
export type EpcQrCode = z.infer<typeof epcQrCode>;

export const portalPaymentOptions = z
  .object({
    currency,
    balanceCents: cents.describe('What the debtor is asked to pay (as on the page)'),
    amountsAsOf: businessDate,
    minPaymentCents: cents.describe("The creditor's floor for an amount of the debtor's choice; the balance and the next installment are always accepted"),
    nextInstallment: z
      .object({
        planId: z.uuid(),
        number: z.number().int().min(1).describe('1 for the first installment (a down payment counts)'),
        count: z.number().int().min(1),
        dueOn: businessDate,
        amountCents: cents,
        dueCents: cents.describe('Still due on it (its amount less what was already received)'),
      })
      .nullable()
      .describe('The next installment of the active payment plan, if any'),
    transfer: z
      .object({
        beneficiaryName: z.string().describe("The holder of the agency's client-funds account (CPCE R124-2)"),
        iban: z.string().describe('Electronic form, no spaces'),
        bic: z.string().nullable(),
        reference: z.string().describe('ISO 11649 structured creditor reference of the case (RF…), matched by the bank-statement import'),
        qrCodes: z.array(epcQrCode).describe('Empty when the currency is not the euro (a SEPA transfer is in euros)'),
      })
      .nullable()
      .describe("null while the agency's client-funds account is not recorded"),
    lastCheckout: lastCheckoutAttempt.nullable(),
  })
  .meta({ id: 'PortalPaymentOptions' });
export type PortalPaymentOptions = z.infer<typeof portalPaymentOptions>;
