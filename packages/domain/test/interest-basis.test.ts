import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../src/dates.ts';
import { betweenProfessionals, contractLateRateLimit, creditorActsProfessionally, interestRuleFor } from '../src/interest.ts';
import { frenchRates, legalRateFor } from '../src/rates.ts';
import { buildStatement, type InterestLine, type Statement, type StatementClaim, type StatementInput } from '../src/statement.ts';

// Issue #15, "Interest basis": who is a professional (C. com. L441-10 only between professionals),
// which taux légal (CMF L313-2), and what a contractual late rate may be by the nature of the claim.
// Every figure below is worked by hand in the comment above it (rates: shared law document).

const claim = (ref: string, dueDate: string, amountCents: number, extra: Partial<StatementClaim> = {}): StatementClaim => ({
  ref,
  issueDate: addDays(dueDate, -30),
  dueDate,
  amountCents,
  currency: 'EUR',
  ...extra,
});

const privateCreditor: Omit<StatementInput, 'claims' | 'asOf' | 'debtorKind'> = {
  creditorKind: 'private_individual',
  payments: [],
  events: {},
  rates: frenchRates,
};

const interestLines = (statement: Statement) =>
  statement.lines
    .filter((line): line is InterestLine => line.kind === 'interest')
    .map(({ from, to, days, rateBasisPoints, amountCents, legalBasis }) => ({ from, to, days, rateBasisPoints, amountCents, legalBasis }));

describe('who acts professionally (C. com. L441-10)', () => {
  it('a company always; a private individual only when recorded so', () => {
    expect(creditorActsProfessionally('company')).toBe(true);
    expect(creditorActsProfessionally('company', false)).toBe(true);
    expect(creditorActsProfessionally('private_individual')).toBe(false);
    expect(creditorActsProfessionally('private_individual', true)).toBe(true);
  });
  it('L441-10 applies only when both creditor and debtor act professionally', () => {
    const table = [
      { creditorKind: 'company', debtorKind: 'company', expected: true },
      { creditorKind: 'company', debtorKind: 'person', expected: false },
      { creditorKind: 'private_individual', debtorKind: 'company', expected: false },
      { creditorKind: 'private_individual', creditorActsProfessionally: true, debtorKind: 'company', expected: true },
      { creditorKind: 'private_individual', creditorActsProfessionally: true, debtorKind: 'person', expected: false },
    ] as const;
    for (const { expected, ...parties } of table) expect(betweenProfessionals(parties), JSON.stringify(parties)).toBe(expected);
  });
  it('the taux légal category: the higher rate only for a private individual not acting professionally (CMF L313-2)', () => {
    // 2026-H1: 6.67 % for "personnes physiques n'agissant pas pour des besoins professionnels", 2.62 % otherwise.
    expect(legalRateFor(frenchRates, '2026-H1', 'private_individual')).toBe(667);
    expect(legalRateFor(frenchRates, '2026-H1', 'private_individual', true)).toBe(262);
    expect(legalRateFor(frenchRates, '2026-H1', 'company')).toBe(262);
    expect(legalRateFor(frenchRates, '2026-H1', 'company', false)).toBe(262);
  });
  it('interestRuleFor: a private creditor against a company gets the taux légal from the mise en demeure, not penalties', () => {
    const params = { creditorKind: 'private_individual', debtorKind: 'company', dueDate: '2024-01-31' } as const;
    expect(interestRuleFor(params)).toBeNull();
    expect(interestRuleFor({ ...params, miseEnDemeureDate: '2024-03-01' })).toEqual({
      rule: { kind: 'legal', creditorKind: 'private_individual' },
      accruesAfter: '2024-03-01',
    });
    expect(interestRuleFor({ ...params, creditorActsProfessionally: true })).toEqual({
      rule: { kind: 'late_payment_penalty', creditorKind: 'private_individual', creditorActsProfessionally: true },
      accruesAfter: '2024-01-31',
    });
  });
});

