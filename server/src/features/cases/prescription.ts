import type { Prescription } from '@relance/domain/prescription';
import { todayInParis } from '../../plugins/context.ts';
import { type CaseStandingRows, caseStandings, type ReadContext } from './statement.ts';

// Each claim's prescription date (claim.prescription_date), kept by the server whenever a fact
// that moves it changes: a payment (it interrupts the claims it was allocated to, C. civ. 2240), a
// legal event (a written acknowledgment, an accepted plan, a court claim, a mediation), a nature
// edited. packages/domain computes, from the same rows as the décompte (cases/statement.ts
// prescriptionsOf); this module writes the dates the set-based dunning run and the queue read, and
// the daily task cases__refresh_prescriptions catches up with time and with writers that only
// enqueue a refresh. A date is only ever recomputed from all the facts, never nudged.

export type ClaimPrescription = {
  caseId: string;
  claim: { id: string; invoice_ref: string; due_date: string; nature: string; prescription_date: string };
  prescription: Prescription;
  /** What remains on the claim by today's décompte; null when the décompte cannot be computed. */
  owedCents: number | null;
};

/** The claims' prescriptions of already computed standings, case by case in the order asked. */
export function claimPrescriptionsFrom(standings: ReadonlyMap<string, CaseStandingRows>, caseIds: readonly string[]): ClaimPrescription[] {
  return caseIds.flatMap((caseId) => {
    const found = standings.get(caseId);
    if (!found) return [];
    return found.prescriptions.flatMap((prescription) => {
      const claim = found.rows.claims.find((candidate) => candidate.invoice_ref === prescription.claimRef);
      if (!claim) return [];
      const owed = found.standing?.claims.find((candidate) => candidate.claimRef === prescription.claimRef)?.owedCents;
      return [{ caseId, claim, prescription, owedCents: owed ?? null }];
    });
  });
}

/** The prescription of each claim of these cases today, from every fact (payments by their allocation, legal events). */
export async function claimPrescriptions(ctx: ReadContext, caseIds: readonly string[]): Promise<ClaimPrescription[]> {
  return claimPrescriptionsFrom(await caseStandings(ctx, caseIds, todayInParis(ctx.clock)), caseIds);
}

/** Recomputes and stores the prescription date of every claim of these cases; returns how many changed. */
export async function refreshPrescriptionDates(ctx: ReadContext, caseIds: readonly string[]): Promise<number> {
  if (caseIds.length === 0) return 0;
  const changed = (await claimPrescriptions(ctx, caseIds)).filter(({ claim, prescription }) => claim.prescription_date !== prescription.date);
  if (changed.length === 0) return 0;
  await ctx.em.execute(
    `update claim c set prescription_date = v.prescription_date::date
       from jsonb_to_recordset(?::jsonb) as v(id uuid, prescription_date text)
      where c.id = v.id`,
    [JSON.stringify(changed.map(({ claim, prescription }) => ({ id: claim.id, prescription_date: prescription.date })))],
  );
  return changed.length;
}

/**
 * Every case whose dates depend on events (it has a payment or a legal event), by batches: the
 * daily job and the demo seed. Cases without either keep the date set at intake (due date + the
 * nature's duration), which no refresh would change.
 */
export async function refreshAllPrescriptionDates(ctx: ReadContext, batchSize = 500): Promise<number> {
  let after = '00000000-0000-0000-0000-000000000000';
  let changed = 0;
  for (;;) {
    const rows = await ctx.em.execute<{ id: string }[]>(
      `select c.id from collection_case c
        where c.id > ? and c.status <> 'closed'
          and (exists (select 1 from payment p where p.case_id = c.id) or exists (select 1 from case_legal_event e where e.case_id = c.id))
        order by c.id limit ?`,
      [after, batchSize],
    );
    if (rows.length === 0) return changed;
    changed += await refreshPrescriptionDates(ctx, rows.map((row) => row.id));
    after = rows[rows.length - 1]?.id ?? after;
  }
}
