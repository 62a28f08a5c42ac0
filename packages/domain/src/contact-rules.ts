import { type ContactWindow, defaultContactWindow, frenchPublicHolidays, localClock, localTimeToInstant, nextAllowedInstant } from './calendar.ts';
import { type BusinessDate, isoWeekday } from './dates.ts';

// Contact with debtors (shared legal document, "Contact with debtors"; policy, no statute sets
// collection hours): contact only 08:00-20:00 Europe/Paris, Monday to Saturday, never on a French
// public holiday; at most N contacts per debtor over 7 days, counted across channels and across
// creditors (the same person owing two creditors is one debtor for this cap); no contact at all
// while a dispute is open or a vulnerability flag is set. Repeated calls can be an offence
// (Code pénal 222-16), which is why the cap counts every attempt, answered or not.
// This module only says which rules a contact at a given instant would break; whether that
// warns or blocks is the agency's setting, applied by the caller.

export const CONTACT_CAP_WINDOW_DAYS = 7;
export const DEFAULT_CONTACT_CAP = 3;

export type ContactRuleCode =
  /** Before the window opens or from the moment it closes (20:00 itself is outside). */
  | 'outside_hours'
  /** A day of the week the window is closed (Sunday by default). */
  | 'closed_day'
  /** A French public holiday (Code du travail L3133-1). */
  | 'public_holiday'
  /** N contacts already made with this debtor over the last 7 days, all channels and creditors. */
  | 'contact_cap_reached'
  /** A dispute is open on the case: no contact until it is resolved. */
  | 'dispute_open'
  /** The debtor is flagged vulnerable: no contact until a manager lifts the flag. */
  | 'vulnerable';

export type ContactRuleReason =
  | { readonly code: 'outside_hours'; readonly localTime: string; readonly window: { readonly start: string; readonly end: string } }
  | { readonly code: 'closed_day'; readonly date: BusinessDate; readonly weekday: number }
  | { readonly code: 'public_holiday'; readonly date: BusinessDate; readonly holiday: string }
  | { readonly code: 'contact_cap_reached'; readonly contacts: number; readonly cap: number; readonly windowDays: number }
  | { readonly code: 'dispute_open' }
  | { readonly code: 'vulnerable' };

export type ContactRuleInput = {
  /** The instant of the contact (now, when about to call). */
  readonly at: Date;
  /** Contacts already made with this debtor (identity shared across creditors) in the 7 days before `at`. */
  readonly contactsInWindow: number;
  /** The agency's cap per debtor over 7 days (agency.contact_cap_per_7_days). */
  readonly cap: number;
  readonly disputeOpen: boolean;
  readonly vulnerable: boolean;
  readonly window?: ContactWindow;
};

export type ContactRuleResult = {
  readonly allowed: boolean;
  readonly reasons: readonly ContactRuleReason[];
  /**
   * When the calendar rules (hours, day, holiday) are the only problem: the next instant they
   * allow. Null when contact is allowed now, or when another rule (cap, dispute, vulnerability)
   * does not end at a known time.
   */
  readonly nextAllowedAt: Date | null;
};

function clockMinutes(text: string): number {
  const [hours, minutes] = text.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

function clockText(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Every contact rule a contact at `input.at` would break (empty = allowed). */
export function contactRuleCheck(input: ContactRuleInput): ContactRuleResult {
  const window = input.window ?? defaultContactWindow;
  if (!Number.isInteger(input.cap) || input.cap < 1) throw new RangeError(`Contact cap must be a positive integer, got ${input.cap}`);
  const reasons: ContactRuleReason[] = [];
  const local = localClock(input.at, window.timeZone);
  const weekday = isoWeekday(local.date);
  if (!window.weekdays.includes(weekday)) reasons.push({ code: 'closed_day', date: local.date, weekday });
  if (window.excludePublicHolidays) {
    const holiday = frenchPublicHolidays(Number(local.date.slice(0, 4)), { alsaceMoselle: window.alsaceMoselle ?? false }).find(
      (candidate) => candidate.date === local.date,
    );
    if (holiday) reasons.push({ code: 'public_holiday', date: local.date, holiday: holiday.name });
  }
  if (local.minutes < clockMinutes(window.start) || local.minutes >= clockMinutes(window.end)) {
    reasons.push({ code: 'outside_hours', localTime: clockText(local.minutes), window: { start: window.start, end: window.end } });
  }
  const calendarOnly = reasons.length > 0;
  if (capReached(input.contactsInWindow, input.cap)) {
    reasons.push({ code: 'contact_cap_reached', contacts: input.contactsInWindow, cap: input.cap, windowDays: CONTACT_CAP_WINDOW_DAYS });
  }
  if (input.disputeOpen) reasons.push({ code: 'dispute_open' });
  if (input.vulnerable) reasons.push({ code: 'vulnerable' });
  const onlyCalendar = calendarOnly && reasons.every((reason) => ['outside_hours', 'closed_day', 'public_holiday'].includes(reason.code));
  return {
    allowed: reasons.length === 0,
    reasons,
    nextAllowedAt: onlyCalendar ? nextAllowedInstant(input.at, window) : null,
  };
}

/** Whether `contacts` already made in the window leave no room for one more under `cap`. */
export function capReached(contacts: number, cap: number): boolean {
  return contacts >= cap;
}

/** The start of the 7-day window the cap counts over, for a contact at `at`. */
export function contactCapWindowStart(at: Date): Date {
  return new Date(at.getTime() - CONTACT_CAP_WINDOW_DAYS * 86_400_000);
}

/** A wall-clock date and time in the agency's zone ('2026-11-24', '14:30') to the instant (callbacks). */
export function parisLocalToInstant(date: BusinessDate, time: string, timeZone = defaultContactWindow.timeZone): Date {
  return localTimeToInstant(date, clockMinutes(time), timeZone);
}
