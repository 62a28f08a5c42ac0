import { legalCostAdvancedPostings } from '@relance/domain/ledger';
import type { Clock } from '../../plugins/context.ts';
import type { SqlExec } from '../../plugins/sql.ts';
import { postTransaction } from '../ledger/journal.ts';

/**
 * A court or commissaire fee the agency paid for a creditor goes to the agency's books the day it
 * is recorded (`legal_cost_advanced`: legal costs advanced against the agency's bank), linked to its
 * cost row; the remittance run later bills or deducts it (money/remittance-runs.ts, same key).
 * A cost the creditor paid itself (advanced_by_agency false) is not the agency's money: nothing.
 */
export async function bookAdvancedLegalCost(
  exec: SqlExec,
  clock: Clock,
  cost: { id: string; creditorId: string; caseId: string; amountCents: number; incurredOn: string; advancedByAgency: boolean; recordedBy: string | null },
): Promise<void> {
  if (!cost.advancedByAgency) return;
  await postTransaction(exec, clock, {
    kind: 'legal_cost_advanced',
    bookedOn: cost.incurredOn,
    description: 'Frais de procédure avancés par l’agence',
    source: { type: 'legal_cost', id: cost.id },
    creditorId: cost.creditorId,
    caseId: cost.caseId,
    idempotencyKey: `legal_cost:${cost.id}:advanced`,
    recordedBy: cost.recordedBy,
    postings: legalCostAdvancedPostings(cost.creditorId, cost.amountCents),
  });
}
