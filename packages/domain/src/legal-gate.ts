import { type ContactWindow, defaultContactWindow, localDate, nextAllowedInstant } from './calendar.ts';
import type { CaseStatus } from './case-status.ts';
import { CONTACT_CAP_WINDOW_DAYS, capReached } from './contact-rules.ts';
import type { BusinessDate } from './dates.ts';
import { type PauseReason, type PauseRules, windowClosedReason } from './dunning.ts';
import { type Proceeding, proceedingInForce } from './insolvency.ts';

// The legal gate (issue 15): ONE function decides, for a case, an action, an instant and the facts,
// whether the agency may act now, later (deferred until an instant) or not at all, with every
// reason. Every door asks it: the daily dunning run (its SQL takes the same constants, parity test
// server/test/rules-parity.test.ts), a manual "send now", a resend, a call, a promise, a plan, a
// link to the debtor's page, the queue serving a case, and the escalation steps.
//
// The rules and where they come from:
// - A prescribed claim is never demanded (C. conso. L121-2: demanding it from a consumer as if it
//   were due is misleading; shared legal document, "Prescription"); a case whose claims are all
//   prescribed gets no demand, call, plan, promise or link.
// - The mandate (CPCE R124-3): the agency acts only under a signed mandate in force; expired, not
//   yet started or revoked, it may not contact the creditor's debtors at all. Judicial steps need a
//   mandate that covers them.
// - An open dispute and a vulnerability flag stop all contact (shared legal document, "Contact with
//   debtors"); a disputed claim is not certain, so no plan, promise or judicial step either.
// - Contact hours, closed days, public holidays and the per-debtor cap over 7 days across
//   creditors (Code pénal 222-16 for repeated calls): a contact is deferred to the next allowed
//   instant. Only these two may be overridden, by a manager, with a written reason.
// - An active plan or one awaiting the debtor: its agreement promised no other reminder, so no
//   demand goes (manual or automatic) and no second plan is proposed.
// - Collective proceedings (C. com. L622-21, L631-14, L641-3): once a sauvegarde, redressement or
//   liquidation judgment is on record, individual collection stops (no demand, call, link, plan,
//   promise or court step; L622-7: the debtor may not pay); the creditor declares the claim instead.
// - Notices the law requires (receipts R124-6, the plan agreement, a dispute acknowledgment) are
//   not demands: the gate lets them through; only a closed mandate or a missing address stop them.

/** What the agency wants to do. `demand` messages ask for money; `notice` messages inform (receipts, agreements). */
export type GateAction =
  | { readonly kind: 'message'; readonly channel: GateChannel; readonly purpose: 'demand' | 'notice' }
  | { readonly kind: 'call' }
  | { readonly kind: 'promise' }
  | { readonly kind: 'plan' }
  /** A plan already proposed being approved by a manager or accepted (orally, in writing, on the portal). */
  | { readonly kind: 'plan_acceptance' }
  | { readonly kind: 'portal_link' }
  | { readonly kind: 'serve' }
  | { readonly kind: 'legal_action' };

export type GateChannel = 'email' | 'sms' | 'letter' | 'registered_letter';

/** Who acts: the daily run (the strategy's pause switches apply), an agent, or a manager. */
export type GateOrigin = 'automatic' | 'agent' | 'manager';

export type MandateFacts = {
  readonly signedOn: BusinessDate;
  /** Last day of the mandate; null: open-ended. */
  readonly validUntil: BusinessDate | null;
  readonly revokedAt: Date | null;
  readonly coversJudicial: boolean;
};

export type GateClaim = { readonly ref: string; readonly prescriptionDate: BusinessDate };

export type GateFacts = {
  readonly status: CaseStatus;
  /** What may still be demanded: the décompte balance of the claims that are not prescribed. */
  readonly demandableCents: number;
  readonly claims: readonly GateClaim[];
  readonly disputeOpen: boolean;
  readonly vulnerable: boolean;
  readonly plan: 'pending_approval' | 'agreed_pending_acceptance' | 'active' | null;
  /** A promise to pay still pending, with its due day. */
  readonly promise: { readonly dueOn: BusinessDate } | null;
  readonly mandate: MandateFacts;
  /** Contacts with this debtor (identity shared across creditors) over the 7 days before `at`, all channels. */
  readonly contactsInWindow: number;
  /** When the oldest of those was made (to say when the cap frees a place); null when unknown. */
  readonly oldestContactInWindow: Date | null;
  readonly cap: number;
  readonly window?: ContactWindow;
  /** Valid contact points: e-mail, mobile for SMS, phone for calls, postal address for letters. */
  readonly reachable: { readonly email: boolean; readonly sms: boolean; readonly phone: boolean; readonly postal: boolean };
  /** The debtor company's collective proceedings on record (registry feature); absent: none known. */
  readonly proceedings?: readonly Proceeding[];
};

