import type { Feature } from '../../features.ts';
import { dunningRoutes } from './routes.ts';
import { dispatchDunningTask } from './tasks/dunning__dispatch.ts';
import { previewDunningTask } from './tasks/dunning__preview.ts';
import { runDunningTask } from './tasks/dunning__run.ts';

export const dunningFeature: Feature = {
  name: 'dunning',
  routes: [dunningRoutes],
  tasks: ({ clock }) => ({
    dunning__run: runDunningTask({ clock }),
    dunning__dispatch: dispatchDunningTask({ clock }),
    dunning__preview: previewDunningTask({ clock }),
  }),
};
