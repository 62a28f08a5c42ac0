import type { Feature } from '../../features.ts';
import { dunningRoutes } from './routes.ts';
import { dispatchDunningTask } from './tasks/dunning__dispatch.ts';
import { previewDunningTask } from './tasks/dunning__preview.ts';
import { runDunningTask } from './tasks/dunning__run.ts';

export const dunningFeature: Feature = {
  name: 'dunning',
  routes: [dunningRoutes],
  tasks: (job) => ({
    dunning__run: runDunningTask(job),
    dunning__dispatch: dispatchDunningTask(job),
    dunning__preview: previewDunningTask(job),
  }),
};
