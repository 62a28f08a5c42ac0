import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { deliverReceiptDocument, type ReceiptDeliveryDeps } from '../receipt-delivery.ts';

const payload = z.object({ receiptId: z.uuid() });

/**
 * money__deliver_receipt {receiptId}: the receipt (or the acknowledgment of a direct payment) of a
 * payment just booked (payments/book.ts), rendered, kept on the case and e-mailed to the debtor
 * (CPCE R124-6). A retried job sends nothing twice: it does nothing once the document is kept.
 */
export function deliverReceiptTask(deps: ReceiptDeliveryDeps): Task {
  return async (raw, helpers) => {
    const { receiptId } = payload.parse(raw);
    const outcome = await deliverReceiptDocument(deps, receiptId, { cancellation: false });
    helpers.logger.info(`money__deliver_receipt ${receiptId}: ${outcome}`);
  };
}
