import { randomUUID } from 'node:crypto';
import {
  commissionRateFor,
  INVOICE_PAYMENT_DAYS,
  type RemittanceSettlement,
  remittanceDeadline,
  runCommission,
  settleRemittance,
  withVat,
} from '@relance/domain/commission';
import { addDays } from '@relance/domain/dates';
import {
  commissionDeductedPostings,
  commissionInvoicedPostings,
  legalCostAdvancedPostings,
  legalCostBilledPostings,
  legalCostDeductedPostings,
} from '@relance/domain/ledger';
import { renderRemittanceStatementPdf } from '@relance/templates/remittance-documents';
import { type ActorContext, type Clock, todayInParis } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec, type SqlExec } from '../../plugins/sql.ts';
import { recordAudit } from '../audit/service.ts';
import { accountBalance, postTransaction } from '../ledger/journal.ts';
import { type CreditorTerms, creditorTerms, feeChargedCases, type HeldPayment, unremittedPayments } from './commission.ts';
import { endToEndIdOf, pain001Xml } from './pain001.ts';
import { type AgencyIdentity, agencyIdentity, type ComputedLine, creditorParty, renderInvoice, statementPayments } from './remittance-documents.ts';

// A remittance run (issue 17; CPCE R124-3, R124-5, R124-6): in one transaction, for each creditor
// (one, or every creditor holding funds), the payments not yet remitted, the commission on them
// (packages/domain/src/commission.ts), a commission invoice numbered without gaps and posted, the
// settlement (net basis: deducted from the funds up to what the payable holds; gross: invoiced),
// the legal costs the agency advanced, billed as disbursements; then the refunds owed to debtors,
// and one pain.001 for every transfer. The run is a DRAFT: its transfers are booked when it is
// marked sent (remittance-sent.ts).
//
// Legal costs advanced by the agency (table legal_cost, issue 16) are billed at the next run after
// they were incurred when the creditor bears them (L111-8 al. 1, the mandate). A cost the debtor
// bears (with an enforceable title) is recovered through the debtor's payments, which reach the
// creditor's payable like any payment: it waits while its case is open, and is billed (or
// deducted) once the case is closed, when what the debtor paid towards it has been collected and
// what was not is the creditor's under the mandate.

export type RunInput = { readonly creditorId?: string | undefined; readonly through?: string | undefined };

/** POST remittances/runs: the draft run in one transaction, with its audit entry; answers its id. */
export async function startRemittanceRun(ctx: ActorContext, input: RunInput): Promise<string> {
  return await ctx.em.transactional(async (em) => {
    const exec = emExec(em);
    const runId = await createRemittanceRun(exec, ctx.clock, ctx.actor.userId, input);
    await recordAudit(exec, {
      actorId: ctx.actor.userId,
      at: ctx.clock.now(),
      action: 'remittance_run_created',
      entity: 'remittance_run',
      entityId: runId,
      creditorId: input.creditorId ?? null,
      details: { through: input.through ?? todayInParis(ctx.clock) },
    });
    return runId;
  });
}

/** One run at a time: a second click waits for the first, then finds its draft (409). */
const RUN_LOCK = "select pg_advisory_xact_lock(hashtext('relance:remittance_run'))";

/** Creates the draft run; answers its id. 422 remittance_nothing_to_remit when there is nothing to pay; 409 remittance_run_in_progress when a draft is pending. */
export async function createRemittanceRun(exec: SqlExec, clock: Clock, actorId: string | null, input: RunInput): Promise<string> {
  await exec(RUN_LOCK);
  const today = todayInParis(clock);
  const through = input.through ?? today;
  if (through > today) throw new AppError('date_in_future', 400, { field: 'through', date: through });
  const agency = await agencyIdentity(exec);
  const creditors = await creditorsToRemit(exec, input.creditorId ?? null, through);
  const runId = randomUUID();
  await exec('insert into remittance_run (id, status, through, created_at, created_by) values (?, ?, ?, ?, ?)', [runId, 'draft', through, clock.now(), actorId]);
  let remitted = 0;
  for (const { creditor, payments } of creditors) {
    if (await remitCreditor(exec, clock, { runId, today, through, agency, creditor, payments })) remitted += 1;
  }
  const refunds = await draftRefunds(exec, clock, runId, input.creditorId ?? null, through);
  if (remitted === 0 && refunds === 0) throw new AppError('remittance_nothing_to_remit', 422, { through, creditorId: input.creditorId ?? null });
  await attachPain001(exec, clock, runId, agency, today);
  return runId;
}

