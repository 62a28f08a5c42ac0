import type { Feature } from '../../features.ts';
import { AgencySchema } from './entities.ts';
import { agencyRoutes } from './routes.ts';

export const agencyFeature: Feature = {
  name: 'agency',
  routes: [agencyRoutes],
  entities: [AgencySchema],
};
