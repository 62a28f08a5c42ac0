import type { Feature } from '../../features.ts';
import { portalMessageRoutes } from './routes.ts';

/** What debtors write to the agency from their page, and the team inbox that answers it (issue 18). */
export const portalMessagesFeature: Feature = {
  name: 'portal-messages',
  routes: [portalMessageRoutes],
};
