import type { Feature } from '../../features.ts';
import { LegalRateSchema } from './entities.ts';
import { rateRoutes } from './routes.ts';

export const ratesFeature: Feature = {
  name: 'rates',
  routes: [rateRoutes],
  entities: [LegalRateSchema],
};
