import { type ContactWindow, defaultContactWindow, frenchPublicHolidays, localClock, localTimeToInstant } from './calendar.ts';
import { type BusinessDate, isoWeekday } from './dates.ts';

// Contact with debtors (shared legal document, "Contact with debtors"; policy, no statute sets
// collection hours): contact only 08:00-20:00 Europe/Paris, Monday to Saturday, never on a French
// public holiday; at most N contacts per debtor over 7 days, counted across channels and across
// creditors (the same person owing two creditors is one debtor for this cap). Repeated calls can
// be an offence (Code pénal 222-16), which is why the cap counts every attempt, answered or not.
// Whether a contact may go is the legal gate's decision (legal-gate.ts, with the window of
// dunning.ts windowClosedReason); this module holds the cap's constants and says what the clock
// reads in Paris at an instant, for the words shown with a refusal.

export const CONTACT_CAP_WINDOW_DAYS = 7;
export const DEFAULT_CONTACT_CAP = 3;

function clockMinutes(text: string): number {
  const [hours, minutes] = text.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

function clockText(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The instant as the agency's clock reads it: the local day, its ISO weekday, the time, and the public holiday it is, if any. */
export type ContactMoment = { readonly date: BusinessDate; readonly weekday: number; readonly localTime: string; readonly holiday: string | null };

export function contactMoment(at: Date, window: ContactWindow = defaultContactWindow): ContactMoment {
  const local = localClock(at, window.timeZone);
  const holiday = frenchPublicHolidays(Number(local.date.slice(0, 4)), { alsaceMoselle: window.alsaceMoselle ?? false }).find(
    (candidate) => candidate.date === local.date,
  );
  return { date: local.date, weekday: isoWeekday(local.date), localTime: clockText(local.minutes), holiday: holiday?.name ?? null };
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
