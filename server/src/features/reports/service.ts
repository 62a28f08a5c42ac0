import type { CreditorDashboard } from '@relance/contracts/reports';
import { centsFromDatabase } from '@relance/domain/money';
import { creditorScope } from '../../plugins/access.ts';
import type { ActorContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { Creditor } from '../creditors/entities.ts';

/** Placed = sum of the claims handed over; collected = sum of payments received. */
export async function creditorDashboard(ctx: ActorContext, requestedCreditorId: string | undefined): Promise<CreditorDashboard> {
  const scope = creditorScope(ctx.actor);
  const creditorId = scope ?? requestedCreditorId;
  if (!creditorId) throw new AppError('validation_failed', 400, { issues: [{ path: 'creditorId', message: 'required' }] });
  const creditor = await ctx.em.findOne(Creditor, { id: creditorId });
  if (!creditor) throw new AppError('not_found', 404);
  const [totals] = await ctx.em.execute<{ cases: number; open: number; placed: string; collected: string }[]>(
    `select (select count(*)::int from collection_case where creditor_id = ?) as cases,
            (select count(*)::int from collection_case where creditor_id = ? and status <> 'closed') as open,
            (select coalesce(sum(amount_cents), 0) from claim where creditor_id = ?) as placed,
            (select coalesce(sum(p.amount_cents), 0) from payment p join collection_case c on c.id = p.case_id
              where c.creditor_id = ?) as collected`,
    [creditorId, creditorId, creditorId, creditorId],
  );
  const months = await ctx.em.execute<{ month: string; placed: string; collected: string }[]>(
    `with placed as (
       select to_char(c.opened_on, 'YYYY-MM') as month, sum(cl.amount_cents) as cents
         from claim cl join collection_case c on c.id = cl.case_id where c.creditor_id = ? group by 1),
     collected as (
       select to_char(p.received_on, 'YYYY-MM') as month, sum(p.amount_cents) as cents
         from payment p join collection_case c on c.id = p.case_id where c.creditor_id = ? group by 1)
     select coalesce(placed.month, collected.month) as month,
            coalesce(placed.cents, 0) as placed, coalesce(collected.cents, 0) as collected
       from placed full join collected on collected.month = placed.month
      order by 1`,
    [creditorId, creditorId],
  );
  const statuses = await ctx.em.execute<{ status: string; cases: number }[]>(
    'select status, count(*)::int as cases from collection_case where creditor_id = ? group by status order by status',
    [creditorId],
  );
  const placed = centsFromDatabase(totals?.placed ?? 0, 'placed');
  const collected = centsFromDatabase(totals?.collected ?? 0, 'collected');
  return {
    creditorId,
    creditorName: creditor.brandDisplayName,
    casesPlaced: totals?.cases ?? 0,
    casesOpen: totals?.open ?? 0,
    amountPlacedCents: placed,
    amountCollectedCents: collected,
    recoveryRate: placed > 0 ? collected / placed : 0,
    currency: 'EUR',
    byMonth: months.map((m) => ({ month: m.month, placedCents: centsFromDatabase(m.placed, 'placed'), collectedCents: centsFromDatabase(m.collected, 'collected') })),
    byStatus: statuses,
  };
}
