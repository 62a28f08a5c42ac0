import type { Feature } from '../../features.ts';
import { CollectionCaseSchema } from './entities.ts';
import { recallRoutes } from './recall-routes.ts';
import { caseRoutes } from './routes.ts';
import { caseWorkRoutes } from './work-routes.ts';

export const casesFeature: Feature = {
  name: 'cases',
  routes: [caseRoutes, caseWorkRoutes, recallRoutes],
  entities: [CollectionCaseSchema],
};
