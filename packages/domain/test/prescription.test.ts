import { describe, expect, it } from 'vitest';
import { computePrescription, type PrescriptionInput, prescriptionDuration } from '../src/prescription.ts';

const input = (overrides: Partial<PrescriptionInput> = {}): PrescriptionInput => ({
  claim: { ref: 'F1', dueDate: '2022-03-15' },
  creditorKind: 'company',
  debtorKind: 'person',
  events: [],
  asOf: '2023-06-01',
  warningHorizonDays: 90,
  ...overrides,
});

describe('prescription', () => {
  it('chooses the duration from the parties', () => {
    expect(prescriptionDuration('company', 'person')).toEqual({ years: 2, basis: 'C. conso. L218-2' });
    expect(prescriptionDuration('company', 'company')).toEqual({ years: 5, basis: 'C. com. L110-4' });
    expect(prescriptionDuration('private_individual', 'person')).toEqual({ years: 5, basis: 'C. civ. 2224' });
  });

  it('runs from the due date; prescribed the day after the last day (C. civ. 2229)', () => {
    expect(computePrescription(input())).toMatchObject({ date: '2024-03-15', prescribed: false, daysLeft: 288, withinWarning: false });
    expect(computePrescription(input({ asOf: '2024-03-15' }))).toMatchObject({ prescribed: false, daysLeft: 0, withinWarning: true });
    expect(computePrescription(input({ asOf: '2024-03-16' }))).toMatchObject({ prescribed: true, withinWarning: false });
    expect(computePrescription(input({ asOf: '2024-01-01' }))).toMatchObject({ daysLeft: 74, withinWarning: true });
    expect(computePrescription(input({ debtorKind: 'company' })).date).toBe('2027-03-15');
  });

  it('an acknowledgment before the claim was payable never shortens its term (C. civ. 2231)', () => {
    // A payment on account on 1 March 2022, before the 15 March due date: 1 March 2024 would come before 15 March 2024.
    const result = computePrescription(input({ events: [{ kind: 'payment', date: '2022-03-01' }] }));
    expect(result.date).toBe('2024-03-15');
    expect(result.movedBy).toEqual([]);
    expect(result.ignored).toEqual([{ kind: 'payment', date: '2022-03-01', reason: 'does_not_move' }]);
  });

  it('restarts a full period on a payment, an accepted plan, a court claim or an enforcement act (C. civ. 2231, 2240, 2241, 2244)', () => {
    const result = computePrescription(
      input({
        events: [
          { kind: 'payment', date: '2023-01-10' },
          { kind: 'injonction_de_payer_request', date: '2023-05-02' },
        ],
      }),
    );
    expect(result.date).toBe('2025-05-02'); // 2 May 2023 + 2 years
    expect(result.movedBy).toEqual([
      { kind: 'payment', date: '2023-01-10', article: 'C. civ. 2240, 2231', effect: 'interrupted', previousDate: '2024-03-15', newDate: '2025-01-10' },
      {
        kind: 'injonction_de_payer_request',
        date: '2023-05-02',
        article: 'C. civ. 2241, 2231',
        effect: 'interrupted',
        previousDate: '2025-01-10',
        newDate: '2025-05-02',
      },
    ]);
  });

  it('is not moved by a mise en demeure', () => {
    const result = computePrescription(input({ events: [{ kind: 'mise_en_demeure', date: '2023-01-10' }] }));
    expect(result.date).toBe('2024-03-15');
    expect(result.movedBy).toEqual([]);
    expect(result.ignored).toEqual([{ kind: 'mise_en_demeure', date: '2023-01-10', reason: 'does_not_interrupt' }]);
  });

  it('does not revive a prescribed claim', () => {
    const result = computePrescription(input({ asOf: '2024-06-01', events: [{ kind: 'payment', date: '2024-04-01' }] }));
    expect(result).toMatchObject({ date: '2024-03-15', prescribed: true });
    expect(result.ignored).toEqual([{ kind: 'payment', date: '2024-04-01', reason: 'after_prescription' }]);
  });

  it('only counts events of this claim or of the whole case', () => {
    const result = computePrescription(input({ events: [{ kind: 'payment', date: '2023-01-10', claimRefs: ['F2'] }] }));
    expect(result.date).toBe('2024-03-15');
  });

  it('suspends during mediation and resumes for what was left (C. civ. 2238)', () => {
    // 5-year claim due 2020-03-15 -> 2025-03-15. Mediation 2023-01-01 to 2023-03-31: 90 days do not run.
    const result = computePrescription(
      input({ debtorKind: 'company', asOf: '2024-01-01', events: [{ kind: 'mediation', date: '2023-01-01', endDate: '2023-03-31' }], claim: { ref: 'F1', dueDate: '2020-03-15' } }),
    );
    expect(result.date).toBe('2025-06-13'); // 2025-03-15 + 90 days
    expect(result.movedBy[0]).toMatchObject({ effect: 'suspended', article: 'C. civ. 2238' });
  });

  it('leaves at least six months after a mediation ends (C. civ. 2238 al. 3)', () => {
    // 2-year claim due 2022-03-15 -> 2024-03-15; mediation 2024-03-01 to 2024-03-10 (10 days)
    // would give 2024-03-25, but six months after 2024-03-10 is 2024-09-10.
    const result = computePrescription(input({ asOf: '2024-03-20', events: [{ kind: 'mediation', date: '2024-03-01', endDate: '2024-03-10' }] }));
    expect(result.date).toBe('2024-09-10');
  });

  it('the debtor’s petites créances acceptance suspends like a mediation (C. civ. 2238 al. 1, CPCE L125-1)', () => {
    const result = computePrescription(
      input({ debtorKind: 'company', asOf: '2024-01-01', events: [{ kind: 'petites_creances_acceptance', date: '2023-01-01', endDate: '2023-03-31' }], claim: { ref: 'F1', dueDate: '2020-03-15' } }),
    );
    expect(result.date).toBe('2025-06-13');
    expect(result.movedBy[0]).toMatchObject({ kind: 'petites_creances_acceptance', effect: 'suspended', article: 'C. civ. 2238 al. 1, CPCE L125-1' });
    const ongoing = computePrescription(input({ asOf: '2023-02-28', events: [{ kind: 'petites_creances_acceptance', date: '2023-02-01' }] }));
    expect(ongoing).toMatchObject({ suspendedAtAsOf: true, date: '2024-04-12' });
  });

  it('keeps a mediation still going on suspended at asOf', () => {
    const result = computePrescription(input({ asOf: '2023-02-28', events: [{ kind: 'mediation', date: '2023-02-01' }] }));
    // 28 days counted so far (1-28 Feb): 2024-03-15 + 28 = 2024-04-12
    expect(result).toMatchObject({ suspendedAtAsOf: true, date: '2024-04-12' });
  });
});
