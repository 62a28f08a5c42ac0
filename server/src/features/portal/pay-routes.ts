import { idempotencyHeaders } from '@relance/contracts/cases';
import { errorBody } from '@relance/contracts/common';
import { checkoutBody, checkoutResponse, portalTokenParams } from '@relance/contracts/portal';
import { ABANDONED_CHECKOUT_MINUTES, portalPaymentOptions } from '@relance/contracts/portal-pay';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { portalContextOf, portalRateLimit } from '../../plugins/request-context.ts';
import { getPaymentOptions, startPortalCheckout } from './pay.ts';

/** The debtor pays from their page: card checkout, bank-transfer details, the last attempt's outcome. */
export async function portalPayRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/portal/:token/checkout', {
    config: { access: 'portal', rateLimit: portalRateLimit(20) },
    schema: {
      tags: ['portal'],
      summary: "Start a card payment (hosted checkout): the whole balance, the next installment, or an amount of the debtor's choice",
      description:
        'Open before the check (paying reveals nothing). `amountCents` defaults to the whole balance. An amount below the ' +
        "creditor's floor (`portalMinPaymentCents`) is refused (400 `amount_too_low`, `details.minCents`) unless it is the whole " +
        'balance or what is still due on the next installment of the active plan; above the balance, 400 `amount_too_high`; ' +
        'nothing left to pay, 409 `nothing_to_pay`. Send an `Idempotency-Key` per form submission: a retry or a double tap ' +
        'gets the first answer back (one checkout session); the same key with another amount is 409 `idempotency_key_reused`. ' +
        'The provider sends the debtor back to `/pay/{token}?checkout=success`, `=declined` or `=cancelled`.',
      params: portalTokenParams,
      headers: idempotencyHeaders,
      body: checkoutBody,
      response: { 201: checkoutResponse, 400: errorBody, 404: errorBody, 409: errorBody, 429: errorBody },
    },
    handler: async (request, reply) => {
      const result = await startPortalCheckout(portalContextOf(request), { amountCents: request.body.amountCents }, request.headers['idempotency-key']);
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(result.status).send(result.body);
    },
  });

  r.get('/api/v1/portal/:token/payment-options', {
    config: { access: 'portal', rateLimit: portalRateLimit(60) },
    schema: {
      tags: ['portal'],
      summary: 'How the verified debtor may pay: balance, floor, next installment, bank-transfer details with EPC QR codes, last card attempt',
      description:
        "The bank transfer goes to the agency's client-funds account (CPCE R124-2) with the case's ISO 11649 reference (RF…), which " +
        'the bank-statement import matches; `qrCodes` are EPC069-12 codes ("GiroCode") for the balance, the next installment and an ' +
        `amount typed in the banking app. \`lastCheckout\`: the case's last card attempt (open, paid, declined with the provider's reason, ` +
        `or abandoned when left open over ${ABANDONED_CHECKOUT_MINUTES} minutes). 401 portal_verification_required before the check.`,
      params: portalTokenParams,
      response: { 200: portalPaymentOptions, 401: errorBody, 404: errorBody, 429: errorBody },
    },
    handler: async (request) => getPaymentOptions(portalContextOf(request)),
  });
}
