import type { Feature } from '../../features.ts';
import { reportRoutes } from './routes.ts';

export const reportsFeature: Feature = {
  name: 'reports',
  routes: [reportRoutes],
};
