import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, diffDays } from '../src/dates.ts';
import {
  contactDecision,
  contactWindowIntervals,
  groupDueOn,
  InvalidDunningStepsError,
  nextGroupDay,
  pauseReasonOf,
  stepDays,
  windowClosedReason,
} from '../src/dunning.ts';

const FRANCE = [0, 0, 5, 15, 15, 30, 40, 45];
const allRules = { pauseOnPlan: true, pauseOnPromise: true, pauseOnLegal: true };
const open = {
  status: 'amicable',
  balanceCents: 100_00,
  disputeOpen: false,
  vulnerable: false,
  openPlan: false,
  pendingPromise: false,
  promiseNotYetDue: false,
  mandateInForce: true,
  everyClaimPrescribed: false,
  insolvencyOpen: false,
} as const;

describe('stepDays', () => {
  it('J+N from placement, or days after the previous step', () => {
    expect(stepDays([
      { offsetDays: 0, offsetFrom: 'placement' },
      { offsetDays: 5, offsetFrom: 'previous' },
      { offsetDays: 15, offsetFrom: 'placement' },
      { offsetDays: 0, offsetFrom: 'previous' },
    ])).toEqual([0, 5, 15, 15]);
  });

  it('refuses a step before the previous one, and negative or fractional offsets', () => {
    expect(() => stepDays([{ offsetDays: 10, offsetFrom: 'placement' }, { offsetDays: 5, offsetFrom: 'placement' }])).toThrow(InvalidDunningStepsError);
    expect(() => stepDays([{ offsetDays: -1, offsetFrom: 'placement' }])).toThrow(InvalidDunningStepsError);
    expect(() => stepDays([{ offsetDays: 1.5, offsetFrom: 'previous' }])).toThrow(InvalidDunningStepsError);
  });

  it('property: days never go down and "previous" offsets add up', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(60), { minLength: 1, maxLength: 12 }), (offsets) => {
        const days = stepDays(offsets.map((offsetDays) => ({ offsetDays, offsetFrom: 'previous' as const })));
        expect(days.at(-1)).toBe(offsets.reduce((a, b) => a + b, 0));
        for (let i = 1; i < days.length; i += 1) expect(days[i]).toBeGreaterThanOrEqual(days[i - 1] as number);
      }),
    );
  });
});

describe('next group and due date (catch-up rule)', () => {
  it('the first group first, then strictly after the cursor', () => {
    expect(nextGroupDay(FRANCE, null)).toBe(0);
    expect(nextGroupDay(FRANCE, 0)).toBe(5);
    expect(nextGroupDay(FRANCE, 15)).toBe(30);
    expect(nextGroupDay(FRANCE, 45)).toBeNull();
    // A step moved behind the cursor (edited or added) never comes back for this case.
    expect(nextGroupDay([0, 3, 5], 4)).toBe(5);
  });

  it('on time: opened_on + J+N; late: the spacing from the last step that went', () => {
    expect(groupDueOn('2026-11-23', 5, { cursorDay: 0, lastDoneOn: '2026-11-23' })).toBe('2026-11-28');
    expect(groupDueOn('2026-10-01', 0, { cursorDay: null, lastDoneOn: null })).toBe('2026-10-01');
    expect(groupDueOn('2026-10-01', 5, { cursorDay: 0, lastDoneOn: '2026-11-23' })).toBe('2026-11-28');
    expect(groupDueOn('2026-10-01', 15, { cursorDay: 5, lastDoneOn: '2026-12-19' })).toBe('2026-12-29');
  });

  it('property: a daily run over any downtime sends every group once, in order, never two groups the same day', () => {
    fc.assert(
      fc.property(fc.nat(90), fc.array(fc.boolean(), { minLength: 200, maxLength: 200 }), (lateBy, runsOnDay) => {
        const openedOn = '2026-01-01';
        let cursor: { cursorDay: number | null; lastDoneOn: string | null } = { cursorDay: null, lastDoneOn: null };
        const sent: { day: number; on: string }[] = [];
        runsOnDay.forEach((runs, index) => {
          const today = addDays(openedOn, lateBy + index);
          if (!runs) return; // the system is down that day
          const next = nextGroupDay(FRANCE, cursor.cursorDay);
          if (next === null || groupDueOn(openedOn, next, cursor) > today) return;
          sent.push({ day: next, on: today });
          cursor = { cursorDay: next, lastDoneOn: today };
        });
        const groups = sent.map((s) => s.day);
        expect(groups).toEqual([0, 5, 15, 30, 40, 45].slice(0, groups.length));
        expect(new Set(sent.map((s) => s.on)).size).toBe(sent.length);
        for (let i = 1; i < sent.length; i += 1) {
          const previous = sent[i - 1] as { day: number; on: string };
          const current = sent[i] as { day: number; on: string };
          expect(diffDays(previous.on, current.on)).toBeGreaterThanOrEqual(current.day - previous.day);
        }
      }),
    );
  });
});

