import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Activity as ActivityDto, type CaseDetail, type CaseStatus, type CaseSummary, type CreateCaseBody, caseDetail } from '@relance/contracts/cases';
import type { ContactRuleReason } from '@relance/contracts/contact-rules';
import type { Statement as StatementDto } from '@relance/contracts/statements';
import { UnknownClaimReferenceError } from '@relance/domain/allocation';
import { InvalidDateError } from '@relance/domain/dates';
import { isValidSiren, toE164 } from '@relance/domain/identifiers';
import { centsFromDatabase } from '@relance/domain/money';
import { casePrescription, type PrescriptionEvent } from '@relance/domain/prescription';
import { MissingRateError, type RateTable } from '@relance/domain/rates';
import { buildStatement, StatementInputError } from '@relance/domain/statement';
import { type Audience, creditorScope, findAccessible, seesVulnerability } from '../../plugins/access.ts';
import { type ActorContext, type ServiceContext, todayInParis } from '../../plugins/context.ts';
import { decodeCursor, encodeCursor } from '../../plugins/cursor.ts';
import { AppError } from '../../plugins/errors.ts';
import { idempotencyGuard, runIdempotently, type StoredResponse } from '../../plugins/idempotency.ts';
import { emExec, joinSql, type SqlFragment, sql } from '../../plugins/sql.ts';
import { requireAgencyIntakeOpen } from '../agency/service.ts';
import { recordCaseRead } from '../audit/service.ts';
import { Creditor } from '../creditors/entities.ts';
import { isMandateValid, logoUrlOf } from '../creditors/service.ts';
import { effectiveRateTable } from '../legal/service.ts';
import { emitCreditorEvent } from '../webhooks/service.ts';
import { contactCheckFor } from './contact-rules.ts';
import { type DisputeRow, disputeSelect, toDisputeDto } from './dispute-row.ts';
import { CollectionCase } from './entities.ts';
import { addEntry, clockAt, type TimelineKind } from './timeline.ts';

type SummaryRow = {
  id: string;
  reference: string;
  creditor_id: string;
  creditor_name: string;
  debtor_name: string;
  debtor_kind: 'company' | 'person';
  status: CaseStatus;
  claim_count: number;
  principal_cents: string;
  paid_cents: string;
  currency: string;
  oldest_due_date: string;
  days_past_due: number;
  priority_score: string;
  assigned_agent_id: string | null;
  opened_on: string;
  dispute_open: boolean;
  vulnerable: boolean;
  callback_due_at: Date | null;
};

/**
 * Balances are derived from the rows (claims minus payments), never stored; the décompte balance
 * (interest and indemnities included) is computed by packages/domain for the rows shown.
 * Priority: the queue's stored rank (collection_case.queue_rank, the explained score of
 * packages/domain refreshed set-based by the queue feature), so the list and "next case" agree.
 * `filter` selects the cases (plugins/sql.ts fragments carry their own params).
 */
function summarySelect(today: string, filter: SqlFragment): SqlFragment {
  return sql`
  with summary as (
    select c.id, c.reference, c.creditor_id, cr.legal_name as creditor_name,
           d.display_name as debtor_name, d.kind as debtor_kind, c.status,
           agg.claim_count, agg.principal_cents, coalesce(pay.paid_cents, 0) as paid_cents,
           agg.currency, agg.oldest_due_date,
           greatest(0, ${today}::date - agg.oldest_due_date) as days_past_due,
           c.queue_rank as priority_score,
           c.assigned_agent_id, c.opened_on,
           exists (select 1 from case_dispute cd where cd.case_id = c.id and cd.resolved_at is null) as dispute_open,
           c.vulnerable_since is not null as vulnerable, c.callback_due_at
      from collection_case c
      join creditor cr on cr.id = c.creditor_id
      join debtor d on d.id = c.debtor_id
      join lateral (
        select count(*)::int as claim_count, sum(amount_cents) as principal_cents,
               min(due_date) as oldest_due_date, min(currency) as currency
          from claim where case_id = c.id
      ) agg on true
      left join lateral (select sum(amount_cents) as paid_cents from payment where case_id = c.id) pay on true
     where agg.claim_count > 0 and ${filter}
  )
  select * from summary`;
}

/** Staff see the vulnerability flag; so does the system (no actor: the queue's own reads). */
function showsVulnerabilityTo(actor: ActorContext['actor'] | null): boolean {
  return actor === null || seesVulnerability(actor);
}

