import type { CaseDetail } from '@relance/contracts/cases';
import { centsFromDatabase } from '@relance/domain/money';
import { casePrescription, type PrescriptionEvent } from '@relance/domain/prescription';
import { findAccessible } from '../../plugins/access.ts';
import { type ActorContext, todayInParis } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { recordCaseRead } from '../audit/service.ts';
import { Creditor } from '../creditors/entities.ts';
import { logoUrlOf, mandateStateOf } from '../creditors/service.ts';
import { listActivities } from './activities.ts';
import { type DisputeRow, disputeSelect, toDisputeDto } from './dispute-row.ts';
import { CollectionCase } from './entities.ts';
import { outstandingFigures } from './statement.ts';
import { caseSummaryById, showsVulnerabilityTo } from './summary.ts';

// The case screen's read model (GET /cases/{id}): the summary line, the debtor and contacts, the
// ledger, the timeline, and the legal standing (prescription, dispute, vulnerability, décompte balance).

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
    ctx.em.execute(
      `select id, invoice_ref, issue_date, due_date, amount_cents, currency, contract_rate_basis_points
         from claim where case_id = ? order by due_date, invoice_ref`,
      [found.id],
    ),
    ctx.em.execute(
      `select id, amount_cents, currency, received_on, method, provider_reference, claim_ref, overpayment
         from payment where case_id = ? order by received_on desc, created_at desc`,
      [found.id],
    ),
    listActivities(ctx, found.id, ctx.actor),
  ]);
  return { debtor: debtorRows[0] as Record<string, string | null>, emails, phones, addresses, claims: claims as Row[], payments: payments as Row[], activities };
}

type LegalEventRow = { kind: PrescriptionEvent['kind']; occurred_on: string; end_on: string | null; claim_refs: string[] | null };
type VulnerabilityRow = { vulnerable_since: Date | null; vulnerability_note: string | null; vulnerability_flagged_by: string | null; flagged_by_name: string | null };

/** The legal events, the open dispute, the vulnerability flag and today's décompte balance: the second round. */
async function loadStanding(ctx: ActorContext, caseId: string, today: string) {
  const [legalEvents, [disputeRow], [vulnerabilityRow], outstanding] = await Promise.all([
    ctx.em.execute<LegalEventRow[]>(
      'select kind, occurred_on::text as occurred_on, end_on::text as end_on, claim_refs from case_legal_event where case_id = ? order by occurred_on',
      [caseId],
    ),
    ctx.em.execute<DisputeRow[]>(
      `${disputeSelect} where cd.case_id = ? and cd.resolved_at is null`,
      [caseId],
    ),
    ctx.em.execute<VulnerabilityRow[]>(
      `select c.vulnerable_since, c.vulnerability_note, c.vulnerability_flagged_by, u.name as flagged_by_name
         from collection_case c left join app_user u on u.id = c.vulnerability_flagged_by where c.id = ?`,
      [caseId],
    ),
    outstandingFigures(ctx, [caseId], today),
  ]);
  return { legalEvents, disputeRow, vulnerabilityRow, figures: outstanding.get(caseId) };
}

/**
 * Prescription: every claim from its due date, moved by the payments (an acknowledgment of the
 * claim they were designated to, or of the whole debt) and the case's legal events, e.g. the
 * acceptance of a plan (C. civ. 2240) that the plans feature records.
 */
function prescriptionOf(
  found: CollectionCase,
  parties: { creditorKind: Creditor['kind']; debtorKind: 'company' | 'person' },
  rows: { claims: Row[]; payments: Row[]; legalEvents: LegalEventRow[] },
  today: string,
): CaseDetail['prescription'] {
  const events: PrescriptionEvent[] = [
    ...(rows.payments as { received_on: string; claim_ref: string | null }[]).map((payment) => ({
      kind: 'payment' as const,
      date: String(payment.received_on),
      ...(payment.claim_ref ? { claimRefs: [payment.claim_ref] } : {}),
    })),
    ...rows.legalEvents.map((event) =>
      event.kind === 'mediation'
        ? { kind: 'mediation' as const, date: event.occurred_on, ...(event.end_on ? { endDate: event.end_on } : {}), ...(event.claim_refs ? { claimRefs: event.claim_refs } : {}) }
        : { kind: event.kind, date: event.occurred_on, ...(event.claim_refs ? { claimRefs: event.claim_refs } : {}) },
    ),
    ...(found.miseEnDemeureOn ? [{ kind: 'mise_en_demeure' as const, date: found.miseEnDemeureOn }] : []),
  ];
  const prescription = casePrescription({
    claims: (rows.claims as { invoice_ref: string; due_date: string }[]).map((claim) => ({ ref: claim.invoice_ref, dueDate: String(claim.due_date) })),
    creditorKind: parties.creditorKind,
    debtorKind: parties.debtorKind,
    events,
    asOf: today,
    warningHorizonDays: PRESCRIPTION_WARNING_DAYS,
  });
  if (!prescription) return null;
  return {
    date: prescription.date,
    claimRef: prescription.claimRef,
    basis: prescription.basis,
    prescribed: prescription.prescribed,
    daysLeft: prescription.daysLeft,
    withinWarning: prescription.withinWarning,
    movedBy: prescription.movedBy.map((move) => ({ ...move })),
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

function toClaimDto(c: Row): CaseDetail['claims'][number] {
  return {
    id: String(c.id),
    invoiceRef: String(c.invoice_ref),
    issueDate: String(c.issue_date),
    dueDate: String(c.due_date),
    amountCents: centsFromDatabase(c.amount_cents as string, 'amount_cents'),
    currency: String(c.currency),
    contractRateBasisPoints: c.contract_rate_basis_points === null ? null : Number(c.contract_rate_basis_points),
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
  const parties = { creditorKind: creditor.kind, debtorKind: ledger.debtor.kind as 'company' | 'person' };
  return {
    ...summary,
    outstandingCents: standing.figures?.balanceCents ?? null,
    refundDueCents: standing.figures?.refundDueCents ?? null,
    prescription: prescriptionOf(found, parties, { ...ledger, legalEvents: standing.legalEvents }, today),
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
    claims: ledger.claims.map(toClaimDto),
    payments: ledger.payments.map(toPaymentDto),
    activities: ledger.activities,
  };
}

/** How many days ahead the case screen warns of a prescription date (the queue has its own tiers). */
export const PRESCRIPTION_WARNING_DAYS = 90;
