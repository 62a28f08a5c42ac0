import { z } from 'zod';
import { instant } from './common.ts';

// The legal gate as the API shows it about contacting a debtor (packages/domain legal-gate.ts):
// before a call (GET /cases/{id}/contact-check), on a call logged with a warning, on a promise or
// a plan agreed with a vulnerable debtor. Each code is also the API error code a refused or
// deferred request answers (errors.ts, fr + en).

/** The gate's reason codes (packages/domain legal-gate.ts gateReasonCodes; a server test holds the two lists equal). */
export const gateReasonCode = z.enum([
  'case_closed',
  'mandate_not_started',
  'mandate_expired',
  'mandate_revoked',
  'mandate_excludes_judicial',
  'insolvency_proceedings',
  'claim_prescribed',
  'nothing_due',
  'contact_refused_dispute',
  'contact_refused_vulnerable',
  'plan_in_force',
  'plan_already_open',
  'promise_pending',
  'legal_stage',
  'no_contact_point',
  'contact_outside_hours',
  'contact_closed_day',
  'contact_public_holiday',
  'contact_cap_reached',
]);
export type GateReasonCode = z.infer<typeof gateReasonCode>;

export const contactRuleReason = z
  .object({
    code: gateReasonCode,
    params: z
      .record(z.string(), z.union([z.string(), z.number()]))
      .describe(
        'contact_outside_hours: localTime, start, end; contact_closed_day: date, weekday, start, end; contact_public_holiday: date, holiday, start, end; ' +
          'contact_cap_reached: contacts, cap, windowDays; mandate_*: the dates; claim_prescribed: claims, since',
      ),
  })
  .meta({ id: 'ContactRuleReason' });
export type ContactRuleReason = z.infer<typeof contactRuleReason>;

export const contactRuleMode = z
  .enum(['warn', 'block'])
  .describe('block (default): a call outside the hours, on a Sunday or a public holiday is refused; warn: it is logged with a warning. Dispute, vulnerability and the cap are never relaxed by this setting');
export type ContactRuleMode = z.infer<typeof contactRuleMode>;

export const contactCheck = z
  .object({
    allowed: z.boolean().describe('Logging a call now is accepted (with `warnings` recorded on it, if any)'),
    decision: z.enum(['allowed', 'deferred', 'refused']),
    mode: contactRuleMode,
    reasons: z
      .array(contactRuleReason.extend({ overridable: z.boolean() }))
      .describe('What refuses or defers a call now, most serious first (empty when allowed)'),
    warnings: z.array(contactRuleReason).describe('What a call now would be logged with (the hours in warn mode)'),
    overridable: z.boolean().describe('Refused only by the window or the cap: a manager may call anyway, with a written reason'),
    nextAllowedAt: instant.nullable().describe('For a deferral: the first instant a call is allowed, when known'),
    contactsInWindow: z.number().int().describe('Contacts with this debtor over the last 7 days, all channels and creditors'),
    cap: z.number().int(),
  })
  .meta({ id: 'ContactCheck' });
export type ContactCheck = z.infer<typeof contactCheck>;

export const contactSettings = z
  .object({
    contactCapPer7Days: z.number().int().min(1).max(20).describe('At most this many contacts per debtor over 7 days (default 3)'),
    contactRuleMode,
  })
  .meta({ id: 'ContactSettings' });
export type ContactSettings = z.infer<typeof contactSettings>;

/**
 * A manager going ahead outside the contact window and/or over the cap (never past a refusal), with
 * the written reason the audit trail keeps (packages/domain legal-gate.ts; issue 15).
 */
export const gateOverride = z
  .object({
    window: z.boolean().optional().describe('Go ahead outside contact hours, on a Sunday or a public holiday'),
    cap: z.boolean().optional().describe('Go ahead although the debtor has had the maximum number of contacts over 7 days'),
    reason: z.string().trim().min(5).max(500).describe('Why (kept in the audit trail)'),
  })
  .describe('Managers and admins only (an agent gets 403 override_not_allowed); lifts only the window and the cap')
  .meta({ id: 'GateOverride' });
export type GateOverride = z.infer<typeof gateOverride>;

/** The `details` of a 422 from the legal gate: every reason, and for a deferral the first instant allowed. */
export const gateRefusalDetails = z
  .object({
    decision: z.enum(['refused', 'deferred']),
    reasons: z.array(z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])), overridable: z.boolean() })),
    until: instant.nullable(),
  })
  .meta({ id: 'GateRefusalDetails' });
export type GateRefusalDetails = z.infer<typeof gateRefusalDetails>;

/** The OpenAPI description of a door's 422: the gate's codes. */
export const GATE_REFUSAL_DESCRIPTION =
  '422 when the legal gate refuses or defers (details: GateRefusalDetails): claim_prescribed, nothing_due, contact_refused_dispute, ' +
  'contact_refused_vulnerable, mandate_not_started, mandate_expired, mandate_revoked, plan_in_force, promise_pending, legal_stage, case_closed, ' +
  'no_contact_point; deferred: contact_outside_hours, contact_closed_day, contact_public_holiday, contact_cap_reached (a manager may send ' +
  '`override: {window?, cap?, reason}`; 403 override_not_allowed for anyone else, 400 override_reason_required without a reason).';
