import { type ContactWindow, defaultContactWindow, isInsideContactWindow, isPublicHoliday, localDate, localTimeToInstant, nextAllowedInstant } from './calendar.ts';
import type { CaseStatus } from './case-status.ts';
import { CONTACT_CAP_WINDOW_DAYS, capReached } from './contact-rules.ts';
import { addDays, type BusinessDate, isoWeekday, maxDate } from './dates.ts';

// Relances automatiques (issue 6). Pure rules of a dunning strategy: when each step falls due, what
// pauses a case, and whether a contact can go now or is deferred.
//
// These functions are the SPECIFICATION of the daily run, which applies the same rules set-based
// in SQL (server/src/features/dunning/sql.ts) for a million cases at once. The SQL takes its tables
// and thresholds from here (pauseRules, openPlanStatuses, contactChannels, CONTACT_CAP_WINDOW_DAYS);
// nextGroupDay, groupDueOn, pauseReasonOf and contactDecision are not called by production code on
// purpose: their caller is the parity test (server/test/rules-parity.test.ts), which runs one table
// of cases through them and through the run's SQL on PostgreSQL and asserts the same decisions.

/** Channels that reach the debtor (count towards the cap, obey the contact window). A call task is an agent's to-do. */
export const contactChannels = ['email', 'sms', 'letter', 'registered_letter'] as const;

export type OffsetFrom = 'placement' | 'previous';
export type StepTiming = { readonly offsetDays: number; readonly offsetFrom: OffsetFrom };

export class InvalidDunningStepsError extends Error {
  readonly code = 'invalid_dunning_steps';
  readonly position: number;
  constructor(position: number, message: string) {
    super(message);
    this.name = 'InvalidDunningStepsError';
    this.position = position;
  }
}

/**
 * Each step's J+N from placement (the case's opened_on), in order: an offset 'placement' is J+N itself,
 * an offset 'previous' counts from the step before (from placement for the first step). Steps must not
 * go back in time: a step's day is never before the previous step's day (same day = sent together).
 */
export function stepDays(steps: readonly StepTiming[]): number[] {
  const days: number[] = [];
  let previous = 0;
  steps.forEach((step, index) => {
    if (!Number.isInteger(step.offsetDays) || step.offsetDays < 0) throw new InvalidDunningStepsError(index, `Step ${index + 1}: offset must be a whole number of days >= 0`);
    const day = step.offsetFrom === 'placement' ? step.offsetDays : previous + step.offsetDays;
    if (day < previous) throw new InvalidDunningStepsError(index, `Step ${index + 1}: J+${day} comes before the previous step (J+${previous})`);
    days.push(day);
    previous = day;
  });
  return days;
}

/**
 * Where a case stands: the J+N of the last step group it started (null: not started) and the day the
 * last step actually went (null: nothing went yet).
 */
export type DunningCursor = { readonly cursorDay: number | null; readonly lastDoneOn: BusinessDate | null };

/**
 * The next step group of a strategy for a case: the smallest J+N strictly after the cursor (the first
 * group when not started). Steps at or before the cursor never apply again: that is what makes an edit
 * (or a step added behind a case) never resend anything to a case that is past it.
 */
export function nextGroupDay(days: readonly number[], cursorDay: number | null): number | null {
  let best: number | null = null;
  for (const day of days) if ((cursorDay === null || day > cursorDay) && (best === null || day < best)) best = day;
  return best;
}

/**
 * The day a step group falls due. Normally opened_on + J+N. Catch-up rule (after downtime, a pause or a
 * deferral): a later group keeps its spacing from the group that actually went before it, so a case that
 * is late gets its first letter, then J+5 five days after that letter, and so on — never J+0, J+5, J+15
 * in one blast, never a step skipped, and a step that fell due while the system was down goes once.
 */
export function groupDueOn(openedOn: BusinessDate, groupDay: number, cursor: DunningCursor): BusinessDate {
  const nominal = addDays(openedOn, groupDay);
  if (cursor.lastDoneOn === null || cursor.cursorDay === null) return nominal;
  return maxDate(nominal, addDays(cursor.lastDoneOn, groupDay - cursor.cursorDay));
}

