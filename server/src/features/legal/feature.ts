import type { Feature } from '../../features.ts';
import { legalCostRoutes } from './cost-routes.ts';
import { commissaireRoutes, courtImportRoutes, courtRoutes } from './directory-routes.ts';
import { legalDocumentRoutes } from './documents-routes.ts';
import { legalActionRoutes, legalProposalRoutes } from './routes.ts';
import { legalSettingsRoutes } from './settings-routes.ts';
import { legalDeadlinesTask } from './tasks/legal__deadlines.ts';

// The judicial phase (issue 16): legal actions proposed, approved, filed and tracked, their
// documents, costs, the court directory and the commissaires.
export const legalFeature: Feature = {
  name: 'legal',
  routes: [legalProposalRoutes, legalActionRoutes, legalDocumentRoutes, legalCostRoutes, legalSettingsRoutes, courtRoutes, courtImportRoutes, commissaireRoutes],
  tasks: (job) => ({
    legal__deadlines: legalDeadlinesTask(job),
  }),
};
