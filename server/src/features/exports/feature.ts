import type { Feature } from '../../features.ts';
import { auditExportRoutes } from './audit.ts';
import { exportRoutes } from './routes.ts';

/** Exports of the case list and the payments (CSV, XLSX), streamed (issue 19). */
export const exportsFeature: Feature = {
  name: 'exports',
  routes: [exportRoutes, auditExportRoutes],
};