describe('décompte, private-individual creditor against a company', () => {
  const input = { ...privateCreditor, debtorKind: 'company' as const, claims: [claim('F1', '2023-11-15', 1_000_000)], asOf: '2024-08-10' };

  it('not acting professionally: taux légal of the private-individual category from the mise en demeure, no penalty, no 40 €', () => {
    const statement = buildStatement({ ...input, events: { miseEnDemeureDate: '2024-01-10' } });
    expect(interestLines(statement)).toEqual([
      // 11 Jan - 30 Jun 2024: 10 000,00 € x 8.01 % x 172/366 = 376.426... -> 376,43 €
      { from: '2024-01-11', to: '2024-06-30', days: 172, rateBasisPoints: 801, amountCents: 37_643, legalBasis: expect.stringContaining('créancier particulier') },
      // 1 Jul - 10 Aug 2024: 10 000,00 € x 8.16 % x 41/366 = 91.409... -> 91,41 €
      { from: '2024-07-01', to: '2024-08-10', days: 41, rateBasisPoints: 816, amountCents: 9_141, legalBasis: expect.stringContaining('créancier particulier') },
    ]);
    // 10 000 + 376,43 + 91,41 = 10 467,84 €; no indemnity (D441-5 is between professionals only)
    expect(statement.totals).toMatchObject({ interestCents: 46_784, indemnityCents: 0, balanceCents: 1_046_784 });
    expect(statement.warnings).toEqual([]);
  });

  it('not acting professionally, no mise en demeure: no interest, no indemnity, and the statement says why', () => {
    const statement = buildStatement(input);
    expect(statement.totals).toMatchObject({ interestCents: 0, indemnityCents: 0, balanceCents: 1_000_000 });
    expect(statement.warnings).toEqual([{ code: 'no_interest_without_mise_en_demeure', claimRef: 'F1' }]);
  });

  it('recorded as acting professionally: L441-10 penalties from the day after the due date and the 40 € indemnity', () => {
    const statement = buildStatement({ ...input, creditorActsProfessionally: true });
    expect(interestLines(statement).map(({ from, days, rateBasisPoints, amountCents }) => [from, days, rateBasisPoints, amountCents])).toEqual([
      // 10 000,00 € x 14.00 % (ECB 4.00 + 10) x 46/365 = 176.438... -> 176,44 €
      ['2023-11-16', 46, 1400, 17_644],
      // 10 000,00 € x 14.50 % x 182/366 = 721.038... -> 721,04 €
      ['2024-01-01', 182, 1450, 72_104],
      // 10 000,00 € x 14.25 % x 41/366 = 159.631... -> 159,63 €
      ['2024-07-01', 41, 1425, 15_963],
    ]);
    // 10 000 + 176,44 + 721,04 + 159,63 + 40 = 11 097,11 €
    expect(statement.totals).toMatchObject({ interestCents: 105_711, indemnityCents: 4_000, balanceCents: 1_109_711 });
  });

  it('recorded as acting professionally: the contract rate floor is 3 x the "autres cas" taux légal (CMF L313-2)', () => {
    const statement = buildStatement({
      ...input,
      creditorActsProfessionally: true,
      claims: [claim('F1', '2023-11-15', 1_000_000, { contractRateBasisPoints: 1500 })],
      asOf: '2023-12-31',
    });
    // Floor 3 x 4.22 % = 12.66 % (2023-H2, autres cas): 15 % is kept (3 x 6.82 % = 20.46 % would have rejected it).
    // 10 000,00 € x 15.00 % x 46/365 = 189.041... -> 189,04 €
    expect(interestLines(statement).map(({ rateBasisPoints, amountCents }) => [rateBasisPoints, amountCents])).toEqual([[1500, 18_904]]);
    expect(statement.warnings).toEqual([]);
  });
});

describe('décompte, private-individual creditor acting professionally against a consumer', () => {
  it('taux légal of the "autres cas" category from the mise en demeure', () => {
    const statement = buildStatement({
      ...privateCreditor,
      creditorActsProfessionally: true,
      debtorKind: 'person',
      claims: [claim('F1', '2023-11-15', 1_000_000)],
      events: { miseEnDemeureDate: '2024-01-10' },
      asOf: '2024-08-10',
    });
    expect(interestLines(statement)).toEqual([
      // 10 000,00 € x 5.07 % x 172/366 = 238.262... -> 238,26 €
      { from: '2024-01-11', to: '2024-06-30', days: 172, rateBasisPoints: 507, amountCents: 23_826, legalBasis: expect.stringContaining('autres cas') },
      // 10 000,00 € x 4.92 % x 41/366 = 55.114... -> 55,11 €
      { from: '2024-07-01', to: '2024-08-10', days: 41, rateBasisPoints: 492, amountCents: 5_511, legalBasis: expect.stringContaining('autres cas') },
    ]);
    expect(statement.totals.indemnityCents).toBe(0);
  });
});

