import { ABANDONED_CHECKOUT_MINUTES, type EpcQrCode, type LastCheckoutAttempt, type PortalPaymentOptions } from '@relance/contracts/portal-pay';
import { buildEpcPayload } from '@relance/domain/epc-qr';
import { creditorReferenceFor } from '@relance/domain/identifiers';
import { centsFromDatabase } from '@relance/domain/money';
import { type DebtorAmountRefusal, debtorAmountRefusal } from '@relance/domain/portal-payment';
import QRCode from 'qrcode';
import type { PortalContext, ServiceContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { portalIdempotencyGuard, runIdempotently, type StoredResponse } from '../../plugins/idempotency.ts';
import { startCardCheckout } from '../payments/service.ts';
import { totalsOf } from './service.ts';
import { portalAccess, verifiedCaseId } from './verification.ts';

// The debtor pays from their page: by card (the local provider's hosted checkout) an amount the
// creditor's rules allow (packages/domain portal-payment.ts), or by bank transfer to the agency's
// client-funds account (CPCE R124-2) with the case's ISO 11649 reference and an EPC QR code that
// banking apps scan. The page also tells what became of the last card attempt.

type CaseRow = { reference: string; creditor_id: string; brand_display_name: string; brand_primary_color: string; portal_min_payment_cents: string };

async function caseRowOf(ctx: ServiceContext, caseId: string): Promise<CaseRow> {
  const [row] = await ctx.em.execute<CaseRow[]>(
    `select c.reference, c.creditor_id, cr.brand_display_name, cr.brand_primary_color, cr.portal_min_payment_cents
       from collection_case c join creditor cr on cr.id = c.creditor_id where c.id = ?`,
    [caseId],
  );
  if (!row) throw new AppError('portal_link_invalid', 404);
  return row;
}

type NextInstallment = NonNullable<PortalPaymentOptions['nextInstallment']>;

/**
 * The first installment of the case's active plan not yet covered, and how much is still due on it.
 * What was received on each installment is the plans feature's record (payment_plan_installment
 * .paid_cents, matched after every payment by its plans__check job), read here, not recomputed.
 */
async function nextInstallmentOf(ctx: ServiceContext, caseId: string): Promise<NextInstallment | null> {
  const [row] = await ctx.em.execute<{ plan_id: string; index: number; count: string; due_on: string; amount_cents: string; paid_cents: string }[]>(
    `select pl.id as plan_id, i.index, i.due_on, i.amount_cents, i.paid_cents,
            (select count(*) from payment_plan_installment all_i where all_i.plan_id = pl.id) as count
       from payment_plan pl join payment_plan_installment i on i.plan_id = pl.id
      where pl.case_id = ? and pl.status = 'active' and i.paid_cents < i.amount_cents
      order by i.index limit 1`,
    [caseId],
  );
  if (!row) return null;
  const amountCents = centsFromDatabase(row.amount_cents, 'amount_cents');
  return {
    planId: row.plan_id,
    number: row.index + 1,
    count: Number(row.count),
    dueOn: row.due_on,
    amountCents,
    dueCents: amountCents - centsFromDatabase(row.paid_cents, 'paid_cents'),
  };
}

/** A refusal of the domain's rule as the API says it; before the check, nothing about the debtor's plan. */
function refusalError(refusal: DebtorAmountRefusal, verified: boolean): AppError {
  if (refusal.code === 'nothing_to_pay') return new AppError('nothing_to_pay', 409);
  if (refusal.code === 'amount_too_high') return new AppError('amount_too_high', 400, { balanceCents: refusal.balanceCents });
  return new AppError('amount_too_low', 400, {
    minCents: refusal.minCents,
    balanceCents: refusal.balanceCents,
    ...(verified ? { nextInstallmentCents: refusal.nextInstallmentCents } : {}),
  });
}

type CheckoutStarted = { checkoutUrl: string; sessionId: string };

/**
 * A card payment from the page: the whole balance, or an amount of the debtor's choice within the
 * creditor's floor (the next installment of their plan is always accepted). Open before the check:
 * paying reveals nothing, and a debtor who only wants to pay the balance the letter gave should not
 * be turned away. With the page's Idempotency-Key, a double tap opens one checkout session.
 */
export async function startPortalCheckout(
  ctx: PortalContext,
  body: { amountCents?: number | undefined },
  idempotencyKey: string | undefined,
): Promise<StoredResponse<CheckoutStarted, 201>> {
  const access = await portalAccess(ctx);
  const { caseId } = access;
  const guard = portalIdempotencyGuard(caseId, idempotencyKey, 'POST /api/v1/portal/:token/checkout', body);
  return await runIdempotently(ctx.em, guard, async (em) => {
    const tx = { ...ctx, em };
    const totals = await totalsOf(tx, caseId);
    const row = await caseRowOf(tx, caseId);
    const next = await nextInstallmentOf(tx, caseId);
    const amount = body.amountCents ?? totals.balance;
    const refusal = debtorAmountRefusal(amount, {
      balanceCents: totals.balance,
      minCents: centsFromDatabase(row.portal_min_payment_cents, 'portal_min_payment_cents'),
      nextInstallmentDueCents: next?.dueCents ?? null,
    });
    if (refusal) throw refusalError(refusal, access.verified);
    const back = `${ctx.config.publicUrl}/pay/${ctx.debtor.token}`;
    const session = await startCardCheckout(tx, {
      caseId,
      amountCents: amount,
      currency: totals.currency,
      merchantName: row.brand_display_name,
      merchantColor: row.brand_primary_color,
      successUrl: `${back}?checkout=success`,
      cancelUrl: `${back}?checkout=cancelled`,
    });
    return { status: 201 as const, body: { checkoutUrl: session.url, sessionId: session.sessionId } };
  });
}

/** The case's last card attempt: an open one older than ABANDONED_CHECKOUT_MINUTES was abandoned (or cancelled). */
async function lastCheckoutOf(ctx: ServiceContext, caseId: string): Promise<LastCheckoutAttempt | null> {
  const [row] = await ctx.em.execute<
    { status: 'open' | 'paid' | 'declined'; amount_cents: string; currency: string; failure_reason: string | null; created_at: Date; completed_at: Date | null }[]
  >(
    `select status, amount_cents, currency, failure_reason, created_at, completed_at
       from checkout_session where case_id = ? order by attempt_seq desc limit 1`,
    [caseId],
  );
  if (!row) return null;
  const startedAt = new Date(row.created_at);
  const stale = ctx.clock.now().getTime() - startedAt.getTime() > ABANDONED_CHECKOUT_MINUTES * 60_000;
  return {
    status: row.status === 'open' && stale ? 'abandoned' : row.status,
    amountCents: centsFromDatabase(row.amount_cents, 'amount_cents'),
    currency: row.currency.trim(),
    failureReason: row.status === 'declined' ? row.failure_reason : null,
    startedAt: startedAt.toISOString(),
    endedAt: row.completed_at ? new Date(row.completed_at).toISOString() : null,
  };
}

/** At most `max` characters (code points), for the QR code's bounded elements. */
function clip(text: string, max: number): string {
  return [...text.trim()].slice(0, max).join('').trim();
}

async function qrCodeOf(purpose: EpcQrCode['purpose'], amountCents: number | null, transfer: Parameters<typeof buildEpcPayload>[0]): Promise<EpcQrCode> {
  const payload = buildEpcPayload({ ...transfer, amountCents });
  // EPC069-12: error correction level M; the quiet zone of four modules the QR standard asks for.
  const svg = await QRCode.toString(payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
  return { purpose, amountCents, payload, svg };
}

/**
 * Where a bank transfer goes: the agency's client-funds account (R124-2, as letters print it), the
 * case's RF reference, and EPC QR codes for the balance, the next installment and an amount typed
 * in the banking app. null while the agency has not recorded the account.
 */
async function transferOf(
  ctx: ServiceContext,
  input: { reference: string; currency: string; balanceCents: number; next: NextInstallment | null; locale: 'fr' | 'en' },
): Promise<PortalPaymentOptions['transfer']> {
  const [agency] = await ctx.em.execute<{ name: string; client_funds_iban: string | null; client_funds_bic: string | null }[]>(
    'select name, client_funds_iban, client_funds_bic from agency order by created_at limit 1',
  );
  if (!agency?.client_funds_iban) return null;
  const reference = creditorReferenceFor(input.reference);
  const base = { beneficiary: agency.name, iban: agency.client_funds_iban, bic: agency.client_funds_bic || null, reference };
  const qrCodes: EpcQrCode[] = [];
  if (input.currency === 'EUR') {
    const transfer = {
      bic: base.bic,
      beneficiaryName: clip(agency.name, 70),
      iban: base.iban,
      reference,
      information: clip(input.locale === 'en' ? `File ${input.reference}` : `Dossier ${input.reference}`, 70),
    };
    if (input.balanceCents > 0) qrCodes.push(await qrCodeOf('balance', input.balanceCents, transfer));
    if (input.next && input.next.dueCents > 0 && input.next.dueCents < input.balanceCents) {
      qrCodes.push(await qrCodeOf('installment', input.next.dueCents, transfer));
    }
    qrCodes.push(await qrCodeOf('open', null, transfer));
  }
  return { beneficiaryName: base.beneficiary, iban: base.iban, bic: base.bic, reference, qrCodes };
}

/** Everything the "Pay" section of a verified debtor's page needs. */
export async function getPaymentOptions(ctx: PortalContext): Promise<PortalPaymentOptions> {
  const caseId = await verifiedCaseId(ctx);
  const totals = await totalsOf(ctx, caseId);
  const row = await caseRowOf(ctx, caseId);
  const next = await nextInstallmentOf(ctx, caseId);
  const balanceCents = Math.max(0, totals.balance);
  return {
    currency: totals.currency,
    balanceCents,
    amountsAsOf: totals.asOf,
    minPaymentCents: centsFromDatabase(row.portal_min_payment_cents, 'portal_min_payment_cents'),
    nextInstallment: next,
    transfer: await transferOf(ctx, { reference: row.reference, currency: totals.currency, balanceCents, next, locale: ctx.locale }),
    lastCheckout: await lastCheckoutOf(ctx, caseId),
  };
}
