import type { Feature } from '../../features.ts';
import { CollectionCaseSchema } from './entities.ts';
import { recallRoutes } from './recall-routes.ts';
import { caseRoutes } from './routes.ts';
import { refreshPrescriptionsTask } from './tasks/cases__refresh_prescriptions.ts';
import { caseWorkRoutes } from './work-routes.ts';

export const casesFeature: Feature = {
  name: 'cases',
  routes: [caseRoutes, caseWorkRoutes, recallRoutes],
  // The prescription refresh reads the décompte through the ORM: registered when the worker has it.
  tasks: (deps) => (deps.orm ? { cases__refresh_prescriptions: refreshPrescriptionsTask(deps, { orm: deps.orm }) } : {}),
  entities: [CollectionCaseSchema],
};
