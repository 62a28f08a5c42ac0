import type { Feature } from '../../features.ts';
import { PortalTokenSchema } from './entities.ts';
import { portalPayRoutes } from './pay-routes.ts';
import { portalRoutes } from './routes.ts';

export const portalFeature: Feature = {
  name: 'portal',
  routes: [portalRoutes, portalPayRoutes],
  entities: [PortalTokenSchema],
};
