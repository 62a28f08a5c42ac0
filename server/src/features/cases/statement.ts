import type { Statement as StatementDto } from '@relance/contracts/statements';
import { UnknownClaimReferenceError } from '@relance/domain/allocation';
import { type CaseStanding, caseStanding } from '@relance/domain/case-standing';
import { type ClaimNature, isClaimNature } from '@relance/domain/claim-nature';
import { InvalidDateError } from '@relance/domain/dates';
import { centsFromDatabase } from '@relance/domain/money';
import { casePrescription, isSuspendingEvent, type Prescription, type PrescriptionEvent, paymentInterruptions } from '@relance/domain/prescription';
import { MissingRateError, type RateTable } from '@relance/domain/rates';
import { buildStatement, type PaymentLine, type ProcedureCosts, procedureCostsOf, type Statement, StatementInputError } from '@relance/domain/statement';
import { findAccessible } from '../../plugins/access.ts';
import { type ActorContext, type ServiceContext, todayInParis } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec } from '../../plugins/sql.ts';
import { effectiveRateTable } from '../rates/service.ts';
import { CollectionCase } from './entities.ts';
import { titleOnOf } from './legal-title.ts';

// The décompte of a case (packages/domain buildStatement over the rows), one case at a time for
// the statement endpoint, letters and the portal, or a page at a time for the list's balances; and
// the case's standing (packages/domain case-standing.ts): each claim's prescription from the same
// rows (its nature, the payments as the décompte allocated them, the legal events), what is owed
// on each claim, what may be demanded and what is prescribed. Staff and the creditor see the whole
// décompte with the prescribed claims marked; a debtor (portal, letters, e-mails, SMS) sees only
// the live claims: a prescribed claim is never demanded.

/** What reading a décompte needs of a context: a job or the seed has no request, locale or secrets. */
export type ReadContext = Pick<ServiceContext, 'em' | 'clock'>;

/** How many days ahead a claim's prescription is announced (case screen, managers' list). */
export const PRESCRIPTION_HORIZON_DAYS = 90;

/**
 * The décompte of a case at `asOf` (default: today in Europe/Paris), computed by packages/domain
 * from the rows: creditor and debtor kinds (and whether a private-individual creditor acts
 * professionally), claims with their contractual rate, payments with the
 * claim the payer designated, the mise en demeure and judgment dates, and the rate table (built in
 * plus what an administrator added). Every claim is listed; `standing` says which are prescribed,
 * what remains on them, and the demandable amount. A missing half-year refuses the whole statement (422).
 */
export async function getStatement(ctx: ActorContext, caseId: string, asOf?: string): Promise<StatementDto> {
  const found = await findAccessible(ctx, 'case', CollectionCase, caseId);
  return await statementOfCase(ctx, found.id, asOf, 'staff');
}

/**
 * The debtor's décompte (the portal, letters, e-mails, SMS): the same computation restricted to
 * the claims that are not prescribed (each payment reduced to what went to them), so its balance is
 * the demandable amount. The caller has already established that it may see this case.
 */
export async function debtorStatementForCaseId(ctx: ReadContext, caseId: string, asOf?: string): Promise<StatementDto> {
  return await statementOfCase(ctx, caseId, asOf, 'debtor');
}

async function statementOfCase(ctx: ReadContext, caseId: string, asOf: string | undefined, audience: 'staff' | 'debtor'): Promise<StatementDto> {
  const day = asOf ?? todayInParis(ctx.clock);
  const [rowsByCase, rates] = await Promise.all([loadStatementRows(ctx, [caseId]), effectiveRateTable(ctx)]);
  const rows = rowsByCase.get(caseId);
  if (!rows) throw new AppError('not_found', 404);
  const statement = statementOrError(rows, day, rates);
  const prescriptions = prescriptionsOf(rows, statement, day);
  const standing = caseStanding(statement, prescriptions);
  const shown = audience === 'debtor' ? standing.debtorStatement : statement;
  const procedureCosts = await procedureCostsOfCase(ctx, caseId, shown);
  return {
    caseId,
    asOf: shown.asOf,
    currency: shown.currency,
    lines: shown.lines.map((line) => (line.kind === 'payment' ? { ...line, allocations: [...line.allocations] } : line)),
    totals: shown.totals,
    balances: { principalCents: shown.balances.principal, interestCents: shown.balances.interest, indemnityCents: shown.balances.indemnity },
    warnings: [...shown.warnings],
    standing: standingDto(standing, prescriptions, audience),
    ...(procedureCosts ? { procedureCosts: { ...procedureCosts, lines: [...procedureCosts.lines] } } : {}),
  };
}

