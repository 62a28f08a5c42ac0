import type { Feature } from '../../features.ts';
import { rgpdRoutes } from './routes.ts';
import { anonymiseTask } from './tasks/rgpd__anonymise.ts';

export const rgpdFeature: Feature = {
  name: 'rgpd',
  routes: [rgpdRoutes],
  tasks: (job) => ({
    rgpd__anonymise: anonymiseTask(job),
  }),
};