function toSummary(row: SummaryRow, extra: { outstandingCents: number | null; showVulnerability: boolean }): CaseSummary {
  const principalCents = centsFromDatabase(row.principal_cents, `principal_cents of case ${row.id}`);
  const paidCents = centsFromDatabase(row.paid_cents, `paid_cents of case ${row.id}`);
  return {
    id: row.id,
    reference: row.reference,
    creditorId: row.creditor_id,
    creditorName: row.creditor_name,
    debtorName: row.debtor_name,
    debtorKind: row.debtor_kind,
    status: row.status,
    claimCount: row.claim_count,
    principalCents,
    paidCents,
    balanceCents: principalCents - paidCents,
    currency: row.currency,
    oldestDueDate: row.oldest_due_date,
    daysPastDue: row.days_past_due,
    priorityScore: Number(row.priority_score),
    assignedAgentId: row.assigned_agent_id,
    openedOn: row.opened_on,
    outstandingCents: extra.outstandingCents,
    disputeOpen: row.dispute_open,
    vulnerable: extra.showVulnerability ? row.vulnerable : null,
    callbackDueAt: row.callback_due_at ? new Date(row.callback_due_at).toISOString() : null,
  };
}


export async function listCases(
  ctx: ActorContext,
  query: {
    limit: number;
    cursor?: string | undefined;
    creditorId?: string | undefined;
    status?: CaseStatus | undefined;
    q?: string | undefined;
    flag?: 'vulnerable' | 'dispute_open' | undefined;
  },
): Promise<{ items: CaseSummary[]; nextCursor: string | null }> {
  const today = todayInParis(ctx.clock);
  const filters: SqlFragment[] = [sql`true`];
  const scope = creditorScope(ctx.actor);
  const creditorId = scope ?? query.creditorId;
  if (creditorId) filters.push(sql`c.creditor_id = ${creditorId}`);
  if (query.status) filters.push(sql`c.status = ${query.status}`);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    filters.push(sql`(d.display_name ilike ${like} or c.reference ilike ${like})`);
  }
  if (query.flag === 'dispute_open') filters.push(sql`exists (select 1 from case_dispute cd where cd.case_id = c.id and cd.resolved_at is null)`);
  if (query.flag === 'vulnerable') {
    if (!showsVulnerabilityTo(ctx.actor)) throw new AppError('forbidden', 403);
    filters.push(sql`c.vulnerable_since is not null`);
  }
  const after = query.cursor ? decodeCursor(query.cursor, ['integer', 'uuid']) : null;
  const q = sql`${summarySelect(today, joinSql(filters, ' and '))}${after ? sql` where (priority_score, id) < (${after[0]}::bigint, ${after[1]}::uuid)` : sql``}
    order by priority_score desc, id desc limit ${query.limit + 1}`;
  const rows = await ctx.em.execute<SummaryRow[]>(q.sql, [...q.params]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const outstanding = await outstandingFigures(ctx, page.map((row) => row.id), today);
  const showVulnerability = showsVulnerabilityTo(ctx.actor);
  return {
    items: page.map((row) => toSummary(row, { outstandingCents: outstanding.get(row.id)?.balanceCents ?? null, showVulnerability })),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.priority_score, last.id]) : null,
  };
}

/**
 * One case's summary (the queue's claim answers with it). The décompte balance is not computed
 * here, to keep the claim path light: outstandingCents is null; the case detail fills it.
 */
export async function caseSummaryById(ctx: ServiceContext, id: string): Promise<CaseSummary | null> {
  const today = todayInParis(ctx.clock);
  const q = summarySelect(today, sql`c.id = ${id}`);
  const rows = await ctx.em.execute<SummaryRow[]>(q.sql, [...q.params]);
  const actor = (ctx as Partial<ActorContext>).actor ?? null;
  return rows[0] ? toSummary(rows[0], { outstandingCents: null, showVulnerability: showsVulnerabilityTo(actor) }) : null;
}

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

