import type { ContactCheck, ContactRuleReason } from '@relance/contracts/contact-rules';
import { contactCapWindowStart, contactRuleCheck, type ContactRuleReason as DomainReason } from '@relance/domain/contact-rules';
import type { ServiceContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec } from '../../plugins/sql.ts';
import { contactSettingsOf } from '../agency/contact-settings.ts';

// The contact rules applied to one case at one instant (packages/domain contact-rules): the
// calendar, the cap counted with the debtor_contact view by the identity the debtor shares across
// creditors (calls logged and messages sent alike), an open dispute, a vulnerability flag.

export function toReasonDto(reason: DomainReason): ContactRuleReason {
  switch (reason.code) {
    case 'outside_hours':
      return { code: reason.code, params: { localTime: reason.localTime, start: reason.window.start, end: reason.window.end } };
    case 'closed_day':
      return { code: reason.code, params: { date: reason.date, weekday: reason.weekday } };
    case 'public_holiday':
      return { code: reason.code, params: { date: reason.date, holiday: reason.holiday } };
    case 'contact_cap_reached':
      return { code: reason.code, params: { contacts: reason.contacts, cap: reason.cap, windowDays: reason.windowDays } };
    default:
      return { code: reason.code, params: {} };
  }
}

/** What a call on this case at `at` would break, and the agency's mode (warn or block). */
export async function contactCheckFor(ctx: ServiceContext, caseId: string, at: Date): Promise<ContactCheck> {
  const [row] = await ctx.em.execute<{ contacts: number; dispute_open: boolean; vulnerable: boolean }[]>(
    `select (select count(*)::int from debtor_contact dc where dc.identity_key = d.identity_key and dc.at > ? and dc.at <= ?) as contacts,
            exists (select 1 from case_dispute cd where cd.case_id = c.id and cd.resolved_at is null) as dispute_open,
            c.vulnerable_since is not null as vulnerable
       from collection_case c join debtor d on d.id = c.debtor_id where c.id = ?`,
    [contactCapWindowStart(at), at, caseId],
  );
  if (!row) throw new AppError('not_found', 404);
  const settings = await contactSettingsOf(emExec(ctx.em));
  const result = contactRuleCheck({
    at,
    contactsInWindow: row.contacts,
    cap: settings.contactCapPer7Days,
    disputeOpen: row.dispute_open,
    vulnerable: row.vulnerable,
  });
  return {
    allowed: result.allowed,
    mode: settings.contactRuleMode,
    reasons: result.reasons.map(toReasonDto),
    nextAllowedAt: result.nextAllowedAt?.toISOString() ?? null,
    contactsInWindow: row.contacts,
    cap: settings.contactCapPer7Days,
  };
}
