import type { Feature } from '../../features.ts';
import { staffRoutes } from './routes.ts';

export const staffFeature: Feature = {
  name: 'staff',
  routes: [staffRoutes],
};
