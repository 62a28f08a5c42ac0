import { z } from 'zod';
import { instant } from './common.ts';

// Contact rules (shared legal document, "Contact with debtors"): what a call at a given instant
// would break, and the agency's setting that decides whether that warns or blocks.

export const contactRuleCode = z.enum(['outside_hours', 'closed_day', 'public_holiday', 'contact_cap_reached', 'dispute_open', 'vulnerable']);
export type ContactRuleCode = z.infer<typeof contactRuleCode>;

export const contactRuleReason = z
  .object({
    code: contactRuleCode,
    params: z
      .record(z.string(), z.union([z.string(), z.number()]))
      .describe('outside_hours: localTime, start, end; closed_day / public_holiday: date (and holiday); contact_cap_reached: contacts, cap, windowDays'),
  })
  .meta({ id: 'ContactRuleReason' });
export type ContactRuleReason = z.infer<typeof contactRuleReason>;

export const contactRuleMode = z.enum(['warn', 'block']).describe('warn: the call is logged with the broken rules recorded; block: it is refused');
export type ContactRuleMode = z.infer<typeof contactRuleMode>;

export const contactCheck = z
  .object({
    allowed: z.boolean(),
    mode: contactRuleMode,
    reasons: z.array(contactRuleReason),
    nextAllowedAt: instant.nullable().describe('When only the calendar stands in the way: its next opening'),
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
