import type { CaseDetail } from '@relance/contracts/cases';
import { centsFromDatabase } from '@relance/domain/money';
import { findAccessible } from '../../plugins/access.ts';
import { type ActorContext, todayInParis } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { recordCaseRead } from '../audit/service.ts';
import { Creditor } from '../creditors/entities.ts';
import { logoUrlOf, mandateStateOf } from '../creditors/service.ts';
import { listActivities } from './activities.ts';
import { type ClaimRow, claimColumns, toClaimDto } from './claims.ts';
import { type DisputeRow, disputeSelect, toDisputeDto } from './dispute-row.ts';
import { CollectionCase } from './entities.ts';
import { type ClaimPrescription, claimPrescriptionsFrom } from './prescription.ts';
import { caseStandings, figuresOf } from './statement.ts';
import { caseSummaryById, showsVulnerabilityTo } from './summary.ts';

// The case screen's read model (GET /cases/{id}): the summary line, the debtor and contacts, the
// ledger, the timeline, and the legal standing (prescription per claim, dispute, vulnerability, décompte
// balance split into demandable and prescribed).

/**
 * GET /cases/{id}: the case screen; a read of the debtor's file by staff goes to the audit trail.
 * One insert per read, written while the detail loads: measured on the 2-core test machine, the
 * insert costs about 6 ms (its commit's WAL flush), against 50 ms for the detail; in parallel the
 * screen does not wait for it. A case the caller may not see is neither read nor recorded.
 */
export async function readCaseDetail(ctx: ActorContext, id: string): Promise<CaseDetail> {
  const found = await findAccessible(ctx, 'case', CollectionCase, id);
  const [detail] = await Promise.all([
    getCaseDetail(ctx, found.id),
    recordCaseRead(ctx, { action: 'case_viewed', caseId: found.id, creditorId: found.creditorId }),
  ]);
  return detail;
}

type Row = Record<string, unknown>;

/** The debtor with contacts, the claims, the payments and the timeline: one round of reads. */
async function loadDebtorAndLedger(ctx: ActorContext, found: CollectionCase) {
  const [debtorRows, emails, phones, addresses, claims, payments, activities] = await Promise.all([
    ctx.em.execute('select * from debtor where id = ?', [found.debtorId]),
    ctx.em.execute('select id, email, valid from debtor_email where debtor_id = ? order by email', [found.debtorId]),
    ctx.em.execute('select id, phone, valid from debtor_phone where debtor_id = ? order by phone', [found.debtorId]),
    ctx.em.execute(
      'select id, line1, postal_code, city, country, valid from debtor_address where debtor_id = ? order by line1',
      [found.debtorId],
    ),
    ctx.em.execute(`select ${claimColumns} from claim where case_id = ? order by due_date, invoice_ref`, [found.id]),
    ctx.em.execute(
      `select id, amount_cents, currency, received_on, method, provider_reference, claim_ref, overpayment
         from payment where case_id = ? order by received_on desc, created_at desc`,
      [found.id],
    ),
    listActivities(ctx, found.id, ctx.actor),
  ]);
  return { debtor: debtorRows[0] as Record<string, string | null>, emails, phones, addresses, claims: claims as ClaimRow[], payments: payments as Row[], activities };
}

type VulnerabilityRow = { vulnerable_since: Date | null; vulnerability_note: string | null; vulnerability_flagged_by: string | null; flagged_by_name: string | null };

/** The open dispute, the vulnerability flag and today's standing (décompte and prescriptions, one computation): the second round. */
async function loadStanding(ctx: ActorContext, caseId: string, today: string) {
  const [[disputeRow], [vulnerabilityRow], standings] = await Promise.all([
    ctx.em.execute<DisputeRow[]>(
      `${disputeSelect} where cd.case_id = ? and cd.resolved_at is null`,
      [caseId],
    ),
    ctx.em.execute<VulnerabilityRow[]>(
      `select c.vulnerable_since, c.vulnerability_note, c.vulnerability_flagged_by, u.name as flagged_by_name
         from collection_case c left join app_user u on u.id = c.vulnerability_flagged_by where c.id = ?`,
      [caseId],
    ),
    caseStandings(ctx, [caseId], today),
  ]);
  return { disputeRow, vulnerabilityRow, figures: figuresOf(standings.get(caseId)), prescriptions: claimPrescriptionsFrom(standings, [caseId]) };
}

/**
 * Prescription, claim by claim (cases/prescription.ts, the computation the décompte and the stored
 * dates use): each claim from its due date by its nature, moved by the payments allocated to it
 * and the case's legal events, e.g. the acceptance of a plan (C. civ. 2240). The headline is the
 * next claim to prescribe; once every claim is prescribed, the last one (the case is then proposed
 * to a manager for closure).
 */
