import type { Feature } from '../../features.ts';
import { ApiKeySchema } from './entities.ts';
import { apiKeyRoutes } from './routes.ts';

export const apiKeysFeature: Feature = {
  name: 'api-keys',
  routes: [apiKeyRoutes],
  entities: [ApiKeySchema],
};
