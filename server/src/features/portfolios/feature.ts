import type { Feature } from '../../features.ts';
import { agentRoutes, assignmentRoutes, portfolioRoutes } from './routes.ts';

export const portfoliosFeature: Feature = {
  name: 'portfolios',
  routes: [portfolioRoutes, agentRoutes, assignmentRoutes],
};
