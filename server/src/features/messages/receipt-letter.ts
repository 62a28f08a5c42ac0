import type { LetterProps, ReceiptDocument } from '@relance/templates/letter-model';
import type { ServiceContext } from '../../plugins/context.ts';
import type { SqlExec } from '../../plugins/sql.ts';
import { type LetterBase, loadLetterBase } from './letter-props.ts';
import { documentOf, parisDay, paymentDocumentTerms, type ReceiptRow, receiptReference } from './receipt-terms.ts';

// The letter of a payment document (CPCE R124-6, receipt-terms.ts): what the money feature renders,
// stores and delivers for each receipt row.

export type ReceiptLetter = { base: LetterBase; props: LetterProps<'receipt'>; reference: string; document: ReceiptDocument };

/**
 * The whole letter of a payment document: the common R124-4 props of the case (agency identity,
 * creditor brand, debtor, the first letter's reference when one was sent), dated the day the
 * receipt was issued (or cancelled), with its terms and décompte. The portal link is the caller's
 * (a fresh link for a delivered copy, the debtor's own on the portal); a placeholder otherwise.
 */
export async function receiptLetter(
  ctx: ServiceContext,
  exec: SqlExec,
  row: ReceiptRow,
  input: { cancellation: boolean; locale: 'fr' | 'en'; portalUrl?: string },
): Promise<ReceiptLetter> {
  const document = documentOf(row, input.cancellation);
  const reference = receiptReference(row, document);
  const base = await loadLetterBase(ctx, exec, { caseId: row.case_id, creditorId: row.creditor_id, locale: input.locale, template: 'receipt', reference: () => reference });
  if (!base.props.statementComplete && document !== 'cancellation') {
    // Today's décompte lacks a rate: the one at the payment's date may not; it says so itself.
    base.props = { ...base.props, statementComplete: true };
    delete (base.props as { missingRateHalfYears?: unknown }).missingRateHalfYears;
  }
  // A décompte that cannot be justified at the payment's date (a rate missing) is never printed: 422 missing_rate.
  const terms = await paymentDocumentTerms(ctx, row, document, base.props.statement);
  const letterDate = parisDay(document === 'cancellation' ? (row.cancelled_at ?? ctx.clock.now()) : row.issued_at);
  const props = {
    ...base.props,
    letterDate,
    deadline: letterDate,
    statement: terms.statement,
    receipt: terms.receipt,
    case: { ...base.props.case, ...(input.portalUrl ? { portalUrl: input.portalUrl } : {}) },
  } as LetterProps<'receipt'>;
  return { base, props, reference, document };
}
