import type { Feature } from '../../features.ts';
import { prescriptionRoutes } from './routes.ts';

export const prescriptionFeature: Feature = {
  name: 'prescription',
  routes: [prescriptionRoutes],
};
