import type { GateRefusalDetails } from '@relance/contracts/contact-rules';
import { ApiError } from '../../../shared/http.ts';

/** The legal gate's 422 (packages/domain legal-gate.ts): its code, its message (in the caller's language) and every reason. */
export type GateRefusal = GateRefusalDetails & { code: string; message: string };

/** The codes a manager may override with a reason (the window and the cap), and which switch lifts each. */
const overridable: Record<string, 'window' | 'cap'> = {
  contact_outside_hours: 'window',
  contact_closed_day: 'window',
  contact_public_holiday: 'window',
  contact_cap_reached: 'cap',
};

/** The gate's refusal in an API error, or null for any other error. */
export function gateRefusalOf(error: unknown): GateRefusal | null {
  if (!(error instanceof ApiError) || error.status !== 422) return null;
  const details = error.details as Partial<GateRefusalDetails> | undefined;
  if (!details || !Array.isArray(details.reasons) || (details.decision !== 'refused' && details.decision !== 'deferred')) return null;
  return { code: error.code, message: error.message, decision: details.decision, reasons: details.reasons, until: details.until ?? null };
}

/**
 * What a manager's override would lift, when the refusal stands only on the window and/or the cap
 * (null otherwise: a dispute, a vulnerability, a mandate or prescription is never overridden).
 */
export function overrideNeeded(refusal: GateRefusal): { window: boolean; cap: boolean } | null {
  if (refusal.reasons.length === 0 || !refusal.reasons.every((reason) => reason.overridable && reason.code in overridable)) return null;
  const lifts = new Set(refusal.reasons.map((reason) => overridable[reason.code]));
  return { window: lifts.has('window'), cap: lifts.has('cap') };
}
