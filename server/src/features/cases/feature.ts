import type { Feature } from '../../features.ts';
import { ActivitySchema, ClaimSchema, CollectionCaseSchema, DebtorSchema } from './entities.ts';
import { recallRoutes } from './recall-routes.ts';
import { caseRoutes } from './routes.ts';
import { caseWorkRoutes } from './work-routes.ts';

export const casesFeature: Feature = {
  name: 'cases',
  routes: [caseRoutes, caseWorkRoutes, recallRoutes],
  entities: [DebtorSchema, CollectionCaseSchema, ClaimSchema, ActivitySchema],
};
