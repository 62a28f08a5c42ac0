import type { LegalSettings } from '@relance/contracts/legal-actions';
import type { ActorContext, ServiceContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec } from '../../plugins/sql.ts';
import { recordAudit } from '../audit/service.ts';

// The agency's judicial setting: how many days after the mise en demeure's first presentation a
// judicial step may be proposed (agency.legal_days_after_mise_en_demeure, 8 by default: the
// deadline the mise en demeure gives the debtor). The pre-checks read it (precheck.ts).

export async function getLegalSettings(ctx: ServiceContext): Promise<LegalSettings> {
  const [row] = await ctx.em.execute<{ days: number }[]>('select legal_days_after_mise_en_demeure as days from agency where singleton limit 1');
  return { daysAfterMiseEnDemeure: row?.days ?? 8 };
}

/** Managers and administrators; recorded in the audit trail. */
export async function updateLegalSettings(ctx: ActorContext, body: LegalSettings): Promise<LegalSettings> {
  const rows = await ctx.em.execute<{ id: string; before: number }[]>(
    `update agency a set legal_days_after_mise_en_demeure = ?, updated_at = ? from (select id, legal_days_after_mise_en_demeure as before from agency where singleton) old
      where a.id = old.id returning a.id, old.before`,
    [body.daysAfterMiseEnDemeure, ctx.clock.now()],
  );
  const row = rows[0];
  if (!row) throw new AppError('agency_profile_missing', 409);
  await recordAudit(emExec(ctx.em), {
    actorId: ctx.actor.userId,
    at: ctx.clock.now(),
    action: 'agency_legal_settings_changed',
    entity: 'agency',
    entityId: row.id,
    details: { daysAfterMiseEnDemeure: body.daysAfterMiseEnDemeure, before: row.before },
  });
  return body;
}
