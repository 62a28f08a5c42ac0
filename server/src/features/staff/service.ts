import { staffRoles } from '@relance/contracts/auth';
import type { StaffUser, UpdateStaffUserBody } from '@relance/contracts/staff';
import type { ServiceContext, UserActor } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec, type SqlExec } from '../../plugins/sql.ts';
import { recordAudit } from '../audit/service.ts';
import { releaseLeasesOf } from '../queue/service.ts';

type StaffContext = ServiceContext & { actor: UserActor };

type StaffRow = {
  id: string; email: string; name: string; role: StaffUser['role']; locale: 'fr' | 'en';
  deactivated_at: Date | null; totp_enabled: boolean; last_login_at: Date | null; created_at: Date;
};

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function toStaffUser(r: StaffRow): StaffUser {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    locale: r.locale,
    active: r.deactivated_at === null,
    deactivatedAt: iso(r.deactivated_at),
    totpEnabled: r.totp_enabled,
    lastLoginAt: iso(r.last_login_at),
    createdAt: new Date(r.created_at).toISOString(),
  };
}

const staffSelect = `
  select u.id, u.email, u.name, u.role, u.locale, u.deactivated_at, u.last_login_at, u.created_at,
         exists (select 1 from user_totp t where t.user_id = u.id and t.confirmed_at is not null) as totp_enabled
    from app_user u
   where u.role = any(?::text[])`;

const staffRoleArray = `{${staffRoles.join(',')}}`;

/** Every staff account, active ones first, then by name. */
export async function listStaff(ctx: StaffContext): Promise<StaffUser[]> {
  const rows = await ctx.em.execute<StaffRow[]>(`${staffSelect} order by u.deactivated_at is not null, u.name, u.id limit 1000`, [staffRoleArray]);
  return rows.map(toStaffUser);
}

async function staffRow(exec: SqlExec, id: string, lock = false): Promise<StaffRow> {
  const [row] = await exec<StaffRow>(
    `select u.id, u.email, u.name, u.role, u.locale, u.deactivated_at, u.last_login_at, u.created_at,
            exists (select 1 from user_totp t where t.user_id = u.id and t.confirmed_at is not null) as totp_enabled
       from app_user u where u.id = ?${lock ? ' for update' : ''}`,
    [id],
  );
  if (!row) throw new AppError('not_found', 404);
  if (!(staffRoles as readonly string[]).includes(row.role)) throw new AppError('not_staff_user', 400);
  return row;
}

/** Ends every way the account had in: its refresh sessions and, for an agent, the cases it holds. */
async function cutOff(exec: SqlExec, userId: string, now: Date): Promise<{ revokedSessions: number; releasedLeases: number }> {
  const revoked = await exec<{ id: string }>('update refresh_token set revoked_at = ? where user_id = ? and revoked_at is null returning id', [now, userId]);
  const releasedLeases = await releaseLeasesOf(exec, userId, now);
  return { revokedSessions: revoked.length, releasedLeases };
}

/**
 * An admin changes a staff account's role or deactivates / reactivates it. Never their own account
 * down (deactivation or a role other than admin): the agency would risk having no admin left.
 */
export async function updateStaffUser(ctx: StaffContext, id: string, body: UpdateStaffUserBody): Promise<StaffUser> {
  if (id === ctx.actor.userId && (body.active === false || (body.role !== undefined && body.role !== 'admin'))) {
    throw new AppError('cannot_change_own_account', 409, { field: body.active === false ? 'active' : 'role' });
  }
  const now = ctx.clock.now();
  return await ctx.em.transactional(async (em) => {
    const exec = emExec(em);
    const before = await staffRow(exec, id, true);
    const audit = { actorId: ctx.actor.userId, at: now, entity: 'app_user', entityId: id };
    if (body.role !== undefined && body.role !== before.role) {
      await exec('update app_user set role = ? where id = ?', [body.role, id]);
      await recordAudit(exec, { ...audit, action: 'user_role_changed', details: { email: before.email, from: before.role, to: body.role } });
    }
    if (body.active === false && before.deactivated_at === null) {
      await exec('update app_user set deactivated_at = ? where id = ?', [now, id]);
      const cut = await cutOff(exec, id, now);
      await recordAudit(exec, { ...audit, action: 'user_deactivated', details: { email: before.email, role: before.role, ...cut } });
    }
    if (body.active === true && before.deactivated_at !== null) {
      await exec('update app_user set deactivated_at = null where id = ?', [id]);
      await recordAudit(exec, { ...audit, action: 'user_reactivated', details: { email: before.email, deactivatedAt: iso(before.deactivated_at) } });
    }
    return toStaffUser(await staffRow(exec, id));
  });
}