describe('pauses', () => {
  it('closed, paid, dispute and vulnerability always stop; plan, promise and legal unless switched off', () => {
    expect(pauseReasonOf(open, allRules)).toBeNull();
    expect(pauseReasonOf({ ...open, status: 'closed' }, allRules)).toBe('closed');
    expect(pauseReasonOf({ ...open, balanceCents: 0 }, allRules)).toBe('paid');
    expect(pauseReasonOf({ ...open, disputeOpen: true }, { pauseOnPlan: false, pauseOnPromise: false, pauseOnLegal: false })).toBe('dispute');
    expect(pauseReasonOf({ ...open, vulnerable: true }, allRules)).toBe('vulnerability');
    expect(pauseReasonOf({ ...open, status: 'legal' }, allRules)).toBe('legal');
    expect(pauseReasonOf({ ...open, status: 'legal' }, { ...allRules, pauseOnLegal: false })).toBeNull();
    expect(pauseReasonOf({ ...open, openPlan: true }, allRules)).toBe('plan');
    expect(pauseReasonOf({ ...open, pendingPromise: true }, { ...allRules, pauseOnPromise: false })).toBeNull();
    expect(pauseReasonOf({ ...open, status: 'promise' }, allRules)).toBe('promise');
  });

  it('collective proceedings always stop (C. com. L622-21), whatever the strategy', () => {
    const off = { pauseOnPlan: false, pauseOnPromise: false, pauseOnLegal: false };
    expect(pauseReasonOf({ ...open, insolvencyOpen: true }, off)).toBe('insolvency');
    expect(pauseReasonOf({ ...open, insolvencyOpen: true, vulnerable: true }, allRules)).toBe('insolvency');
    expect(pauseReasonOf({ ...open, insolvencyOpen: true, status: 'closed' }, allRules)).toBe('closed');
  });

  it('a mandate not in force and a case whose every claim is prescribed always stop, told before anything but closed', () => {
    const off = { pauseOnPlan: false, pauseOnPromise: false, pauseOnLegal: false };
    expect(pauseReasonOf({ ...open, mandateInForce: false }, off)).toBe('mandate');
    expect(pauseReasonOf({ ...open, everyClaimPrescribed: true }, off)).toBe('prescribed');
    expect(pauseReasonOf({ ...open, mandateInForce: false, everyClaimPrescribed: true, disputeOpen: true }, allRules)).toBe('mandate');
    expect(pauseReasonOf({ ...open, everyClaimPrescribed: true, balanceCents: 0, vulnerable: true }, allRules)).toBe('prescribed');
    expect(pauseReasonOf({ ...open, status: 'closed', mandateInForce: false }, allRules)).toBe('closed');
  });

  it('a promise not yet due stops demands whatever the strategy (legal gate: promise_pending)', () => {
    const off = { ...allRules, pauseOnPromise: false };
    expect(pauseReasonOf({ ...open, pendingPromise: true, promiseNotYetDue: true }, off)).toBe('promise');
    expect(pauseReasonOf({ ...open, pendingPromise: true, promiseNotYetDue: false }, off)).toBeNull();
  });
});

describe('contact window and cap', () => {
  it('names why the window is closed', () => {
    expect(windowClosedReason(new Date('2026-11-23T10:00:00Z'))).toBeNull();
    expect(windowClosedReason(new Date('2026-11-23T19:30:00Z'))).toBe('outside_hours');
    expect(windowClosedReason(new Date('2026-11-29T10:00:00Z'))).toBe('closed_day');
    expect(windowClosedReason(new Date('2026-12-25T10:00:00Z'))).toBe('public_holiday');
  });

  it('defers to the next opening, across the daylight-saving change', () => {
    // Saturday 28 March 2026 21:00 Paris; Sunday closed; Monday 30 March 08:00 is summer time (06:00 UTC).
    expect(contactDecision({ at: new Date('2026-03-28T20:00:00Z'), contactTimes: [], plannedBefore: 0, cap: 3 })).toEqual({
      go: false,
      reason: 'outside_hours',
      until: new Date('2026-03-30T06:00:00Z'),
    });
  });

  it('the cap counts the last 7 days and what this run already planned; freed when the oldest contact is 7 days old', () => {
    const at = new Date('2026-11-23T10:00:00Z');
    const times = [new Date('2026-11-18T09:00:00Z'), new Date('2026-11-20T09:00:00Z'), new Date('2026-11-10T09:00:00Z')];
    expect(contactDecision({ at, contactTimes: times, plannedBefore: 0, cap: 3 })).toEqual({ go: true });
    expect(contactDecision({ at, contactTimes: times, plannedBefore: 1, cap: 3 })).toEqual({
      go: false,
      reason: 'contact_cap_reached',
      until: new Date('2026-11-25T09:00:00Z'),
    });
  });

  it('window intervals skip Sundays and holidays', () => {
    const intervals = contactWindowIntervals(new Date('2026-12-24T10:00:00Z'), 4);
    expect(intervals.map((i) => i.opens.toISOString())).toEqual(['2026-12-24T07:00:00.000Z', '2026-12-26T07:00:00.000Z']);
  });
});