export async function getCaseDetail(ctx: ActorContext, id: string): Promise<CaseDetail> {
  const found = await findAccessible(ctx, 'case', CollectionCase, id);
  const summary = await caseSummaryById(ctx, found.id);
  if (!summary) throw new AppError('not_found', 404);
  const creditor = await ctx.em.findOneOrFail(Creditor, { id: found.creditorId });
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
  const debtor = debtorRows[0] as Record<string, string | null>;
  const today = todayInParis(ctx.clock);
  const [legalEvents, [disputeRow], [vulnerabilityRow], outstanding] = await Promise.all([
    ctx.em.execute<{ kind: PrescriptionEvent['kind']; occurred_on: string; end_on: string | null; claim_refs: string[] | null }[]>(
      'select kind, occurred_on::text as occurred_on, end_on::text as end_on, claim_refs from case_legal_event where case_id = ? order by occurred_on',
      [found.id],
    ),
    ctx.em.execute<DisputeRow[]>(
      `${disputeSelect} where cd.case_id = ? and cd.resolved_at is null`,
      [found.id],
    ),
    ctx.em.execute<{ vulnerable_since: Date | null; vulnerability_note: string | null; vulnerability_flagged_by: string | null; flagged_by_name: string | null }[]>(
      `select c.vulnerable_since, c.vulnerability_note, c.vulnerability_flagged_by, u.name as flagged_by_name
         from collection_case c left join app_user u on u.id = c.vulnerability_flagged_by where c.id = ?`,
      [found.id],
    ),
    outstandingFigures(ctx, [found.id], today),
  ]);
  // Prescription: every claim from its due date, moved by the payments (an acknowledgment of the
  // claim they were designated to, or of the whole debt) and the case's legal events, e.g. the
  // acceptance of a plan (C. civ. 2240) that the plans feature records.
  const prescriptionEvents: PrescriptionEvent[] = [
    ...(payments as { received_on: string; claim_ref: string | null }[]).map((payment) => ({
      kind: 'payment' as const,
      date: String(payment.received_on),
      ...(payment.claim_ref ? { claimRefs: [payment.claim_ref] } : {}),
    })),
    ...legalEvents.map((event) =>
      event.kind === 'mediation'
        ? { kind: 'mediation' as const, date: event.occurred_on, ...(event.end_on ? { endDate: event.end_on } : {}), ...(event.claim_refs ? { claimRefs: event.claim_refs } : {}) }
        : { kind: event.kind, date: event.occurred_on, ...(event.claim_refs ? { claimRefs: event.claim_refs } : {}) },
    ),
    ...(found.miseEnDemeureOn ? [{ kind: 'mise_en_demeure' as const, date: found.miseEnDemeureOn }] : []),
  ];
  const prescription = casePrescription({
    claims: (claims as { invoice_ref: string; due_date: string }[]).map((claim) => ({ ref: claim.invoice_ref, dueDate: String(claim.due_date) })),
    creditorKind: creditor.kind,
    debtorKind: debtor.kind as 'company' | 'person',
    events: prescriptionEvents,
    asOf: today,
    warningHorizonDays: PRESCRIPTION_WARNING_DAYS,
  });
  const showVulnerability = showsVulnerabilityTo(ctx.actor);
  return {
    ...summary,
    outstandingCents: outstanding.get(found.id)?.balanceCents ?? null,
    refundDueCents: outstanding.get(found.id)?.refundDueCents ?? null,
    prescription: prescription
      ? {
          date: prescription.date,
          claimRef: prescription.claimRef,
          basis: prescription.basis,
          prescribed: prescription.prescribed,
          daysLeft: prescription.daysLeft,
          withinWarning: prescription.withinWarning,
          movedBy: prescription.movedBy.map((move) => ({ ...move })),
        }
      : null,
    dispute: disputeRow ? toDisputeDto(disputeRow) : null,
    vulnerability:
      showVulnerability && vulnerabilityRow?.vulnerable_since
        ? {
            since: new Date(vulnerabilityRow.vulnerable_since).toISOString(),
            note: vulnerabilityRow.vulnerability_note,
            flaggedBy: vulnerabilityRow.vulnerability_flagged_by,
            flaggedByName: vulnerabilityRow.flagged_by_name,
          }
        : null,
    debtor: {
      id: String(debtor.id),
      kind: debtor.kind as 'company' | 'person',
      displayName: String(debtor.display_name),
      companyName: debtor.company_name ?? null,
      firstName: debtor.first_name ?? null,
      lastName: debtor.last_name ?? null,
      siren: debtor.siren ?? null,
      emails: emails as { id: string; email: string; valid: boolean }[],
      phones: phones as { id: string; phone: string; valid: boolean }[],
      addresses: (addresses as Record<string, unknown>[]).map((a) => ({
        id: String(a.id),
        line1: String(a.line1),
        postalCode: String(a.postal_code),
        city: String(a.city),
        country: String(a.country),
        valid: Boolean(a.valid),
      })),
    },
    externalRef: found.externalRef ?? null,
    miseEnDemeureOn: found.miseEnDemeureOn ?? null,
    judgmentEnforceableOn: found.judgmentEnforceableOn ?? null,
    creditorBrand: {
      displayName: creditor.brandDisplayName,
      primaryColor: creditor.brandPrimaryColor,
      logoUrl: logoUrlOf(creditor),
    },
    claims: (claims as Record<string, unknown>[]).map((c) => ({
      id: String(c.id),
      invoiceRef: String(c.invoice_ref),
      issueDate: String(c.issue_date),
      dueDate: String(c.due_date),
      amountCents: centsFromDatabase(c.amount_cents as string, 'amount_cents'),
      currency: String(c.currency),
      contractRateBasisPoints: c.contract_rate_basis_points === null ? null : Number(c.contract_rate_basis_points),
    })),
    payments: (payments as Record<string, unknown>[]).map((p) => ({
      id: String(p.id),
      amountCents: centsFromDatabase(p.amount_cents as string, 'amount_cents'),
      currency: String(p.currency),
      receivedOn: String(p.received_on),
      method: p.method as CaseDetail['payments'][number]['method'],
      providerReference: (p.provider_reference as string | null) ?? null,
      claimRef: (p.claim_ref as string | null) ?? null,
      overpayment: p.overpayment === true,
    })),
    activities,
  };
}