export type GateRequest = {
  readonly action: GateAction;
  readonly at: Date;
  readonly origin: GateOrigin;
  /** The strategy's pause switches, for the daily run only. */
  readonly pauseRules?: PauseRules;
  /** The agency's call mode: `warn` turns the hours, day and holiday into a warning for calls only. */
  readonly callHoursMode?: 'block' | 'warn';
  /** A manager overriding the window and/or the cap (never anything else), with a written reason. */
  readonly override?: { readonly window?: boolean; readonly cap?: boolean };
};

/** Each code is the API error code a refused or deferred request answers (packages/contracts errors.ts). */
export const gateReasonCodes = [
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
] as const;
export type GateReasonCode = (typeof gateReasonCodes)[number];

export type GateSeverity = 'refuse' | 'defer' | 'warn';

export type GateReason = {
  readonly code: GateReasonCode;
  readonly severity: GateSeverity;
  /** Only the window and the cap: a manager may go ahead anyway, with a written reason. */
  readonly overridable: boolean;
  readonly params: Readonly<Record<string, string | number>>;
};

export type GateVerdict = {
  readonly decision: 'allowed' | 'deferred' | 'refused';
  /** The reasons that refuse or defer, most serious first. */
  readonly reasons: readonly GateReason[];
  /** Reasons that hold but do not stop this action (a warning to show), and overridden ones. */
  readonly warnings: readonly GateReason[];
  /** For a deferral: the first instant the action may go, when known. */
  readonly until: Date | null;
};

/** The window and cap reasons: deferrals a manager may override. */
const windowCodes: readonly GateReasonCode[] = ['contact_outside_hours', 'contact_closed_day', 'contact_public_holiday'];

const windowReasonCode = { outside_hours: 'contact_outside_hours', closed_day: 'contact_closed_day', public_holiday: 'contact_public_holiday' } as const;

function refuse(code: GateReasonCode, params: Record<string, string | number> = {}): GateReason {
  return { code, severity: 'refuse', overridable: false, params };
}

function warn(code: GateReasonCode, params: Record<string, string | number> = {}): GateReason {
  return { code, severity: 'warn', overridable: false, params };
}

/** Whether the action reaches the debtor (the window, cap, dispute and vulnerability concern it). */
function isContact(action: GateAction): boolean {
  return action.kind === 'call' || action.kind === 'portal_link' || (action.kind === 'message' && action.purpose === 'demand');
}

/** Whether the action asks the debtor for money or builds on the debt being owed. */
function demandsMoney(action: GateAction): boolean {
  return action.kind !== 'call' && !(action.kind === 'message' && action.purpose === 'notice');
}

/** The claims prescribed at `today` (the day after their last day, C. civ. 2229). */
export function prescribedClaims(claims: readonly GateClaim[], today: BusinessDate): GateClaim[] {
  return claims.filter((claim) => claim.prescriptionDate < today);
}

/** R124-3: the mandate in force on `today` at instant `at`, or why not. */
export function mandateProblem(mandate: MandateFacts, today: BusinessDate, at: Date): GateReason | null {
  if (mandate.revokedAt !== null && mandate.revokedAt.getTime() <= at.getTime()) return refuse('mandate_revoked', { revokedAt: mandate.revokedAt.toISOString() });
  if (today < mandate.signedOn) return refuse('mandate_not_started', { signedOn: mandate.signedOn });
  if (mandate.validUntil !== null && today > mandate.validUntil) return refuse('mandate_expired', { validUntil: mandate.validUntil });
  return null;
}

export type MandateState = 'in_force' | 'not_started' | 'expired' | 'revoked';

/** R124-3: where the mandate stands on `today` at instant `at` (mandateProblem named as a state). */
export function mandateState(mandate: MandateFacts, today: BusinessDate, at: Date): MandateState {
  const problem = mandateProblem(mandate, today, at);
  return problem === null ? 'in_force' : (problem.code.slice('mandate_'.length) as MandateState);
}

