import type { Feature } from '../../features.ts';
import { PortalTokenSchema } from './entities.ts';
import { portalRoutes } from './routes.ts';

export const portalFeature: Feature = {
  name: 'portal',
  routes: [portalRoutes],
  entities: [PortalTokenSchema],
};
