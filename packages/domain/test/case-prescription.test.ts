import { describe, expect, it } from 'vitest';
import { casePrescription, paymentInterruptions } from '../src/prescription.ts';

// The prescription date shown on a case: the earliest of its claims (C. conso. L218-2: 2 years
// for a company against a consumer), moved by the debtor's acknowledgment (C. civ. 2240, 2231).

const input = {
  claims: [
    { ref: 'F1', dueDate: '2025-03-01' },
    { ref: 'F2', dueDate: '2025-06-01' },
  ],
  creditorKind: 'company' as const,
  debtorKind: 'person' as const,
  asOf: '2026-11-23',
  warningHorizonDays: 90,
};

describe('case prescription', () => {
  it('is the earliest claim date', () => {
    const result = casePrescription({ ...input, events: [] });
    expect(result).toMatchObject({ claimRef: 'F1', date: '2027-03-01', basis: 'C. conso. L218-2' });
    expect(result?.claims.map((claim) => claim.date)).toEqual(['2027-03-01', '2027-06-01']);
  });

  it('an accepted plan (acknowledgment, C. civ. 2240) starts a new period for every claim', () => {
    const result = casePrescription({ ...input, events: [{ kind: 'acknowledgment', date: '2026-11-20' }] });
    expect(result).toMatchObject({ date: '2028-11-20' });
    expect(result?.movedBy).toEqual([
      { kind: 'acknowledgment', date: '2026-11-20', article: 'C. civ. 2240, 2231', effect: 'interrupted', previousDate: '2027-03-01', newDate: '2028-11-20' },
    ]);
  });

  it('a payment designated to one claim moves only that claim: the other one decides', () => {
    const result = casePrescription({ ...input, events: [{ kind: 'payment', date: '2026-11-20', claimRefs: ['F1'] }] });
    expect(result).toMatchObject({ claimRef: 'F2', date: '2027-06-01' });
  });

  it('a mise en demeure does not move it', () => {
    expect(casePrescription({ ...input, events: [{ kind: 'mise_en_demeure', date: '2026-01-10' }] })).toMatchObject({ date: '2027-03-01' });
  });

  it('is null without claims', () => {
    expect(casePrescription({ ...input, claims: [], events: [] })).toBeNull();
  });
});

describe('paymentInterruptions', () => {
  it('a payment interrupts only the claims it was allocated to; one that went to credit interrupts nothing', () => {
    expect(
      paymentInterruptions([
        { date: '2026-01-10', allocations: [{ claimRef: 'F1', amountCents: 40_00 }, { claimRef: 'F1', amountCents: 10_00 }, { claimRef: 'F2', amountCents: 5_00 }] },
        { date: '2026-02-10', allocations: [] },
      ]),
    ).toEqual([{ kind: 'payment', date: '2026-01-10', claimRefs: ['F1', 'F2'] }]);
  });

  it('an undesignated payment allocated to the oldest claim moves that claim only (consumer, 2 years)', () => {
    const events = paymentInterruptions([{ date: '2025-06-01', allocations: [{ claimRef: 'F1', amountCents: 100_00 }] }]);
    const result = casePrescription({
      claims: [
        { ref: 'F1', dueDate: '2024-01-31', nature: 'consumer' },
        { ref: 'F2', dueDate: '2024-03-31', nature: 'consumer' },
      ],
      creditorKind: 'company',
      debtorKind: 'person',
      events,
      asOf: '2026-06-01',
      warningHorizonDays: 90,
    });
    expect(result?.claims.map((claim) => [claim.claimRef, claim.date, claim.prescribed])).toEqual([
      ['F1', '2027-06-01', false],
      ['F2', '2026-03-31', true],
    ]);
  });
});
