import type { Feature } from '../../features.ts';
import { promiseRoutes } from './routes.ts';
import { checkPromisesTask } from './tasks/promises__check.ts';

export const promisesFeature: Feature = {
  name: 'promises',
  routes: [promiseRoutes],
  tasks: (job) => ({
    promises__check: checkPromisesTask(job),
  }),
};
