import type { Feature } from '../../features.ts';
import { wordingRoutes } from './routes.ts';

/** Issue 15: the creditor's letter wording, its proposals and their approval (builds on messages and creditors). */
export const wordingFeature: Feature = {
  name: 'wording',
  routes: [wordingRoutes],
};