/**
 * The case timeline, as its audience may read it: the one place timeline entries are read for
 * showing (case detail, and any route or export to come). Anyone but agency staff (a creditor's
 * user or key, the debtor, an export) gets no 'vulnerability' entry (the flag, its note, its
 * lifting, a dunning step held for it) and no 'vulnerable' contact-rule warning on a call: the
 * fact that a person is vulnerable and why is health or hardship data the creditor has no need of.
 */
export async function listActivities(ctx: ServiceContext, caseId: string, audience: Audience): Promise<ActivityDto[]> {
  const staff = seesVulnerability(audience);
  const rows = await ctx.em.execute<
    {
      id: string;
      kind: ActivityDto['kind'];
      author_name: string | null;
      text: string;
      call_outcome: string | null;
      occurred_at: Date;
      contact_warnings: ContactRuleReason[] | null;
    }[]
  >(
    `select a.id, a.kind, u.name as author_name, a.text, a.call_outcome, a.occurred_at, a.contact_warnings
       from activity a left join app_user u on u.id = a.author_id
      where a.case_id = ? and (?::boolean or a.kind <> 'vulnerability')
      order by a.occurred_at desc, a.id desc limit 200`,
    [caseId, staff],
  );
  return rows.map((row) => {
    const warnings = staff ? row.contact_warnings : (row.contact_warnings?.filter((reason) => reason.code !== 'vulnerable') ?? null);
    return {
      id: row.id,
      kind: row.kind,
      authorName: row.author_name,
      text: row.text,
      callOutcome: (row.call_outcome as ActivityDto['callOutcome']) ?? null,
      occurredAt: new Date(row.occurred_at).toISOString(),
      ...(warnings && warnings.length > 0 ? { contactWarnings: warnings } : {}),
    };
  });
}

/** How many days ahead the case screen warns of a prescription date (the queue has its own tiers). */
export const PRESCRIPTION_WARNING_DAYS = 90;


type StatementRows = {
  parties: { id: string; creditor_kind: 'company' | 'private_individual'; debtor_kind: 'company' | 'person'; mise_en_demeure_on: string | null; judgment_enforceable_on: string | null };
  claims: { invoice_ref: string; issue_date: string; due_date: string; amount_cents: string; currency: string; contract_rate_basis_points: number | null }[];
  payments: { id: string; received_on: string; amount_cents: string; currency: string; claim_ref: string | null }[];
};

function statementFromRows(rows: StatementRows, asOf: string, rates: RateTable) {
  return buildStatement({
    creditorKind: rows.parties.creditor_kind,
    debtorKind: rows.parties.debtor_kind,
    claims: rows.claims.map((claim) => ({
      ref: claim.invoice_ref,
      issueDate: claim.issue_date,
      dueDate: claim.due_date,
      amountCents: centsFromDatabase(claim.amount_cents, 'amount_cents'),
      currency: claim.currency,
      ...(claim.contract_rate_basis_points === null ? {} : { contractRateBasisPoints: Number(claim.contract_rate_basis_points) }),
    })),
    payments: rows.payments.map((payment) => ({
      id: payment.id,
      date: payment.received_on,
      amountCents: centsFromDatabase(payment.amount_cents, 'amount_cents'),
      ...(payment.claim_ref === null ? {} : { claimRef: payment.claim_ref }),
    })),
    events: {
      ...(rows.parties.mise_en_demeure_on ? { miseEnDemeureDate: rows.parties.mise_en_demeure_on } : {}),
      ...(rows.parties.judgment_enforceable_on ? { judgmentEnforceableDate: rows.parties.judgment_enforceable_on } : {}),
    },
    asOf,
    rates,
  });
}

