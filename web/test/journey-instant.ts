import { isInsideContactWindow, nextAllowedInstant } from '../../packages/domain/src/calendar.ts';

/**
 * When the journeys happen. Agents call and letters go out only inside the contact window (weekdays
 * 08:00-20:00 in Paris, no public holiday), so a journey run on a Sunday or at night would meet
 * refusals it does not test. The real now when it is comfortably inside the window, else the next
 * opening + 2 h (10:00 Paris). The server's clock and every page's clock show it.
 */
export function journeyInstant(realNow: Date): Date {
  const twoHours = 2 * 3_600_000;
  if (isInsideContactWindow(realNow) && isInsideContactWindow(new Date(realNow.getTime() + twoHours))) return realNow;
  // Inside a window about to close (18:10 Paris), nextAllowedInstant would answer now itself and
  // now + 2 h is night: step out of today's window first, then take the next opening.
  let probe = realNow;
  while (isInsideContactWindow(probe)) probe = new Date(probe.getTime() + 15 * 60_000);
  return new Date(nextAllowedInstant(probe).getTime() + twoHours);
}