/**
 * The daily run's pause reasons (packages/domain dunning.ts pauseRules) as the gate's refusal codes
 * of an automatic demand: the parity test (server/test/rules-parity.test.ts) asks the gate and the
 * run's SQL about the same cases and compares through this table.
 */
export const pauseGateCodes: Record<PauseReason, readonly GateReasonCode[]> = {
  closed: ['case_closed'],
  mandate: ['mandate_not_started', 'mandate_expired', 'mandate_revoked'],
  prescribed: ['claim_prescribed'],
  paid: ['nothing_due'],
  dispute: ['contact_refused_dispute'],
  vulnerability: ['contact_refused_vulnerable'],
  insolvency: ['insolvency_proceedings'],
  legal: ['legal_stage'],
  plan: ['plan_in_force'],
  promise: ['promise_pending'],
};

/** The standing of the case itself: closed, mandate, prescription, nothing left to ask. */
function standingReasons(request: GateRequest, facts: GateFacts, today: BusinessDate): GateReason[] {
  const { action } = request;
  const reasons: GateReason[] = [];
  const notice = action.kind === 'message' && action.purpose === 'notice';
  if (facts.status === 'closed' && !notice) reasons.push(refuse('case_closed'));
  const mandate = mandateProblem(facts.mandate, today, request.at);
  if (mandate) reasons.push(mandate);
  if (action.kind === 'legal_action' && !facts.mandate.coversJudicial) reasons.push(refuse('mandate_excludes_judicial'));
  if (notice) return reasons;
  // L622-21: from the judgment on, no individual action for the claims; the notices above still go.
  const proceeding = proceedingInForce(facts.proceedings ?? [], today);
  if (proceeding) {
    reasons.push(refuse('insolvency_proceedings', { type: proceeding.type, judgmentDate: proceeding.judgmentDate, publicationDate: proceeding.publicationDate ?? '' }));
  }
  const prescribed = prescribedClaims(facts.claims, today);
  if (facts.claims.length > 0 && prescribed.length === facts.claims.length) {
    reasons.push(refuse('claim_prescribed', { claims: prescribed.length, since: prescribed.map((claim) => claim.prescriptionDate).sort().at(-1) ?? '' }));
  } else if (facts.demandableCents <= 0 && demandsMoney(action)) {
    reasons.push(refuse('nothing_due', { demandableCents: facts.demandableCents }));
  }
  return reasons;
}

/** Dispute and vulnerability: they stop contact, and a disputed debt is negotiated or escalated by no one. */
function protectionReasons(action: GateAction, facts: GateFacts): GateReason[] {
  const reasons: GateReason[] = [];
  const notice = action.kind === 'message' && action.purpose === 'notice';
  if (facts.disputeOpen && !notice) reasons.push(refuse('contact_refused_dispute'));
  if (facts.vulnerable && !notice) {
    // A vulnerable debtor who calls in may still agree a plan or a promise; nobody reaches out to them.
    const agreement = action.kind === 'plan' || action.kind === 'promise' || action.kind === 'plan_acceptance';
    reasons.push(agreement ? warn('contact_refused_vulnerable') : refuse('contact_refused_vulnerable'));
  }
  return reasons;
}

/** Plans, promises and the legal stage: what the debtor already agreed, and the strategy's pauses for the daily run. */
function commitmentReasons(request: GateRequest, facts: GateFacts, today: BusinessDate): GateReason[] {
  const { action } = request;
  const reasons: GateReason[] = [];
  const demand = action.kind === 'message' && action.purpose === 'demand';
  const automatic = request.origin === 'automatic';
  if (facts.plan !== null) {
    if (demand && (!automatic || request.pauseRules?.pauseOnPlan !== false)) reasons.push(refuse('plan_in_force', { plan: facts.plan }));
    if (action.kind === 'plan') reasons.push(refuse('plan_already_open', { plan: facts.plan }));
    if (action.kind === 'serve') reasons.push(refuse('plan_in_force', { plan: facts.plan }));
  }
  if (facts.promise !== null) {
    const notDueYet = facts.promise.dueOn >= today;
    if (demand && automatic && request.pauseRules?.pauseOnPromise !== false) reasons.push(refuse('promise_pending', { dueOn: facts.promise.dueOn }));
    else if (demand && notDueYet) reasons.push(refuse('promise_pending', { dueOn: facts.promise.dueOn }));
    // Nothing to do on a promise not yet due: the queue serves it once due (or broken), not before.
    if (action.kind === 'serve' && facts.promise.dueOn > today) reasons.push(refuse('promise_pending', { dueOn: facts.promise.dueOn }));
  }
  const legal = facts.status === 'legal' || facts.status === 'bailiff';
  if (legal && demand && automatic && request.pauseRules?.pauseOnLegal !== false) reasons.push(refuse('legal_stage', { status: facts.status }));
  return reasons;
}

