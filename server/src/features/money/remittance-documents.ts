import { VAT_RATE_BASIS_POINTS } from '@relance/domain/commission';
import { frenchVatNumberOf } from '@relance/domain/identifiers';
import { amount, PAYMENT_METHODS, rate } from '@relance/templates/format';
import {
  type InvoiceDisbursement,
  type InvoiceLine,
  type MoneyParty,
  renderCommissionInvoicePdf,
  type StatementPayment,
} from '@relance/templates/remittance-documents';
import { AppError } from '../../plugins/errors.ts';
import type { SqlExec } from '../../plugins/sql.ts';
import type { CreditorTerms, HeldPayment } from './commission.ts';

// The documents of a remittance: the statement (relevé de reversement) and the commission invoice,
// built from what the run computed and rendered with templates/src/remittance-documents.ts.

export type AgencyIdentity = MoneyParty & { readonly clientFundsIban: string; readonly clientFundsBic: string | null };

/** The agency as seller and as the payer of the transfers; 422 without its client-funds IBAN (R124-2). */
export async function agencyIdentity(exec: SqlExec): Promise<AgencyIdentity> {
  const [row] = await exec<{
    name: string;
    legal_form: string | null;
    siren: string;
    address_line1: string;
    address_line2: string | null;
    postal_code: string;
    city: string;
    client_funds_iban: string | null;
    client_funds_bic: string | null;
  }>('select name, legal_form, siren, address_line1, address_line2, postal_code, city, client_funds_iban, client_funds_bic from agency limit 1');
  if (!row?.client_funds_iban) throw new AppError('remittance_agency_without_iban', 422);
  return {
    name: row.name,
    legalForm: row.legal_form,
    siren: row.siren,
    // A French company's VAT number is computed from its SIREN (the agency invoices VAT, so it has one).
    vatNumber: frenchVatNumberOf(row.siren),
    addressLines: [row.address_line1, row.address_line2, `${row.postal_code} ${row.city}`].filter((line): line is string => Boolean(line)),
    clientFundsIban: row.client_funds_iban.replace(/\s/g, ''),
    clientFundsBic: row.client_funds_bic,
  };
}

export const creditorParty = (creditor: CreditorTerms): MoneyParty & { mandateReference: string } => ({
  name: creditor.legalName,
  legalForm: creditor.legalForm,
  addressLines: creditor.addressLines,
  siren: creditor.siren,
  vatNumber: creditor.vatNumber,
  mandateReference: creditor.mandateReference,
});

export type ComputedLine = { readonly payment: HeldPayment; readonly commissionCents: number; readonly fixedFeeCents: number; readonly rateBasisPoints: number };

/** The invoice's lines: the commission per rate (with its base), the fixed fees per case. */
export function invoiceLines(lines: readonly ComputedLine[]): InvoiceLine[] {
  const byRate = new Map<number, { base: number; count: number; commission: number }>();
  for (const line of lines) {
    if (line.commissionCents === 0) continue;
    const entry = byRate.get(line.rateBasisPoints) ?? { base: 0, count: 0, commission: 0 };
    entry.base += line.payment.payableCents;
    entry.count += 1;
    entry.commission += line.commissionCents;
    byRate.set(line.rateBasisPoints, entry);
  }
  const money = (cents: number) => amount(cents, 'EUR', 'fr');
  const result: InvoiceLine[] = [...byRate.entries()].map(([basisPoints, entry]) => ({
    label: `Commission de recouvrement ${rate(basisPoints, 'fr')}`,
    detail: `${entry.count} encaissement${entry.count > 1 ? 's' : ''}, base ${money(entry.base)}`,
    htCents: entry.commission,
  }));
  const fees = lines.filter((line) => line.fixedFeeCents > 0);
  if (fees.length > 0) {
    result.push({
      label: 'Frais fixes par dossier',
      detail: `${fees.length} dossier${fees.length > 1 ? 's' : ''} : ${fees.map((line) => line.payment.caseReference).join(', ')}`.slice(0, 300),
      htCents: fees.reduce((sum, line) => sum + line.fixedFeeCents, 0),
    });
  }
  return result;
}

export function statementPayments(lines: readonly ComputedLine[]): StatementPayment[] {
  return lines.map((line) => ({
    receivedOn: line.payment.receivedOn,
    caseReference: line.payment.caseReference,
    debtorName: line.payment.debtorName,
    method: PAYMENT_METHODS[line.payment.method as keyof typeof PAYMENT_METHODS]?.fr ?? line.payment.method,
    direct: line.payment.direct,
    amountCents: line.payment.payableCents,
    commissionCents: line.commissionCents,
    fixedFeeCents: line.fixedFeeCents,
  }));
}

export type InvoiceDocumentInput = {
  readonly number: string;
  readonly issuedOn: string;
  readonly serviceOn: string;
  readonly servicePeriod: { from: string; to: string } | null;
  readonly dueOn: string;
  readonly agency: AgencyIdentity;
  readonly creditor: CreditorTerms;
  readonly lines: readonly ComputedLine[];
  readonly htCents: number;
  readonly vatCents: number;
  readonly disbursements: readonly InvoiceDisbursement[];
  readonly deductedCents: number;
  readonly statementReference: string;
};

export async function renderInvoice(input: InvoiceDocumentInput): Promise<Buffer> {
  const ttcCents = input.htCents + input.vatCents;
  const disbursementsCents = input.disbursements.reduce((sum, cost) => sum + cost.amountCents, 0);
  return await renderCommissionInvoicePdf({
    number: input.number,
    issuedOn: input.issuedOn,
    serviceOn: input.serviceOn,
    servicePeriod: input.servicePeriod,
    dueOn: input.dueOn,
    seller: input.agency,
    buyer: creditorParty(input.creditor),
    lines: invoiceLines(input.lines),
    htCents: input.htCents,
    vatRateBasisPoints: VAT_RATE_BASIS_POINTS,
    vatCents: input.vatCents,
    ttcCents,
    disbursements: input.disbursements,
    disbursementsCents,
    totalCents: ttcCents + disbursementsCents,
    deductedCents: input.deductedCents,
    toPayCents: ttcCents + disbursementsCents - input.deductedCents,
    statementReference: input.statementReference,
    sellerIban: null,
  });
}
