import type { EntityManager } from '@mikro-orm/postgresql';
import type { Payment as PaymentDto, RecordPaymentBody } from '@relance/contracts/cases';
import type { LocalizedText } from '@relance/contracts/timeline-events';
import { frenchDate } from '@relance/domain/calendar';
import { centsFromDatabase, formatMoney } from '@relance/domain/money';
import { findAccessible } from '../../plugins/access.ts';
import { type ActorContext, type ServiceContext, todayInParis } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { idempotencyGuard, runIdempotently, type StoredResponse } from '../../plugins/idempotency.ts';
import { emExec } from '../../plugins/sql.ts';
import { CollectionCase } from '../cases/entities.ts';
import { outstandingFigures } from '../cases/statement.ts';
import { addEntry } from '../cases/timeline.ts';
import { type PaymentAnomalyKind, recordPaymentAnomaly } from './anomalies.ts';
import type { CardCheckoutRequest, CardProviderEvent } from './card-provider.ts';
import { createLocalCheckoutSession, LOCAL_CARD_PROVIDER } from './local-card-provider.ts';
import { recordIncomingPayment } from './record.ts';

/** Opens a hosted checkout for a case and remembers it on our side. */
export async function startCardCheckout(
  ctx: ServiceContext,
  input: { caseId: string } & Omit<CardCheckoutRequest, 'metadata'>,
): Promise<{ sessionId: string; url: string }> {
  const session = await createLocalCheckoutSession(ctx, { ...input, metadata: { caseId: input.caseId } });
  await ctx.em.execute(
    `insert into checkout_session (case_id, provider, provider_session_id, amount_cents, currency, created_at) values (?, ?, ?, ?, ?, ?)`,
    [input.caseId, LOCAL_CARD_PROVIDER, session.sessionId, input.amountCents, input.currency, ctx.clock.now()],
  );
  await addEntry(emExec(ctx.em), ctx.clock, {
    caseId: input.caseId,
    kind: 'checkout',
    text: `Le débiteur a ouvert un paiement par carte de ${formatMoney(input.amountCents, input.currency, 'fr')}.`,
    event: { code: 'card_checkout_opened', params: { amountCents: input.amountCents, currency: input.currency } },
  });
  return session;
}

export type EventOutcome = 'recorded' | 'duplicate' | 'ignored' | 'anomaly';

type SessionRow = { id: string; case_id: string; creditor_id: string; status: string; amount_cents: string; currency: string };

/**
 * Applies a verified provider event exactly once. The event id is unique per provider
 * (webhook_event primary key) and the payment reference is unique per provider (payment
 * unique key), so a webhook delivered twice, or two deliveries racing, record one payment.
 * Order does not matter: a session that is paid stays paid when a late failure arrives.
 *
 * A signature proves who sent an event, not that it is right: a completion is checked against
 * the checkout session we opened (it exists, same case, same amount and currency, not already
 * paid by another event). Anything else is recorded as a payment anomaly for a human
 * (anomalies.ts), never as a payment, and answered 200 so the provider does not retry it.
 */
