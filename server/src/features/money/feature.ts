import type { Feature } from '../../features.ts';
import { bankRoutes } from './bank-routes.ts';

// Money (issue 17): bank statements (camt.053) and reconciliation, receipts (R124-6), commission
// and remittance runs (statement, invoice, pain.001), built on the ledger and the payments' door.
export const moneyFeature: Feature = {
  name: 'money',
  routes: [bankRoutes],
  tasks: () => ({}),
};
