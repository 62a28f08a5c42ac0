import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths } from '../src/dates.ts';
import { claimDeclarationDeadline, comparableText, type Proceeding, proceedingInForce, registryFlag } from '../src/insolvency.ts';
import { type GateAction, type GateFacts, gateDecision } from '../src/legal-gate.ts';

const redressement: Proceeding = { type: 'redressement', judgmentDate: '2026-10-28', publicationDate: '2026-11-02' };

describe('claim declaration deadline (C. com. L622-24, R622-24: two months from the BODACC publication)', () => {
  it('the issue example: published 2026-11-02, declared by 2027-01-02', () => {
    expect(claimDeclarationDeadline('2026-11-02')).toBe('2027-01-02');
  });

  it('a month without the same day ends on its last day (CPC 641)', () => {
    expect(claimDeclarationDeadline('2026-12-31')).toBe('2027-02-28');
    expect(claimDeclarationDeadline('2027-12-31')).toBe('2028-02-29');
  });

  it('is always two calendar months after the publication', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }), (date) => {
        const day = date.toISOString().slice(0, 10);
        expect(claimDeclarationDeadline(day)).toBe(addMonths(day, 2));
        expect(claimDeclarationDeadline(day) > day).toBe(true);
      }),
    );
  });
});

describe('proceedings in force and the registry flag', () => {
  it('a judgment applies from its day; the latest one wins (a liquidation after a redressement)', () => {
    expect(proceedingInForce([redressement], '2026-10-27')).toBeNull();
    expect(proceedingInForce([redressement], '2026-10-28')).toEqual(redressement);
    const liquidation: Proceeding = { type: 'liquidation', judgmentDate: '2027-03-01', publicationDate: null };
    expect(proceedingInForce([liquidation, redressement], '2027-03-02')?.type).toBe('liquidation');
  });

  it('proceedings before a ceased status; a ceased company without proceedings is for a manager', () => {
    expect(registryFlag('ceased', [redressement], '2026-11-23')).toBe('insolvency_proceedings');
    expect(registryFlag('ceased', [], '2026-11-23')).toBe('company_ceased');
    expect(registryFlag('active', [], '2026-11-23')).toBeNull();
  });

  it('compares names and addresses without case, accents or punctuation', () => {
    expect(comparableText('12, Rue de l’Église')).toBe(comparableText('12 RUE DE L EGLISE'));
  });
});

describe('the legal gate stops individual collection (C. com. L622-21, L622-7)', () => {
  const facts: GateFacts = {
    status: 'amicable',
    demandableCents: 500_00,
    claims: [{ ref: 'F1', prescriptionDate: '2028-06-30' }],
    disputeOpen: false,
    vulnerable: false,
    plan: null,
    promise: null,
    mandate: { signedOn: '2026-01-01', validUntil: null, revokedAt: null, coversJudicial: true },
    contactsInWindow: 0,
    oldestContactInWindow: null,
    cap: 3,
    reachable: { email: true, sms: true, phone: true, postal: true },
    proceedings: [redressement],
  };
  const at = new Date('2026-12-08T09:00:00Z');
  const actions: GateAction[] = [
    { kind: 'message', channel: 'email', purpose: 'demand' },
    { kind: 'call' },
    { kind: 'promise' },
    { kind: 'plan' },
    { kind: 'plan_acceptance' },
    { kind: 'portal_link' },
    { kind: 'serve' },
    { kind: 'legal_action' },
  ];

  it('refuses every door with insolvency_proceedings, for agents, managers and the daily run', () => {
    for (const action of actions) {
      for (const origin of ['agent', 'manager', 'automatic'] as const) {
        const verdict = gateDecision({ action, at, origin, override: { window: true, cap: true } }, facts);
        expect(verdict.decision, `${action.kind} ${origin}`).toBe('refused');
        expect(verdict.reasons.map((reason) => reason.code)).toContain('insolvency_proceedings');
        expect(verdict.reasons.find((reason) => reason.code === 'insolvency_proceedings')?.params).toEqual({
          type: 'redressement',
          judgmentDate: '2026-10-28',
          publicationDate: '2026-11-02',
        });
      }
    }
  });

  it('lets the notices the law requires through (a receipt)', () => {
    expect(gateDecision({ action: { kind: 'message', channel: 'email', purpose: 'notice' }, at, origin: 'agent' }, facts).decision).toBe('allowed');
  });

  it('a judgment not yet pronounced changes nothing', () => {
    const future = { ...facts, proceedings: [{ ...redressement, judgmentDate: '2026-12-20' }] };
    expect(gateDecision({ action: { kind: 'call' }, at, origin: 'agent' }, future).decision).toBe('allowed');
  });
});
