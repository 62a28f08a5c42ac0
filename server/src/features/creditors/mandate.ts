import { addDays } from '@relance/domain/dates';
import { type ActorContext, type Clock, todayInParis } from '../../plugins/context.ts';
import { emExec, type SqlExec } from '../../plugins/sql.ts';
import { recordAudit } from '../audit/service.ts';
import { notifyManagersFrom } from '../notifications/service.ts';
import { Creditor } from './entities.ts';
import { getCreditor } from './service.ts';

// The mandate (CPCE R124-3) after intake: the agency acts for a creditor only while its mandate is
// in force. A revoked or expired mandate stops every contact with that creditor's debtors (the legal
// gate refuses, the daily run pauses with reason 'mandate'), and the managers are told: at once when
// it is revoked, and by the daily check (creditors__mandate_alerts) 30 days before it ends and when
// it has ended, once per mandate end.

/** Days before a mandate's last day when managers are told it is ending. */
export const MANDATE_EXPIRY_NOTICE_DAYS = 30;

const openCases = `(select count(*) from collection_case oc where oc.creditor_id = cr.id and oc.status <> 'closed')`;

/**
 * Records that the creditor ended the mandate, once: the first revocation stands (a second call
 * changes nothing and tells no one again). In one transaction: the revocation, its audit entry with
 * the reason, and a notification to every manager and admin.
 */
export async function revokeMandate(ctx: ActorContext, creditorId: string, reason: string): Promise<Creditor> {
  const creditor = await getCreditor(ctx, creditorId);
  const now = ctx.clock.now();
  await ctx.em.transactional(async (em) => {
    const exec = emExec(em);
    const revoked = await exec<{ id: string }>(
      'update creditor set mandate_revoked_at = ?, mandate_revoked_reason = ? where id = ? and mandate_revoked_at is null returning id',
      [now, reason, creditor.id],
    );
    if (revoked.length === 0) return;
    await recordAudit(exec, {
      actorId: ctx.actor.userId,
      at: now,
      action: 'creditor_mandate_revoked',
      entity: 'creditor',
      entityId: creditor.id,
      creditorId: creditor.id,
      details: { reason, reference: creditor.mandateReference },
    });
    await notifyManagersFrom(
      exec,
      ctx.clock,
      `select 'mandate_revoked'::text as kind,
              'Mandat de ' || cr.legal_name || ' (réf. ' || cr.mandate_reference || ') révoqué le '
                || to_char(cr.mandate_revoked_at at time zone 'Europe/Paris', 'DD/MM/YYYY') || ' : ' || cr.mandate_revoked_reason
                || '. Tout contact avec ses débiteurs est suspendu (' || ${openCases} || ' dossier(s) ouvert(s)).' as text,
              cr.id as creditor_id, null::uuid as case_id,
              'mandate_revoked:' || cr.id || ':' || cr.mandate_revoked_at::text as dedupe_key
         from creditor cr where cr.id = ?`,
      [creditor.id],
    );
  });
  return await ctx.em.findOneOrFail(Creditor, { id: creditor.id }, { refresh: true });
}

/**
 * The daily check: every manager and admin is told, once per mandate end, of each creditor with open
 * cases whose mandate ends within 30 days, and of each whose mandate has ended (contacts suspended).
 * Set-based and idempotent (dedupe key per creditor, kind and end date; a new end date is told anew).
 */
export async function alertMandateEnds(exec: SqlExec, clock: Clock): Promise<number> {
  const today = todayInParis(clock);
  return await notifyManagersFrom(
    exec,
    clock,
    `select case when cr.mandate_valid_until < ?::date then 'mandate_expired' else 'mandate_expiring' end as kind,
            case when cr.mandate_valid_until < ?::date
                 then 'Le mandat de ' || cr.legal_name || ' (réf. ' || cr.mandate_reference || ') était valable jusqu''au '
                      || to_char(cr.mandate_valid_until, 'DD/MM/YYYY') || ' : tout contact avec ses débiteurs est suspendu ('
                      || ${openCases} || ' dossier(s) ouvert(s)) jusqu''à son renouvellement.'
                 else 'Le mandat de ' || cr.legal_name || ' (réf. ' || cr.mandate_reference || ') prend fin le '
                      || to_char(cr.mandate_valid_until, 'DD/MM/YYYY') || ' : sans renouvellement, tout contact avec ses débiteurs sera suspendu ('
                      || ${openCases} || ' dossier(s) ouvert(s)).' end as text,
            cr.id as creditor_id, null::uuid as case_id,
            (case when cr.mandate_valid_until < ?::date then 'mandate_expired:' else 'mandate_expiring:' end) || cr.id || ':' || cr.mandate_valid_until::text as dedupe_key
       from creditor cr
      where cr.mandate_valid_until is not null and cr.mandate_valid_until <= ?::date and cr.mandate_revoked_at is null
        and exists (select 1 from collection_case oc where oc.creditor_id = cr.id and oc.status <> 'closed')`,
    [today, today, today, addDays(today, MANDATE_EXPIRY_NOTICE_DAYS)],
  );
}
