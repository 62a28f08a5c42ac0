import type { MikroORM } from '@mikro-orm/postgresql';
import type { Task } from 'graphile-worker';
import { z } from 'zod';
import type { JobContext } from '../../../plugins/context.ts';
import { refreshAllPrescriptionDates, refreshPrescriptionDates } from '../prescription.ts';

// No caseIds: the daily crontab run recomputes every open case whose dates depend on events (a
// claim passing its date needs no write: "prescribed" is read against today). With caseIds: right
// after a write that could not refresh in its own transaction (an import's credit notes).
const payload = z.object({ caseIds: z.array(z.uuid()).min(1).max(1000).optional() });

/**
 * cases__refresh_prescriptions: keeps claim.prescription_date (read by the dunning run, the queue
 * and the legal gate) equal to what packages/domain computes from every fact. Idempotent: a date is
 * recomputed from all the facts, so a retry or a second run changes nothing more.
 */
export function refreshPrescriptionsTask(job: JobContext, options: { orm: MikroORM }): Task {
  return async (raw, helpers) => {
    const { caseIds } = payload.parse(raw ?? {});
    const em = options.orm.em.fork();
    const changed = caseIds
      ? await em.transactional(async (tx) => await refreshPrescriptionDates({ em: tx, clock: job.clock }, caseIds))
      : await refreshAllPrescriptionDates({ em, clock: job.clock });
    helpers.logger.info(`prescription dates refreshed: ${changed} claim(s) changed`);
  };
}
