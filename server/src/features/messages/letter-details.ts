import { centsFromDatabase } from '@relance/domain/money';
import type { DisputeTerms, LetterProps, PlanTerms, ReceiptTerms } from '@relance/templates/letter-model';
import { type ServiceContext, todayInParis } from '../../plugins/context.ts';
import { emExec } from '../../plugins/sql.ts';
import { latestReceiptTerms } from './receipt-terms.ts';

// The details proper to the plan, receipt and dispute letters, read (read-only) from the rows
// the plans, payments and disputes features keep. When a detail is missing, the compliance check
// refuses the letter with "letter_details_missing" (shown as the blocked reason).

const toParisDate = (instant: Date | null | undefined): string | null => (instant ? todayInParis({ now: () => new Date(instant) }) : null);

/** The case's open or running payment plan (agreed, waiting for acceptance, or active). */
async function planTerms(ctx: ServiceContext, caseId: string): Promise<PlanTerms | null> {
  const [plan] = await ctx.em.execute<{ id: string; decided_at: Date | null; proposed_at: Date; activated_on: string | null }[]>(
    `select id, decided_at, proposed_at, activated_on from payment_plan
      where case_id = ? and status in ('active', 'agreed_pending_acceptance', 'completed')
      order by proposed_at desc limit 1`,
    [caseId],
  );
  if (!plan) return null;
  const installments = await ctx.em.execute<{ due_on: string; amount_cents: string }[]>(
    'select due_on, amount_cents from payment_plan_installment where plan_id = ? order by index',
    [plan.id],
  );
  return {
    agreedOn: plan.activated_on ?? toParisDate(plan.decided_at) ?? (toParisDate(plan.proposed_at) as string),
    method: 'transfer',
    installments: installments.map((row) => ({ dueDate: row.due_on, amountCents: centsFromDatabase(row.amount_cents, 'amount_cents') })),
  };
}

/** The dispute being examined (the latest one when none is open). */
async function disputeTerms(ctx: ServiceContext, caseId: string): Promise<DisputeTerms | null> {
  const [row] = await ctx.em.execute<{ opened_at: Date; reason: string }[]>(
    'select opened_at, reason from case_dispute where case_id = ? order by (resolved_at is null) desc, opened_at desc limit 1',
    [caseId],
  );
  return row ? { receivedOn: toParisDate(row.opened_at) as string, summary: row.reason } : null;
}

export async function letterDetails(
  ctx: ServiceContext,
  kind: string,
  caseId: string,
  statement: LetterProps['statement'],
): Promise<Partial<{ plan: PlanTerms; receipt: ReceiptTerms; dispute: DisputeTerms; statement: LetterProps['statement'] }>> {
  if (kind === 'plan') {
    const plan = await planTerms(ctx, caseId);
    return plan ? { plan } : {};
  }
  if (kind === 'receipt') {
    // CPCE R124-6: the case's latest receipt row (its number, its payment, the décompte as of that
    // payment, which the letter prints instead of today's), never one made up here.
    return (await latestReceiptTerms(ctx, emExec(ctx.em), caseId, statement)) ?? {};
  }
  if (kind === 'dispute') {
    const dispute = await disputeTerms(ctx, caseId);
    return dispute ? { dispute } : {};
  }
  return {};
}
