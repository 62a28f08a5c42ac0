import { randomBytes } from 'node:crypto';
import { centsFromDatabase } from '@relance/domain/money';
import type { ServiceContext } from '../../plugins/context.ts';
import type { SqlExec } from '../../plugins/sql.ts';
import type { CardCheckoutRequest, CardProviderEvent } from './card-provider.ts';

/**
 * LOCAL card-payment provider: stands in for a hosted checkout service we cannot reach from
 * here. It behaves like one: a session with its own id and hosted page, test card numbers
 * that succeed or are declined, and the outcome sent to the merchant as a signed webhook,
 * delivered by a background job that retries until the merchant answers 2xx.
 */
export const LOCAL_CARD_PROVIDER = 'local_card';
export const WEBHOOK_TASK = 'payments__deliver_local_card_webhook';

/** Test cards, as real providers document them. Any other valid-looking number is declined. */
export const LOCAL_TEST_CARDS = {
  succeeds: '4242424242424242',
  declined: '4000000000000002',
  insufficientFunds: '4000000000009995',
  expiredCard: '4000000000000069',
} as const;

/** Why a test card is declined, as a provider reports it (null: it pays). */
function failureReasonOf(digits: string): string | null {
  if (digits === LOCAL_TEST_CARDS.succeeds) return null;
  if (digits === LOCAL_TEST_CARDS.insufficientFunds) return 'insufficient_funds';
  if (digits === LOCAL_TEST_CARDS.expiredCard) return 'expired_card';
  return 'card_declined';
}

type LocalSession = {
  id: string;
  amount_cents: string;
  currency: string;
  merchant_name: string;
  merchant_color: string;
  success_url: string;
  cancel_url: string;
  webhook_url: string;
  metadata: Record<string, string>;
  status: 'open' | 'paid' | 'declined';
};

export async function createLocalCheckoutSession(
  ctx: ServiceContext,
  request: CardCheckoutRequest,
): Promise<{ sessionId: string; url: string }> {
  const id = `cs_local_${randomBytes(18).toString('base64url')}`;
  await ctx.em.execute(
    `insert into local_card_session (id, amount_cents, currency, merchant_name, merchant_color, success_url, cancel_url, webhook_url, metadata)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      id,
      request.amountCents,
      request.currency,
      request.merchantName,
      request.merchantColor,
      request.successUrl,
      request.cancelUrl,
      `${ctx.config.publicUrl}/api/v1/payments/webhooks/local-card`,
      JSON.stringify(request.metadata),
    ],
  );
  return { sessionId: id, url: `${ctx.config.publicUrl}/local-pay/checkout/${id}` };
}

export async function findLocalSession(exec: SqlExec, id: string): Promise<LocalSession | null> {
  const rows = await exec<LocalSession>('select * from local_card_session where id = ?', [id]);
  return rows[0] ?? null;
}

/**
 * The debtor submitted the hosted form. Decides the outcome from the test card, closes the
 * session (once: a second submission changes nothing) and queues the webhook in the same
 * transaction, keyed by the event id so it is queued once.
 */
export async function submitLocalCheckout(
  ctx: ServiceContext,
  sessionId: string,
  cardNumber: string,
): Promise<{ session: LocalSession; outcome: 'paid' | 'declined' } | { session: LocalSession | null; outcome: 'closed' }> {
  return await ctx.em.transactional(async (em) => {
    const rows = await em.execute<LocalSession[]>('select * from local_card_session where id = ? for update', [sessionId]);
    const session = rows[0] ?? null;
    if (session?.status !== 'open') return { session, outcome: 'closed' as const };
    const digits = cardNumber.replace(/\D/g, '');
    const paid = digits === LOCAL_TEST_CARDS.succeeds;
    const paymentReference = paid ? `pi_local_${randomBytes(12).toString('base64url')}` : null;
    await em.execute('update local_card_session set status = ?, payment_reference = ? where id = ?', [
      paid ? 'paid' : 'declined',
      paymentReference,
      sessionId,
    ]);
    const event: CardProviderEvent = {
      id: `evt_local_${randomBytes(12).toString('base64url')}`,
      type: paid ? 'checkout.session.completed' : 'checkout.session.payment_failed',
      created: Math.floor(ctx.clock.now().getTime() / 1000),
      data: {
        sessionId,
        amountCents: centsFromDatabase(session.amount_cents, 'amount_cents'),
        currency: session.currency,
        paymentReference,
        failureReason: failureReasonOf(digits),
        metadata: session.metadata,
      },
    };
    await em.execute(
      `select graphile_worker.add_job(?, json_build_object('url', ?::text, 'body', ?::text), job_key => ?, max_attempts => 12)`,
      [WEBHOOK_TASK, session.webhook_url, JSON.stringify(event), event.id],
    );
    return { session, outcome: paid ? ('paid' as const) : ('declined' as const) };
  });
}
