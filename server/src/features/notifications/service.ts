import type { Clock } from '../../plugins/context.ts';
import type { SqlExec } from '../../plugins/sql.ts';

// Staff notifications (table `notification`, shown by the bell of the staff screens). One row per
// user; a notification with a dedupe key reaches each user once (unique index on user and key), so
// a daily check may tell the same thing every day and write it once.

export type ManagerNoticeKind =
  | 'mandate_revoked'
  | 'mandate_expiring'
  | 'mandate_expired'
  | 'legal_action_proposed'
  | 'legal_action_ready'
  | 'legal_deadline'
  | 'legal_lapsed'
  | 'remittance_overdue'
  | 'remittance_terms_breach';

/**
 * Tells every manager and admin (or the staff `roles` given, e.g. with the accountants for money
 * matters), set-based: `select` names `kind, text, creditor_id, case_id, dedupe_key` (one row per
 * thing to tell); each row reaches each of them once per dedupe key. Answers the number of
 * notifications written.
 */
export async function notifyManagersFrom(
  exec: SqlExec,
  clock: Clock,
  select: string,
  params: readonly unknown[] = [],
  roles: readonly ('manager' | 'admin' | 'accountant' | 'agent')[] = ['manager', 'admin'],
): Promise<number> {
  const rows = await exec<{ id: string }>(
    `insert into notification (user_id, kind, text, creditor_id, case_id, dedupe_key, created_at)
     select u.id, n.kind, n.text, n.creditor_id, n.case_id, n.dedupe_key, ?::timestamptz
       from (${select}) n cross join app_user u
      where u.role in (select jsonb_array_elements_text(?::jsonb))
     on conflict (user_id, dedupe_key) where dedupe_key is not null do nothing
     returning id`,
    [clock.now(), ...params, JSON.stringify(roles)],
  );
  return rows.length;
}

/** What one staff user hears of directly (the agent who asked the creditor hears of the answer). */
export type UserNotice = {
  userId: string;
  kind: 'consultation_answered';
  text: string;
  creditorId: string | null;
  caseId: string | null;
  /** Once per user and key: a retried write tells nothing twice. */
  dedupeKey: string;
};

/** Tells one user, once per dedupe key. */
export async function notifyUser(exec: SqlExec, clock: Clock, notice: UserNotice): Promise<void> {
  await exec(
    `insert into notification (user_id, kind, text, creditor_id, case_id, dedupe_key, created_at) values (?, ?, ?, ?, ?, ?, ?)
     on conflict (user_id, dedupe_key) where dedupe_key is not null do nothing`,
    [notice.userId, notice.kind, notice.text, notice.creditorId, notice.caseId, notice.dedupeKey, clock.now()],
  );
}