export type PauseReason = 'closed' | 'mandate' | 'insolvency' | 'prescribed' | 'paid' | 'dispute' | 'vulnerability' | 'legal' | 'plan' | 'promise';

export type PauseRules = { readonly pauseOnPlan: boolean; readonly pauseOnPromise: boolean; readonly pauseOnLegal: boolean };

/** The facts beyond the status that pause a case (CaseDunningFacts says what each one is). */
export type PauseFact = 'mandateNotInForce' | 'insolvencyOpen' | 'everyClaimPrescribed' | 'nothingDue' | 'disputeOpen' | 'vulnerable' | 'openPlan' | 'pendingPromise' | 'promiseNotYetDue';

/**
 * What pauses a case, in the order the reason is told when several hold: the case statuses that
 * pause by themselves, the fact beyond the status (see pauseReasonOf), and the strategy's switch
 * that can turn the rule off (null: it always applies). These are the legal gate's refusals of an
 * automatic demand (legal-gate.ts gateDecision, origin 'automatic'; pauseGateCodes maps each reason
 * to its codes), in a form the daily run applies set-based; the parity test holds the three equal.
 * - closed, paid in full, an open dispute and a vulnerability flag always stop contact (shared legal
 *   document, "Contact with debtors");
 * - a mandate not in force (not yet started, expired or revoked) stops all contact (CPCE R124-3;
 *   legal-gate.ts mandateProblem);
 * - collective proceedings of the debtor company stop individual collection (C. com. L622-21;
 *   legal-gate.ts, insolvency_proceedings): the claim is declared to the mandataire instead;
 * - a case whose every claim is prescribed is demanded nothing (C. civ. 2219 and 2229: prescribed
 *   the day after its last day; C. conso. L121-2; legal-gate.ts prescribedClaims); a case with one
 *   claim still pursuable is still contacted (for that claim only);
 * - legal stage, plan and promise are the strategy's, except that a demand before the day the debtor
 *   promised to pay is never sent, whatever the strategy (legal-gate.ts, promise_pending).
 */
export const pauseRules = [
  { reason: 'closed', statuses: ['closed'], fact: null, switch: null },
  { reason: 'mandate', statuses: [], fact: 'mandateNotInForce', switch: null },
  { reason: 'insolvency', statuses: [], fact: 'insolvencyOpen', switch: null },
  { reason: 'prescribed', statuses: [], fact: 'everyClaimPrescribed', switch: null },
  { reason: 'paid', statuses: [], fact: 'nothingDue', switch: null },
  { reason: 'dispute', statuses: ['disputed'], fact: 'disputeOpen', switch: null },
  { reason: 'vulnerability', statuses: [], fact: 'vulnerable', switch: null },
  { reason: 'legal', statuses: ['legal', 'bailiff'], fact: null, switch: 'pauseOnLegal' },
  { reason: 'plan', statuses: ['payment_plan'], fact: 'openPlan', switch: 'pauseOnPlan' },
  { reason: 'promise', statuses: ['promise'], fact: 'pendingPromise', switch: 'pauseOnPromise' },
  { reason: 'promise', statuses: [], fact: 'promiseNotYetDue', switch: null },
] as const satisfies readonly { reason: PauseReason; statuses: readonly CaseStatus[]; fact: PauseFact | null; switch: keyof PauseRules | null }[];

/** A plan in these statuses pauses the case (being approved, awaiting the debtor, running). */
export const openPlanStatuses = ['pending_approval', 'agreed_pending_acceptance', 'active'] as const;

export type CaseDunningFacts = {
  readonly status: CaseStatus;
  readonly balanceCents: number;
  readonly disputeOpen: boolean;
  readonly vulnerable: boolean;
  readonly openPlan: boolean;
  readonly pendingPromise: boolean;
  /** A pending promise whose due day is today or later. */
  readonly promiseNotYetDue: boolean;
  /** The creditor's mandate is in force at the run's instant (legal-gate.ts mandateProblem is null). */
  readonly mandateInForce: boolean;
  /** The case has claims and every one is prescribed today (legal-gate.ts prescribedClaims). */
  readonly everyClaimPrescribed: boolean;
  /** A collective proceeding of the debtor company was pronounced on or before today (insolvency.ts proceedingInForce). */
  readonly insolvencyOpen: boolean;
};

