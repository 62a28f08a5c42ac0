import type { Feature } from '../../features.ts';
import { registryProviderOf } from './provider-of.ts';
import { localRegistry } from './providers/local.ts';
import { registryRoutes } from './routes.ts';
import { lookupTask } from './tasks/registry__lookup.ts';
import { refreshTask } from './tasks/registry__refresh.ts';

export const registryFeature: Feature = {
  name: 'registry',
  routes: [registryRoutes],
  // The lookup renders the déclaration de créance from the décompte, read through the ORM: registered
  // when the worker has it. The provider: the one the worker was given (tests), else REGISTRY_PROVIDER.
  tasks: (deps) => {
    if (!deps.orm) return {};
    const registry = deps.registry ?? (deps.config?.registry ? registryProviderOf(deps.config.registry) : localRegistry({ fixturesPath: undefined }));
    return { registry__lookup: lookupTask(deps, { orm: deps.orm, registry }), registry__refresh: refreshTask(deps) };
  },
};