/**
 * The "frais de procédure" of a case's décompte (packages/domain procedureCostsOf): the costs of
 * its legal actions borne by the debtor, only once the case holds an enforceable title at the
 * décompte's date (CPCE L111-8 al. 1); undefined otherwise, and the décompte is unchanged.
 */
async function procedureCostsOfCase(ctx: ReadContext, caseId: string, statement: Statement): Promise<ProcedureCosts | undefined> {
  const exec = emExec(ctx.em);
  const titleOn = await titleOnOf(exec, caseId);
  if (titleOn === null || titleOn > statement.asOf) return undefined;
  const rows = await exec<{ id: string; incurred_on: string; description: string; amount_cents: string; borne_by: 'creditor' | 'debtor' }>(
    `select id, incurred_on::text as incurred_on, description, amount_cents, borne_by from legal_cost where case_id = ? and borne_by = 'debtor'`,
    [caseId],
  );
  const costs = rows.map((row) => ({ id: row.id, date: row.incurred_on, description: row.description, amountCents: centsFromDatabase(row.amount_cents, 'amount_cents'), borneBy: row.borne_by }));
  return procedureCostsOf(statement, costs, titleOn) ?? undefined;
}

/**
 * The debtor's décompte without interest or indemnities, for when the full one cannot be computed
 * (a rate half-year not published yet): the software never prints an amount it cannot justify, so
 * the debtor is asked for the principal still due only. The payments are allocated to principal by
 * the same rules (C. civ. 1342-10); the claims already prescribed by their due dates and legal events
 * alone are left out (their payments' allocation is unknown here, so they move no date: never later
 * than the facts allow).
 */
export async function debtorPrincipalStatement(ctx: ReadContext, caseId: string, asOf: string): Promise<Statement> {
  const rows = (await loadStatementRows(ctx, [caseId])).get(caseId);
  if (!rows) throw new AppError('not_found', 404);
  const principalOnly: StatementRows = {
    ...rows,
    // A consumer debtor without a mise en demeure and without a contract rate owes no interest: no rate is read.
    parties: { ...rows.parties, debtor_kind: 'person', mise_en_demeure_on: null, judgment_enforceable_on: null },
    claims: rows.claims.map((claim) => ({ ...claim, contract_rate_basis_points: null })),
  };
  const statement = statementOrError(principalOnly, asOf, {});
  return caseStanding(statement, prescriptionsOf(rows, null, asOf)).debtorStatement;
}

function standingDto(standing: CaseStanding, prescriptions: readonly Prescription[], audience: 'staff' | 'debtor'): StatementDto['standing'] {
  const claims = standing.claims
    .filter((claim) => audience === 'staff' || !claim.prescribed)
    .map(({ prescription: _fact, ...claim }) => {
      const prescription = prescriptions.find((candidate) => candidate.claimRef === claim.claimRef);
      return {
        ...claim,
        nature: prescription?.nature ?? null,
        basis: prescription?.basis ?? null,
        prescriptionDate: prescription?.date ?? null,
        daysLeft: prescription?.daysLeft ?? null,
      };
    });
  // In the debtor's view the prescribed claims are not part of the décompte at all.
  return { demandableCents: standing.demandableCents, prescribedCents: audience === 'staff' ? standing.prescribedCents : 0, claims };
}