type CreditorToRemit = { creditor: CreditorTerms; payments: HeldPayment[] };

/**
 * The creditors the run remits, with their payments. One creditor asked for: 409 when it has a
 * draft, 422 when it has no remittance account. Every creditor: those with a draft or without
 * an account are left for later (the held-funds report shows them).
 */
async function creditorsToRemit(exec: SqlExec, creditorId: string | null, through: string): Promise<CreditorToRemit[]> {
  const payments = await unremittedPayments(exec, through, creditorId);
  const ids = creditorId ? [creditorId] : [...new Set(payments.map((payment) => payment.creditorId))];
  if (ids.length === 0) return [];
  const drafts = await exec<{ creditor_id: string; run_id: string }>(
    `select creditor_id, run_id from remittance where status = 'draft' and creditor_id in (select jsonb_array_elements_text(?::jsonb)::uuid)`,
    [JSON.stringify(ids)],
  );
  const terms = await creditorTerms(exec, ids);
  if (creditorId) {
    const creditor = terms[0];
    if (!creditor) throw new AppError('not_found', 404, { field: 'creditorId' });
    if (drafts[0]) throw new AppError('remittance_run_in_progress', 409, { runId: drafts[0].run_id });
    const own = payments.filter((payment) => payment.creditorId === creditor.id);
    if (own.length > 0 && !creditor.iban) throw new AppError('remittance_creditor_without_iban', 422, { creditorId });
    return [{ creditor, payments: own }];
  }
  const pending = new Set(drafts.map((draft) => draft.creditor_id));
  return terms.filter((creditor) => creditor.iban && !pending.has(creditor.id)).map((creditor) => ({ creditor, payments: payments.filter((payment) => payment.creditorId === creditor.id) }));
}

type CreditorRun = { runId: string; today: string; through: string; agency: AgencyIdentity; creditor: CreditorTerms; payments: HeldPayment[] };

type LegalCostRow = { id: string; case_id: string; amount_cents: string; description: string; incurred_on: string; reference: string };

/** The advanced legal costs of a creditor to bill now (see the rule at the top of this file). */
async function billableCosts(exec: SqlExec, creditorId: string, through: string): Promise<LegalCostRow[]> {
  return await exec<LegalCostRow>(
    `select lc.id, lc.case_id, lc.amount_cents, lc.description, to_char(lc.incurred_on, 'YYYY-MM-DD') as incurred_on, c.reference
       from legal_cost lc join collection_case c on c.id = lc.case_id
      where lc.creditor_id = ? and lc.advanced_by_agency and lc.incurred_on <= ?
        and not exists (select 1 from commission_invoice_cost ic where ic.legal_cost_id = lc.id)
        and (lc.borne_by = 'creditor' or c.status = 'closed')
      order by lc.incurred_on, lc.recorded_at, lc.id`,
    [creditorId, through],
  );
}

