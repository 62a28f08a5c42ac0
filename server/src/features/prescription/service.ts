import type { ClosureProposal, ImminentPrescription } from '@relance/contracts/prescription';
import { isClaimNature, natureRegime } from '@relance/domain/claim-nature';
import { addDays, maxDate } from '@relance/domain/dates';
import { interruptingActions } from '@relance/domain/prescription';
import { type ActorContext, todayInParis } from '../../plugins/context.ts';
import { decodeCursor, encodeCursor } from '../../plugins/cursor.ts';
import { sql } from '../../plugins/sql.ts';
import { type ClaimPrescription, claimPrescriptionsFrom } from '../cases/prescription.ts';
import { caseStandings, PRESCRIPTION_HORIZON_DAYS } from '../cases/statement.ts';

// The managers' prescription lists. A prescribed claim is never demanded (cases/statement.ts keeps
// it out of everything the debtor is shown; the dunning run and the queue skip it by
// claim.prescription_date), so a case whose every claim is prescribed has nothing left to collect:
// it is proposed for closure, which a manager does through the ordinary status change (cases/
// status.ts) with the outcome and the reason given here. Claims that prescribe within 90 days are
// listed with the action that would interrupt them (C. civ. 2240, 2241; a forclusion only by a
// court claim). The stored dates select the rows; the computation from every fact
// (cases/prescription.ts) decides, so a date a refresh has not caught up with yet shows no false entry.

type Page<T> = { items: T[]; nextCursor: string | null };

type CaseRow = { case_id: string; reference: string; creditor_id: string; creditor_name: string; debtor_name: string; status: string; currency: string };

const caseColumns = sql`c.id as case_id, c.reference, c.creditor_id, cr.legal_name as creditor_name, d.display_name as debtor_name, c.status`;

function caseDto(row: CaseRow) {
  return {
    caseId: row.case_id,
    reference: row.reference,
    creditorId: row.creditor_id,
    creditorName: row.creditor_name,
    debtorName: row.debtor_name,
    status: row.status,
    currency: row.currency,
  };
}

/** "Prescription acquise" with each claim's last day and article: the reason a manager closes with. */
function closureReason(claims: readonly ClaimPrescription[]): string {
  const list = claims.map(({ prescription }) => `${prescription.claimRef} (${prescription.basis}, dernier jour ${prescription.date})`).join(' ; ');
  return `Prescription acquise : ${list}. Rien ne peut plus être réclamé ; ce qui a été payé reste acquis (C. civ. 2249).`;
}

/**
 * GET /prescription/closure-proposals: open cases whose every claim is prescribed today, the
 * longest prescribed first, with what remains on them and the outcome and reason to close with.
 */
export async function closureProposals(ctx: ActorContext, query: { limit: number; cursor?: string | undefined }): Promise<Page<ClosureProposal>> {
  const today = todayInParis(ctx.clock);
  const after = query.cursor ? decodeCursor(query.cursor, ['date', 'uuid']) : null;
  const q = sql`select * from (
      select ${caseColumns}, min(cl.currency) as currency, max(cl.prescription_date)::text as last_date
        from collection_case c join creditor cr on cr.id = c.creditor_id join debtor d on d.id = c.debtor_id join claim cl on cl.case_id = c.id
       where c.status <> 'closed'
       group by c.id, cr.legal_name, d.display_name
      having max(cl.prescription_date) < ${today}::date) t
    ${after ? sql`where (last_date::date, case_id) > (${after[0]}::date, ${after[1]}::uuid)` : sql``}
    order by last_date, case_id limit ${query.limit + 1}`;
  const rows = await ctx.em.execute<(CaseRow & { last_date: string })[]>(q.sql, [...q.params]);
  const page = rows.slice(0, query.limit);
  const standings = await caseStandings(ctx, page.map((row) => row.case_id), today);
  const items = page.flatMap((row): ClosureProposal[] => {
    const claims = claimPrescriptionsFrom(standings, [row.case_id]);
    // The computation from every fact has the last word: a claim still alive keeps the case open.
    if (claims.length === 0 || claims.some(({ prescription }) => !prescription.prescribed)) return [];
    const standing = standings.get(row.case_id)?.standing ?? null;
    const paidCents = standing?.claims.reduce((total, claim) => total + claim.paidCents, 0) ?? 0;
    const lastDay = claims.map(({ prescription }) => prescription.date).reduce((last, date) => maxDate(last, date));
    return [
      {
        ...caseDto(row),
        prescribedSince: addDays(lastDay, 1),
        prescribedCents: standing?.prescribedCents ?? null,
        paidCents,
        suggestedOutcome: paidCents === 0 ? 'irrecoverable' : standing?.prescribedCents === 0 ? 'paid' : 'partially_paid',
        suggestedReason: closureReason(claims),
        claims: claims.map(({ prescription, owedCents }) => ({
          claimRef: prescription.claimRef,
          nature: prescription.nature,
          basis: prescription.basis,
          prescriptionDate: prescription.date,
          owedCents,
        })),
      },
    ];
  });
  const last = page.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor([last.last_date, last.case_id]) : null };
}

/**
 * GET /prescription/imminent: claims of open cases that prescribe within 90 days (today included),
 * the nearest first, with the days left and the action that would interrupt each.
 */
export async function imminentPrescriptions(ctx: ActorContext, query: { limit: number; cursor?: string | undefined }): Promise<Page<ImminentPrescription>> {
  const today = todayInParis(ctx.clock);
  const after = query.cursor ? decodeCursor(query.cursor, ['date', 'uuid']) : null;
  const q = sql`select ${caseColumns}, cl.id as claim_id, cl.invoice_ref, cl.currency, cl.prescription_date::text as prescription_date
      from claim cl join collection_case c on c.id = cl.case_id join creditor cr on cr.id = c.creditor_id join debtor d on d.id = c.debtor_id
     where c.status <> 'closed' and cl.prescription_date between ${today}::date and ${addDays(today, PRESCRIPTION_HORIZON_DAYS)}::date
       ${after ? sql`and (cl.prescription_date, cl.id) > (${after[0]}::date, ${after[1]}::uuid)` : sql``}
     order by cl.prescription_date, cl.id limit ${query.limit + 1}`;
  const rows = await ctx.em.execute<(CaseRow & { claim_id: string; invoice_ref: string; prescription_date: string })[]>(q.sql, [...q.params]);
  const page = rows.slice(0, query.limit);
  const caseIds = [...new Set(page.map((row) => row.case_id))];
  const computed = claimPrescriptionsFrom(await caseStandings(ctx, caseIds, today), caseIds);
  const items = page.flatMap((row): ImminentPrescription[] => {
    const found = computed.find((item) => item.claim.id === row.claim_id);
    if (!found?.prescription.withinWarning) return [];
    const { prescription } = found;
    const nature = isClaimNature(prescription.nature) ? prescription.nature : 'civil';
    return [
      {
        ...caseDto(row),
        claimRef: prescription.claimRef,
        nature,
        basis: prescription.basis,
        forclusion: natureRegime(nature).forclusion,
        dueDate: found.claim.due_date,
        prescriptionDate: prescription.date,
        daysLeft: prescription.daysLeft,
        owedCents: found.owedCents,
        actions: interruptingActions(nature).map((action) => ({ ...action })),
      },
    ];
  });
  const last = page.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor([last.prescription_date, last.claim_id]) : null };
}
