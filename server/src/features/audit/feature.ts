import type { Feature } from '../../features.ts';
import { auditRoutes } from './routes.ts';

export const auditFeature: Feature = {
  name: 'audit',
  routes: [auditRoutes],
};
