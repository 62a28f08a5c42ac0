import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../src/dates.ts';
import { frenchRates, MissingRateError } from '../src/rates.ts';
import {
  buildStatement,
  type InterestLine,
  type Statement,
  type StatementClaim,
  type StatementInput,
  StatementInputError,
} from '../src/statement.ts';

const claim = (ref: string, dueDate: string, amountCents: number, extra: Partial<StatementClaim> = {}): StatementClaim => ({
  ref,
  issueDate: addDays(dueDate, -30),
  dueDate,
  amountCents,
  currency: 'EUR',
  ...extra,
});

const base: Omit<StatementInput, 'claims' | 'asOf'> = {
  creditorKind: 'company',
  debtorKind: 'company',
  payments: [],
  events: {},
  rates: frenchRates,
};

const interestLines = (statement: Statement) =>
  statement.lines
    .filter((line): line is InterestLine => line.kind === 'interest')
    .map(({ claimRef, from, to, days, rateBasisPoints, baseCents, amountCents }) => ({ claimRef, from, to, days, rateBasisPoints, baseCents, amountCents }));

describe('décompte, professional debtor (C. com. L441-10, D441-5)', () => {
  it('spans several half-years and a leap year at ECB + 10 points, plus 40 € indemnity', () => {
    const statement = buildStatement({ ...base, claims: [claim('F1', '2023-11-15', 1_000_000)], asOf: '2024-08-10' });
    expect(interestLines(statement)).toEqual([
      // 10 000,00 € x 14.00 % x 46/365 = 176.438... -> 176,44 € (16 Nov - 31 Dec 2023)
      { claimRef: 'F1', from: '2023-11-16', to: '2023-12-31', days: 46, rateBasisPoints: 1400, baseCents: 1_000_000, amountCents: 17_644 },
      // 10 000,00 € x 14.50 % x 182/366 = 721.038... -> 721,04 € (2024 is a leap year)
      { claimRef: 'F1', from: '2024-01-01', to: '2024-06-30', days: 182, rateBasisPoints: 1450, baseCents: 1_000_000, amountCents: 72_104 },
      // 10 000,00 € x 14.25 % x 41/366 = 159.631... -> 159,63 €
      { claimRef: 'F1', from: '2024-07-01', to: '2024-08-10', days: 41, rateBasisPoints: 1425, baseCents: 1_000_000, amountCents: 15_963 },
    ]);
    expect(statement.lines.find((line) => line.kind === 'indemnity')).toEqual({
      kind: 'indemnity',
      claimRef: 'F1',
      amountCents: 4_000,
      legalBasis: 'C. com. D441-5',
    });
    // 176,44 + 721,04 + 159,63 = 1 057,11 €; balance 10 000 + 1 057,11 + 40 = 11 097,11 €
    expect(statement.totals).toEqual({
      principalCents: 1_000_000,
      interestCents: 105_711,
      indemnityCents: 4_000,
      paidCents: 0,
      creditCents: 0,
      balanceCents: 1_109_711,
    });
    expect(statement.warnings).toEqual([]);
  });

  it('allocates part payments to indemnity, interest, then principal and lowers the base from the next day', () => {
    const statement = buildStatement({
      ...base,
      claims: [claim('F2', '2024-03-31', 500_000), claim('F1', '2024-01-31', 1_000_000)],
      payments: [{ id: 'P1', date: '2024-04-30', amountCents: 300_000 }],
      asOf: '2024-06-30',
    });
    // On 30 April: F1 interest 1 Feb-30 Apr = 90 days: 10 000 x 14.50 % x 90/366 = 356.557 -> 356,56 €
    // P1 3 000,00 € -> F1 indemnity 40,00, interest 356,56, principal 2 603,44 -> base 7 396,56 €
    expect(statement.lines.find((line) => line.kind === 'payment')).toEqual({
      kind: 'payment',
      id: 'P1',
      date: '2024-04-30',
      amountCents: 300_000,
      allocations: [
        { claimRef: 'F1', element: 'indemnity', amountCents: 4_000 },
        { claimRef: 'F1', element: 'interest', amountCents: 35_656 },
        { claimRef: 'F1', element: 'principal', amountCents: 260_344 },
      ],
      creditCents: 0,
    });
    expect(interestLines(statement)).toEqual([
      { claimRef: 'F1', from: '2024-02-01', to: '2024-04-30', days: 90, rateBasisPoints: 1450, baseCents: 1_000_000, amountCents: 35_656 },
      // 7 396,56 € x 14.50 % x 61/366 = 178.750... -> 178,75 €
      { claimRef: 'F1', from: '2024-05-01', to: '2024-06-30', days: 61, rateBasisPoints: 1450, baseCents: 739_656, amountCents: 17_875 },
      // F2 untouched by the payment keeps one line: 5 000 x 14.50 % x 91/366 = 180.259... -> 180,26 €
      { claimRef: 'F2', from: '2024-04-01', to: '2024-06-30', days: 91, rateBasisPoints: 1450, baseCents: 500_000, amountCents: 18_026 },
    ]);
    // principal 15 000 + interest (356,56 + 178,75 + 180,26 = 715,57) + indemnities 80 - paid 3 000 = 12 795,57 €
    expect(statement.totals).toMatchObject({ interestCents: 71_557, indemnityCents: 8_000, paidCents: 300_000, balanceCents: 1_279_557 });
    expect(statement.balances).toEqual({ principal: 1_239_656, interest: 35_901, indemnity: 4_000 });
  });

  it('replaces a contractual rate below three times the taux légal by the default, half-year by half-year', () => {
    const statement = buildStatement({
      ...base,
      claims: [claim('F1', '2024-12-15', 1_000_000, { contractRateBasisPoints: 1000 })],
      asOf: '2025-08-15',
    });
    expect(interestLines(statement).map(({ days, rateBasisPoints, amountCents }) => ({ days, rateBasisPoints, amountCents }))).toEqual([
      // 2024-H2 floor 3 x 4.92 = 14.76 % > 10 %: ECB 4.25 + 10; 10 000 x 14.25 % x 16/366 = 62.295 -> 62,30 €
      { days: 16, rateBasisPoints: 1425, amountCents: 6_230 },
      // 2025-H1 floor 3 x 3.71 = 11.13 % > 10 %: ECB 3.15 + 10; 10 000 x 13.15 % x 181/365 = 652.096 -> 652,10 €
      { days: 181, rateBasisPoints: 1315, amountCents: 65_210 },
      // 2025-H2 floor 3 x 2.76 = 8.28 % <= 10 %: contract; 10 000 x 10 % x 46/365 = 126.027 -> 126,03 €
      { days: 46, rateBasisPoints: 1000, amountCents: 12_603 },
    ]);
    expect(statement.warnings).toEqual([
      { code: 'contract_rate_below_legal_floor', claimRef: 'F1', halfYear: '2024-H2', contractRateBasisPoints: 1000, floorBasisPoints: 1476 },
      { code: 'contract_rate_below_legal_floor', claimRef: 'F1', halfYear: '2025-H1', contractRateBasisPoints: 1000, floorBasisPoints: 1113 },
    ]);
  });

  it('owes no indemnity on an invoice paid by its due date', () => {
    const statement = buildStatement({
      ...base,
      claims: [claim('F1', '2024-03-31', 100_000)],
      payments: [{ id: 'P1', date: '2024-03-31', amountCents: 100_000 }],
      asOf: '2024-06-30',
    });
    expect(statement.totals).toEqual({ principalCents: 100_000, interestCents: 0, indemnityCents: 0, paidCents: 100_000, creditCents: 0, balanceCents: 0 });
  });
});