function prescriptionOf(claims: readonly ClaimPrescription[]): CaseDetail['prescription'] {
  const live = claims.filter(({ prescription }) => !prescription.prescribed);
  const pick = (candidates: readonly ClaimPrescription[], earliest: boolean) =>
    candidates.reduce<ClaimPrescription | null>((best, next) => (best === null || (earliest ? next.prescription.date < best.prescription.date : next.prescription.date > best.prescription.date) ? next : best), null);
  const headline = live.length > 0 ? pick(live, true) : pick(claims, false);
  if (!headline) return null;
  const { prescription } = headline;
  const dto = (item: ClaimPrescription) => ({
    claimRef: item.prescription.claimRef,
    nature: item.prescription.nature,
    date: item.prescription.date,
    basis: item.prescription.basis,
    prescribed: item.prescription.prescribed,
    daysLeft: item.prescription.daysLeft,
    withinWarning: item.prescription.withinWarning,
    owedCents: item.owedCents,
    movedBy: item.prescription.movedBy.map((move) => ({ ...move })),
  });
  return {
    date: prescription.date,
    claimRef: prescription.claimRef,
    basis: prescription.basis,
    prescribed: live.length === 0,
    daysLeft: prescription.daysLeft,
    withinWarning: prescription.withinWarning,
    movedBy: prescription.movedBy.map((move) => ({ ...move })),
    prescribedClaims: claims.length - live.length,
    claims: claims.map(dto),
  };
}

function toVulnerabilityDto(row: VulnerabilityRow | undefined): CaseDetail['vulnerability'] {
  if (!row?.vulnerable_since) return null;
  return {
    since: new Date(row.vulnerable_since).toISOString(),
    note: row.vulnerability_note,
    flaggedBy: row.vulnerability_flagged_by,
    flaggedByName: row.flagged_by_name,
  };
}

function toDebtorDto(rows: Awaited<ReturnType<typeof loadDebtorAndLedger>>): CaseDetail['debtor'] {
  const { debtor } = rows;
  return {
    id: String(debtor.id),
    kind: debtor.kind as 'company' | 'person',
    displayName: String(debtor.display_name),
    companyName: debtor.company_name ?? null,
    firstName: debtor.first_name ?? null,
    lastName: debtor.last_name ?? null,
    siren: debtor.siren ?? null,
    emails: rows.emails as { id: string; email: string; valid: boolean }[],
    phones: rows.phones as { id: string; phone: string; valid: boolean }[],
    addresses: (rows.addresses as Row[]).map((a) => ({
      id: String(a.id),
      line1: String(a.line1),
      postalCode: String(a.postal_code),
      city: String(a.city),
      country: String(a.country),
      valid: Boolean(a.valid),
    })),
  };
}

function toPaymentDto(p: Row): CaseDetail['payments'][number] {
  return {
    id: String(p.id),
    amountCents: centsFromDatabase(p.amount_cents as string, 'amount_cents'),
    currency: String(p.currency),
    receivedOn: String(p.received_on),
    method: p.method as CaseDetail['payments'][number]['method'],
    providerReference: (p.provider_reference as string | null) ?? null,
    claimRef: (p.claim_ref as string | null) ?? null,
    overpayment: p.overpayment === true,
  };
}

/** The case screen's read model: the summary line plus the debtor, ledger, timeline and legal standing. */
export async function getCaseDetail(ctx: ActorContext, id: string): Promise<CaseDetail> {
  const found = await findAccessible(ctx, 'case', CollectionCase, id);
  const summary = await caseSummaryById(ctx, found.id);
  if (!summary) throw new AppError('not_found', 404);
  const creditor = await ctx.em.findOneOrFail(Creditor, { id: found.creditorId });
  const ledger = await loadDebtorAndLedger(ctx, found);
  const today = todayInParis(ctx.clock);
  const standing = await loadStanding(ctx, found.id, today);
  return {
    ...summary,
    outstandingCents: standing.figures?.balanceCents ?? null,
    refundDueCents: standing.figures?.refundDueCents ?? null,
    demandableCents: standing.figures?.demandableCents ?? null,
    prescribedCents: standing.figures?.prescribedCents ?? null,
    prescription: prescriptionOf(standing.prescriptions),
    dispute: standing.disputeRow ? toDisputeDto(standing.disputeRow) : null,
    vulnerability: showsVulnerabilityTo(ctx.actor) ? toVulnerabilityDto(standing.vulnerabilityRow) : null,
    debtor: toDebtorDto(ledger),
    externalRef: found.externalRef ?? null,
    miseEnDemeureOn: found.miseEnDemeureOn ?? null,
    judgmentEnforceableOn: found.judgmentEnforceableOn ?? null,
    creditorBrand: {
      displayName: creditor.brandDisplayName,
      primaryColor: creditor.brandPrimaryColor,
      logoUrl: logoUrlOf(creditor),
    },
    creditorMandate: {
      state: mandateStateOf(creditor, today, ctx.clock.now()),
      validUntil: creditor.mandateValidUntil ?? null,
      revokedAt: creditor.mandateRevokedAt ? creditor.mandateRevokedAt.toISOString() : null,
    },
    claims: ledger.claims.map((claim) => toClaimDto(claim, today)),
    payments: ledger.payments.map(toPaymentDto),
    activities: ledger.activities,
  };
}

