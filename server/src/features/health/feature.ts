import type { Feature } from '../../features.ts';
import { metricsRoutes } from './metrics-routes.ts';
import { healthRoutes } from './routes.ts';

export const healthFeature: Feature = {
  name: 'health',
  routes: [healthRoutes, metricsRoutes],
};
