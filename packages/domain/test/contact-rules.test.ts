import { describe, expect, it } from 'vitest';
import { capReached, contactCapWindowStart, contactMoment, parisLocalToInstant } from '../src/contact-rules.ts';
import { windowClosedReason } from '../src/dunning.ts';
import { type GateFacts, gateDecision } from '../src/legal-gate.ts';

// Shared legal document, "Contact with debtors" (policy): 08:00-20:00 Europe/Paris, Monday to
// Saturday, no French public holiday, at most N contacts per debtor per 7 days across channels
// and creditors. The gate (legal-gate.ts) applies the window through windowClosedReason; a call
// is refused outside it unless the agency relaxes the hours to a warning.

const closed = (at: string) => windowClosedReason(new Date(at));

describe('contact window (08:00-20:00 Paris, Monday to Saturday)', () => {
  it('winter time (UTC+1): 19:59 Paris is inside, 20:00 Paris is outside', () => {
    expect(closed('2026-11-24T18:59:00Z')).toBeNull();
    expect(closed('2026-11-24T19:00:00Z')).toBe('outside_hours');
  });

  it('summer time (UTC+2): 19:59 Paris is inside, 20:00 Paris is outside', () => {
    expect(closed('2026-07-15T17:59:00Z')).toBeNull();
    expect(closed('2026-07-15T18:00:00Z')).toBe('outside_hours');
  });

  it('07:59 Paris is before the window; 08:00 opens it (both sides of the March change)', () => {
    expect(closed('2026-03-28T06:59:00Z')).toBe('outside_hours'); // Saturday, still UTC+1
    expect(closed('2026-03-28T07:00:00Z')).toBeNull();
    expect(closed('2026-03-30T05:59:00Z')).toBe('outside_hours'); // Monday, now UTC+2
    expect(closed('2026-03-30T06:00:00Z')).toBeNull();
  });

  it('Sunday is closed, Saturday is open', () => {
    expect(closed('2026-11-22T10:00:00Z')).toBe('closed_day');
    expect(closed('2026-11-28T10:00:00Z')).toBeNull();
  });
});

describe('French public holidays (Code du travail L3133-1)', () => {
  it('11 November, 14 July and Easter Monday are closed, the holiday named for the words shown', () => {
    expect(closed('2026-11-11T10:00:00Z')).toBe('public_holiday');
    expect(contactMoment(new Date('2026-11-11T10:00:00Z'))).toEqual({ date: '2026-11-11', weekday: 3, localTime: '11:00', holiday: 'Armistice 1918' });
    expect(closed('2026-07-14T10:00:00Z')).toBe('public_holiday');
    expect(closed('2026-04-06T10:00:00Z')).toBe('public_holiday');
  });

  it('the local date decides: 23:30 UTC on 10 November is already 11 November in Paris', () => {
    expect(closed('2026-11-10T23:30:00Z')).toBe('public_holiday');
    expect(contactMoment(new Date('2026-11-10T23:30:00Z'))).toMatchObject({ date: '2026-11-11', localTime: '00:30' });
  });

  it('a holiday falling on a Sunday is named as the holiday', () => {
    // 1 November 2026 is a Sunday.
    expect(closed('2026-11-01T10:00:00Z')).toBe('public_holiday');
    expect(contactMoment(new Date('2026-11-01T10:00:00Z'))).toMatchObject({ weekday: 7, holiday: 'Toussaint' });
  });
});

describe('contact cap per debtor over 7 days', () => {
  it('allows the third contact and refuses the fourth with the default cap of 3', () => {
    expect(capReached(2, 3)).toBe(false);
    expect(capReached(3, 3)).toBe(true);
  });

  it('counts over the 7 days before the contact', () => {
    expect(contactCapWindowStart(new Date('2026-11-24T13:00:00Z')).toISOString()).toBe('2026-11-17T13:00:00.000Z');
  });
});

describe('a call through the gate', () => {
  const facts: GateFacts = {
    status: 'amicable',
    demandableCents: 500_00,
    claims: [{ ref: 'F1', prescriptionDate: '2028-01-01' }],
    disputeOpen: false,
    vulnerable: false,
    plan: null,
    promise: null,
    mandate: { signedOn: '2026-01-01', validUntil: null, revokedAt: null, coversJudicial: false },
    contactsInWindow: 0,
    oldestContactInWindow: null,
    cap: 3,
    reachable: { email: true, sms: true, phone: true, postal: true },
  };
  const call = (at: string, callHoursMode: 'block' | 'warn', extra: Partial<GateFacts> = {}) =>
    gateDecision({ action: { kind: 'call' }, at: new Date(at), origin: 'agent', callHoursMode }, { ...facts, ...extra });

  it('a Sunday call is deferred to Monday 08:00 by default, and only a warning in warn mode', () => {
    const blocked = call('2026-11-22T10:00:00Z', 'block');
    expect(blocked).toMatchObject({ decision: 'deferred', reasons: [{ code: 'contact_closed_day', overridable: true }] });
    expect(blocked.until?.toISOString()).toBe('2026-11-23T07:00:00.000Z');
    expect(call('2026-11-22T10:00:00Z', 'warn')).toMatchObject({ decision: 'allowed', warnings: [{ code: 'contact_closed_day' }] });
  });

  it('a Sunday call to a vulnerable debtor is refused whatever the mode', () => {
    for (const mode of ['block', 'warn'] as const) {
      const verdict = call('2026-11-22T10:00:00Z', mode, { vulnerable: true });
      expect(verdict.decision).toBe('refused');
      expect(verdict.reasons[0]?.code).toBe('contact_refused_vulnerable');
    }
  });

  it('warn mode does not relax the cap nor a dispute', () => {
    expect(call('2026-11-24T13:00:00Z', 'warn', { contactsInWindow: 3 })).toMatchObject({ decision: 'deferred', reasons: [{ code: 'contact_cap_reached' }] });
    expect(call('2026-11-24T13:00:00Z', 'warn', { disputeOpen: true })).toMatchObject({ decision: 'refused', reasons: [{ code: 'contact_refused_dispute' }] });
  });
});

describe('callback times in Paris', () => {
  it('converts a Paris wall-clock time to UTC in winter and in summer', () => {
    expect(parisLocalToInstant('2026-11-24', '14:30').toISOString()).toBe('2026-11-24T13:30:00.000Z');
    expect(parisLocalToInstant('2026-07-15', '14:30').toISOString()).toBe('2026-07-15T12:30:00.000Z');
  });
});
