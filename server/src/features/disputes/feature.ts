import type { Feature } from '../../features.ts';
import { portalDisputeRoutes } from './portal-routes.ts';
import { disputeRoutes } from './routes.ts';

export const disputesFeature: Feature = {
  name: 'disputes',
  routes: [disputeRoutes, portalDisputeRoutes],
};
