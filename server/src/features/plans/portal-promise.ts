import type { PortalPromise, PortalPromiseBody } from '@relance/contracts/portal-plans';
import type { PromiseToPay } from '@relance/contracts/promises';
import { addDays } from '@relance/domain/dates';
import { type PortalContext, type ServiceContext, todayInParis } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { portalIdempotencyGuard, runIdempotently, type StoredResponse } from '../../plugins/idempotency.ts';
import { emExec } from '../../plugins/sql.ts';
import { Creditor } from '../creditors/entities.ts';
import { verifiedCaseId } from '../portal/verification.ts';
import { recordPromise } from '../promises/service.ts';
import { demandableForPlan } from './service.ts';

// The debtor's promise on their page (issue 18): "I will pay X by Y", within the creditor's limits,
// through the same door as the promise an agent records (promises/service.ts recordPromise: the
// legal gate, status 'promise', the queue follows it). It lives in plans rather than promises:
// portal is imported by payments, which promises' checks are queued from, so promises may not
// import portal's verification (a feature cycle); plans already holds the debtor's commitments.

/**
 * The page's limits, checked after the legal gate in the promise's transaction: at least the
 * creditor's portalMinPaymentCents (or the whole balance) and at most the balance; due today to
 * today + promiseWithinDays; not while a plan runs (its installments are the commitment), nor while
 * a promise is pending (a promise is not postponed from the page: the agency is asked).
 */
async function checkPageLimits(ctx: ServiceContext, caseId: string, creditor: Creditor, body: PortalPromiseBody): Promise<void> {
  const today = todayInParis(ctx.clock);
  const exec = emExec(ctx.em);
  const [open] = await exec<{ plan_active: boolean; promise_pending: boolean }>(
    `select exists (select 1 from payment_plan where case_id = ? and status = 'active') as plan_active,
            exists (select 1 from promise_to_pay where case_id = ? and status = 'pending') as promise_pending`,
    [caseId, caseId],
  );
  if (open?.plan_active) throw new AppError('promise_plan_in_force', 409);
  if (open?.promise_pending) throw new AppError('promise_already_pending', 409);
  const balance = (await demandableForPlan(ctx, caseId)).cents;
  if (balance <= 0) throw new AppError('nothing_to_pay', 409);
  if (body.amountCents > balance) throw new AppError('amount_too_high', 400, { balanceCents: balance });
  if (body.amountCents < creditor.portalMinPaymentCents && body.amountCents !== balance) {
    throw new AppError('promise_amount_too_low', 400, { minAmountCents: creditor.portalMinPaymentCents, balanceCents: balance });
  }
  const latest = addDays(today, creditor.promiseWithinDays);
  if (body.dueOn > latest) throw new AppError('promise_due_too_late', 400, { latest });
}

function toPortalPromise(promise: PromiseToPay): PortalPromise {
  return {
    id: promise.id,
    amountCents: promise.amountCents,
    currency: promise.currency,
    dueOn: promise.dueOn,
    status: promise.status,
    madeOn: promise.madeOn,
    madeByDebtor: promise.madeVia === 'debtor',
  };
}

/** The debtor promises on their page (idempotent with the page's Idempotency-Key: a double tap makes one promise). */
export async function promiseOnPortal(ctx: PortalContext, body: PortalPromiseBody, idempotencyKey: string | undefined): Promise<StoredResponse<PortalPromise, 201>> {
  const caseId = await verifiedCaseId(ctx);
  const [row] = await ctx.em.execute<{ creditor_id: string }[]>('select creditor_id from collection_case where id = ?', [caseId]);
  if (!row) throw new AppError('portal_link_invalid', 404);
  const creditor = await ctx.em.findOneOrFail(Creditor, { id: row.creditor_id });
  const guard = portalIdempotencyGuard(caseId, idempotencyKey, 'POST /api/v1/portal/:token/promises', body);
  return await runIdempotently(ctx.em, guard, async (em) => {
    const tx = { ...ctx, em };
    const promise = await recordPromise(tx, { id: caseId, creditorId: row.creditor_id }, body, { via: 'debtor' }, (inner) =>
      checkPageLimits(inner, caseId, creditor, body),
    );
    return { status: 201 as const, body: toPortalPromise(promise) };
  });
}
