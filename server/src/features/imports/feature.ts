import type { Feature } from '../../features.ts';
import { ImportBatchSchema, ImportMappingSchema } from './entities.ts';
import { importRoutes } from './routes.ts';
import { runImportTask } from './tasks/imports__run.ts';

export const importsFeature: Feature = {
  name: 'imports',
  routes: [importRoutes],
  tasks: ({ clock }) => ({
    imports__run: runImportTask({ clock }),
  }),
  entities: [ImportBatchSchema, ImportMappingSchema],
};
