import type { Feature } from '../../features.ts';
import { authRoutes } from './routes.ts';

export const authFeature: Feature = {
  name: 'auth',
  routes: [authRoutes],
};