/** What a case owes at a date by its décompte, and what was paid beyond it (to refund). */
export type OutstandingFigures = { balanceCents: number; refundDueCents: number };

/**
 * Today's décompte balance of each case (interest and indemnities included) and the amount paid
 * beyond everything owed, computed by packages/domain from the rows in three set-based reads for
 * the whole page. A case whose décompte cannot be computed (a rate half-year missing, mixed
 * currencies) is left out: the caller shows principal minus payments instead and says so.
 */
export async function outstandingFigures(ctx: ServiceContext, caseIds: readonly string[], asOf: string): Promise<Map<string, OutstandingFigures>> {
  const result = new Map<string, OutstandingFigures>();
  if (caseIds.length === 0) return result;
  const ids = JSON.stringify(caseIds);
  const inIds = 'in (select jsonb_array_elements_text(?::jsonb)::uuid)';
  const [parties, claims, payments, rates] = await Promise.all([
    ctx.em.execute<StatementRows['parties'][]>(
      `select c.id, cr.kind as creditor_kind, d.kind as debtor_kind, c.mise_en_demeure_on::text as mise_en_demeure_on,
              c.judgment_enforceable_on::text as judgment_enforceable_on
         from collection_case c join creditor cr on cr.id = c.creditor_id join debtor d on d.id = c.debtor_id where c.id ${inIds}`,
      [ids],
    ),
    ctx.em.execute<(StatementRows['claims'][number] & { case_id: string })[]>(
      `select case_id, invoice_ref, issue_date::text as issue_date, due_date::text as due_date, amount_cents, currency, contract_rate_basis_points
         from claim where case_id ${inIds} order by case_id, due_date, invoice_ref`,
      [ids],
    ),
    ctx.em.execute<(StatementRows['payments'][number] & { case_id: string })[]>(
      `select case_id, id, received_on::text as received_on, amount_cents, currency, claim_ref
         from payment where case_id ${inIds} order by received_on, created_at, id`,
      [ids],
    ),
    effectiveRateTable(ctx),
  ]);
  for (const party of parties) {
    const caseClaims = claims.filter((claim) => claim.case_id === party.id);
    const casePayments = payments.filter((payment) => payment.case_id === party.id);
    const currency = caseClaims[0]?.currency;
    if (!currency || casePayments.some((payment) => payment.currency !== currency)) continue;
    try {
      const { totals } = statementFromRows({ parties: party, claims: caseClaims, payments: casePayments }, asOf, rates);
      result.set(party.id, { balanceCents: totals.balanceCents, refundDueCents: totals.creditCents });
    } catch {
      // Not computable today (missing rate, invalid input): the décompte endpoint says why.
    }
  }
  return result;
}

/** Adds a timeline entry (cases/timeline.ts); used by this feature's routes and by other features' services. */
export async function recordActivity(
  ctx: ServiceContext,
  entry: { caseId: string; kind: TimelineKind; text: string; authorId?: string | null; callOutcome?: string | null },
): Promise<void> {
  await addEntry(emExec(ctx.em), ctx.clock, entry);
}

/**
 * Logs a call or a note. A call is checked against the contact rules first (hours, holidays, the
 * cap per debtor over 7 days across channels and creditors, an open dispute, a vulnerability
 * flag): in the agency's 'block' mode a call that breaks one is refused (409
 * contact_rule_blocked, the reasons in details); in 'warn' mode it is logged with the reasons kept
 * on the entry. The debtor identity is locked for the transaction, so two agents calling the same
 * person at once count each other. A call answers a due callback (unless the debtor asks again).
 */