describe('a contractual late rate outside L441-10, by the nature of the claim', () => {
  const consumer: Omit<StatementInput, 'claims' | 'asOf'> = { creditorKind: 'company', debtorKind: 'person', payments: [], events: {}, rates: frenchRates };

  it('runs from the due date, and is flagged when no mise en demeure is recorded (C. civ. 1231, 1344)', () => {
    const claims = [claim('F1', '2024-01-31', 100_000, { contractRateBasisPoints: 800, nature: 'consumer' })];
    const without = buildStatement({ ...consumer, claims, asOf: '2024-03-01' });
    // 1 000,00 € x 8.00 % x 30/366 = 6.557... -> 6,56 € (1 Feb - 1 Mar 2024)
    expect(interestLines(without).map(({ from, days, amountCents }) => [from, days, amountCents])).toEqual([['2024-02-01', 30, 656]]);
    expect(without.warnings).toEqual([{ code: 'consumer_contract_rate_without_mise_en_demeure', claimRef: 'F1', contractRateBasisPoints: 800 }]);

    const withNotice = buildStatement({ ...consumer, claims, events: { miseEnDemeureDate: '2024-02-15' }, asOf: '2024-03-01' });
    expect(withNotice.totals.interestCents).toBe(656);
    expect(withNotice.warnings).toEqual([]);
  });

  it('is flagged on a claim not yet due only once it is due', () => {
    const statement = buildStatement({ ...consumer, claims: [claim('F1', '2024-03-31', 100_000, { contractRateBasisPoints: 800 })], asOf: '2024-03-01' });
    expect(statement.warnings).toEqual([]);
  });

  it('consumer credit: applied as given and flagged for the L312-39 cap (the credit rate), never computed', () => {
    const statement = buildStatement({
      ...consumer,
      claims: [claim('CR1', '2024-01-31', 500_000, { contractRateBasisPoints: 650, nature: 'consumer_credit' })],
      events: { miseEnDemeureDate: '2024-02-15' },
      asOf: '2024-06-30',
    });
    // 1 Feb - 30 Jun 2024 = 29 + 31 + 30 + 31 + 30 = 151 days: 5 000,00 € x 6.50 % x 151/366 = 134.084... -> 134,08 €
    expect(interestLines(statement).map(({ from, to, days, rateBasisPoints, amountCents }) => [from, to, days, rateBasisPoints, amountCents])).toEqual([
      ['2024-02-01', '2024-06-30', 151, 650, 13_408],
    ]);
    expect(statement.warnings).toEqual([
      { code: 'contract_rate_cap_to_check', claimRef: 'CR1', nature: 'consumer_credit', contractRateBasisPoints: 650, legalBasis: 'C. conso. L312-39' },
    ]);
  });

  it('residential rent: the penalty clause is set aside (loi 89-462 art. 4 i)): taux légal from the mise en demeure', () => {
    const landlord = { ...privateCreditor, debtorKind: 'person' as const };
    const claims = [claim('LOYER-02', '2024-02-05', 80_000, { contractRateBasisPoints: 1000, nature: 'residential_rent' })];
    const statement = buildStatement({ ...landlord, claims, events: { miseEnDemeureDate: '2024-03-01' }, asOf: '2024-06-30' });
    // 2 Mar - 30 Jun 2024 = 30 + 30 + 31 + 30 = 121 days at 8.01 % (private landlord, CMF L313-2), not 10 %:
    // 800,00 € x 8.01 % x 121/366 = 21.184... -> 21,18 €
    expect(interestLines(statement).map(({ from, days, rateBasisPoints, amountCents }) => [from, days, rateBasisPoints, amountCents])).toEqual([
      ['2024-03-02', 121, 801, 2_118],
    ]);
    const setAside = {
      code: 'contract_rate_set_aside',
      claimRef: 'LOYER-02',
      nature: 'residential_rent',
      contractRateBasisPoints: 1000,
      legalBasis: 'Loi 89-462, art. 4 i)',
    };
    expect(statement.warnings).toEqual([setAside]);

    const withoutNotice = buildStatement({ ...landlord, claims, asOf: '2024-06-30' });
    expect(withoutNotice.totals.interestCents).toBe(0);
    expect(withoutNotice.warnings).toEqual([setAside, { code: 'no_interest_without_mise_en_demeure', claimRef: 'LOYER-02' }]);
  });

  it('the other natures let the contract bind; a claim of unknown nature too', () => {
    for (const nature of ['commercial', 'consumer', 'telecom', 'civil'] as const) expect(contractLateRateLimit(nature)).toEqual({ kind: 'binds' });
    expect(contractLateRateLimit(undefined)).toEqual({ kind: 'binds' });
    expect(contractLateRateLimit('consumer_credit').kind).toBe('cap_to_check');
    expect(contractLateRateLimit('residential_rent').kind).toBe('unwritten');
  });

  it('between professionals, the nature does not touch L441-10 penalties (no cap, no set-aside)', () => {
    const statement = buildStatement({
      creditorKind: 'company',
      debtorKind: 'company',
      claims: [claim('F1', '2023-11-15', 1_000_000, { contractRateBasisPoints: 1500, nature: 'residential_rent' })],
      payments: [],
      events: {},
      asOf: '2023-12-31',
      rates: frenchRates,
    });
    // Same figure as above: 10 000,00 € x 15 % x 46/365 -> 189,04 €, plus the 40 € indemnity.
    expect(statement.totals).toMatchObject({ interestCents: 18_904, indemnityCents: 4_000 });
    expect(statement.warnings).toEqual([]);
  });
});