/** Whether the case has somewhere to reach the debtor for this action. */
function reachReasons(action: GateAction, facts: GateFacts): GateReason[] {
  const { reachable } = facts;
  let ok = true;
  if (action.kind === 'message') {
    ok = action.channel === 'email' ? reachable.email : action.channel === 'sms' ? reachable.sms : reachable.postal;
  } else if (action.kind === 'call') {
    ok = reachable.phone;
  } else if (action.kind === 'portal_link') {
    ok = reachable.email || reachable.sms || reachable.postal;
  } else if (action.kind === 'serve') {
    ok = reachable.phone || reachable.email || reachable.sms || reachable.postal;
  }
  return ok ? [] : [refuse('no_contact_point', action.kind === 'message' ? { channel: action.channel } : {})];
}

/** The window and the cap: deferrals, overridable by a manager; for calls in `warn` mode the window only warns. */
function timingReasons(request: GateRequest, facts: GateFacts): { reasons: GateReason[]; until: Date | null } {
  const window = facts.window ?? defaultContactWindow;
  const reasons: GateReason[] = [];
  let until: Date | null = null;
  const closed = windowClosedReason(request.at, window);
  if (closed) {
    const code = windowReasonCode[closed as keyof typeof windowReasonCode];
    const relaxed = request.action.kind === 'call' && request.callHoursMode === 'warn';
    reasons.push({ code, severity: relaxed ? 'warn' : 'defer', overridable: true, params: { start: window.start, end: window.end } });
    if (!relaxed) until = nextAllowedInstant(request.at, window);
  }
  if (capReached(facts.contactsInWindow, facts.cap)) {
    reasons.push({ code: 'contact_cap_reached', severity: 'defer', overridable: true, params: { contacts: facts.contactsInWindow, cap: facts.cap, windowDays: CONTACT_CAP_WINDOW_DAYS } });
    if (facts.oldestContactInWindow !== null) {
      const freed = nextAllowedInstant(new Date(facts.oldestContactInWindow.getTime() + CONTACT_CAP_WINDOW_DAYS * 86_400_000), window);
      until = until === null || freed > until ? freed : until;
    }
  }
  return { reasons, until };
}

/**
 * The gate. Refusals first (a refused action is never merely deferred), then deferrals. A manager's
 * override turns the window and cap deferrals into warnings; it can never lift a refusal.
 */
export function gateDecision(request: GateRequest, facts: GateFacts): GateVerdict {
  const window = facts.window ?? defaultContactWindow;
  const today = localDate(request.at, window.timeZone);
  const { action } = request;
  const all: GateReason[] = [
    ...standingReasons(request, facts, today),
    ...protectionReasons(action, facts),
    ...commitmentReasons(request, facts, today),
    ...reachReasons(action, facts),
  ];
  // Serving a case in the queue is about to contact the debtor: outside the window or over the cap it waits.
  const timing = isContact(action) || action.kind === 'serve' ? timingReasons(request, facts) : { reasons: [], until: null };
  const overridden = (reason: GateReason): boolean =>
    request.origin === 'manager' && reason.overridable && (windowCodes.includes(reason.code) ? request.override?.window === true : request.override?.cap === true);
  const timed = timing.reasons.map((reason) => (overridden(reason) ? { ...reason, severity: 'warn' as const } : reason));
  const everything = [...all, ...timed];
  const refusals = everything.filter((reason) => reason.severity === 'refuse');
  const deferrals = everything.filter((reason) => reason.severity === 'defer');
  const warnings = everything.filter((reason) => reason.severity === 'warn');
  if (refusals.length > 0) return { decision: 'refused', reasons: [...refusals, ...deferrals], warnings, until: null };
  if (deferrals.length > 0) return { decision: 'deferred', reasons: deferrals, warnings, until: timing.until };
  return { decision: 'allowed', reasons: [], warnings, until: null };
}
