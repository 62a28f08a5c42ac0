import type { Feature } from '../../features.ts';
import { documentRoutes } from './routes.ts';

export const documentsFeature: Feature = {
  name: 'documents',
  routes: [documentRoutes],
};