describe('interest basis properties', () => {
  const day = (offset: number) => addDays('2023-01-01', offset);
  const scenario = fc.record({
    actsProfessionally: fc.boolean(),
    debtorKind: fc.constantFrom('company' as const, 'person' as const),
    claims: fc.array(
      fc.record({
        due: fc.integer({ min: 0, max: 800 }),
        amountCents: fc.integer({ min: 1, max: 50_000_000 }),
        contract: fc.option(fc.integer({ min: 0, max: 2500 }), { nil: undefined }),
        nature: fc.option(fc.constantFrom('commercial', 'consumer', 'residential_rent', 'consumer_credit', 'telecom', 'civil') as fc.Arbitrary<StatementClaim['nature'] & string>, { nil: undefined }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    miseEnDemeure: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }),
    asOf: fc.integer({ min: 0, max: 1276 }), // up to 2026-06-30
  });
  const inputOf = (generated: typeof scenario extends fc.Arbitrary<infer T> ? T : never): StatementInput => ({
    ...privateCreditor,
    creditorActsProfessionally: generated.actsProfessionally,
    debtorKind: generated.debtorKind,
    claims: generated.claims.map((item, index) =>
      claim(`C${index}`, day(item.due), item.amountCents, {
        ...(item.contract === undefined ? {} : { contractRateBasisPoints: item.contract }),
        ...(item.nature === undefined ? {} : { nature: item.nature }),
      }),
    ),
    events: generated.miseEnDemeure === undefined ? {} : { miseEnDemeureDate: day(generated.miseEnDemeure) },
    asOf: day(generated.asOf),
  });

  it('penalties and the 40 € indemnity appear only between professionals', () => {
    fc.assert(
      fc.property(scenario, (generated) => {
        const statement = buildStatement(inputOf(generated));
        const professional = generated.actsProfessionally && generated.debtorKind === 'company';
        if (!professional) expect(statement.totals.indemnityCents).toBe(0);
        for (const line of statement.lines) {
          if (line.kind === 'interest') expect(line.legalBasis.includes('L441-10')).toBe(professional);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('without a mise en demeure, no taux légal interest runs outside L441-10; a residential rent never bears its contract rate', () => {
    fc.assert(
      fc.property(scenario, (generated) => {
        const statement = buildStatement(inputOf({ ...generated, miseEnDemeure: undefined }));
        const rentRefs = new Set(generated.claims.flatMap((item, index) => (item.nature === 'residential_rent' ? [`C${index}`] : [])));
        for (const line of statement.lines) {
          if (line.kind !== 'interest') continue;
          expect(line.legalBasis.startsWith('C. civ. 1231-6')).toBe(false); // LEGAL_BASIS.legalRate*
          if (!line.legalBasis.includes('L441-10')) expect(rentRefs.has(line.claimRef)).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('interestRegimeOf: the regime a legal basis names, for the debtor page', () => {
  it('names each basis the statement writes', async () => {
    const { LEGAL_BASIS, interestRegimeOf } = await import('../src/interest.ts');
    expect(interestRegimeOf(LEGAL_BASIS.penaltyContractRate)).toBe('late_payment_penalty');
    expect(interestRegimeOf(LEGAL_BASIS.penaltyDefaultRate)).toBe('late_payment_penalty');
    expect(interestRegimeOf(LEGAL_BASIS.penaltyContractRateBelowFloor)).toBe('late_payment_penalty');
    expect(interestRegimeOf(LEGAL_BASIS.consumerContractRate)).toBe('contractual');
    expect(interestRegimeOf(LEGAL_BASIS.legalRatePrivateIndividual)).toBe('legal');
    expect(interestRegimeOf(LEGAL_BASIS.legalRateOtherCases + LEGAL_BASIS.legalRateMajoration)).toBe('legal');
    expect(interestRegimeOf('something else')).toBeNull();
  });
});