describe('décompte, consumer debtor (C. civ. 1231-6, 1344-1; L111-8)', () => {
  const consumer = { ...base, debtorKind: 'person' as const };

  it('charges the taux légal "autres cas" from the mise en demeure when the creditor is a company', () => {
    const statement = buildStatement({
      ...consumer,
      claims: [claim('F1', '2023-11-15', 1_000_000)],
      events: { miseEnDemeureDate: '2024-01-10' },
      asOf: '2024-08-10',
    });
    expect(interestLines(statement).map(({ from, to, days, rateBasisPoints, amountCents }) => ({ from, to, days, rateBasisPoints, amountCents }))).toEqual([
      // 10 000 x 5.07 % x 172/366 = 238.262 -> 238,26 €
      { from: '2024-01-11', to: '2024-06-30', days: 172, rateBasisPoints: 507, amountCents: 23_826 },
      // 10 000 x 4.92 % x 41/366 = 55.114 -> 55,11 €
      { from: '2024-07-01', to: '2024-08-10', days: 41, rateBasisPoints: 492, amountCents: 5_511 },
    ]);
    expect(statement.totals.indemnityCents).toBe(0); // never for a consumer (D441-5 is B2B only)
    expect(statement.totals.balanceCents).toBe(1_029_337); // 10 000 + 238,26 + 55,11
  });

  it('charges the private-individual rate when the creditor is a private individual', () => {
    const statement = buildStatement({
      ...consumer,
      creditorKind: 'private_individual',
      claims: [claim('F1', '2023-11-15', 1_000_000)],
      events: { miseEnDemeureDate: '2024-01-10' },
      asOf: '2024-08-10',
    });
    // 10 000 x 8.01 % x 172/366 = 376.426 -> 376,43 €; 10 000 x 8.16 % x 41/366 = 91.409 -> 91,41 €
    expect(interestLines(statement).map((line) => [line.rateBasisPoints, line.amountCents])).toEqual([
      [801, 37_643],
      [816, 9_141],
    ]);
    expect(statement.lines.filter((line) => line.kind === 'interest').map((line) => 'legalBasis' in line && line.legalBasis)).toEqual([
      'C. civ. 1231-6, 1344-1 ; CMF L313-2 (taux légal, créancier particulier)',
      'C. civ. 1231-6, 1344-1 ; CMF L313-2 (taux légal, créancier particulier)',
    ]);
  });

  it('charges no interest without a mise en demeure, and says so', () => {
    const statement = buildStatement({ ...consumer, claims: [claim('F1', '2024-01-31', 100_000)], asOf: '2024-06-30' });
    expect(statement.totals.interestCents).toBe(0);
    expect(statement.warnings).toEqual([{ code: 'no_interest_without_mise_en_demeure', claimRef: 'F1' }]);
  });

  it('runs a contractual rate from the due date', () => {
    const statement = buildStatement({
      ...consumer,
      claims: [claim('F1', '2024-01-31', 100_000, { contractRateBasisPoints: 800 })],
      asOf: '2024-03-01',
    });
    // 1 000 x 8 % x 30/366 = 6.557 -> 6,56 €
    expect(interestLines(statement)).toEqual([
      { claimRef: 'F1', from: '2024-02-01', to: '2024-03-01', days: 30, rateBasisPoints: 800, baseCents: 100_000, amountCents: 656 },
    ]);
  });

  it('adds 5 points two months after the judgment became enforceable (CMF L313-3)', () => {
    const statement = buildStatement({
      ...consumer,
      claims: [claim('F1', '2023-12-31', 1_000_000)],
      events: { miseEnDemeureDate: '2024-01-10', judgmentEnforceableDate: '2024-03-15' },
      asOf: '2024-06-30',
    });
    expect(interestLines(statement).map(({ from, to, days, rateBasisPoints, amountCents }) => ({ from, to, days, rateBasisPoints, amountCents }))).toEqual([
      // 11 Jan - 15 May: 10 000 x 5.07 % x 126/366 = 174.541 -> 174,54 €
      { from: '2024-01-11', to: '2024-05-15', days: 126, rateBasisPoints: 507, amountCents: 17_454 },
      // 16 May - 30 Jun: 10 000 x 10.07 % x 46/366 = 126.563 -> 126,56 €
      { from: '2024-05-16', to: '2024-06-30', days: 46, rateBasisPoints: 1007, amountCents: 12_656 },
    ]);
  });

  it('turns an overpayment into a credit to refund, without dropping a cent', () => {
    const statement = buildStatement({
      ...consumer,
      claims: [claim('F1', '2024-01-31', 100_000)],
      payments: [{ id: 'P1', date: '2024-02-15', amountCents: 120_000 }],
      asOf: '2024-06-30',
    });
    expect(statement.totals).toEqual({ principalCents: 100_000, interestCents: 0, indemnityCents: 0, paidCents: 120_000, creditCents: 20_000, balanceCents: 0 });
    expect(statement.warnings).toContainEqual({ code: 'overpayment', paymentId: 'P1', creditCents: 20_000 });
  });
});