/** One creditor's remittance in the run; false when it has no payment to remit. */
async function remitCreditor(exec: SqlExec, clock: Clock, run: CreditorRun): Promise<boolean> {
  const { creditor, payments } = run;
  if (payments.length === 0) return false;
  const commission = runCommission(creditor.commission, payments, await feeChargedCases(exec, payments.map((payment) => payment.caseId)));
  const lines: ComputedLine[] = payments.map((payment, index) => ({
    payment,
    commissionCents: commission.lines[index]?.commissionCents ?? 0,
    fixedFeeCents: commission.lines[index]?.fixedFeeCents ?? 0,
    rateBasisPoints: commissionRateFor(creditor.commission, payment),
  }));
  const vat = withVat(commission.htCents);
  const costs = await billableCosts(exec, creditor.id, run.through);
  const collected = payments.filter((payment) => !payment.direct).reduce((sum, payment) => sum + payment.payableCents, 0);
  // Never more than the payable holds (a payment reversed since stays out of the funds).
  const available = Math.min(collected, Math.max(0, await accountBalance(exec, 'creditor_payable', creditor.id)));
  const settlement = settleRemittance({
    basis: creditor.basis,
    availableCents: available,
    commissionTtcCents: vat.htCents + vat.vatCents,
    disbursementsCents: costs.map((cost) => Number(cost.amount_cents)),
  });
  const remittanceId = randomUUID();
  const reference = `RV-${run.today.replace(/-/g, '')}-${remittanceId.slice(0, 8).toUpperCase()}`;
  const invoice = await issueInvoice(exec, clock, { ...run, remittanceId, reference, lines, vat, costs, settlement });
  const agencyPayments = payments.filter((payment) => !payment.direct);
  const oldest = agencyPayments[0]?.receivedOn ?? null;
  const deducted = available - settlement.netCents;
  const statement = await renderRemittanceStatementPdf({
    reference,
    issuedOn: run.today,
    through: run.through,
    agency: run.agency,
    creditor: { ...creditorParty(creditor), iban: creditor.iban },
    basis: creditor.basis,
    payments: statementPayments(lines),
    invoiceNumber: invoice?.number ?? null,
    deadline: oldest ? remittanceDeadline(oldest, creditor) : null,
    totals: {
      collectedCents: collected,
      directCents: payments.filter((payment) => payment.direct).reduce((sum, payment) => sum + payment.payableCents, 0),
      heldCents: available,
      commissionHtCents: vat.htCents,
      vatCents: vat.vatCents,
      commissionTtcCents: vat.htCents + vat.vatCents,
      disbursementsCents: costs.reduce((sum, cost) => sum + Number(cost.amount_cents), 0),
      deductedCents: deducted,
      netCents: settlement.netCents,
    },
  });
  await exec(
    `insert into remittance (id, run_id, creditor_id, status, payment_count, gross_cents, direct_cents, commission_ttc_cents, deducted_cents, net_cents,
                             oldest_received_on, deadline, iban, bic, statement_reference, statement_name, statement_pdf, created_at)
     values (?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      remittanceId,
      run.runId,
      creditor.id,
      payments.length,
      collected,
      payments.filter((payment) => payment.direct).reduce((sum, payment) => sum + payment.payableCents, 0),
      vat.htCents + vat.vatCents,
      deducted,
      settlement.netCents,
      oldest,
      oldest ? remittanceDeadline(oldest, creditor) : null,
      creditor.iban,
      creditor.bic,
      reference,
      `releve-${reference}.pdf`,
      statement,
      clock.now(),
    ],
  );
  if (invoice) await exec('update commission_invoice set remittance_id = ? where id = ?', [remittanceId, invoice.id]);
  await insertItems(exec, remittanceId, creditor.id, lines);
  return true;
}

async function insertItems(exec: SqlExec, remittanceId: string, creditorId: string, lines: readonly ComputedLine[]): Promise<void> {
  const rows = lines.map((line) => ({
    payment_id: line.payment.paymentId,
    case_id: line.payment.caseId,
    direct: line.payment.direct,
    received_on: line.payment.receivedOn,
    amount_cents: line.payment.amountCents,
    payable_cents: line.payment.payableCents,
    commission_cents: line.commissionCents,
    fixed_fee_cents: line.fixedFeeCents,
  }));
  await exec(
    `insert into remittance_item (remittance_id, creditor_id, payment_id, case_id, direct, received_on, amount_cents, payable_cents, commission_cents, fixed_fee_cents)
     select ?, ?, r.payment_id, r.case_id, r.direct, r.received_on, r.amount_cents, r.payable_cents, r.commission_cents, r.fixed_fee_cents
       from jsonb_to_recordset(?::jsonb) as r(payment_id uuid, case_id uuid, direct boolean, received_on date, amount_cents bigint, payable_cents bigint,
                                             commission_cents bigint, fixed_fee_cents bigint)`,
    [remittanceId, creditorId, JSON.stringify(rows)],
  );
}

/** CGI 242 nonies A: the next invoice number of the year, without gaps (the counter row stays locked until the run commits). */
export async function nextInvoiceNumber(exec: SqlExec, year: number): Promise<{ year: number; seq: number; number: string }> {
  const [row] = await exec<{ last_number: number }>(
    `insert into commission_invoice_counter (year, last_number) values (?, 1)
     on conflict (year) do update set last_number = commission_invoice_counter.last_number + 1 returning last_number`,
    [year],
  );
  const seq = (row as { last_number: number }).last_number;
  return { year, seq, number: `F-${year}-${String(seq).padStart(6, '0')}` };
}

type InvoiceInput = CreditorRun & {
  remittanceId: string;
  reference: string;
  lines: ComputedLine[];
  vat: { htCents: number; vatCents: number };
  costs: LegalCostRow[];
  settlement: RemittanceSettlement;
};

/** The commission invoice of a remittance (none when there is neither commission nor disbursement), its PDF and its postings. */
async function issueInvoice(exec: SqlExec, clock: Clock, input: InvoiceInput): Promise<{ id: string; number: string } | null> {
  const ttc = input.vat.htCents + input.vat.vatCents;
  if (ttc === 0 && input.costs.length === 0) return null;
  const numbered = await nextInvoiceNumber(exec, Number(input.today.slice(0, 4)));
  const invoiceId = randomUUID();
  const dates = input.payments.map((payment) => payment.receivedOn).sort();
  const serviceOn = dates.at(-1) ?? input.today;
  const disbursements = input.costs.map((cost, index) => ({
    label: `${cost.description} (dossier ${cost.reference}, ${cost.incurred_on})`,
    amountCents: Number(cost.amount_cents),
    settlement: input.settlement.disbursements[index] ?? ('billed' as const),
  }));
  const deductedCosts = disbursements.filter((cost) => cost.settlement === 'deducted').reduce((sum, cost) => sum + cost.amountCents, 0);
  const deducted = input.settlement.commissionDeductedCents + deductedCosts;
  const dueOn = addDays(input.today, INVOICE_PAYMENT_DAYS);
  const pdf = await renderInvoice({
    number: numbered.number,
    issuedOn: input.today,
    serviceOn,
    servicePeriod: dates.length > 0 ? { from: dates[0] as string, to: serviceOn } : null,
    dueOn,
    agency: input.agency,
    creditor: input.creditor,
    lines: input.lines,
    htCents: input.vat.htCents,
    vatCents: input.vat.vatCents,
    disbursements,
    deductedCents: deducted,
    statementReference: input.reference,
  });
  await exec(
    `insert into commission_invoice (id, year, seq, number, creditor_id, issued_on, service_on, due_on, ht_cents, vat_cents, ttc_cents, disbursements_cents,
                                     deducted_cents, file_name, pdf, created_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      invoiceId,
      numbered.year,
      numbered.seq,
      numbered.number,
      input.creditor.id,
      input.today,
      serviceOn,
      dueOn,
      input.vat.htCents,
      input.vat.vatCents,
      ttc,
      disbursements.reduce((sum, cost) => sum + cost.amountCents, 0),
      deducted,
      `facture-${numbered.number}.pdf`,
      pdf,
      clock.now(),
    ],
  );
  await postInvoice(exec, clock, { ...input, invoiceId, number: numbered.number, ttc });
  return { id: invoiceId, number: numbered.number };
}

