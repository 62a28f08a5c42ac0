import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { deliverReceiptDocument, type ReceiptDeliveryDeps } from '../receipt-delivery.ts';

const payload = z.object({ receiptId: z.uuid() });

/**
 * money__deliver_receipt_cancellation {receiptId}: the notice that a receipt is cancelled (its
 * payment was reversed, payments/book.ts bookPaymentReversed), rendered, kept on the case and
 * e-mailed to the debtor. A retried job sends nothing twice.
 */
export function deliverReceiptCancellationTask(deps: ReceiptDeliveryDeps): Task {
  return async (raw, helpers) => {
    const { receiptId } = payload.parse(raw);
    const outcome = await deliverReceiptDocument(deps, receiptId, { cancellation: true });
    helpers.logger.info(`money__deliver_receipt_cancellation ${receiptId}: ${outcome}`);
  };
}
