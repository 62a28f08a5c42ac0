import type { Claim, UpdateClaimBody } from '@relance/contracts/cases';
import { frenchDate } from '@relance/domain/calendar';
import { type ClaimNature, type NatureSource, natureRegime } from '@relance/domain/claim-nature';
import { centsFromDatabase } from '@relance/domain/money';
import { findAccessible } from '../../plugins/access.ts';
import { type ActorContext, todayInParis } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec } from '../../plugins/sql.ts';
import { recordAudit } from '../audit/service.ts';
import { CollectionCase } from './entities.ts';
import { refreshPrescriptionDates } from './prescription.ts';
import { addEntry } from './timeline.ts';

// A claim as the API shows it (nature, prescription date), and the nature corrected by staff on the
// case screen (PATCH /cases/{id}/claims/{claimId}). The nature given at intake: claim-intake.ts.

/** The columns a claim DTO is built from (`select ${claimColumns} from claim ...`). */
export const claimColumns = `id, invoice_ref, issue_date::text as issue_date, due_date::text as due_date, amount_cents, currency,
  contract_rate_basis_points, nature, nature_source, prescription_date::text as prescription_date, prescribed_at_intake`;

export type ClaimRow = {
  id: string;
  invoice_ref: string;
  issue_date: string;
  due_date: string;
  amount_cents: string | number;
  currency: string;
  contract_rate_basis_points: number | null;
  nature: ClaimNature;
  nature_source: NatureSource;
  prescription_date: string;
  prescribed_at_intake: boolean;
};

/** A claim as the API shows it; prescribed once its prescription date is past (C. civ. 2229). */
export function toClaimDto(row: ClaimRow, today: string): Claim {
  return {
    id: row.id,
    invoiceRef: row.invoice_ref,
    issueDate: row.issue_date,
    dueDate: row.due_date,
    amountCents: centsFromDatabase(row.amount_cents, 'amount_cents'),
    currency: row.currency,
    contractRateBasisPoints: row.contract_rate_basis_points === null ? null : Number(row.contract_rate_basis_points),
    nature: row.nature,
    natureSource: row.nature_source,
    prescriptionDate: row.prescription_date,
    prescribed: row.prescription_date < today,
    prescribedAtIntake: row.prescribed_at_intake,
  };
}

/** French names of the natures, for the timeline (written in French like every entry). */
const natureNames: Readonly<Record<ClaimNature, string>> = {
  commercial: 'commerciale',
  consumer: 'consommation',
  residential_rent: 'loyer d’habitation',
  consumer_credit: 'crédit à la consommation',
  telecom: 'communications électroniques',
  civil: 'civile',
};



/**
 * Staff correct a claim's nature on the case screen: it is stored as stated (`given`), every
 * prescription date of the case is recomputed from all the facts (cases/prescription.ts), and the
 * change goes to the audit trail (before/after) and the timeline. Creditor users read it only (the
 * route's access); another creditor's case or a claim of another case is 404.
 */
export async function changeClaimNature(ctx: ActorContext, caseId: string, claimId: string, body: UpdateClaimBody): Promise<Claim> {
  const found = await findAccessible(ctx, 'case', CollectionCase, caseId);
  const today = todayInParis(ctx.clock);
  return await ctx.em.transactional(async (em) => {
    const txCtx = { ...ctx, em };
    const select = `select ${claimColumns} from claim where id = ? and case_id = ?`;
    const [before] = await em.execute<ClaimRow[]>(`${select} for update`, [claimId, found.id]);
    if (!before) throw new AppError('not_found', 404);
    if (before.nature === body.nature && before.nature_source === 'given') return toClaimDto(before, today);
    await em.execute(`update claim set nature = ?, nature_source = 'given', updated_at = ? where id = ?`, [body.nature, ctx.clock.now(), claimId]);
    await refreshPrescriptionDates(txCtx, [found.id]);
    const [after] = (await em.execute<ClaimRow[]>(select, [claimId, found.id])) as [ClaimRow];
    const exec = emExec(em);
    const state = (row: ClaimRow) => ({ nature: row.nature, natureSource: row.nature_source, prescriptionDate: row.prescription_date });
    await recordAudit(exec, {
      actorId: ctx.actor.userId,
      at: ctx.clock.now(),
      action: 'claim_nature_changed',
      entity: 'claim',
      entityId: claimId,
      details: { invoiceRef: before.invoice_ref, before: state(before), after: state(after) },
      caseId: found.id,
      creditorId: found.creditorId,
    });
    const regime = natureRegime(after.nature);
    await addEntry(exec, ctx.clock, {
      caseId: found.id,
      kind: 'note',
      authorId: ctx.actor.userId,
      text:
        `Nature de la créance ${before.invoice_ref} : ${natureNames[before.nature]} → ${natureNames[after.nature]}. ` +
        `Prescription au ${frenchDate(after.prescription_date)} (${regime.years} an${regime.years > 1 ? 's' : ''}, ${regime.basis}).`,
      event: {
        code: 'claim_nature_changed',
        params: { invoiceRef: before.invoice_ref, fromNature: before.nature, toNature: after.nature, prescriptionOn: after.prescription_date, years: regime.years, basis: regime.basis },
      },
    });
    return toClaimDto(after, today);
  });
}