/** The invoice in the journal: commission invoiced, deducted (net basis), each cost advanced then billed or deducted. */
async function postInvoice(exec: SqlExec, clock: Clock, input: InvoiceInput & { invoiceId: string; number: string; ttc: number }): Promise<void> {
  const creditorId = input.creditor.id;
  const base = { bookedOn: input.today, creditorId };
  if (input.ttc > 0) {
    await postTransaction(exec, clock, {
      ...base,
      kind: 'commission_invoiced',
      description: `Facture de commission ${input.number}`,
      source: { type: 'commission_invoice', id: input.invoiceId },
      idempotencyKey: `invoice:${input.invoiceId}`,
      postings: commissionInvoicedPostings(creditorId, input.vat),
    });
  }
  if (input.settlement.commissionDeductedCents > 0) {
    await postTransaction(exec, clock, {
      ...base,
      kind: 'commission_deducted',
      description: `Commission ${input.number} déduite du reversement ${input.reference}`,
      source: { type: 'commission_invoice', id: input.invoiceId },
      idempotencyKey: `invoice:${input.invoiceId}:deducted`,
      postings: commissionDeductedPostings(creditorId, input.settlement.commissionDeductedCents),
    });
  }
  for (const [index, cost] of input.costs.entries()) {
    const settlement = input.settlement.disbursements[index] ?? 'billed';
    await postLegalCost(exec, clock, { ...base, caseId: cost.case_id, costId: cost.id, amountCents: Number(cost.amount_cents), settlement, number: input.number });
    await exec('insert into commission_invoice_cost (legal_cost_id, invoice_id, creditor_id, amount_cents, settlement) values (?, ?, ?, ?, ?)', [
      cost.id,
      input.invoiceId,
      creditorId,
      Number(cost.amount_cents),
      settlement,
    ]);
  }
}

