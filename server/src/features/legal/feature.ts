import type { Feature } from '../../features.ts';
import { commissaireRoutes, courtImportRoutes, courtRoutes } from './directory-routes.ts';
import { legalActionRoutes } from './routes.ts';
import { legalDeadlinesTask } from './tasks/legal__deadlines.ts';

// The judicial phase (issue 16): legal actions proposed, approved, filed and tracked, their
// documents, costs, the court directory and the commissaires.
export const legalFeature: Feature = {
  name: 'legal',
  routes: [legalActionRoutes, courtRoutes, courtImportRoutes, commissaireRoutes],
  tasks: (job) => ({
    legal__deadlines: legalDeadlinesTask(job),
  }),
};
