import { defineEntity, p } from '@mikro-orm/core';

export const PaymentSchema = defineEntity({
  name: 'Payment',
  tableName: 'payment',
  properties: {
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    caseId: p.uuid(),
    amountCents: p.bigint('number'),
    currency: p.string().length(3).default('EUR'),
    receivedOn: p.date(),
    method: p.enum(['card', 'transfer', 'cheque', 'direct_to_creditor', 'other'] as const),
    provider: p.text().nullable(),
    providerReference: p.text().nullable(),
    /** The claim the payer designated (C. civ. 1342-10); null: the default allocation order applies. */
    claimRef: p.text().nullable(),
    /** Recorded knowing it exceeds what the case owed: the excess is to be refunded (issue #13). */
    overpayment: p.boolean().default(false),
    createdAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()),
  },
});
export class Payment extends PaymentSchema.class {}
PaymentSchema.setClass(Payment);

/** Our side of a hosted card checkout. */
export const CheckoutSessionSchema = defineEntity({
  name: 'CheckoutSession',
  tableName: 'checkout_session',
  properties: {
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    caseId: p.uuid(),
    provider: p.text(),
    providerSessionId: p.text(),
    amountCents: p.bigint('number'),
    currency: p.string().length(3),
    status: p.enum(['open', 'paid', 'declined'] as const).default('open'),
    createdAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()),
    completedAt: p.datetime().nullable(),
  },
});
export class CheckoutSession extends CheckoutSessionSchema.class {}
CheckoutSessionSchema.setClass(CheckoutSession);
