import type { RegistryConfig } from '../../config.ts';
import { localRegistry } from './providers/local.ts';
import { pappersRegistry } from './providers/pappers.ts';
import { fetchJson, type HttpGet, type RegistryProvider } from './providers/provider.ts';
import { sireneBodaccRegistry } from './providers/sirene.ts';

/** The provider REGISTRY_PROVIDER names (config.ts checks its key is given). */
export function registryProviderOf(config: RegistryConfig, http: HttpGet = fetchJson): RegistryProvider {
  switch (config.provider) {
    case 'pappers':
      return pappersRegistry({ apiKey: config.pappersApiKey ?? '', http });
    case 'sirene+bodacc':
      return sireneBodaccRegistry({ apiKey: config.inseeApiKey ?? '', http });
    case 'local':
      return localRegistry({ fixturesPath: config.fixturesPath });
  }
}
