import type { ContactSettings } from '@relance/contracts/contact-rules';
import { DEFAULT_CONTACT_CAP } from '@relance/domain/contact-rules';
import type { ServiceContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import type { SqlExec } from '../../plugins/sql.ts';
import { emExec } from '../../plugins/sql.ts';
import { recordAudit } from '../audit/service.ts';

// The agency's contact policy (shared legal document, "Contact with debtors"): how many contacts
// per debtor over 7 days, and whether breaking a rule when calling warns or blocks. A manager's
// setting (Migration20261123150000_documents_contacts: agency.contact_cap_per_7_days, contact_rule_mode).

export const defaultContactSettings: ContactSettings = { contactCapPer7Days: DEFAULT_CONTACT_CAP, contactRuleMode: 'warn' };

/** Read by the case feature when a call is checked, and by the dunning run (same columns). */
export async function contactSettingsOf(exec: SqlExec): Promise<ContactSettings> {
  const [row] = await exec<{ contact_cap_per_7_days: number; contact_rule_mode: 'warn' | 'block' }>(
    'select contact_cap_per_7_days, contact_rule_mode from agency where singleton order by created_at limit 1',
  );
  return row ? { contactCapPer7Days: row.contact_cap_per_7_days, contactRuleMode: row.contact_rule_mode } : defaultContactSettings;
}

export async function getContactSettings(ctx: ServiceContext): Promise<ContactSettings> {
  return await contactSettingsOf(async (sql, params) => await ctx.em.execute(sql, params ?? []));
}

/** Managers and administrators; the agency profile must exist (an administrator creates it). */
export async function updateContactSettings(ctx: ServiceContext & { actor: { userId: string | null } }, body: ContactSettings): Promise<ContactSettings> {
  const rows = await ctx.em.execute<{ id: string }[]>(
    'update agency set contact_cap_per_7_days = ?, contact_rule_mode = ?, updated_at = ? where singleton returning id',
    [body.contactCapPer7Days, body.contactRuleMode, ctx.clock.now()],
  );
  if (rows.length === 0) throw new AppError('agency_profile_missing', 409);
  await recordAudit(emExec(ctx.em), {
    actorId: ctx.actor.userId,
    at: ctx.clock.now(),
    action: 'agency_contact_settings_changed',
    entity: 'agency',
    entityId: rows[0]?.id ?? null,
    details: { ...body },
  });
  return body;
}
