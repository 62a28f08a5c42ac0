import type { Feature } from '../../features.ts';
import { ledgerRoutes } from './routes.ts';

// The client-funds ledger (issue 17): the journal's one writer (journal.ts), receipt numbers
// (receipt-numbers.ts) and the read side (trial balance, journal). Below payments and money.
export const ledgerFeature: Feature = {
  name: 'ledger',
  routes: [ledgerRoutes],
};
