import type { Feature } from '../../features.ts';
import { consultationRoutes } from './routes.ts';

export const consultationsFeature: Feature = {
  name: 'consultations',
  routes: [consultationRoutes],
};
