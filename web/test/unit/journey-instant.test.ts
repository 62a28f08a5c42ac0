import { describe, expect, it } from 'vitest';
import { isInsideContactWindow } from '../../../packages/domain/src/calendar.ts';
import { journeyInstant } from '../journey-instant.ts';

/** Browser journeys freeze the server's clock at this instant: it must leave two working hours. */
describe('the instant browser journeys run at', () => {
  const comfortable = (instant: Date) => isInsideContactWindow(instant) && isInsideContactWindow(new Date(instant.getTime() + 2 * 3_600_000));

  it('is now on a working morning', () => {
    const now = new Date('2026-12-07T09:00:00Z'); // Monday 10:00 Paris
    expect(journeyInstant(now)).toEqual(now);
  });

  it('is the next morning when the window closes within two hours (Monday 18:10 Paris)', () => {
    expect(journeyInstant(new Date('2026-12-07T17:10:00Z')).toISOString()).toBe('2026-12-08T09:00:00.000Z');
  });

  it('is Monday morning on a Sunday, and the next contact day after Christmas (Saturday)', () => {
    expect(journeyInstant(new Date('2026-12-06T12:00:00Z')).toISOString()).toBe('2026-12-07T09:00:00.000Z');
    expect(journeyInstant(new Date('2026-12-24T18:30:00Z')).toISOString()).toBe('2026-12-26T09:00:00.000Z');
  });

  it('always leaves two hours inside the window, whatever the hour of the week', () => {
    for (let hour = 0; hour < 24 * 14; hour += 1) {
      const instant = journeyInstant(new Date(Date.UTC(2026, 11, 6, hour, 10)));
      expect(comfortable(instant), instant.toISOString()).toBe(true);
    }
  });
});
