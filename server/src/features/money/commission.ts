import type { CommissionTerms, CommissionTier } from '@relance/domain/commission';
import type { SqlExec } from '../../plugins/sql.ts';

// What a remittance run reads: each creditor's mandate terms (R124-3, R124-6) and the payments it
// holds or declared that no remittance has taken yet (packages/domain/src/commission.ts decides
// the commission, the deadline and the settlement from them).

export type CreditorTerms = {
  readonly id: string;
  readonly legalName: string;
  readonly legalForm: string | null;
  readonly siren: string | null;
  readonly vatNumber: string | null;
  readonly addressLines: string[];
  readonly mandateReference: string;
  readonly basis: 'net' | 'gross';
  readonly frequency: 'weekly' | 'monthly';
  readonly delayDays: number;
  readonly longerDelayStipulated: boolean;
  readonly iban: string | null;
  readonly bic: string | null;
  readonly commission: CommissionTerms;
};

type CreditorRow = {
  id: string;
  legal_name: string;
  legal_form: string | null;
  siren: string | null;
  vat_number: string | null;
  address_line1: string;
  address_line2: string | null;
  postal_code: string;
  city: string;
  mandate_reference: string;
  remittance_basis: 'net' | 'gross';
  remittance_frequency: 'weekly' | 'monthly';
  remittance_delay_days: number;
  remittance_longer_delay_stipulated: boolean;
  remittance_iban: string | null;
  remittance_bic: string | null;
  commission_basis_points: number | null;
  commission_fixed_fee_cents: string | null;
  commission_tiers: CommissionTier[];
  commission_on_direct_payments: boolean;
};

/** The creditors' terms, by id (all creditors when `ids` is null). */
export async function creditorTerms(exec: SqlExec, ids: readonly string[] | null): Promise<CreditorTerms[]> {
  const rows = await exec<CreditorRow>(
    `select id, legal_name, legal_form, siren, vat_number, address_line1, address_line2, postal_code, city, mandate_reference,
            remittance_basis, remittance_frequency, remittance_delay_days, remittance_longer_delay_stipulated, remittance_iban, remittance_bic,
            commission_basis_points, commission_fixed_fee_cents, commission_tiers, commission_on_direct_payments
       from creditor where ?::jsonb is null or id in (select jsonb_array_elements_text(?::jsonb)::uuid) order by legal_name, id`,
    [ids === null ? null : JSON.stringify(ids), ids === null ? null : JSON.stringify(ids)],
  );
  return rows.map((row) => ({
    id: row.id,
    legalName: row.legal_name,
    legalForm: row.legal_form,
    siren: row.siren,
    vatNumber: row.vat_number,
    addressLines: [row.address_line1, row.address_line2, `${row.postal_code} ${row.city}`].filter((line): line is string => Boolean(line)),
    mandateReference: row.mandate_reference,
    basis: row.remittance_basis,
    frequency: row.remittance_frequency,
    delayDays: row.remittance_delay_days,
    longerDelayStipulated: row.remittance_longer_delay_stipulated,
    iban: row.remittance_iban,
    bic: row.remittance_bic,
    commission: {
      percentBasisPoints: row.commission_basis_points,
      fixedFeeCents: row.commission_fixed_fee_cents === null ? null : Number(row.commission_fixed_fee_cents),
      tiers: row.commission_tiers ?? [],
      onDirectPayments: row.commission_on_direct_payments,
    },
  }));
}

export type HeldPayment = {
  readonly paymentId: string;
  readonly creditorId: string;
  readonly caseId: string;
  readonly caseReference: string;
  readonly debtorName: string;
  readonly receivedOn: string;
  readonly method: string;
  readonly direct: boolean;
  readonly amountCents: number;
  /** What the payment owes the creditor (its payable credit, the excess being the debtor's); a direct payment's amount. */
  readonly payableCents: number;
  readonly caseAgeDays: number;
  readonly casePlacedCents: number;
};

type HeldRow = {
  payment_id: string;
  creditor_id: string;
  case_id: string;
  reference: string;
  display_name: string;
  received_on: string;
  method: string;
  amount_cents: string;
  payable_cents: string;
  case_age_days: number;
  placed_cents: string;
};

/** The ledger transactions that made a payment owed to its creditor, and still stand. */
const STANDING_BOOKING = `t.source_type = 'payment' and t.source_id = p.id and t.kind in ('payment_received', 'suspense_matched')
  and not exists (select 1 from ledger_transaction r where r.reverses_id = t.id)`;

/**
 * The payments no remittance has taken, received up to `through`: those booked to a creditor's
 * payable (payment_received or suspense_matched, not reversed) with something owed to the
 * creditor, and those paid directly to a creditor whose mandate makes them commissionable.
 * Oldest first. `creditorId` null: every creditor.
 */
export async function unremittedPayments(exec: SqlExec, through: string, creditorId: string | null): Promise<HeldPayment[]> {
  const rows = await exec<HeldRow>(
    `select p.id as payment_id, c.creditor_id, c.id as case_id, c.reference, d.display_name, to_char(p.received_on, 'YYYY-MM-DD') as received_on, p.method,
            p.amount_cents, (p.received_on - c.opened_on) as case_age_days,
            (select coalesce(sum(k.amount_cents), 0) from claim k where k.case_id = c.id) as placed_cents,
            case when p.method = 'direct_to_creditor' then p.amount_cents
                 else (select coalesce(sum(l.credit_cents - l.debit_cents), 0) from ledger_transaction t join ledger_line l on l.transaction_id = t.id
                        where ${STANDING_BOOKING} and l.account = 'creditor_payable') end as payable_cents
       from payment p
       join collection_case c on c.id = p.case_id
       join creditor cr on cr.id = c.creditor_id
       join debtor d on d.id = c.debtor_id
      where p.received_on <= ? and (?::uuid is null or c.creditor_id = ?::uuid)
        and not exists (select 1 from remittance_item i where i.payment_id = p.id)
        and ((p.method = 'direct_to_creditor' and cr.commission_on_direct_payments)
             or (p.method not in ('direct_to_creditor', 'credit_note') and exists (select 1 from ledger_transaction t where ${STANDING_BOOKING})))
      order by p.received_on, p.created_at, p.id`,
    [through, creditorId, creditorId],
  );
  return rows
    .map((row) => ({
      paymentId: row.payment_id,
      creditorId: row.creditor_id,
      caseId: row.case_id,
      caseReference: row.reference,
      debtorName: row.display_name,
      receivedOn: row.received_on,
      method: row.method,
      direct: row.method === 'direct_to_creditor',
      amountCents: Number(row.amount_cents),
      payableCents: Number(row.payable_cents),
      caseAgeDays: Math.max(0, Number(row.case_age_days)),
      casePlacedCents: Number(row.placed_cents),
    }))
    .filter((payment) => payment.payableCents > 0);
}

/** The cases among these whose fixed fee an earlier remittance already charged (once per case, R124-3). */
export async function feeChargedCases(exec: SqlExec, caseIds: readonly string[]): Promise<Set<string>> {
  const rows = await exec<{ case_id: string }>(
    'select distinct case_id from remittance_item where fixed_fee_cents > 0 and case_id in (select jsonb_array_elements_text(?::jsonb)::uuid)',
    [JSON.stringify(caseIds)],
  );
  return new Set(rows.map((row) => row.case_id));
}