export async function logCaseActivity(
  ctx: ActorContext,
  caseId: string,
  body: { kind: 'call' | 'note'; text: string; callOutcome?: string | undefined },
): Promise<ActivityDto> {
  const found = await findAccessible(ctx, 'case', CollectionCase, caseId);
  if (body.kind === 'call' && !body.callOutcome) {
    throw new AppError('validation_failed', 400, { issues: [{ path: 'callOutcome', message: 'required for a call' }] });
  }
  const now = ctx.clock.now();
  return await ctx.em.transactional(async (em) => {
    const tx = { ...ctx, em };
    let warnings: ContactRuleReason[] | null = null;
    if (body.kind === 'call') {
      await em.execute(
        'select pg_advisory_xact_lock(hashtext(d.identity_key)) from collection_case c join debtor d on d.id = c.debtor_id where c.id = ?',
        [found.id],
      );
      const check = await contactCheckFor(tx, found.id, now);
      if (!check.allowed) {
        if (check.mode === 'block') {
          throw new AppError('contact_rule_blocked', 409, { reasons: check.reasons, nextAllowedAt: check.nextAllowedAt });
        }
        warnings = check.reasons;
      }
    }
    const id = await addEntry(emExec(em), clockAt(now), {
      caseId: found.id,
      kind: body.kind,
      authorId: ctx.actor.userId,
      text: body.text,
      callOutcome: body.kind === 'call' ? (body.callOutcome ?? null) : null,
      contactWarnings: warnings,
    });
    if (body.kind === 'call' && body.callOutcome !== 'asks_callback') {
      await em.execute('update collection_case set callback_due_at = null where id = ? and callback_due_at <= ?', [found.id, now]);
    }
    return {
      id,
      kind: body.kind,
      authorName: ctx.actor.name,
      text: body.text,
      callOutcome: body.kind === 'call' ? ((body.callOutcome as ActivityDto['callOutcome']) ?? null) : null,
      occurredAt: now.toISOString(),
      ...(warnings ? { contactWarnings: warnings } : {}),
    };
  });
}

/** Mirrors the importer's key so that a later import recognises a debtor created through the API. */
function debtorMatchKey(debtor: { name: string; siren: string | null; email: string | null; phone: string | null; postalCode: string | null }) {
  if (debtor.siren) return `siren:${debtor.siren}`;
  if (debtor.email) return `email:${debtor.email}`;
  if (debtor.phone) return `phone:${debtor.phone}`;
  const name = debtor.name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return `name:${name}|${debtor.postalCode ?? ''}`;
}

/** Percent with at most two decimals (validated by the contract) to integer basis points. */
function percentToBasisPoints(percent: number): number {
  return Math.round(percent * 100);
}

type ValidatedCase = {
  creditorId: string;
  siren: string | null;
  email: string | null;
  phone: string | null;
};

async function validateNewCase(ctx: ActorContext, body: CreateCaseBody): Promise<ValidatedCase> {
  const creditorId = creditorScope(ctx.actor) ?? body.creditorId;
  if (!creditorId) throw new AppError('validation_failed', 400, { issues: [{ path: 'creditorId', message: 'required' }] });
  const creditor = await ctx.em.findOne(Creditor, { id: creditorId });
  if (!creditor) throw new AppError('not_found', 404);
  const today = todayInParis(ctx.clock);
  // R124-3: no file is worked without a valid mandate.
  if (!isMandateValid(creditor, today)) throw new AppError('mandate_invalid', 409);

  const siren = body.debtor.siren?.replace(/\s/g, '') || null;
  if (siren && !isValidSiren(siren)) throw new AppError('invalid_siren', 400, { siren });
  let phone: string | null = null;
  if (body.debtor.phone) {
    phone = toE164(body.debtor.phone);
    if (!phone) throw new AppError('invalid_phone', 400, { phone: body.debtor.phone });
  }
  const refs = new Set<string>();
  const [first] = body.claims;
  for (const claim of body.claims) {
    if (refs.has(claim.ref)) throw new AppError('duplicate_claim_ref', 400, { ref: claim.ref });
    refs.add(claim.ref);
    if (claim.dueDate < claim.issueDate) throw new AppError('claim_due_before_issue', 400, { ref: claim.ref });
    // As the importer: only claims already due are placed for collection.
    if (claim.dueDate >= today) throw new AppError('claim_not_yet_due', 400, { ref: claim.ref, dueDate: claim.dueDate });
    if (first && claim.currency !== first.currency) throw new AppError('mixed_currencies', 400, { ref: claim.ref });
  }
  if (body.miseEnDemeureDate && body.miseEnDemeureDate > today) {
    throw new AppError('date_in_future', 400, { field: 'miseEnDemeureDate', date: body.miseEnDemeureDate });
  }
  return { creditorId, siren, email: body.debtor.email?.toLowerCase() ?? null, phone };
}

/** A unique index raced by a concurrent request says the same as the checks done before it. */
function conflictOf(error: unknown): AppError | null {
  if (!(error instanceof UniqueConstraintViolationException)) return null;
  const message = error.message;
  if (message.includes('claim_creditor_id_invoice_ref_key')) return new AppError('claim_ref_exists', 409);
  if (message.includes('collection_case_external_ref_key')) return new AppError('external_ref_exists', 409);
  if (message.includes('debtor_creditor_id_match_key_key') || message.includes('collection_case_debtor_id_key')) {
    return new AppError('debtor_has_case', 409);
  }
  return null;
}

