import { isClaimNature } from '@relance/domain/claim-nature';
import { casePrescription, type PrescriptionEvent, paymentInterruptions } from '@relance/domain/prescription';
import { type ServiceContext, todayInParis } from '../../plugins/context.ts';
import { caseStatements } from './statement.ts';

// Each claim's prescription date (claim.prescription_date), kept by the server whenever a fact
// that moves it changes: a payment (it interrupts the claims it was allocated to, C. civ. 2240), a
// legal event (a written acknowledgment, an accepted plan, a court claim, a mediation), a nature
// edited. packages/domain computes; this module reads the facts and writes the dates the set-based
// dunning run and the queue read. A date is only ever recomputed from all the facts, never nudged.

type LegalEventRow = { case_id: string; kind: PrescriptionEvent['kind']; occurred_on: string; end_on: string | null; claim_refs: string[] | null };
type ClaimRow = { id: string; case_id: string; invoice_ref: string; due_date: string; nature: string; prescription_date: string };

function toEvent(row: LegalEventRow): PrescriptionEvent {
  const claimRefs = row.claim_refs ? { claimRefs: row.claim_refs } : {};
  if (row.kind === 'mediation') return { kind: 'mediation', date: row.occurred_on, ...(row.end_on ? { endDate: row.end_on } : {}), ...claimRefs };
  return { kind: row.kind, date: row.occurred_on, ...claimRefs };
}

/** The prescription of each claim of these cases today, from every fact (payments by their allocation, legal events). */
export async function claimPrescriptions(ctx: ServiceContext, caseIds: readonly string[]) {
  const today = todayInParis(ctx.clock);
  const ids = JSON.stringify(caseIds);
  const inIds = 'in (select jsonb_array_elements_text(?::jsonb)::uuid)';
  const [statements, claims, legalEvents] = await Promise.all([
    caseStatements(ctx, caseIds, today),
    ctx.em.execute<ClaimRow[]>(
      `select id, case_id, invoice_ref, due_date::text as due_date, nature, prescription_date::text as prescription_date
         from claim where case_id ${inIds} order by case_id, due_date, invoice_ref`,
      [ids],
    ),
    ctx.em.execute<LegalEventRow[]>(
      `select case_id, kind, occurred_on::text as occurred_on, end_on::text as end_on, claim_refs from case_legal_event where case_id ${inIds} order by occurred_on`,
      [ids],
    ),
  ]);
  return caseIds.flatMap((caseId) => {
    const caseClaims = claims.filter((claim) => claim.case_id === caseId);
    const computed = statements.get(caseId);
    // Without a computable décompte (a rate missing) the payments' allocation is unknown: only the
    // designated ones count, which never moves a date later than the facts allow.
    const payments = computed
      ? paymentInterruptions(computed.statement.lines.flatMap((line) => (line.kind === 'payment' ? [line] : [])))
      : [];
    const events = [...payments, ...legalEvents.filter((event) => event.case_id === caseId).map(toEvent)];
    const parties = computed?.rows.parties;
    const result = casePrescription({
      claims: caseClaims.map((claim) => ({ ref: claim.invoice_ref, dueDate: claim.due_date, ...(isClaimNature(claim.nature) ? { nature: claim.nature } : {}) })),
      creditorKind: parties?.creditor_kind ?? 'company',
      debtorKind: parties?.debtor_kind ?? 'person',
      events,
      asOf: today,
      warningHorizonDays: 90,
    });
    return (result?.claims ?? []).map((prescription) => ({ caseId, claim: caseClaims.find((claim) => claim.invoice_ref === prescription.claimRef) as ClaimRow, prescription }));
  });
}

/** Recomputes and stores the prescription date of every claim of these cases; returns how many changed. */
export async function refreshPrescriptionDates(ctx: ServiceContext, caseIds: readonly string[]): Promise<number> {
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
export async function refreshAllPrescriptionDates(ctx: ServiceContext, batchSize = 500): Promise<number> {
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