describe('décompte refusals', () => {
  it('fails as a whole when a half-year rate is missing', () => {
    let caught: unknown;
    try {
      buildStatement({ ...base, claims: [claim('F1', '2026-05-31', 100_000)], asOf: '2026-07-15' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MissingRateError);
    expect(caught).toMatchObject({ halfYear: '2026-H2' });
  });
  it('refuses mixed currencies, duplicate refs and non-positive amounts', () => {
    expect(() => buildStatement({ ...base, claims: [claim('F1', '2024-01-31', 1), claim('F2', '2024-01-31', 1, { currency: 'USD' })], asOf: '2024-02-01' })).toThrow(
      StatementInputError,
    );
    expect(() => buildStatement({ ...base, claims: [claim('F1', '2024-01-31', 1), claim('F1', '2024-01-31', 1)], asOf: '2024-02-01' })).toThrow(
      StatementInputError,
    );
    expect(() => buildStatement({ ...base, claims: [claim('F1', '2024-01-31', 0)], asOf: '2024-02-01' })).toThrow(StatementInputError);
    expect(() => buildStatement({ ...base, claims: [], asOf: '2024-02-01' })).toThrow(StatementInputError);
  });
  it('leaves out payments dated after asOf, with a warning', () => {
    const statement = buildStatement({
      ...base,
      claims: [claim('F1', '2024-01-31', 100_000)],
      payments: [{ id: 'P9', date: '2024-07-01', amountCents: 1_000 }],
      asOf: '2024-06-30',
    });
    expect(statement.totals.paidCents).toBe(0);
    expect(statement.warnings).toContainEqual({ code: 'payment_after_as_of', paymentId: 'P9', date: '2024-07-01' });
  });
});

describe('décompte properties', () => {
  const day = (offset: number) => addDays('2023-01-01', offset);
  const scenario = fc.record({
    creditorKind: fc.constantFrom('company' as const, 'private_individual' as const),
    debtorKind: fc.constantFrom('company' as const, 'person' as const),
    claims: fc.array(
      fc.record({
        due: fc.integer({ min: 0, max: 800 }),
        amountCents: fc.integer({ min: 1, max: 50_000_000 }),
        contract: fc.option(fc.integer({ min: 0, max: 2500 }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    payments: fc.array(
      fc.record({ date: fc.integer({ min: 0, max: 1200 }), amountCents: fc.integer({ min: 1, max: 30_000_000 }), designate: fc.option(fc.nat(3), { nil: undefined }) }),
      { maxLength: 5 },
    ),
    miseEnDemeure: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }),
    judgment: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }),
    asOf: fc.integer({ min: 0, max: 1276 }), // up to 2026-06-30
    later: fc.integer({ min: 0, max: 400 }),
  });
  type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;
  const inputOf = (generated: Scenario, asOf: number): StatementInput => ({
    creditorKind: generated.creditorKind,
    debtorKind: generated.debtorKind,
    claims: generated.claims.map((item, index) =>
      claim(`C${index}`, day(item.due), item.amountCents, item.contract === undefined ? {} : { contractRateBasisPoints: item.contract }),
    ),
    payments: generated.payments.map((item, index) => ({
      id: `P${index}`,
      date: day(item.date),
      amountCents: item.amountCents,
      ...(item.designate !== undefined && item.designate < generated.claims.length ? { claimRef: `C${item.designate}` } : {}),
    })),
    events: {
      ...(generated.miseEnDemeure === undefined ? {} : { miseEnDemeureDate: day(generated.miseEnDemeure) }),
      ...(generated.judgment === undefined ? {} : { judgmentEnforceableDate: day(generated.judgment) }),
    },
    asOf: day(asOf),
    rates: frenchRates,
  });

  it('totals equal the sums of printed lines and the balance adds up', () => {
    fc.assert(
      fc.property(scenario, (generated) => {
        const statement = buildStatement(inputOf(generated, generated.asOf));
        const sumOf = (kind: string) => statement.lines.filter((line) => line.kind === kind).reduce((sum, line) => sum + line.amountCents, 0);
        expect(statement.totals.principalCents).toBe(sumOf('principal'));
        expect(statement.totals.interestCents).toBe(sumOf('interest'));
        expect(statement.totals.indemnityCents).toBe(sumOf('indemnity'));
        expect(statement.totals.paidCents).toBe(sumOf('payment'));
        const { principal, interest, indemnity } = statement.balances;
        expect(statement.totals.balanceCents).toBe(principal + interest + indemnity);
        for (const value of [principal, interest, indemnity, statement.totals.creditCents]) expect(value).toBeGreaterThanOrEqual(0);
        for (const line of statement.lines) {
          if (line.kind === 'payment') {
            expect(line.allocations.reduce((sum, allocation) => sum + allocation.amountCents, 0) + line.creditCents).toBe(line.amountCents);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('interest never decreases when asOf moves later', () => {
    fc.assert(
      fc.property(scenario, (generated) => {
        const later = Math.min(1276, generated.asOf + generated.later);
        const early = buildStatement(inputOf(generated, generated.asOf));
        const late = buildStatement(inputOf(generated, later));
        expect(late.totals.interestCents).toBeGreaterThanOrEqual(early.totals.interestCents);
        expect(late.totals.indemnityCents).toBeGreaterThanOrEqual(early.totals.indemnityCents);
      }),
      { numRuns: 200 },
    );
  });
});