async function insertCase(em: EntityManager, ctx: ActorContext, body: CreateCaseBody, valid: ValidatedCase): Promise<string> {
  const { creditorId } = valid;
  const today = todayInParis(ctx.clock);
  if (body.externalRef) {
    const [taken] = await em.execute<{ id: string }[]>('select id from collection_case where creditor_id = ? and external_ref = ?', [
      creditorId,
      body.externalRef,
    ]);
    if (taken) throw new AppError('external_ref_exists', 409, { externalRef: body.externalRef, caseId: taken.id });
  }
  const refs = body.claims.map((claim) => claim.ref);
  const existing = await em.execute<{ invoice_ref: string }[]>(
    `select invoice_ref from claim
      where creditor_id = ? and invoice_ref in (select jsonb_array_elements_text(?::jsonb)) order by invoice_ref`,
    [creditorId, JSON.stringify(refs)],
  );
  if (existing.length > 0) throw new AppError('claim_ref_exists', 409, { refs: existing.map((row) => row.invoice_ref) });

  const { type, name, address } = body.debtor;
  const matchKey = debtorMatchKey({ name, siren: valid.siren, email: valid.email, phone: valid.phone, postalCode: address?.postalCode ?? null });
  const [debtor] = await em.execute<{ id: string }[]>(
    `insert into debtor (creditor_id, kind, company_name, last_name, display_name, siren, match_key)
     values (?, ?, ?, ?, ?, ?, ?) on conflict (creditor_id, match_key) do nothing returning id`,
    [creditorId, type, type === 'company' ? name : null, type === 'person' ? name : null, name, valid.siren, matchKey],
  );
  if (!debtor) {
    // One case per debtor and creditor (as the importer): the claims go to that case, not a new one.
    const [known] = await em.execute<{ id: string }[]>(
      'select c.id from collection_case c join debtor d on d.id = c.debtor_id where d.creditor_id = ? and d.match_key = ?',
      [creditorId, matchKey],
    );
    throw new AppError('debtor_has_case', 409, known ? { caseId: known.id } : undefined);
  }
  if (valid.email) await em.execute('insert into debtor_email (debtor_id, email) values (?, ?)', [debtor.id, valid.email]);
  if (valid.phone) await em.execute('insert into debtor_phone (debtor_id, phone) values (?, ?)', [debtor.id, valid.phone]);
  if (address) {
    await em.execute('insert into debtor_address (debtor_id, line1, postal_code, city) values (?, ?, ?, ?)', [
      debtor.id,
      address.line1,
      address.postalCode,
      address.city,
    ]);
  }
  const [created] = await em.execute<{ id: string }[]>(
    `insert into collection_case (creditor_id, debtor_id, opened_on, external_ref, mise_en_demeure_on) values (?, ?, ?, ?, ?) returning id`,
    [creditorId, debtor.id, today, body.externalRef ?? null, body.miseEnDemeureDate ?? null],
  );
  const caseId = (created as { id: string }).id;
  for (const claim of body.claims) {
    await em.execute(
      `insert into claim (case_id, creditor_id, invoice_ref, issue_date, due_date, amount_cents, currency, contract_rate_basis_points)
       values (?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        caseId,
        creditorId,
        claim.ref,
        claim.issueDate,
        claim.dueDate,
        claim.amountCents,
        claim.currency,
        claim.contractRatePercent === undefined ? null : percentToBasisPoints(claim.contractRatePercent),
      ],
    );
  }
  await addEntry(emExec(em), ctx.clock, {
    caseId,
    kind: 'import',
    authorId: ctx.actor.userId,
    text: `Dossier créé par l'API : ${body.claims.length} créance(s) (${refs.join(', ')}).`,
  });
  await emitCreditorEvent(em, { creditorId, type: 'case.created', data: { caseId, externalRef: body.externalRef ?? null, claimRefs: refs }, occurredAt: ctx.clock.now() });
  return caseId;
}

/**
 * Creates the debtor (with contacts), the case and its claims in one transaction and answers
 * with the case detail. With an idempotency key, a retry replays the first answer.
 *
 * All or nothing: the answer is built and checked against its schema inside the transaction, so a
 * case whose detail cannot be answered (Fastify serializes after the handler returns, after the
 * commit) is rolled back with a 500 rather than created behind an error.
 */
