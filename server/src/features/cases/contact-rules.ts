import type { ContactCheck, ContactRuleReason } from '@relance/contracts/contact-rules';
import { contactMoment } from '@relance/domain/contact-rules';
import type { GateOrigin, GateReason } from '@relance/domain/legal-gate';
import type { Actor, ServiceContext } from '../../plugins/context.ts';
import { gateFor } from './legal-gate.ts';

// Calls and the legal gate (cases/legal-gate.ts decides): what a call on a case at an instant
// would meet, in the API's words. A call to a debtor with an open dispute or a vulnerability flag
// is refused; outside the hours, on a Sunday or a public holiday it is refused too unless the
// agency relaxed the hours to a warning (agency.contact_rule_mode 'warn'); over the cap (counted
// with the debtor_contact view by the identity shared across creditors) it waits, unless a manager
// overrides the window or the cap with a written reason.

const windowCodes: ReadonlySet<string> = new Set(['contact_outside_hours', 'contact_closed_day', 'contact_public_holiday']);

/** Who asks the gate: managers and administrators act as 'manager' (they alone may override the window and the cap). */
export function gateOriginOf(actor: Actor): GateOrigin {
  return actor.role === 'manager' || actor.role === 'admin' ? 'manager' : 'agent';
}

/** A gate reason as the API shows and records it; a window reason says what the clock read in Paris at `at`. */
export function toReasonDto(reason: GateReason, at: Date): ContactRuleReason {
  const params: Record<string, string | number> = { ...reason.params };
  if (windowCodes.has(reason.code)) {
    const moment = contactMoment(at);
    if (reason.code === 'contact_outside_hours') params.localTime = moment.localTime;
    if (reason.code === 'contact_closed_day') Object.assign(params, { date: moment.date, weekday: moment.weekday });
    if (reason.code === 'contact_public_holiday') Object.assign(params, { date: moment.date, holiday: moment.holiday ?? '' });
  }
  return { code: reason.code, params };
}

/** Before calling: the gate's verdict on a call now, what it would be logged with, and whether a manager may override it. */
export async function contactCheckFor(ctx: ServiceContext, caseId: string, at: Date, origin: GateOrigin): Promise<ContactCheck> {
  const { verdict, facts } = await gateFor(ctx, caseId, { action: { kind: 'call' }, origin, actorId: null, at });
  return {
    allowed: verdict.decision === 'allowed',
    decision: verdict.decision,
    mode: facts.callHoursMode,
    reasons: verdict.reasons.map((reason) => ({ ...toReasonDto(reason, at), overridable: reason.overridable })),
    warnings: verdict.warnings.map((reason) => toReasonDto(reason, at)),
    overridable: verdict.decision !== 'allowed' && verdict.reasons.every((reason) => reason.overridable),
    nextAllowedAt: verdict.until?.toISOString() ?? null,
    contactsInWindow: facts.contactsInWindow,
    cap: facts.cap,
  };
}