/** The décompte of one case, or the 422 that says why it cannot be printed. */
function statementOrError(rows: StatementRows, asOf: string, rates: RateTable): Statement {
  const currency = rows.claims[0]?.currency;
  const foreign = rows.payments.find((payment) => payment.currency !== currency);
  if (foreign) throw new AppError('statement_input_invalid', 422, { reason: 'currency_mismatch', paymentId: foreign.id });
  try {
    return statementFromRows(rows, asOf, rates);
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

type LegalEventRow = { kind: PrescriptionEvent['kind']; occurred_on: string; end_on: string | null; claim_refs: string[] | null };

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
    id: string;
    invoice_ref: string;
    issue_date: string;
    due_date: string;
    amount_cents: string;
    currency: string;
    contract_rate_basis_points: number | null;
    nature: ClaimNature;
    /** The stored date (claim.prescription_date) the dunning run and the queue read. */
    prescription_date: string;
  }[];
  payments: { id: string; received_on: string; amount_cents: string; currency: string; claim_ref: string | null; method: string }[];
  legalEvents: LegalEventRow[];
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
 * What a case owes at a date by its décompte, what was paid beyond it (to refund), what may still
 * be demanded (the claims that are not prescribed) and what remains on prescribed claims:
 * balanceCents = demandableCents + prescribedCents.
 */
export type OutstandingFigures = { balanceCents: number; refundDueCents: number; demandableCents: number; prescribedCents: number };

/** The décompte of each case of a page, and the claims' rows it was built on. */
export type CaseStatementRows = { statement: Statement; rows: StatementRows };

/** A case's décompte (null when it cannot be computed), its claims' prescriptions and its standing. */
export type CaseStandingRows = { rows: StatementRows; statement: Statement | null; prescriptions: readonly Prescription[]; standing: CaseStanding | null };

/** The rows of these cases' décomptes in four set-based reads: parties, claims, payments, legal events. */
async function loadStatementRows(ctx: ReadContext, caseIds: readonly string[]): Promise<Map<string, StatementRows>> {
  const ids = JSON.stringify(caseIds);
  const inIds = 'in (select jsonb_array_elements_text(?::jsonb)::uuid)';
  const [parties, claims, payments, legalEvents] = await Promise.all([
    ctx.em.execute<StatementRows['parties'][]>(
      `select c.id, cr.kind as creditor_kind, cr.acts_professionally as creditor_acts_professionally, d.kind as debtor_kind,
              c.mise_en_demeure_on::text as mise_en_demeure_on,
              c.judgment_enforceable_on::text as judgment_enforceable_on
         from collection_case c join creditor cr on cr.id = c.creditor_id join debtor d on d.id = c.debtor_id where c.id ${inIds}`,
      [ids],
    ),
    ctx.em.execute<(StatementRows['claims'][number] & { case_id: string })[]>(
      `select case_id, id, invoice_ref, issue_date::text as issue_date, due_date::text as due_date, amount_cents, currency, contract_rate_basis_points,
              nature, prescription_date::text as prescription_date
         from claim where case_id ${inIds} order by case_id, due_date, invoice_ref`,
      [ids],
    ),
    ctx.em.execute<(StatementRows['payments'][number] & { case_id: string })[]>(
      `select case_id, id, received_on::text as received_on, amount_cents, currency, claim_ref, method
         from payment where case_id ${inIds} order by received_on, created_at, id`,
      [ids],
    ),
    ctx.em.execute<(LegalEventRow & { case_id: string })[]>(
      `select case_id, kind, occurred_on::text as occurred_on, end_on::text as end_on, claim_refs
         from case_legal_event where case_id ${inIds} order by occurred_on`,
      [ids],
    ),
  ]);
  const byCase = <T extends { case_id: string }>(items: T[], caseId: string) => items.filter((item) => item.case_id === caseId);
  return new Map(
    parties.map((party) => [
      party.id,
      { parties: party, claims: byCase(claims, party.id), payments: byCase(payments, party.id), legalEvents: byCase(legalEvents, party.id) },
    ]),
  );
}

function toEvent(row: LegalEventRow): PrescriptionEvent {
  const claimRefs = row.claim_refs ? { claimRefs: row.claim_refs } : {};
  if (isSuspendingEvent(row.kind)) return { kind: row.kind, date: row.occurred_on, ...(row.end_on ? { endDate: row.end_on } : {}), ...claimRefs };
  return { kind: row.kind, date: row.occurred_on, ...claimRefs };
}

/**
 * Each claim's prescription at `asOf` (packages/domain prescription.ts): its nature, its due date,
 * the payments as the décompte allocated them (C. civ. 2240: a payment acknowledges the claims it
 * paid, not the whole case) and the case's legal events. A credit note the creditor issued (an
 * import's negative line) is not the debtor's acknowledgment: it interrupts nothing. Without a
 * computable décompte (a rate missing) the payments' allocation is unknown: they are left out,
 * which never moves a date later than the facts allow.
 */
export function prescriptionsOf(rows: StatementRows, statement: Statement | null, asOf: string): Prescription[] {
  const creditNotes = new Set(rows.payments.filter((payment) => payment.method === 'credit_note').map((payment) => payment.id));
  const paymentLines = statement?.lines.filter((line): line is PaymentLine => line.kind === 'payment' && !creditNotes.has(line.id)) ?? [];
  const result = casePrescription({
    claims: rows.claims.map((claim) => ({ ref: claim.invoice_ref, dueDate: claim.due_date, ...(isClaimNature(claim.nature) ? { nature: claim.nature } : {}) })),
    creditorKind: rows.parties.creditor_kind,
    debtorKind: rows.parties.debtor_kind,
    events: [...paymentInterruptions(paymentLines), ...rows.legalEvents.map(toEvent)],
    asOf,
    warningHorizonDays: PRESCRIPTION_HORIZON_DAYS,
  });
  return [...(result?.claims ?? [])];
}

function computableStatement(rows: StatementRows, asOf: string, rates: RateTable): Statement | null {
  const currency = rows.claims[0]?.currency;
  if (!currency || rows.payments.some((payment) => payment.currency !== currency)) return null;
  try {
    return statementFromRows(rows, asOf, rates);
  } catch {
    // Not computable today (missing rate, invalid input): the décompte endpoint says why.
    return null;
  }
}

/**
 * The décompte, the claims' prescriptions and the standing of each case at `asOf`, from the rows
 * read set-based for the whole page. A case whose décompte cannot be computed (a rate half-year
 * missing, mixed currencies) still gets its prescriptions (without the payments), with a null
 * statement and standing: the callers say so or fall back.
 */
export async function caseStandings(ctx: ReadContext, caseIds: readonly string[], asOf: string): Promise<Map<string, CaseStandingRows>> {
  const result = new Map<string, CaseStandingRows>();
  if (caseIds.length === 0) return result;
  const [rowsByCase, rates] = await Promise.all([loadStatementRows(ctx, caseIds), effectiveRateTable(ctx)]);
  for (const [caseId, rows] of rowsByCase) {
    const statement = computableStatement(rows, asOf, rates);
    const prescriptions = prescriptionsOf(rows, statement, asOf);
    result.set(caseId, { rows, statement, prescriptions, standing: statement ? caseStanding(statement, prescriptions) : null });
  }
  return result;
}

/** The décompte of each case at `asOf` whose décompte can be computed (see caseStandings). */
export async function caseStatements(ctx: ReadContext, caseIds: readonly string[], asOf: string): Promise<Map<string, CaseStatementRows>> {
  const result = new Map<string, CaseStatementRows>();
  for (const [caseId, { statement, rows }] of await caseStandings(ctx, caseIds, asOf)) {
    if (statement) result.set(caseId, { statement, rows });
  }
  return result;
}

/** A case's figures from its standing; undefined when its décompte cannot be computed. */
export function figuresOf(found: CaseStandingRows | undefined): OutstandingFigures | undefined {
  const standing = found?.standing;
  if (!standing) return undefined;
  return {
    balanceCents: standing.balanceCents,
    refundDueCents: standing.creditCents,
    demandableCents: standing.demandableCents,
    prescribedCents: standing.prescribedCents,
  };
}

/**
 * Today's décompte balance of each case (interest and indemnities included), the amount paid
 * beyond everything owed, and the split of the balance into demandable and prescribed. A case
 * whose décompte cannot be computed is left out: the caller shows principal minus payments instead
 * and says so.
 */
export async function outstandingFigures(ctx: ReadContext, caseIds: readonly string[], asOf: string): Promise<Map<string, OutstandingFigures>> {
  const result = new Map<string, OutstandingFigures>();
  for (const [caseId, found] of await caseStandings(ctx, caseIds, asOf)) {
    const figures = figuresOf(found);
    if (figures) result.set(caseId, figures);
  }
  return result;
}

/** A payment's décompte (CPCE R124-6): as of its date, with only the payments up to and including it. */
export type PaymentStatements = {
  /** Every claim (what a receipt acknowledges: the whole sum, a prescribed claim's part included). */
  readonly whole: Statement;
  /** The debtor's view (the claims that are not prescribed): its balance is what remained to pay. */
  readonly debtor: Statement;
  /** The payment as the décompte allocated it. */
  readonly payment: PaymentLine;
};

/**
 * The décompte of a case as it stood when `paymentId` was received: at the payment's date, with the
 * payments received before it (date, then recording order) and itself, and none after, so a receipt
 * states the balance remaining as of that payment, not today's. A reversed payment is read too (its
 * receipt is rendered again, or cancelled); the payments reversed since are left out.
 */
export async function statementsAtPayment(ctx: ReadContext, caseId: string, paymentId: string): Promise<PaymentStatements> {
  const [rowsByCase, rates, payments] = await Promise.all([
    loadStatementRows(ctx, [caseId]),
    effectiveRateTable(ctx),
    ctx.em.execute<StatementRows['payments']>(
      `select p.id, p.received_on::text as received_on, p.amount_cents, p.currency, p.claim_ref, p.method
         from payment_record p join payment_record target on target.id = ? and target.case_id = p.case_id
        where p.case_id = ? and (p.reversed_at is null or p.id = target.id)
          and (p.received_on, p.created_at, p.id) <= (target.received_on, target.created_at, target.id)
        order by p.received_on, p.created_at, p.id`,
      [paymentId, caseId],
    ),
  ]);
  const rows = rowsByCase.get(caseId);
  const target = payments.at(-1);
  if (!rows || target?.id !== paymentId) throw new AppError('not_found', 404);
  const atPayment: StatementRows = { ...rows, payments };
  const whole = statementOrError(atPayment, target.received_on, rates);
  const debtor = caseStanding(whole, prescriptionsOf(atPayment, whole, target.received_on)).debtorStatement;
  const payment = whole.lines.find((line): line is PaymentLine => line.kind === 'payment' && line.id === paymentId);
  if (!payment) throw new AppError('not_found', 404);
  return { whole, debtor, payment };
}
