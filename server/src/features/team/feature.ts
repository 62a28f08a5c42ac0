import type { Feature } from '../../features.ts';
import { teamRoutes } from './routes.ts';

export const teamFeature: Feature = {
  name: 'team',
  routes: [teamRoutes],
};
