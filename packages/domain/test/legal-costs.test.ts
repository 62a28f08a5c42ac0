import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chargeableToDebtor, estimateLegalCosts, injonctionCourtKind } from '../src/legal-costs.ts';
import { buildStatement, type ProcedureCost, procedureCostsOf } from '../src/statement.ts';

// The costs of a judicial step (issue 16): estimates, who may bear them (CPCE L111-8), and the
// "frais de procédure" lines of the décompte.

describe('estimateLegalCosts', () => {
  it('an injonction de payer at a commercial court: greffe fee (C. com. R743-140) and service of the order', () => {
    const estimate = estimateLegalCosts('injonction_de_payer', 'tribunal_commerce');
    expect(estimate.lines.map((line) => line.item)).toEqual(['greffe_fee', 'service_of_order']);
    expect(estimate.totalCents).toBe(3347 + 6000);
  });
  it('the tribunal judiciaire charges no greffe fee', () => {
    expect(estimateLegalCosts('injonction_de_payer', 'tribunal_judiciaire').lines.map((line) => line.item)).toEqual(['service_of_order']);
  });
  it('petites créances and enforcement', () => {
    expect(estimateLegalCosts('petites_creances', null).totalCents).toBe(12000);
    expect(estimateLegalCosts('commissaire_enforcement', null).lines.map((line) => line.item)).toEqual(['commandement_de_payer', 'saisie_attribution']);
  });
  it('the total is the sum of the lines', () => {
    for (const kind of ['injonction_de_payer', 'petites_creances', 'commissaire_enforcement'] as const) {
      const estimate = estimateLegalCosts(kind, 'tribunal_activites_economiques');
      expect(estimate.totalCents).toBe(estimate.lines.reduce((sum, line) => sum + line.amountCents, 0));
    }
  });
});

describe('injonctionCourtKind (CPC 1406, C. org. jud. L721-3)', () => {
  it('commercial court between businesses only', () => {
    expect(injonctionCourtKind({ creditorIsBusiness: true, debtorIsBusiness: true })).toBe('tribunal_commerce');
    expect(injonctionCourtKind({ creditorIsBusiness: true, debtorIsBusiness: true }, 'tribunal_activites_economiques')).toBe('tribunal_activites_economiques');
    expect(injonctionCourtKind({ creditorIsBusiness: true, debtorIsBusiness: false })).toBe('tribunal_judiciaire');
    expect(injonctionCourtKind({ creditorIsBusiness: false, debtorIsBusiness: true })).toBe('tribunal_judiciaire');
  });
});

describe('chargeableToDebtor (CPCE L111-8 al. 1)', () => {
  it('never without a title; the creditor’s costs never', () => {
    expect(chargeableToDebtor({ borneBy: 'debtor' }, null, '2027-05-01')).toBe(false);
    expect(chargeableToDebtor({ borneBy: 'creditor' }, '2027-03-11', '2027-05-01')).toBe(false);
  });
  it('from the day the title is enforceable, not before', () => {
    expect(chargeableToDebtor({ borneBy: 'debtor' }, '2027-03-11', '2027-03-10')).toBe(false);
    expect(chargeableToDebtor({ borneBy: 'debtor' }, '2027-03-11', '2027-03-11')).toBe(true);
  });
});

describe('procedureCostsOf: the "frais de procédure" of the décompte', () => {
  const costs: ProcedureCost[] = [
    { id: 'c1', date: '2027-02-10', description: 'Signification', amountCents: 60_00, borneBy: 'debtor' },
    { id: 'c2', date: '2027-04-01', description: 'Commandement de payer', amountCents: 80_00, borneBy: 'debtor' },
    { id: 'c3', date: '2027-04-02', description: 'Frais de greffe', amountCents: 33_47, borneBy: 'creditor' },
    { id: 'c4', date: '2027-07-01', description: 'Saisie-attribution', amountCents: 150_00, borneBy: 'debtor' },
  ];
  // A consumer debtor with no mise en demeure and no contract rate owes no interest (C. civ. 1231-6): no rate is read.
  const noInterest = () =>
    buildStatement({
      creditorKind: 'private_individual',
      debtorKind: 'person',
      claims: [{ ref: 'F1', issueDate: '2026-01-01', dueDate: '2026-01-31', amountCents: 1_000_00, currency: 'EUR' }],
      payments: [],
      events: {},
      asOf: '2027-06-01',
      rates: {},
    });

  it('nothing before a title: null, and the décompte is unchanged', () => {
    expect(procedureCostsOf(noInterest(), costs, null)).toBeNull();
    expect(procedureCostsOf(noInterest(), costs, '2027-06-02')).toBeNull();
  });

  it('after the title: the debtor’s costs up to the décompte’s date, creditor’s costs never', () => {
    const section = procedureCostsOf(noInterest(), costs, '2027-03-11');
    expect(section?.lines.map((line) => line.id)).toEqual(['c1', 'c2']);
    expect(section).toMatchObject({ totalCents: 140_00, paidCents: 0, balanceCents: 140_00, totalDueCents: 1_000_00 + 140_00 });
    expect(section?.lines[0]).toMatchObject({ kind: 'procedure_cost', legalBasis: 'CPCE L111-8 al. 1' });
  });

  it('a payment beyond the claims goes to the costs', () => {
    const paid = buildStatement({
      creditorKind: 'private_individual',
      debtorKind: 'person',
      claims: [{ ref: 'F1', issueDate: '2026-01-01', dueDate: '2026-01-31', amountCents: 1_000_00, currency: 'EUR' }],
      payments: [{ id: 'p1', date: '2027-05-01', amountCents: 1_100_00 }],
      events: {},
      asOf: '2027-06-01',
      rates: {},
    });
    expect(procedureCostsOf(paid, costs, '2027-03-11')).toMatchObject({ totalCents: 140_00, paidCents: 100_00, balanceCents: 40_00, totalDueCents: 40_00 });
  });

  it('property: the lines add up and what is due never goes below zero', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ amountCents: fc.integer({ min: 1, max: 10_000_00 }), day: fc.integer({ min: 1, max: 28 }), debtor: fc.boolean() }), { maxLength: 8 }),
        fc.integer({ min: 0, max: 20_000_00 }),
        (generated, creditCents) => {
          const list: ProcedureCost[] = generated.map((cost, index) => ({
            id: `c${index}`,
            date: `2027-04-${String(cost.day).padStart(2, '0')}`,
            description: 'frais',
            amountCents: cost.amountCents,
            borneBy: cost.debtor ? 'debtor' : 'creditor',
          }));
          const section = procedureCostsOf({ asOf: '2027-06-01', totals: { ...noInterest().totals, balanceCents: 0, creditCents } }, list, '2027-03-11');
          expect(section).not.toBeNull();
          if (!section) return;
          expect(section.totalCents).toBe(section.lines.reduce((sum, line) => sum + line.amountCents, 0));
          expect(section.balanceCents).toBeGreaterThanOrEqual(0);
          expect(section.paidCents + section.balanceCents).toBe(section.totalCents);
          expect(section.lines.length).toBe(list.filter((cost) => cost.borneBy === 'debtor').length);
        },
      ),
    );
  });
});
