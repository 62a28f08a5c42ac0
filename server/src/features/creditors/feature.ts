import type { Feature } from '../../features.ts';
import { CreditorSchema } from './entities.ts';
import { creditorRoutes } from './routes.ts';
import { mandateAlertsTask } from './tasks/creditors__mandate_alerts.ts';

export const creditorsFeature: Feature = {
  name: 'creditors',
  routes: [creditorRoutes],
  tasks: (job) => ({
    creditors__mandate_alerts: mandateAlertsTask(job),
  }),
  entities: [CreditorSchema],
};
