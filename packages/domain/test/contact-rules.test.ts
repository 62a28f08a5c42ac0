import { describe, expect, it } from 'vitest';
import { contactCapWindowStart, contactRuleCheck, parisLocalToInstant } from '../src/contact-rules.ts';

// Shared legal document, "Contact with debtors" (policy): 08:00-20:00 Europe/Paris, Monday to
// Saturday, no French public holiday, at most N contacts per debtor per 7 days across channels
// and creditors, no contact on an open dispute or a vulnerability flag.

const base = { contactsInWindow: 0, cap: 3, disputeOpen: false, vulnerable: false };
const codes = (at: string, overrides: Partial<typeof base> = {}) =>
  contactRuleCheck({ ...base, ...overrides, at: new Date(at) }).reasons.map((reason) => reason.code);

describe('contact window (08:00-20:00 Paris, Monday to Saturday)', () => {
  it('allows a call on a weekday afternoon', () => {
    const result = contactRuleCheck({ ...base, at: new Date('2026-11-24T13:00:00Z') });
    expect(result).toEqual({ allowed: true, reasons: [], nextAllowedAt: null });
  });

  it('winter time (UTC+1): 19:59 Paris is inside, 20:00 Paris is outside', () => {
    expect(codes('2026-11-24T18:59:00Z')).toEqual([]);
    expect(codes('2026-11-24T19:00:00Z')).toEqual(['outside_hours']);
  });

  it('summer time (UTC+2): 19:59 Paris is inside, 20:00 Paris is outside', () => {
    expect(codes('2026-07-15T17:59:00Z')).toEqual([]);
    expect(codes('2026-07-15T18:00:00Z')).toEqual(['outside_hours']);
  });

  it('07:59 Paris is before the window; 08:00 opens it (both sides of the March change)', () => {
    expect(codes('2026-03-28T06:59:00Z')).toEqual(['outside_hours']); // Saturday, still UTC+1
    expect(codes('2026-03-28T07:00:00Z')).toEqual([]);
    expect(codes('2026-03-30T05:59:00Z')).toEqual(['outside_hours']); // Monday, now UTC+2
    expect(codes('2026-03-30T06:00:00Z')).toEqual([]);
  });

  it('reports the local time and the next opening when only the calendar stands in the way', () => {
    const result = contactRuleCheck({ ...base, at: new Date('2026-11-24T19:30:00Z') });
    expect(result.reasons).toEqual([{ code: 'outside_hours', localTime: '20:30', window: { start: '08:00', end: '20:00' } }]);
    expect(result.nextAllowedAt?.toISOString()).toBe('2026-11-25T07:00:00.000Z');
  });

  it('Sunday is closed, and the next opening is Monday 08:00', () => {
    const result = contactRuleCheck({ ...base, at: new Date('2026-11-22T10:00:00Z') });
    expect(result.reasons).toEqual([{ code: 'closed_day', date: '2026-11-22', weekday: 7 }]);
    expect(result.nextAllowedAt?.toISOString()).toBe('2026-11-23T07:00:00.000Z');
  });

  it('Saturday is open', () => {
    expect(codes('2026-11-28T10:00:00Z')).toEqual([]);
  });
});

describe('French public holidays (Code du travail L3133-1)', () => {
  it('11 November, 14 July and Easter Monday are refused, with the holiday named', () => {
    const armistice = contactRuleCheck({ ...base, at: new Date('2026-11-11T10:00:00Z') });
    expect(armistice.reasons).toEqual([{ code: 'public_holiday', date: '2026-11-11', holiday: 'Armistice 1918' }]);
    expect(armistice.nextAllowedAt?.toISOString()).toBe('2026-11-12T07:00:00.000Z');
    expect(codes('2026-07-14T10:00:00Z')).toEqual(['public_holiday']);
    expect(codes('2026-04-06T10:00:00Z')).toEqual(['public_holiday']);
  });

  it('the local date decides: 23:30 UTC on 10 November is already 11 November in Paris', () => {
    expect(codes('2026-11-10T23:30:00Z')).toEqual(['public_holiday', 'outside_hours']);
  });

  it('a holiday falling on a Sunday gives both reasons', () => {
    // 1 November 2026 is a Sunday.
    expect(codes('2026-11-01T10:00:00Z')).toEqual(['closed_day', 'public_holiday']);
  });
});

describe('contact cap per debtor over 7 days', () => {
  it('allows the third contact and refuses the fourth with the default cap of 3', () => {
    expect(codes('2026-11-24T13:00:00Z', { contactsInWindow: 2 })).toEqual([]);
    const result = contactRuleCheck({ ...base, contactsInWindow: 3, at: new Date('2026-11-24T13:00:00Z') });
    expect(result.reasons).toEqual([{ code: 'contact_cap_reached', contacts: 3, cap: 3, windowDays: 7 }]);
    expect(result.nextAllowedAt).toBeNull(); // the cap does not end at a time the calendar knows
  });

  it('follows the agency cap', () => {
    expect(codes('2026-11-24T13:00:00Z', { contactsInWindow: 1, cap: 1 })).toEqual(['contact_cap_reached']);
    expect(codes('2026-11-24T13:00:00Z', { contactsInWindow: 4, cap: 5 })).toEqual([]);
  });

  it('counts over the 7 days before the contact', () => {
    expect(contactCapWindowStart(new Date('2026-11-24T13:00:00Z')).toISOString()).toBe('2026-11-17T13:00:00.000Z');
  });

  it('refuses a cap that is not a positive integer', () => {
    expect(() => contactRuleCheck({ ...base, cap: 0, at: new Date('2026-11-24T13:00:00Z') })).toThrow(RangeError);
  });
});

describe('dispute and vulnerability stop all contact', () => {
  it('lists every broken rule, calendar ones first', () => {
    const result = contactRuleCheck({
      at: new Date('2026-11-22T21:00:00Z'),
      contactsInWindow: 5,
      cap: 3,
      disputeOpen: true,
      vulnerable: true,
    });
    expect(result.allowed).toBe(false);
    expect(result.reasons.map((reason) => reason.code)).toEqual(['closed_day', 'outside_hours', 'contact_cap_reached', 'dispute_open', 'vulnerable']);
    expect(result.nextAllowedAt).toBeNull();
  });

  it('an open dispute alone refuses a call in the window', () => {
    expect(codes('2026-11-24T13:00:00Z', { disputeOpen: true })).toEqual(['dispute_open']);
    expect(codes('2026-11-24T13:00:00Z', { vulnerable: true })).toEqual(['vulnerable']);
  });
});

describe('callback times in Paris', () => {
  it('converts a Paris wall-clock time to UTC in winter and in summer', () => {
    expect(parisLocalToInstant('2026-11-24', '14:30').toISOString()).toBe('2026-11-24T13:30:00.000Z');
    expect(parisLocalToInstant('2026-07-15', '14:30').toISOString()).toBe('2026-07-15T12:30:00.000Z');
  });
});