export async function applyCardEvent(ctx: ServiceContext, provider: string, event: CardProviderEvent): Promise<EventOutcome> {
  return await ctx.em.transactional(async (em: EntityManager) => {
    const fresh = await em.execute<{ event_id: string }[]>(
      `insert into webhook_event (provider, event_id, type, payload) values (?, ?, ?, ?)
       on conflict do nothing returning event_id`,
      [provider, event.id, event.type, JSON.stringify(event)],
    );
    if (fresh.length === 0) return 'duplicate';
    const [session] = await em.execute<SessionRow[]>(
      `select s.id, s.case_id, c.creditor_id, s.status, s.amount_cents, s.currency
         from checkout_session s join collection_case c on c.id = s.case_id
        where s.provider = ? and s.provider_session_id = ? for update of s`,
      [provider, event.data.sessionId],
    );
    if (event.type === 'checkout.session.completed') {
      const anomaly = completionAnomaly(session, event);
      if (anomaly) {
        await recordPaymentAnomaly(em, provider, event, session ?? null, anomaly);
        return 'anomaly';
      }
    }
    if (!session) return 'ignored';
    if (event.type === 'checkout.session.completed') {
      const receivedOn = todayInParis({ now: () => new Date(event.created * 1000) });
      const recorded = await recordIncomingPayment(
        { em, clock: ctx.clock },
        {
          caseId: session.case_id,
          creditorId: session.creditor_id,
          amountCents: event.data.amountCents,
          currency: event.data.currency,
          receivedOn,
          method: 'card',
          provider,
          providerReference: event.data.paymentReference ?? event.id,
          timelineText: `Paiement par carte reçu : ${formatMoney(event.data.amountCents, event.data.currency.toUpperCase(), 'fr')} (réf. ${event.data.paymentReference}).`,
        },
      );
      await em.execute(`update checkout_session set status = 'paid', completed_at = ? where id = ? and status <> 'paid'`, [
        ctx.clock.now(),
        session.id,
      ]);
      return recorded.created ? 'recorded' : 'duplicate';
    }
    // The provider's reason is kept (the debtor's page says what happened and what to try).
    const reason = event.data.failureReason?.trim().slice(0, 100) || null;
    const declined = await em.execute<{ id: string }[]>(
      `update checkout_session set status = 'declined', completed_at = ?, failure_reason = ? where id = ? and status = 'open' returning id`,
      [ctx.clock.now(), reason, session.id],
    );
    if (declined.length > 0) {
      await addEntry(emExec(em), ctx.clock, {
        caseId: session.case_id,
        kind: 'checkout',
        text: `Paiement par carte refusé (${declineLabel(reason).fr}) : ${formatMoney(centsFromDatabase(session.amount_cents, 'amount_cents'), session.currency.trim(), 'fr')}.`,
        event: {
          code: 'card_declined',
          params: { amountCents: centsFromDatabase(session.amount_cents, 'amount_cents'), currency: session.currency.trim(), declineReason: declineLabel(reason) },
        },
      });
    }
    return declined.length > 0 ? 'recorded' : 'ignored';
  });
}

/** The providers' decline reasons, in the agent's words, in both languages of the staff app. */
const cardFailureLabels: Record<string, LocalizedText> = {
  card_declined: { fr: 'carte refusée par la banque', en: 'card declined by the bank' },
  insufficient_funds: { fr: 'provision insuffisante', en: 'insufficient funds' },
  expired_card: { fr: 'carte expirée', en: 'card expired' },
};

/** A provider's code by its words; one we do not know is quoted as the provider gave it. */
function declineLabel(reason: string | null): LocalizedText {
  if (!reason) return { fr: 'refus', en: 'declined' };
  return cardFailureLabels[reason] ?? { fr: `motif du prestataire « ${reason} »`, en: `provider's reason "${reason}"` };
}

/** What is wrong with a completion, compared with the session we opened; null when it may be recorded. */
function completionAnomaly(session: SessionRow | undefined, event: CardProviderEvent): PaymentAnomalyKind | null {
  if (!session) return 'unknown_session';
  const caseId = event.data.metadata.caseId;
  if (caseId !== undefined && caseId !== session.case_id) return 'case_mismatch';
  if (event.data.currency.toUpperCase() !== session.currency.trim().toUpperCase()) return 'currency_mismatch';
  if (event.data.amountCents !== Number(session.amount_cents)) return 'amount_mismatch';
  // The same event twice was answered 'duplicate' above: this is another event for a paid session.
  if (session.status === 'paid') return 'already_paid';
  return null;
}

const methodLabels: Record<RecordPaymentBody['method'], string> = {
  transfer: 'virement',
  cheque: 'chèque',
  card: 'carte',
  other: 'autre moyen',
  direct_to_creditor: 'payé directement au créancier',
};

