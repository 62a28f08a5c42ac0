import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type GateAction, type GateFacts, type GateRequest, gateDecision, mandateProblem, mandateState } from '../src/legal-gate.ts';

// 2026-12-08 is a Tuesday. 10:00 in Paris (UTC+1 in winter) is 09:00Z.
const tuesdayMorning = new Date('2026-12-08T09:00:00Z');
const sundayEvening = new Date('2026-12-06T19:30:00Z'); // Sunday 20:30 in Paris
const christmas = new Date('2026-12-25T10:00:00Z');

const facts: GateFacts = {
  status: 'amicable',
  demandableCents: 500_00,
  claims: [{ ref: 'F1', prescriptionDate: '2027-06-30' }],
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
const sms: GateAction = { kind: 'message', channel: 'sms', purpose: 'demand' };
const registered: GateAction = { kind: 'message', channel: 'registered_letter', purpose: 'demand' };
const receipt: GateAction = { kind: 'message', channel: 'email', purpose: 'notice' };
const ask = (action: GateAction, overrides: Partial<GateFacts> = {}, request: Partial<GateRequest> = {}) =>
  gateDecision({ action, at: tuesdayMorning, origin: 'agent', ...request }, { ...facts, ...overrides });
const codes = (verdict: ReturnType<typeof gateDecision>) => verdict.reasons.map((reason) => reason.code);

describe('gateDecision: worked examples', () => {
  it('allows a demand on a Tuesday morning on a case in order', () => {
    expect(ask(sms)).toEqual({ decision: 'allowed', reasons: [], warnings: [], until: null });
  });

  it('the issue\'s Sunday evening: a registered mise en demeure and an SMS to a disputing debtor over the cap are refused for the dispute, deferred reasons listed too', () => {
    for (const action of [sms, registered]) {
      const verdict = ask(action, { disputeOpen: true, contactsInWindow: 5 }, { at: sundayEvening });
      expect(verdict.decision).toBe('refused');
      expect(codes(verdict)[0]).toBe('contact_refused_dispute');
      expect(codes(verdict)).toEqual(expect.arrayContaining(['contact_closed_day', 'contact_cap_reached']));
    }
  });

  it('the issue\'s vulnerable debtor under an active plan: an SMS is refused twice over', () => {
    const verdict = ask(sms, { vulnerable: true, plan: 'active', status: 'payment_plan' });
    expect(verdict.decision).toBe('refused');
    expect(codes(verdict)).toEqual(['contact_refused_vulnerable', 'plan_in_force']);
  });

  it('a case whose every claim is prescribed gets no demand, call, plan, promise, link or queue turn (C. conso. L121-2)', () => {
    const prescribed = { claims: [{ ref: 'F1', prescriptionDate: '2024-05-01' }], demandableCents: 0 };
    for (const action of [sms, { kind: 'call' }, { kind: 'plan' }, { kind: 'promise' }, { kind: 'portal_link' }, { kind: 'serve' }] as GateAction[]) {
      const verdict = ask(action, prescribed);
      expect(verdict.decision, action.kind).toBe('refused');
      expect(codes(verdict)[0]).toBe('claim_prescribed');
      expect(verdict.reasons[0]?.params).toEqual({ claims: 1, since: '2024-05-01' });
    }
  });

  it('a claim is prescribed on the day after its last day (C. civ. 2229)', () => {
    const lastDay = { claims: [{ ref: 'F1', prescriptionDate: '2026-12-08' }] };
    expect(ask(sms, lastDay).decision).toBe('allowed');
    expect(ask(sms, { claims: [{ ref: 'F1', prescriptionDate: '2026-12-07' }] }).decision).toBe('refused');
  });

  it('one prescribed claim among live ones does not stop the case: the demandable balance goes on', () => {
    expect(ask(sms, { claims: [{ ref: 'F1', prescriptionDate: '2024-01-01' }, { ref: 'F2', prescriptionDate: '2028-01-01' }] }).decision).toBe('allowed');
  });

  it('outside the window a contact is deferred to the next opening; a manager may override with the window flag only', () => {
    const verdict = ask(sms, {}, { at: sundayEvening });
    expect(verdict).toMatchObject({ decision: 'deferred', until: new Date('2026-12-07T07:00:00Z') });
    expect(codes(verdict)).toEqual(['contact_closed_day']);
    expect(ask(sms, {}, { at: sundayEvening, origin: 'agent', override: { window: true } }).decision).toBe('deferred');
    const overridden = ask(sms, {}, { at: sundayEvening, origin: 'manager', override: { window: true } });
    expect(overridden.decision).toBe('allowed');
    expect(overridden.warnings.map((reason) => reason.code)).toEqual(['contact_closed_day']);
  });

  it('a public holiday defers (Code du travail L3133-1 days)', () => {
    expect(codes(ask(sms, {}, { at: christmas }))).toEqual(['contact_public_holiday']);
  });

  it('the cap defers until the oldest counted contact is 7 days old, at an allowed instant; a manager may override the cap', () => {
    const oldest = new Date('2026-12-02T16:00:00Z'); // Wednesday 17:00 Paris
    const verdict = ask(sms, { contactsInWindow: 3, oldestContactInWindow: oldest });
    expect(verdict).toMatchObject({ decision: 'deferred', until: new Date('2026-12-09T16:00:00Z') });
    expect(ask(sms, { contactsInWindow: 3 }, { origin: 'manager', override: { window: true } }).decision).toBe('deferred');
    expect(ask(sms, { contactsInWindow: 3 }, { origin: 'manager', override: { cap: true } }).decision).toBe('allowed');
  });

  it('nothing overrides a dispute, a vulnerability flag, an expired mandate or a prescription', () => {
    const everything = { origin: 'manager' as const, override: { window: true, cap: true } };
    expect(ask(sms, { disputeOpen: true }, everything).decision).toBe('refused');
    expect(ask(sms, { vulnerable: true }, everything).decision).toBe('refused');
    expect(ask(sms, { mandate: { ...facts.mandate, validUntil: '2026-11-30' } }, everything).decision).toBe('refused');
    expect(ask(sms, { claims: [{ ref: 'F1', prescriptionDate: '2020-01-01' }] }, everything).decision).toBe('refused');
  });

  it('calls block outside hours by default; in warn mode the hours only warn, never a dispute or a vulnerability', () => {
    expect(ask({ kind: 'call' }, {}, { at: sundayEvening }).decision).toBe('deferred');
    const relaxed = ask({ kind: 'call' }, {}, { at: sundayEvening, callHoursMode: 'warn' });
    expect(relaxed.decision).toBe('allowed');
    expect(relaxed.warnings.map((reason) => reason.code)).toContain('contact_closed_day');
    expect(ask({ kind: 'call' }, { vulnerable: true }, { at: sundayEvening, callHoursMode: 'warn' }).decision).toBe('refused');
  });

  it('the mandate (R124-3): not started, expired after its last day, revoked; judicial steps need a mandate that covers them', () => {
    expect(mandateProblem({ ...facts.mandate, signedOn: '2026-12-09' }, '2026-12-08', tuesdayMorning)?.code).toBe('mandate_not_started');
    expect(mandateProblem({ ...facts.mandate, validUntil: '2026-12-08' }, '2026-12-08', tuesdayMorning)).toBeNull();
    expect(mandateProblem({ ...facts.mandate, validUntil: '2026-12-07' }, '2026-12-08', tuesdayMorning)?.code).toBe('mandate_expired');
    expect(mandateProblem({ ...facts.mandate, revokedAt: new Date('2026-12-08T08:00:00Z') }, '2026-12-08', tuesdayMorning)?.code).toBe('mandate_revoked');
    expect(codes(ask({ kind: 'legal_action' }))).toEqual(['mandate_excludes_judicial']);
    expect(ask({ kind: 'legal_action' }, { mandate: { ...facts.mandate, coversJudicial: true } }).decision).toBe('allowed');
  });

  it('the mandate as a state (screens, notifications): in force, not started, expired, revoked (revocation told first)', () => {
    expect(mandateState(facts.mandate, '2026-12-08', tuesdayMorning)).toBe('in_force');
    expect(mandateState({ ...facts.mandate, signedOn: '2026-12-09' }, '2026-12-08', tuesdayMorning)).toBe('not_started');
    expect(mandateState({ ...facts.mandate, validUntil: '2026-12-07' }, '2026-12-08', tuesdayMorning)).toBe('expired');
    const revoked = { ...facts.mandate, validUntil: '2026-12-07', revokedAt: new Date('2026-12-01T10:00:00Z') };
    expect(mandateState(revoked, '2026-12-08', tuesdayMorning)).toBe('revoked');
  });

  it('receipts and agreements are notices: they go to a disputing or vulnerable debtor under a plan, not under a revoked mandate', () => {
    expect(ask(receipt, { disputeOpen: true, vulnerable: true, plan: 'active', demandableCents: 0 }, { at: sundayEvening }).decision).toBe('allowed');
    expect(ask(receipt, { mandate: { ...facts.mandate, revokedAt: new Date('2026-01-02T00:00:00Z') } }).decision).toBe('refused');
  });

  it('plans and promises: no second plan, a vulnerable debtor calling in may still agree one (warning), a dispute stops both', () => {
    expect(codes(ask({ kind: 'plan' }, { plan: 'agreed_pending_acceptance' }))).toEqual(['plan_already_open']);
    const vulnerable = ask({ kind: 'plan' }, { vulnerable: true });
    expect(vulnerable).toMatchObject({ decision: 'allowed', warnings: [{ code: 'contact_refused_vulnerable' }] });
    expect(codes(ask({ kind: 'promise' }, { disputeOpen: true }))).toEqual(['contact_refused_dispute']);
  });

  it('approving or accepting a plan already proposed: the plan itself does not refuse it; a dispute or a revoked mandate since does', () => {
    expect(ask({ kind: 'plan_acceptance' }, { plan: 'agreed_pending_acceptance' }).decision).toBe('allowed');
    expect(codes(ask({ kind: 'plan_acceptance' }, { plan: 'pending_approval', disputeOpen: true }))).toEqual(['contact_refused_dispute']);
    expect(codes(ask({ kind: 'plan_acceptance' }, { mandate: { ...facts.mandate, revokedAt: new Date('2026-12-01T00:00:00Z') } }))).toEqual(['mandate_revoked']);
    expect(ask({ kind: 'plan_acceptance' }, { vulnerable: true }, { at: sundayEvening })).toMatchObject({ decision: 'allowed', warnings: [{ code: 'contact_refused_vulnerable' }] });
  });

  it('the queue does not serve a case awaiting the debtor, a promise not yet due, or a case with no way to reach the debtor', () => {
    expect(codes(ask({ kind: 'serve' }, { plan: 'agreed_pending_acceptance' }))).toEqual(['plan_in_force']);
    expect(codes(ask({ kind: 'serve' }, { promise: { dueOn: '2026-12-20' } }))).toEqual(['promise_pending']);
    expect(ask({ kind: 'serve' }, { promise: { dueOn: '2026-12-08' } }).decision).toBe('allowed');
    expect(codes(ask({ kind: 'serve' }, { reachable: { email: false, sms: false, phone: false, postal: false } }))).toEqual(['no_contact_point']);
  });

  it('the daily run follows the strategy\'s switches for plans, promises and the legal stage', () => {
    const automatic = { origin: 'automatic' as const };
    expect(ask(sms, { promise: { dueOn: '2026-12-01' } }, { ...automatic, pauseRules: { pauseOnPlan: true, pauseOnPromise: true, pauseOnLegal: true } }).decision).toBe('refused');
    expect(ask(sms, { promise: { dueOn: '2026-12-01' } }, { ...automatic, pauseRules: { pauseOnPlan: true, pauseOnPromise: false, pauseOnLegal: true } }).decision).toBe('allowed');
    expect(ask(sms, { status: 'legal' }, { ...automatic, pauseRules: { pauseOnPlan: true, pauseOnPromise: true, pauseOnLegal: false } }).decision).toBe('allowed');
    expect(ask(sms, { status: 'legal' }, automatic).decision).toBe('refused');
  });

  it('a case with nothing left to ask gets no demand but a call is possible (a refund to arrange)', () => {
    expect(codes(ask(sms, { demandableCents: 0 }))).toEqual(['nothing_due']);
    expect(ask({ kind: 'call' }, { demandableCents: 0 }).decision).toBe('allowed');
  });

  it('a message needs the channel\'s contact point', () => {
    expect(codes(ask(sms, { reachable: { ...facts.reachable, sms: false } }))).toEqual(['no_contact_point']);
    expect(ask(registered, { reachable: { ...facts.reachable, email: false, sms: false } }).decision).toBe('allowed');
  });
});

describe('gateDecision: properties', () => {
  const action = fc.constantFrom<GateAction>(
    sms,
    registered,
    receipt,
    { kind: 'message', channel: 'letter', purpose: 'demand' },
    { kind: 'call' },
    { kind: 'promise' },
    { kind: 'plan' },
    { kind: 'plan_acceptance' },
    { kind: 'portal_link' },
    { kind: 'serve' },
    { kind: 'legal_action' },
  );
  const at = fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true });
  const someFacts = fc.record({
    status: fc.constantFrom('new', 'amicable', 'promise', 'payment_plan', 'disputed', 'legal', 'bailiff', 'closed'),
    demandableCents: fc.integer({ min: -100_00, max: 10_000_00 }),
    claims: fc.array(fc.record({ ref: fc.constantFrom('F1', 'F2', 'F3'), prescriptionDate: fc.constantFrom('2025-01-01', '2026-06-30', '2027-03-01', '2029-01-01') }), { maxLength: 3 }),
    disputeOpen: fc.boolean(),
    vulnerable: fc.boolean(),
    plan: fc.constantFrom(null, 'pending_approval', 'agreed_pending_acceptance', 'active'),
    promise: fc.option(fc.record({ dueOn: fc.constantFrom('2026-06-01', '2027-06-01') }), { nil: null }),
    mandate: fc.record({
      signedOn: fc.constantFrom('2025-01-01', '2026-06-01'),
      validUntil: fc.constantFrom(null, '2026-09-30', '2027-12-31'),
      revokedAt: fc.constantFrom(null, new Date('2027-03-01T00:00:00Z')),
      coversJudicial: fc.boolean(),
    }),
    contactsInWindow: fc.integer({ min: 0, max: 6 }),
    oldestContactInWindow: fc.constant(null),
    cap: fc.integer({ min: 1, max: 5 }),
    reachable: fc.record({ email: fc.boolean(), sms: fc.boolean(), phone: fc.boolean(), postal: fc.boolean() }),
  }) as fc.Arbitrary<GateFacts>;
  const origin = fc.constantFrom<GateRequest['origin']>('automatic', 'agent', 'manager');
  const override = fc.record({ window: fc.boolean(), cap: fc.boolean() });
  /** Facts that only ever refuse: adding one to any case never turns a refusal into anything else. */
  const refusingFact = fc.constantFrom<(input: GateFacts) => GateFacts>(
    (input) => ({ ...input, disputeOpen: true }),
    (input) => ({ ...input, status: 'closed' }),
    (input) => ({ ...input, mandate: { ...input.mandate, revokedAt: new Date('2025-01-01T00:00:00Z') } }),
    (input) => ({ ...input, mandate: { ...input.mandate, validUntil: '2025-12-31' } }),
  );

  it('an action stays refused when any refusing fact is added (monotonic)', () => {
    fc.assert(
      fc.property(action, someFacts, at, origin, override, refusingFact, (act, input, when, who, flags, add) => {
        const request = { action: act, at: when, origin: who, override: flags };
        if (gateDecision(request, input).decision !== 'refused') return;
        expect(gateDecision(request, add(input)).decision).toBe('refused');
      }),
    );
  });

  it('a dispute, a revoked mandate or an all-prescribed case refuses every demand, whatever the override', () => {
    fc.assert(
      fc.property(someFacts, at, override, fc.constantFrom('email', 'sms', 'letter', 'registered_letter'), (input, when, flags, channel) => {
        const demand: GateAction = { kind: 'message', channel, purpose: 'demand' };
        const request = { action: demand, at: when, origin: 'manager' as const, override: flags };
        expect(gateDecision(request, { ...input, disputeOpen: true }).decision).toBe('refused');
        expect(gateDecision(request, { ...input, mandate: { ...input.mandate, revokedAt: new Date('2025-01-01T00:00:00Z') } }).decision).toBe('refused');
        expect(gateDecision(request, { ...input, claims: [{ ref: 'F1', prescriptionDate: '2025-12-31' }] }).decision).toBe('refused');
      }),
    );
  });

  it('an override only ever relaxes the window and the cap: it never changes a refusal, and only a manager\'s counts', () => {
    fc.assert(
      fc.property(action, someFacts, at, origin, override, (act, input, when, who, flags) => {
        const plain = gateDecision({ action: act, at: when, origin: who }, input);
        const forced = gateDecision({ action: act, at: when, origin: who, override: flags }, input);
        if (plain.decision === 'refused') expect(forced.decision).toBe('refused');
        if (who !== 'manager') expect(forced.decision).toBe(plain.decision);
        for (const reason of forced.reasons) if (reason.severity === 'defer') expect(reason.overridable).toBe(true);
      }),
    );
  });

  it('a deferral always says until when, when the window is the cause', () => {
    fc.assert(
      fc.property(someFacts, at, (input, when) => {
        const verdict = gateDecision({ action: sms, at: when, origin: 'agent' }, { ...input, contactsInWindow: 0 });
        if (verdict.decision === 'deferred') expect(verdict.until?.getTime()).toBeGreaterThan(when.getTime());
      }),
    );
  });
});
