import type { Config } from '../../config.ts';
import type { Feature } from '../../features.ts';
import { bankRoutes } from './bank-routes.ts';
import type { ReceiptDeliveryDeps } from './receipt-delivery.ts';
import { receiptRoutes } from './receipt-routes.ts';
import { deliverReceiptTask } from './tasks/money__deliver_receipt.ts';
import { deliverReceiptCancellationTask } from './tasks/money__deliver_receipt_cancellation.ts';

/** What the receipt jobs need: the ORM (décompte, portal links), the full configuration and the SMTP URL (read when sending). */
function receiptDeliveryDeps(deps: Parameters<NonNullable<Feature['tasks']>>[0]): ReceiptDeliveryDeps | null {
  const config = deps.config && 'publicUrl' in deps.config ? (deps.config as Config) : null;
  if (!deps.orm || !config) return null;
  const orm = deps.orm;
  return {
    orm,
    clock: deps.clock,
    config,
    secrets: deps.secrets,
    get smtpUrl() {
      return deps.messagesSmtpUrl ?? config.smtpUrl;
    },
  };
}

import { commissionInvoiceRoutes, remittanceRoutes } from './remittance-routes.ts';
import { remittanceRunsTask } from './tasks/money__remittance_runs.ts';

// Money (issue 17): bank statements (camt.053) and reconciliation, receipts (R124-6), commission
// and remittance runs (statement, invoice, pain.001), built on the ledger and the payments' door.
export const moneyFeature: Feature = {
  name: 'money',
  routes: [bankRoutes, receiptRoutes, remittanceRoutes, commissionInvoiceRoutes],
  tasks: (deps) => {
    const receipts = receiptDeliveryDeps(deps);
    return {
      money__remittance_runs: remittanceRunsTask(deps),
      ...(receipts
        ? { money__deliver_receipt: deliverReceiptTask(receipts), money__deliver_receipt_cancellation: deliverReceiptCancellationTask(receipts) }
        : {}),
    };
  },
};