/**
 * Records a payment an agent saw arrive (transfer, cheque, ...) or that the creditor reports it
 * received directly. The payer may designate the claim it pays (C. civ. 1342-10); the décompte
 * allocates it. The timeline says so. With an idempotency key, a retry replays the first answer.
 *
 * A payment above the balance due today (the décompte: principal, interest and indemnities, less
 * what was already paid) is refused unless the caller records it as an overpayment (`overpayment:
 * true`): then the row says so, and the excess shows as an amount to refund (the décompte's
 * creditCents, the case's refundDueCents). When the décompte cannot be computed (a rate half-year
 * missing) the balance is unknown and the payment is recorded as given. The bound is the whole
 * balance, prescribed claims included: what the agency asks for is the demandable amount, but a
 * debtor who pays a prescribed debt anyway has paid it (C. civ. 2249). The payment then moves the
 * prescription dates of the claims it was allocated to.
 */
export async function recordPayment(
  ctx: ActorContext,
  caseId: string,
  body: RecordPaymentBody,
  idempotencyKey?: string,
): Promise<StoredResponse<PaymentDto, 201>> {
  const found = await findAccessible(ctx, 'case', CollectionCase, caseId);
  if (body.date > todayInParis(ctx.clock)) throw new AppError('date_in_future', 400, { field: 'date', date: body.date });
  const claims = await ctx.em.execute<{ invoice_ref: string; currency: string }[]>(
    'select invoice_ref, currency from claim where case_id = ? order by due_date, invoice_ref',
    [found.id],
  );
  const currency = claims[0]?.currency ?? 'EUR';
  if (body.claimRef !== undefined && !claims.some((claim) => claim.invoice_ref === body.claimRef)) {
    throw new AppError('unknown_claim_ref', 400, { claimRef: body.claimRef });
  }
  const guard = idempotencyGuard(ctx.actor, idempotencyKey, `POST /api/v1/cases/${found.id}/payments`, body);
  return await runIdempotently(ctx.em, guard, async (em) => {
    // One payment at a time per case: two concurrent ones must not both fit the same balance.
    await em.execute('select id from collection_case where id = ? for update', [found.id]);
    const figures = (await outstandingFigures({ ...ctx, em }, [found.id], todayInParis(ctx.clock))).get(found.id);
    const balanceDue = figures ? Math.max(0, figures.balanceCents) : null;
    const exceeds = balanceDue !== null && body.amountCents > balanceDue;
    if (exceeds && body.overpayment !== true) {
      throw new AppError('payment_above_balance', 422, { amountCents: body.amountCents, balanceDueCents: balanceDue, currency });
    }
    const overpayment = balanceDue === null ? body.overpayment === true : exceeds;
    const designation = body.claimRef === undefined ? '' : `, imputé sur la créance ${body.claimRef} à la demande du payeur`;
    const excess =
      overpayment && balanceDue !== null
        ? ` Trop-perçu de ${formatMoney(body.amountCents - balanceDue, currency, 'fr')} à rembourser au payeur (solde dû : ${formatMoney(balanceDue, currency, 'fr')}).`
        : overpayment
          ? ' Enregistré comme trop-perçu à rembourser au payeur.'
          : '';
    const { id } = await recordIncomingPayment(
      { em, clock: ctx.clock },
      {
        caseId: found.id,
        creditorId: found.creditorId,
        amountCents: body.amountCents,
        currency,
        receivedOn: body.date,
        method: body.method,
        claimRef: body.claimRef ?? null,
        overpayment,
        authorId: ctx.actor.userId,
        timelineText: `Paiement enregistré (${methodLabels[body.method]}) : ${formatMoney(body.amountCents, currency, 'fr')} reçu le ${frenchDate(body.date)}${designation}.${excess}`,
      },
    );
    return {
      status: 201 as const,
      body: {
        id,
        amountCents: body.amountCents,
        currency,
        receivedOn: body.date,
        method: body.method,
        providerReference: null,
        claimRef: body.claimRef ?? null,
        overpayment,
      },
    };
  });
}
