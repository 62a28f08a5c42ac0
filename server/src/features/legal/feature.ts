import type { Feature } from '../../features.ts';
import { LegalRateSchema } from './entities.ts';
import { legalRoutes } from './routes.ts';

export const legalFeature: Feature = {
  name: 'legal',
  routes: [legalRoutes],
  entities: [LegalRateSchema],
};