/** Whether a fact behind a pause rule holds. */
export function pauseFactHolds(fact: PauseFact, facts: CaseDunningFacts): boolean {
  switch (fact) {
    case 'mandateNotInForce':
      return !facts.mandateInForce;
    case 'nothingDue':
      return facts.balanceCents <= 0;
    default:
      return facts[fact];
  }
}

/**
 * Why a case gets no automated contact now, or null: the first of pauseRules whose switch is on
 * and whose status or fact holds (an open plan with a plan in openPlanStatuses, a pending promise).
 */
export function pauseReasonOf(facts: CaseDunningFacts, rules: PauseRules): PauseReason | null {
  for (const rule of pauseRules) {
    if (rule.switch !== null && !rules[rule.switch]) continue;
    if ((rule.statuses as readonly CaseStatus[]).includes(facts.status) || (rule.fact !== null && pauseFactHolds(rule.fact, facts))) return rule.reason;
  }
  return null;
}

export type DeferralReason = 'outside_hours' | 'closed_day' | 'public_holiday' | 'contact_cap_reached';

/** Why the contact window is closed at `at` (null when open): a holiday before a closed weekday before the hours. */
export function windowClosedReason(at: Date, window: ContactWindow = defaultContactWindow): DeferralReason | null {
  if (isInsideContactWindow(at, window)) return null;
  const date = localDate(at, window.timeZone);
  if (window.excludePublicHolidays && isPublicHoliday(date, { alsaceMoselle: window.alsaceMoselle ?? false })) return 'public_holiday';
  if (!window.weekdays.includes(isoWeekday(date))) return 'closed_day';
  return 'outside_hours';
}

/**
 * The window's open intervals [opens, closes) from the day of `from` for `days` days, as instants. The
 * daily SQL uses them to move a contact freed by the cap at some instant to the first allowed one.
 */
export function contactWindowIntervals(from: Date, days: number, window: ContactWindow = defaultContactWindow): { opens: Date; closes: Date }[] {
  const first = localDate(from, window.timeZone);
  const [sh, sm] = window.start.split(':').map(Number);
  const [eh, em] = window.end.split(':').map(Number);
  const intervals: { opens: Date; closes: Date }[] = [];
  for (let offset = 0; offset < days; offset += 1) {
    const day = addDays(first, offset);
    const opens = localTimeToInstant(day, (sh ?? 0) * 60 + (sm ?? 0), window.timeZone);
    if (!isInsideContactWindow(opens, window)) continue;
    intervals.push({ opens, closes: localTimeToInstant(day, (eh ?? 0) * 60 + (em ?? 0), window.timeZone) });
  }
  return intervals;
}

/**
 * Whether a contact to a debtor may go at `at`: the window first (hours, day, holiday), then the cap
 * (contacts over the last 7 days, all channels and creditors, including those already planned in the
 * same run). Deferred contacts go at the next allowed instant: the window's next opening, or for the cap
 * the first allowed instant once the oldest counted contact is 7 days old.
 */
export function contactDecision(input: {
  at: Date;
  contactTimes: readonly Date[];
  plannedBefore: number;
  cap: number;
  window?: ContactWindow;
}): { go: true } | { go: false; reason: DeferralReason; until: Date } {
  const window = input.window ?? defaultContactWindow;
  const closed = windowClosedReason(input.at, window);
  if (closed) return { go: false, reason: closed, until: nextAllowedInstant(input.at, window) };
  const windowMs = CONTACT_CAP_WINDOW_DAYS * 86_400_000;
  const recent = input.contactTimes.filter((time) => time.getTime() > input.at.getTime() - windowMs && time.getTime() <= input.at.getTime());
  if (!capReached(recent.length + input.plannedBefore, input.cap)) return { go: true };
  const oldest = Math.min(...recent.map((time) => time.getTime()), input.at.getTime());
  return { go: false, reason: 'contact_cap_reached', until: nextAllowedInstant(new Date(oldest + windowMs), window) };
}
