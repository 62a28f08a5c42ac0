import type { Feature } from '../../features.ts';
import { commissionInvoiceRoutes, remittanceRoutes } from './remittance-routes.ts';
import { remittanceRunsTask } from './tasks/money__remittance_runs.ts';

// Money (issue 17): bank statements (camt.053) and reconciliation, receipts (R124-6), commission
// and remittance runs (statement, invoice, pain.001), built on the ledger and the payments' door.
export const moneyFeature: Feature = {
  name: 'money',
  routes: [remittanceRoutes, commissionInvoiceRoutes],
  tasks: (job) => ({
    money__remittance_runs: remittanceRunsTask(job),
  }),
};
