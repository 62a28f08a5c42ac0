import type { SecuritySettings } from '@relance/contracts/auth';
import type { ActorContext, ServiceContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec } from '../../plugins/sql.ts';
import { recordAudit } from '../audit/service.ts';

/** The agency's security settings: whether staff must use two-factor authentication. */
export async function getSecuritySettings(ctx: ServiceContext): Promise<SecuritySettings> {
  const [row] = await ctx.em.execute<{ require_staff_totp: boolean }[]>('select require_staff_totp from agency order by created_at limit 1');
  return { requireStaffTotp: row?.require_staff_totp ?? false };
}

/**
 * Requiring TOTP from staff applies at their next login (a staff user without it is asked to
 * enrol before getting a session). The admin who turns it on must use it already, so that the
 * setting cannot lock its author out. Recorded in the audit trail.
 */
export async function updateSecuritySettings(ctx: ActorContext, body: SecuritySettings): Promise<SecuritySettings> {
  if (ctx.actor.via === 'api_key') throw new AppError('forbidden', 403);
  const [agency] = await ctx.em.execute<{ id: string; require_staff_totp: boolean }[]>('select id, require_staff_totp from agency order by created_at limit 1');
  if (!agency) throw new AppError('agency_profile_missing', 409);
  if (body.requireStaffTotp) {
    const [mine] = await ctx.em.execute<{ confirmed_at: Date | null }[]>('select confirmed_at from user_totp where user_id = ?', [ctx.actor.userId]);
    if (!mine?.confirmed_at) throw new AppError('totp_enrol_first', 409);
  }
  if (agency.require_staff_totp !== body.requireStaffTotp) {
    await ctx.em.transactional(async (em) => {
      await em.execute('update agency set require_staff_totp = ? where id = ?', [body.requireStaffTotp, agency.id]);
      await recordAudit(emExec(em), {
        actorId: ctx.actor.userId,
        at: ctx.clock.now(),
        action: 'security_settings_changed',
        entity: 'agency',
        entityId: agency.id,
        details: { requireStaffTotp: body.requireStaffTotp },
      });
    });
  }
  return { requireStaffTotp: body.requireStaffTotp };
}
