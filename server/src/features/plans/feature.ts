import type { Feature } from '../../features.ts';
import { planRoutes } from './routes.ts';
import { checkPlansTask } from './tasks/plans__check.ts';

export const plansFeature: Feature = {
  name: 'plans',
  routes: [planRoutes],
  tasks: (job) => ({
    plans__check: checkPlansTask(job),
  }),
};
