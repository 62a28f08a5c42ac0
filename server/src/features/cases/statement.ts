import type { Statement as StatementDto } from '@relance/contracts/statements';
import { UnknownClaimReferenceError } from '@relance/domain/allocation';
import type { ClaimNature } from '@relance/domain/claim-nature';
import { InvalidDateError } from '@relance/domain/dates';
import { centsFromDatabase } from '@relance/domain/money';
import { MissingRateError, type RateTable } from '@relance/domain/rates';
import { buildStatement, StatementInputError } from '@relance/domain/statement';
import { findAccessible } from '../../plugins/access.ts';
import { type ActorContext, type ServiceContext, todayInParis } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { effectiveRateTable } from '../legal/service.ts';
import { CollectionCase } from './entities.ts';

// The décompte of a case (packages/domain buildStatement over the rows), one case at a time for
// the statement endpoint, letters and the portal, or a page at a time for the list's balances.

/**
 * The décompte of a case at `asOf` (default: today in Europe/Paris), computed by packages/domain
 * from the rows: creditor and debtor kinds (and whether a private-individual creditor acts
 * professionally), claims with their contractual rate, payments with the
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
    ctx.em.execute<{ creditor_kind: 'company' | 'private_individual'; creditor_acts_professionally: boolean; debtor_kind: 'company' | 'person' }[]>(
      `select cr.kind as creditor_kind, cr.acts_professionally as creditor_acts_professionally, d.kind as debtor_kind
         from collection_case c join creditor cr on cr.id = c.creditor_id join debtor d on d.id = c.debtor_id where c.id = ?`,
      [found.id],
    ),
    ctx.em.execute<
      StatementRows['claims']
    >(
      `select invoice_ref, issue_date, due_date, amount_cents, currency, contract_rate_basis_points, nature
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
          creditor_acts_professionally: parties.creditor_acts_professionally,
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

type StatementRows = {
  parties: {
    id: string;
    creditor_kind: 'company' | 'private_individual';
    creditor_acts_professionally: boolean;
    debtor_kind: 'company' | 'person';
    mise_en_demeure_on: string | null;
    judgment_enforceable_on: string | null;
  };
  claims: {
    invoice_ref: string;
    issue_date: string;
    due_date: string;
    amount_cents: string;
    currency: string;
    contract_rate_basis_points: number | null;
    nature: ClaimNature;
  }[];
  payments: { id: string; received_on: string; amount_cents: string; currency: string; claim_ref: string | null }[];
};

function statementFromRows(rows: StatementRows, asOf: string, rates: RateTable) {
  return buildStatement({
    creditorKind: rows.parties.creditor_kind,
    creditorActsProfessionally: rows.parties.creditor_acts_professionally,
    debtorKind: rows.parties.debtor_kind,
    claims: rows.claims.map((claim) => ({
      ref: claim.invoice_ref,
      issueDate: claim.issue_date,
      dueDate: claim.due_date,
      amountCents: centsFromDatabase(claim.amount_cents, 'amount_cents'),
      currency: claim.currency,
      ...(claim.contract_rate_basis_points === null ? {} : { contractRateBasisPoints: Number(claim.contract_rate_basis_points) }),
      nature: claim.nature,
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

/**
 * What a case owes at a date by its décompte, what was paid beyond it (to refund), and what may
 * still be demanded: the balance of the claims that are not prescribed.
 */
export type OutstandingFigures = { balanceCents: number; refundDueCents: number; demandableCents: number };

/** The décompte of each case of a page, and the claims' rows it was built on (what the refresh of prescription dates needs). */
export type CaseStatementRows = { statement: ReturnType<typeof statementFromRows>; rows: StatementRows };

/**
 * The décompte of each case at `asOf`, computed by packages/domain from the rows in three
 * set-based reads for the whole page. A case whose décompte cannot be computed (a rate half-year
 * missing, mixed currencies) is left out: the callers say so or fall back.
 */
export async function caseStatements(ctx: ServiceContext, caseIds: readonly string[], asOf: string): Promise<Map<string, CaseStatementRows>> {
  const result = new Map<string, CaseStatementRows>();
  if (caseIds.length === 0) return result;
  const ids = JSON.stringify(caseIds);
  const inIds = 'in (select jsonb_array_elements_text(?::jsonb)::uuid)';
  const [parties, claims, payments, rates] = await Promise.all([
    ctx.em.execute<StatementRows['parties'][]>(
      `select c.id, cr.kind as creditor_kind, cr.acts_professionally as creditor_acts_professionally, d.kind as debtor_kind,
              c.mise_en_demeure_on::text as mise_en_demeure_on,
              c.judgment_enforceable_on::text as judgment_enforceable_on
         from collection_case c join creditor cr on cr.id = c.creditor_id join debtor d on d.id = c.debtor_id where c.id ${inIds}`,
      [ids],
    ),
    ctx.em.execute<(StatementRows['claims'][number] & { case_id: string })[]>(
      `select case_id, invoice_ref, issue_date::text as issue_date, due_date::text as due_date, amount_cents, currency, contract_rate_basis_points, nature
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
    const rows = { parties: party, claims: claims.filter((claim) => claim.case_id === party.id), payments: payments.filter((payment) => payment.case_id === party.id) };
    const currency = rows.claims[0]?.currency;
    if (!currency || rows.payments.some((payment) => payment.currency !== currency)) continue;
    try {
      result.set(party.id, { statement: statementFromRows(rows, asOf, rates), rows });
    } catch {
      // Not computable today (missing rate, invalid input): the décompte endpoint says why.
    }
  }
  return result;
}

/**
 * Today's décompte balance of each case (interest and indemnities included) and the amount paid
 * beyond everything owed. A case whose décompte cannot be computed is left out: the caller shows
 * principal minus payments instead and says so.
 */
export async function outstandingFigures(ctx: ServiceContext, caseIds: readonly string[], asOf: string): Promise<Map<string, OutstandingFigures>> {
  const result = new Map<string, OutstandingFigures>();
  for (const [caseId, { statement }] of await caseStatements(ctx, caseIds, asOf)) {
    const { totals } = statement;
    result.set(caseId, { balanceCents: totals.balanceCents, refundDueCents: totals.creditCents, demandableCents: totals.balanceCents });
  }
  return result;
}
