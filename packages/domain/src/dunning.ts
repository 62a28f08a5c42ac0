import { type ContactWindow, defaultContactWindow, isInsideContactWindow, isPublicHoliday, localDate, localTimeToInstant, nextAllowedInstant } from './calendar.ts';
import { addDays, type BusinessDate, diffDays, isoWeekday, maxDate } from './dates.ts';

// Relances automatiques (issue 6). Pure rules of a dunning strategy: when each step falls due, what
// pauses a case, and whether a contact can go now or is deferred. The daily run applies the same
// rules set-based in SQL (server/src/features/dunning/sql.ts); the tests of both agree on them.

export const dunningChannels = ['email', 'sms', 'letter', 'registered_letter', 'call_task'] as const;
export type DunningChannel = (typeof dunningChannels)[number];
/** Channels that reach the debtor (count towards the cap, obey the contact window). A call task is an agent's to-do. */
export const contactChannels = ['email', 'sms', 'letter', 'registered_letter'] as const satisfies readonly DunningChannel[];

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

export const pauseReasons = ['closed', 'paid', 'dispute', 'vulnerability', 'legal', 'plan', 'promise'] as const;
export type PauseReason = (typeof pauseReasons)[number];

export type PauseRules = { readonly pauseOnPlan: boolean; readonly pauseOnPromise: boolean; readonly pauseOnLegal: boolean };
export type CaseDunningFacts = {
  readonly status: 'new' | 'amicable' | 'promise' | 'payment_plan' | 'disputed' | 'legal' | 'bailiff' | 'closed';
  readonly balanceCents: number;
  readonly disputeOpen: boolean;
  readonly vulnerable: boolean;
  readonly openPlan: boolean;
  readonly pendingPromise: boolean;
};

/**
 * Why a case gets no automated contact now, or null. Closed (recalled by the creditor, returned), paid
 * in full, an open dispute and a vulnerability flag always stop contact (shared legal document); an
 * open plan, a pending promise and the legal stage pause it unless the strategy says otherwise.
 * Order = the reason shown when several hold.
 */
export function pauseReasonOf(facts: CaseDunningFacts, rules: PauseRules): PauseReason | null {
  if (facts.status === 'closed') return 'closed';
  if (facts.balanceCents <= 0) return 'paid';
  if (facts.disputeOpen || facts.status === 'disputed') return 'dispute';
  if (facts.vulnerable) return 'vulnerability';
  if (rules.pauseOnLegal && (facts.status === 'legal' || facts.status === 'bailiff')) return 'legal';
  if (rules.pauseOnPlan && (facts.openPlan || facts.status === 'payment_plan')) return 'plan';
  if (rules.pauseOnPromise && (facts.pendingPromise || facts.status === 'promise')) return 'promise';
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
  const weekAgo = input.at.getTime() - 7 * 86_400_000;
  const recent = input.contactTimes.filter((time) => time.getTime() > weekAgo && time.getTime() <= input.at.getTime());
  if (recent.length + input.plannedBefore + 1 <= input.cap) return { go: true };
  const oldest = Math.min(...recent.map((time) => time.getTime()), input.at.getTime());
  return { go: false, reason: 'contact_cap_reached', until: nextAllowedInstant(new Date(oldest + 7 * 86_400_000), window) };
}

/** Days between placement and `today` (J+N of today), for displays. */
export function dayOfCase(openedOn: BusinessDate, today: BusinessDate): number {
  return diffDays(openedOn, today);
}
