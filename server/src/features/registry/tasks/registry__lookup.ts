import type { MikroORM } from '@mikro-orm/postgresql';
import type { Task } from 'graphile-worker';
import { z } from 'zod';
import type { JobContext } from '../../../plugins/context.ts';
import { lookupSirens } from '../lookup.ts';
import type { RegistryProvider } from '../providers/provider.ts';

const payload = z.object({ sirens: z.array(z.string().regex(/^[0-9]{9}$/)).min(1).max(1000) });

/**
 * registry__lookup: looks the SIRENs up in the registry, stores what it says and applies it to the
 * companies' open cases (declarations, notices). Queued at intake (cases/create.ts, imports) and by
 * the weekly refresh. A registry that cannot answer fails the job: graphile-worker retries it.
 */
export function lookupTask(job: JobContext, options: { orm: MikroORM; registry: RegistryProvider }): Task {
  return async (raw, helpers) => {
    const { sirens } = payload.parse(raw);
    const outcome = await lookupSirens({ orm: options.orm, clock: job.clock, registry: options.registry }, sirens);
    helpers.logger.info(`registry lookup: ${outcome.found} found, ${outcome.unknown} unknown, ${outcome.declared} declaration(s), ${outcome.ceased} ceased notice(s)`);
  };
}
