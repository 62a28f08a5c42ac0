import type { Feature } from '../../features.ts';
import { ImportBatchSchema } from './entities.ts';
import { importRoutes } from './routes.ts';
import { runImportTask } from './tasks/imports__run.ts';

export const importsFeature: Feature = {
  name: 'imports',
  routes: [importRoutes],
  tasks: (job) => ({
    imports__run: runImportTask(job),
  }),
  entities: [ImportBatchSchema],
};