export async function createCase(
  ctx: ActorContext,
  body: CreateCaseBody,
  idempotencyKey?: string,
): Promise<StoredResponse<CaseDetail, 201>> {
  await requireAgencyIntakeOpen(ctx); // R124-2 records missing or expired: no new files
  const guard = idempotencyGuard(ctx.actor, idempotencyKey, 'POST /api/v1/cases', body);
  try {
    return await runIdempotently(ctx.em, guard, async (em) => {
      const txCtx = { ...ctx, em };
      const valid = await validateNewCase(txCtx, body);
      const caseId = await insertCase(em, txCtx, body, valid);
      return { status: 201 as const, body: caseDetail.parse(await getCaseDetail(txCtx, caseId)) };
    });
  } catch (error) {
    throw conflictOf(error) ?? error;
  }
}

/**
 * The décompte of a case at `asOf` (default: today in Europe/Paris), computed by packages/domain
 * from the rows: creditor and debtor kinds, claims with their contractual rate, payments with the
 * claim the payer designated, the mise en demeure and judgment dates, and the rate table (built in
 * plus what an administrator added). A missing half-year refuses the whole statement (422).
 */
export async function getStatement(ctx: ActorContext, caseId: string, asOf?: string): Promise<StatementDto> {
  return await statementOfCase(ctx, await findAccessible(ctx, 'case', CollectionCase, caseId), asOf);
}

/**
 * The same décompte for callers who are not signed-in users (the debtor's portal, letters):
 * the caller has already established that it may see this case.
 */
export async function statementForCaseId(ctx: ServiceContext, caseId: string, asOf?: string): Promise<StatementDto> {
  const found = await ctx.em.findOne(CollectionCase, { id: caseId });
  if (!found) throw new AppError('not_found', 404);
  return await statementOfCase(ctx, found, asOf);
}

async function statementOfCase(ctx: ServiceContext, found: CollectionCase, asOf?: string): Promise<StatementDto> {
  const day = asOf ?? todayInParis(ctx.clock);
  const [[parties], claims, payments, rates] = await Promise.all([
    ctx.em.execute<{ creditor_kind: 'company' | 'private_individual'; debtor_kind: 'company' | 'person' }[]>(
      `select cr.kind as creditor_kind, d.kind as debtor_kind
         from collection_case c join creditor cr on cr.id = c.creditor_id join debtor d on d.id = c.debtor_id where c.id = ?`,
      [found.id],
    ),
    ctx.em.execute<
      { invoice_ref: string; issue_date: string; due_date: string; amount_cents: string; currency: string; contract_rate_basis_points: number | null }[]
    >(
      `select invoice_ref, issue_date, due_date, amount_cents, currency, contract_rate_basis_points
         from claim where case_id = ? order by due_date, invoice_ref`,
      [found.id],
    ),
    ctx.em.execute<{ id: string; received_on: string; amount_cents: string; currency: string; claim_ref: string | null }[]>(
      'select id, received_on, amount_cents, currency, claim_ref from payment where case_id = ? order by received_on, created_at, id',
      [found.id],
    ),
    effectiveRateTable(ctx),
  ]);
  if (!parties) throw new AppError('not_found', 404);
  const currency = claims[0]?.currency;
  const foreign = payments.find((payment) => payment.currency !== currency);
  if (foreign) throw new AppError('statement_input_invalid', 422, { reason: 'currency_mismatch', paymentId: foreign.id });
  try {
    const statement = statementFromRows(
      {
        parties: {
          id: found.id,
          creditor_kind: parties.creditor_kind,
          debtor_kind: parties.debtor_kind,
          mise_en_demeure_on: found.miseEnDemeureOn ?? null,
          judgment_enforceable_on: found.judgmentEnforceableOn ?? null,
        },
        claims,
        payments,
      },
      day,
      rates,
    );
    return {
      caseId: found.id,
      asOf: statement.asOf,
      currency: statement.currency,
      lines: statement.lines.map((line) => (line.kind === 'payment' ? { ...line, allocations: [...line.allocations] } : line)),
      totals: statement.totals,
      balances: {
        principalCents: statement.balances.principal,
        interestCents: statement.balances.interest,
        indemnityCents: statement.balances.indemnity,
      },
      warnings: [...statement.warnings],
    };
  } catch (error) {
    // The law document: say plainly which half-year is missing, never print an unjustified amount.
    if (error instanceof MissingRateError) throw new AppError('missing_rate', 422, { halfYear: error.halfYear });
    if (error instanceof StatementInputError) throw new AppError('statement_input_invalid', 422, { reason: error.code, ...error.details });
    if (error instanceof UnknownClaimReferenceError) {
      throw new AppError('statement_input_invalid', 422, { reason: error.code, claimRef: error.claimRef });
    }
    if (error instanceof InvalidDateError) throw new AppError('statement_input_invalid', 422, { reason: 'invalid_date' });
    throw error;
  }
}
