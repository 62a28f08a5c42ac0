import type { Feature } from '../../features.ts';
import { savedFilterRoutes } from './routes.ts';

/** Saved filters of the case list, per person (issue 20). */
export const savedFiltersFeature: Feature = {
  name: 'saved-filters',
  routes: [savedFilterRoutes],
};
