import type { Feature } from '../../features.ts';
import { CreditorSchema } from './entities.ts';
import { creditorRoutes } from './routes.ts';

export const creditorsFeature: Feature = {
  name: 'creditors',
  routes: [creditorRoutes],
  entities: [CreditorSchema],
};
