import type { Feature } from '../../features.ts';
import { queueRoutes } from './routes.ts';
import { refreshQueueTask } from './tasks/queue__refresh.ts';

export const queueFeature: Feature = {
  name: 'queue',
  routes: [queueRoutes],
  tasks: (job) => ({ queue__refresh: refreshQueueTask(job) }),
};