async function postLegalCost(
  exec: SqlExec,
  clock: Clock,
  cost: { bookedOn: string; creditorId: string; caseId: string; costId: string; amountCents: number; settlement: 'billed' | 'deducted'; number: string },
): Promise<void> {
  const source = { type: 'legal_cost' as const, id: cost.costId };
  const [advanced] = await exec<{ id: string }>(`select id from ledger_transaction where source_type = 'legal_cost' and source_id = ? and kind = 'legal_cost_advanced'`, [
    cost.costId,
  ]);
  if (!advanced) {
    await postTransaction(exec, clock, {
      kind: 'legal_cost_advanced',
      bookedOn: cost.bookedOn,
      description: 'Frais de procédure avancés par l’agence',
      source,
      creditorId: cost.creditorId,
      caseId: cost.caseId,
      idempotencyKey: `legal_cost:${cost.costId}:advanced`,
      postings: legalCostAdvancedPostings(cost.creditorId, cost.amountCents),
    });
  }
  await postTransaction(exec, clock, {
    kind: cost.settlement === 'deducted' ? 'legal_cost_deducted' : 'legal_cost_billed',
    bookedOn: cost.bookedOn,
    description: cost.settlement === 'deducted' ? `Débours déduits du reversement (facture ${cost.number})` : `Débours facturés (facture ${cost.number})`,
    source,
    creditorId: cost.creditorId,
    caseId: cost.caseId,
    idempotencyKey: `legal_cost:${cost.costId}:settled`,
    postings: cost.settlement === 'deducted' ? legalCostDeductedPostings(cost.creditorId, cost.amountCents) : legalCostBilledPostings(cost.creditorId, cost.amountCents),
  });
}

/**
 * The refunds owed to debtors (the debtor_refund_due balance of each case, up to `through`) that
 * no open refund covers yet. The payer's IBAN comes from the bank statement, which this part does
 * not read: each refund waits as 'manual' (paid by hand), outside the pain.001.
 */
async function draftRefunds(exec: SqlExec, clock: Clock, runId: string, creditorId: string | null, through: string): Promise<number> {
  const rows = await exec<{ id: string }>(
    `insert into debtor_refund (run_id, case_id, creditor_id, amount_cents, iban, bic, status, created_at)
     select ?, due.case_id, due.creditor_id, due.cents, null, null, 'manual', ?
       from (select l.case_id, l.creditor_id, sum(l.credit_cents - l.debit_cents) as cents
               from ledger_line l join ledger_transaction t on t.id = l.transaction_id
              where l.account = 'debtor_refund_due' and t.booked_on <= ? and (?::uuid is null or l.creditor_id = ?::uuid)
              group by l.case_id, l.creditor_id) due
      where due.cents > 0
        and not exists (select 1 from debtor_refund r where r.case_id = due.case_id and r.status in ('draft', 'manual'))
     returning id`,
    [runId, clock.now(), through, creditorId, creditorId],
  );
  return rows.length;
}

/** The run's credit-transfer file: every remittance with something to pay and every refund with an IBAN. */
async function attachPain001(exec: SqlExec, clock: Clock, runId: string, agency: AgencyIdentity, today: string): Promise<void> {
  const transfers = await exec<{ kind: 'remittance' | 'refund'; id: string; cents: string; name: string; iban: string; bic: string | null; info: string }>(
    `select 'remittance' as kind, r.id, r.net_cents as cents, c.legal_name as name, r.iban, r.bic, 'Reversement ' || r.statement_reference || ' - releve joint' as info
       from remittance r join creditor c on c.id = r.creditor_id where r.run_id = ? and r.net_cents > 0
     union all
     select 'refund', f.id, f.amount_cents, d.display_name, f.iban, f.bic, 'Remboursement trop-percu dossier ' || k.reference
       from debtor_refund f join collection_case k on k.id = f.case_id join debtor d on d.id = k.debtor_id
      where f.run_id = ? and f.iban is not null
     order by 1 desc, 2`,
    [runId, runId],
  );
  const total = transfers.reduce((sum, transfer) => sum + Number(transfer.cents), 0);
  const xml =
    transfers.length === 0
      ? null
      : pain001Xml({
          messageId: `RUN${runId.replace(/-/g, '')}`,
          createdAt: clock.now(),
          executionOn: today,
          debtor: { name: agency.name, iban: agency.clientFundsIban, bic: agency.clientFundsBic },
          transfers: transfers.map((transfer) => ({
            endToEndId: endToEndIdOf(transfer.kind, transfer.id),
            amountCents: Number(transfer.cents),
            name: transfer.name,
            iban: transfer.iban,
            bic: transfer.bic,
            information: transfer.info,
          })),
        });
  await exec('update remittance_run set total_cents = ?, pain001 = ?, pain001_name = ? where id = ?', [total, xml, xml ? `virements-${today}-${runId.slice(0, 8)}.xml` : null, runId]);
}
