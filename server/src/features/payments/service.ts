import type { EntityManager } from '@mikro-orm/postgresql';
import { todayInParis, type ServiceContext } from '../../plugins/context.ts';
import type { CardCheckoutRequest, CardProviderEvent } from './card-provider.ts';
import { createLocalCheckoutSession, LOCAL_CARD_PROVIDER } from './local-card-provider.ts';

/** Opens a hosted checkout for a case and remembers it on our side. */
export async function startCardCheckout(
  ctx: ServiceContext,
  input: { caseId: string } & Omit<CardCheckoutRequest, 'metadata'>,
): Promise<{ sessionId: string; url: string }> {
  const session = await createLocalCheckoutSession(ctx, { ...input, metadata: { caseId: input.caseId } });
  await ctx.em.execute(
    `insert into checkout_session (case_id, provider, provider_session_id, amount_cents, currency) values (?, ?, ?, ?, ?)`,
    [input.caseId, LOCAL_CARD_PROVIDER, session.sessionId, input.amountCents, input.currency],
  );
  await ctx.em.execute(`insert into activity (case_id, kind, text) values (?, 'checkout', ?)`, [
    input.caseId,
    `Le débiteur a ouvert un paiement par carte de ${(input.amountCents / 100).toFixed(2).replace('.', ',')} ${input.currency}.`,
  ]);
  return session;
}

export type EventOutcome = 'recorded' | 'duplicate' | 'ignored';

/**
 * Applies a verified provider event exactly once. The event id is unique per provider
 * (webhook_event primary key) and the payment reference is unique per provider (payment
 * unique key), so a webhook delivered twice, or two deliveries racing, record one payment.
 * Order does not matter: a session that is paid stays paid when a late failure arrives.
 */
export async function applyCardEvent(ctx: ServiceContext, provider: string, event: CardProviderEvent): Promise<EventOutcome> {
  return await ctx.em.transactional(async (em: EntityManager) => {
    const fresh = await em.execute<{ event_id: string }[]>(
      `insert into webhook_event (provider, event_id, type, payload) values (?, ?, ?, ?)
       on conflict do nothing returning event_id`,
      [provider, event.id, event.type, JSON.stringify(event)],
    );
    if (fresh.length === 0) return 'duplicate';
    const [session] = await em.execute<{ id: string; case_id: string; status: string }[]>(
      'select id, case_id, status from checkout_session where provider = ? and provider_session_id = ? for update',
      [provider, event.data.sessionId],
    );
    if (!session) return 'ignored';
    if (event.type === 'checkout.session.completed') {
      const receivedOn = todayInParis({ now: () => new Date(event.created * 1000) });
      const inserted = await em.execute<{ id: string }[]>(
        `insert into payment (case_id, amount_cents, currency, received_on, method, provider, provider_reference)
         values (?, ?, ?, ?, 'card', ?, ?) on conflict (provider, provider_reference) do nothing returning id`,
        [session.case_id, event.data.amountCents, event.data.currency, receivedOn, provider, event.data.paymentReference ?? event.id],
      );
      await em.execute(`update checkout_session set status = 'paid', completed_at = now() where id = ? and status <> 'paid'`, [
        session.id,
      ]);
      if (inserted.length > 0) {
        await em.execute(`insert into activity (case_id, kind, text) values (?, 'payment', ?)`, [
          session.case_id,
          `Paiement par carte reçu : ${(event.data.amountCents / 100).toFixed(2).replace('.', ',')} ${event.data.currency} (réf. ${event.data.paymentReference}).`,
        ]);
      }
      return inserted.length > 0 ? 'recorded' : 'duplicate';
    }
    const declined = await em.execute<{ id: string }[]>(
      `update checkout_session set status = 'declined', completed_at = now() where id = ? and status = 'open' returning id`,
      [session.id],
    );
    if (declined.length > 0) {
      await em.execute(`insert into activity (case_id, kind, text) values (?, 'checkout', ?)`, [
        session.case_id,
        `Paiement par carte refusé (${event.data.failureReason ?? 'refus'}).`,
      ]);
    }
    return declined.length > 0 ? 'recorded' : 'ignored';
  });
}
