import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaseViaApi, getStatement, postPayment } from './case-factories.ts';
import { bearer, login, makeCreditor, makeUser } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * The server's décompte (GET /api/v1/cases/:id/statement) for cases created through the API,
 * checked to the cent against an independent calculation written here: a day-by-day loop, the
 * rates typed from the shared law document, one line per (claim, half-year, base), each line
 * rounded half-up once. Nothing of packages/domain's interest code is used by the oracle.
 */

// Shared law document, "Rates (percent per year)", in basis points.
type TestRates = { ecb: number; privateIndividual: number; otherCases: number };
const LAW_DOCUMENT_RATES: Record<string, TestRates> = {
  '2023-H1': { ecb: 250, privateIndividual: 447, otherCases: 206 },
  '2023-H2': { ecb: 400, privateIndividual: 682, otherCases: 422 },
  '2024-H1': { ecb: 450, privateIndividual: 801, otherCases: 507 },
  '2024-H2': { ecb: 425, privateIndividual: 816, otherCases: 492 },
  '2025-H1': { ecb: 315, privateIndividual: 721, otherCases: 371 },
  '2025-H2': { ecb: 215, privateIndividual: 665, otherCases: 276 },
  '2026-H1': { ecb: 215, privateIndividual: 667, otherCases: 262 },
};

// ---- the oracle -------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const nextDay = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
const halfYearOfDay = (date: string): string => `${date.slice(0, 4)}-H${Number(date.slice(5, 7)) <= 6 ? 1 : 2}`;
const daysInYearOf = (date: string): 365 | 366 => {
  const year = Number(date.slice(0, 4));
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 366 : 365;
};
/** numerator / denominator rounded half-up, in integers. */
const roundHalfUp = (numerator: bigint, denominator: bigint): number => Number((2n * numerator + denominator) / (2n * denominator));

type OracleClaim = { ref: string; dueDate: string; amountCents: number; contractBasisPoints?: number };
type OraclePayment = { date: string; amountCents: number; claimRef?: string };
type OracleInput = {
  creditorKind: 'company' | 'private_individual';
  debtorKind: 'company' | 'person';
  claims: OracleClaim[];
  payments?: OraclePayment[];
  miseEnDemeure?: string;
  asOf: string;
  rates?: Record<string, TestRates>;
};
type OracleLine = {
  claimRef: string;
  from: string;
  to: string;
  days: number;
  yearDays: 365 | 366;
  rateBasisPoints: number;
  baseCents: number;
  amountCents: number;
};
type Element = 'indemnity' | 'interest' | 'principal';

function oracle(input: OracleInput) {
  const rates = input.rates ?? LAW_DOCUMENT_RATES;
  const rateOf = (claim: OracleClaim, day: string): number => {
    const found = rates[halfYearOfDay(day)];
    if (!found) throw new Error(`oracle: no rate for ${halfYearOfDay(day)}`);
    // CMF L313-2: the category follows the creditor.
    const legal = input.creditorKind === 'private_individual' ? found.privateIndividual : found.otherCases;
    if (input.debtorKind === 'company') {
      // C. com. L441-10: contract rate unless below 3 x taux légal; default ECB + 10 points.
      const fallback = found.ecb + 1000;
      if (claim.contractBasisPoints === undefined) return fallback;
      return claim.contractBasisPoints >= 3 * legal ? claim.contractBasisPoints : fallback;
    }
    return claim.contractBasisPoints ?? legal;
  };
  const startOf = (claim: OracleClaim): string | null => {
    if (input.debtorKind === 'company' || claim.contractBasisPoints !== undefined) return claim.dueDate;
    if (!input.miseEnDemeure) return null;
    // The later of the two dates ('YYYY-MM-DD' strings sort as dates).
    return [input.miseEnDemeure, claim.dueDate].sort()[1] as string;
  };

  type Bucket = OracleLine & { numerator: bigint };
  const states = input.claims.map((claim) => ({
    claim,
    start: startOf(claim),
    base: claim.amountCents,
    buckets: [] as Bucket[],
    indemnityOwed: false,
    paid: { indemnity: 0, interest: 0, principal: 0 } as Record<Element, number>,
  }));
  const rounded = (bucket: Bucket) => roundHalfUp(bucket.numerator, 10_000n * BigInt(bucket.yearDays));
  const accruedInterest = (state: (typeof states)[number]) => state.buckets.reduce((sum, bucket) => sum + rounded(bucket), 0);

  const payments = [...(input.payments ?? [])].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const paymentLines: { date: string; amountCents: number; allocations: { claimRef: string; element: Element; amountCents: number }[] }[] = [];
  const firstDay = [...input.claims.map((claim) => claim.dueDate), ...payments.map((p) => p.date)].sort()[0] as string;

  for (let day = firstDay; day <= input.asOf; day = nextDay(day)) {
    for (const state of states) {
      if (input.debtorKind === 'company' && day > state.claim.dueDate && state.base > 0) state.indemnityOwed = true;
      if (state.start === null || day <= state.start || state.base === 0) continue;
      const halfYear = halfYearOfDay(day);
      const rate = rateOf(state.claim, day);
      let bucket = state.buckets.at(-1);
      if (!bucket || halfYearOfDay(bucket.to) !== halfYear || bucket.baseCents !== state.base || nextDay(bucket.to) !== day) {
        bucket = {
          claimRef: state.claim.ref,
          from: day,
          to: day,
          days: 0,
          yearDays: daysInYearOf(day),
          rateBasisPoints: rate,
          baseCents: state.base,
          amountCents: 0,
          numerator: 0n,
        };
        state.buckets.push(bucket);
      }
      // One day: base x rate / (365 | 366); the division is done once per line, when rounding.
      bucket.to = day;
      bucket.days += 1;
      bucket.numerator += BigInt(state.base) * BigInt(rate);
    }
    for (const payment of payments.filter((p) => p.date === day)) {
      let remaining = payment.amountCents;
      const allocations: { claimRef: string; element: Element; amountCents: number }[] = [];
      const others = states.filter((s) => s.claim.ref !== payment.claimRef).sort((a, b) => (a.claim.dueDate < b.claim.dueDate ? -1 : 1));
      const designated = states.filter((s) => s.claim.ref === payment.claimRef);
      for (const state of [...designated, ...others]) {
        const owed: Record<Element, number> = {
          indemnity: state.indemnityOwed ? 40_00 - state.paid.indemnity : 0,
          interest: accruedInterest(state) - state.paid.interest,
          principal: state.base,
        };
        for (const element of ['indemnity', 'interest', 'principal'] as const) {
          const amount = Math.min(remaining, owed[element]);
          if (amount === 0) continue;
          allocations.push({ claimRef: state.claim.ref, element, amountCents: amount });
          state.paid[element] += amount;
          if (element === 'principal') state.base -= amount;
          remaining -= amount;
        }
      }
      paymentLines.push({ date: payment.date, amountCents: payment.amountCents, allocations });
    }
  }

  const lines: OracleLine[] = states.flatMap((state) =>
    state.buckets.map(({ numerator: _numerator, ...line }, index) => ({ ...line, amountCents: rounded(state.buckets[index] as Bucket) })),
  );
  const principalCents = input.claims.reduce((sum, claim) => sum + claim.amountCents, 0);
  const interestCents = lines.reduce((sum, line) => sum + line.amountCents, 0);
  const indemnityCents = states.filter((state) => state.indemnityOwed).length * 40_00;
  const paidCents = payments.reduce((sum, payment) => sum + payment.amountCents, 0);
  return {
    lines,
    paymentLines,
    indemnityRefs: states.filter((state) => state.indemnityOwed).map((state) => state.claim.ref),
    totals: {
      principalCents,
      interestCents,
      indemnityCents,
      paidCents,
      creditCents: 0,
      balanceCents: principalCents + interestCents + indemnityCents - paidCents,
    },
    balances: {
      principalCents: states.reduce((sum, state) => sum + state.base, 0),
      interestCents: interestCents - states.reduce((sum, state) => sum + state.paid.interest, 0),
      indemnityCents: indemnityCents - states.reduce((sum, state) => sum + state.paid.indemnity, 0),
    },
  };
}

// ---- helpers ----------------------------------------------------------------------------------

type StatementJson = {
  caseId: string;
  asOf: string;
  currency: string;
  lines: Array<Record<string, unknown> & { kind: string }>;
  totals: Record<string, number>;
  balances: Record<string, number>;
  warnings: Array<Record<string, unknown> & { code: string }>;
};

function interestLinesOf(statement: StatementJson): OracleLine[] {
  return statement.lines
    .filter((line) => line.kind === 'interest')
    .map((line) => ({
      claimRef: line.claimRef as string,
      from: line.from as string,
      to: line.to as string,
      days: line.days as number,
      yearDays: line.yearDays as 365 | 366,
      rateBasisPoints: line.rateBasisPoints as number,
      baseCents: line.baseCents as number,
      amountCents: line.amountCents as number,
    }));
}

function expectMatchesOracle(statement: StatementJson, expected: ReturnType<typeof oracle>) {
  expect(interestLinesOf(statement)).toEqual(expected.lines);
  expect(statement.lines.filter((line) => line.kind === 'indemnity').map((line) => [line.claimRef, line.amountCents])).toEqual(
    expected.indemnityRefs.map((ref) => [ref, 40_00]),
  );
  const payments = statement.lines
    .filter((line) => line.kind === 'payment')
    .map((line) => ({ date: line.date, amountCents: line.amountCents, allocations: line.allocations }));
  expect(payments).toEqual(expected.paymentLines);
  expect(statement.totals).toEqual(expected.totals);
  expect(statement.balances).toEqual(expected.balances);
  // The letter adds up: totals are sums of the printed lines.
  const sum = (kind: string) => statement.lines.filter((line) => line.kind === kind).reduce((total, line) => total + (line.amountCents as number), 0);
  expect([sum('principal'), sum('interest'), sum('indemnity'), sum('payment')]).toEqual([
    statement.totals.principalCents,
    statement.totals.interestCents,
    statement.totals.indemnityCents,
    statement.totals.paidCents,
  ]);
}

// ---- tests ------------------------------------------------------------------------------------

let t: TestApp;
let company: { id: string };
let privateIndividual: { id: string };
let companyUser: string;
let privateUser: string;
let agent: string;

beforeAll(async () => {
  t = await createTestApp();
  company = await makeCreditor(t, { kind: 'company' });
  privateIndividual = await makeCreditor(t, { kind: 'private_individual' });
  companyUser = await login(t, await makeUser(t, 'creditor', company.id));
  privateUser = await login(t, await makeUser(t, 'creditor', privateIndividual.id));
  agent = await login(t, await makeUser(t, 'agent'));
});
afterAll(async () => t.close());

async function statementOf(caseId: string, asOf?: string): Promise<StatementJson> {
  const response = await getStatement(t, agent, caseId, asOf);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as StatementJson;
}

describe('the oracle itself', () => {
  it('agrees with a hand calculation: 1 000,00 € at 14 % for 30 days of 2023 is 11,51 €', () => {
    const result = oracle({
      creditorKind: 'company',
      debtorKind: 'company',
      claims: [{ ref: 'H', dueDate: '2023-07-01', amountCents: 1_000_00 }],
      asOf: '2023-07-31',
    });
    // 100000 x 0.14 x 30 / 365 = 1150.68 cents
    expect(result.lines).toEqual([
      { claimRef: 'H', from: '2023-07-02', to: '2023-07-31', days: 30, yearDays: 365, rateBasisPoints: 1400, baseCents: 1_000_00, amountCents: 11_51 },
    ]);
  });
});

describe('décompte of cases created through the API', () => {
  it('professional debtor, company creditor: ECB + 10 penalties per half-year from 2023-H2 through leap 2024, 40 € per invoice', async () => {
    const claims = [
      { ref: 'PRO-A', issueDate: '2023-07-15', dueDate: '2023-08-14', amountCents: 12_345_67 },
      { ref: 'PRO-B', issueDate: '2023-10-01', dueDate: '2023-10-31', amountCents: 2_500_00 },
    ];
    const created = await createCaseViaApi(t, companyUser, { debtor: { type: 'company' }, claims });
    const statement = await statementOf(created.id, '2024-11-15');
    const expected = oracle({ creditorKind: 'company', debtorKind: 'company', claims, asOf: '2024-11-15' });
    expect(statement).toMatchObject({ caseId: created.id, asOf: '2024-11-15', currency: 'EUR', warnings: [] });
    expectMatchesOracle(statement, expected);
    // Three half-years, 2024 counted on 366 days.
    expect(interestLinesOf(statement).filter((line) => line.claimRef === 'PRO-A').map((l) => [l.rateBasisPoints, l.yearDays])).toEqual([
      [1400, 365],
      [1450, 366],
      [1425, 366],
    ]);
    const interest = statement.lines.find((line) => line.kind === 'interest');
    expect(interest?.legalBasis).toContain('L441-10');
  });

  it('consumer debtor, company creditor: taux légal "autres cas" from the mise en demeure (or the due date if later), no indemnity', async () => {
    const claims = [
      { ref: 'CONSO-1', issueDate: '2024-01-01', dueDate: '2024-01-15', amountCents: 850_00 },
      { ref: 'CONSO-2', issueDate: '2024-04-20', dueDate: '2024-05-20', amountCents: 1_234_56 },
    ];
    // Both prescribed today (2 years, C. conso. L218-2): placed only flagged as such (issue 15).
    const placed = claims.map((claim) => ({ ...claim, prescribedAtIntake: true }));
    const created = await createCaseViaApi(t, companyUser, { debtor: { type: 'person' }, claims: placed, miseEnDemeureDate: '2024-03-10' });
    const statement = await statementOf(created.id, '2025-09-30');
    const expected = oracle({ creditorKind: 'company', debtorKind: 'person', claims, miseEnDemeure: '2024-03-10', asOf: '2025-09-30' });
    expectMatchesOracle(statement, expected);
    expect(expected.lines[0]).toMatchObject({ from: '2024-03-11', rateBasisPoints: 507 });
    expect(interestLinesOf(statement).find((line) => line.claimRef === 'CONSO-2')?.from).toBe('2024-05-21');
    expect(statement.totals.indemnityCents).toBe(0);
    expect(statement.lines.find((line) => line.kind === 'interest')?.legalBasis).toContain('autres cas');
  });

  it('consumer debtor, private-individual creditor: taux légal of the "personnes physiques" category', async () => {
    const claims = [{ ref: 'PART-1', issueDate: '2023-01-31', dueDate: '2023-02-28', amountCents: 3_000_00 }];
    const created = await createCaseViaApi(t, privateUser, { debtor: { type: 'person' }, claims, miseEnDemeureDate: '2023-06-01' });
    const statement = await statementOf(created.id, '2026-06-30');
    const expected = oracle({ creditorKind: 'private_individual', debtorKind: 'person', claims, miseEnDemeure: '2023-06-01', asOf: '2026-06-30' });
    expectMatchesOracle(statement, expected);
    expect(interestLinesOf(statement).map((line) => line.rateBasisPoints)).toEqual([447, 682, 801, 816, 721, 665, 667]);
    expect(statement.lines.find((line) => line.kind === 'interest')?.legalBasis).toContain('créancier particulier');
  });

  it('consumer debtor without a mise en demeure: no interest, and the statement says why', async () => {
    const claims = [{ ref: 'SANS-MED', dueDate: '2025-01-31', amountCents: 400_00 }];
    const created = await createCaseViaApi(t, companyUser, { debtor: { type: 'person' }, claims });
    const statement = await statementOf(created.id, '2025-12-31');
    expect(statement.totals).toMatchObject({ interestCents: 0, indemnityCents: 0, balanceCents: 400_00 });
    expect(statement.warnings).toEqual([{ code: 'no_interest_without_mise_en_demeure', claimRef: 'SANS-MED' }]);
  });

  it('a part payment goes to the indemnity, then the interest, then the principal, and lowers the base from the next day', async () => {
    const claims = [{ ref: 'PAY-1', issueDate: '2024-01-30', dueDate: '2024-02-29', amountCents: 5_000_00 }];
    const created = await createCaseViaApi(t, companyUser, { debtor: { type: 'company' }, claims });
    const paid = await postPayment(t, agent, created.id, { date: '2024-09-15', amountCents: 1_000_00, method: 'transfer' });
    expect(paid.statusCode, paid.body).toBe(201);
    const statement = await statementOf(created.id, '2025-03-31');
    const expected = oracle({
      creditorKind: 'company',
      debtorKind: 'company',
      claims,
      payments: [{ date: '2024-09-15', amountCents: 1_000_00 }],
      asOf: '2025-03-31',
    });
    expectMatchesOracle(statement, expected);
    // Worked by hand: 2024-H1 122 days at 14.50 % = 241,67 €; 2024-H2 to 15 Sept 77 days at 14.25 % = 149,90 €.
    expect(expected.paymentLines[0]?.allocations).toEqual([
      { claimRef: 'PAY-1', element: 'indemnity', amountCents: 40_00 },
      { claimRef: 'PAY-1', element: 'interest', amountCents: 241_67 + 149_90 },
      { claimRef: 'PAY-1', element: 'principal', amountCents: 1_000_00 - 40_00 - 241_67 - 149_90 },
    ]);
    const h2 = interestLinesOf(statement).filter((line) => line.from >= '2024-07-01' && line.to <= '2024-12-31');
    expect(h2.map((line) => [line.from, line.to, line.baseCents])).toEqual([
      ['2024-07-01', '2024-09-15', 5_000_00],
      ['2024-09-16', '2024-12-31', 5_000_00 - 568_43],
    ]);
  });

  it('a payment for a designated claim goes to it first (C. civ. 1342-10); the next one to the oldest claim', async () => {
    const claims = [
      { ref: 'DES-OLD', issueDate: '2024-01-01', dueDate: '2024-01-31', amountCents: 1_000_00 },
      { ref: 'DES-NEW', issueDate: '2024-04-01', dueDate: '2024-04-30', amountCents: 2_000_00 },
    ];
    const created = await createCaseViaApi(t, companyUser, { debtor: { type: 'company' }, claims });
    const first = await postPayment(t, agent, created.id, { date: '2024-06-30', amountCents: 600_00, method: 'cheque', claimRef: 'DES-NEW' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ claimRef: 'DES-NEW', method: 'cheque', receivedOn: '2024-06-30', currency: 'EUR' });
    expect((await postPayment(t, agent, created.id, { date: '2024-10-01', amountCents: 300_00, method: 'direct_to_creditor' })).statusCode).toBe(201);
    const statement = await statementOf(created.id, '2025-06-30');
    const expected = oracle({
      creditorKind: 'company',
      debtorKind: 'company',
      claims,
      payments: [
        { date: '2024-06-30', amountCents: 600_00, claimRef: 'DES-NEW' },
        { date: '2024-10-01', amountCents: 300_00 },
      ],
      asOf: '2025-06-30',
    });
    expectMatchesOracle(statement, expected);
    expect(expected.paymentLines.map((line) => [...new Set(line.allocations.map((a) => a.claimRef))])).toEqual([['DES-NEW'], ['DES-OLD']]);
  });

  it('a contract rate below 3 x the taux légal is replaced by ECB + 10 for that half-year, and flagged', async () => {
    // 15 % against floors of 3 x 4.22 = 12.66 % (2023-H2, kept), 3 x 5.07 = 15.21 % (2024-H1, replaced), 3 x 4.92 = 14.76 % (2024-H2, kept).
    const claims = [{ ref: 'CTR-1', issueDate: '2023-08-31', dueDate: '2023-09-30', amountCents: 7_777_77, contractRatePercent: 15 }];
    const created = await createCaseViaApi(t, companyUser, { debtor: { type: 'company' }, claims });
    const statement = await statementOf(created.id, '2024-12-31');
    const expected = oracle({
      creditorKind: 'company',
      debtorKind: 'company',
      claims: [{ ref: 'CTR-1', dueDate: '2023-09-30', amountCents: 7_777_77, contractBasisPoints: 1500 }],
      asOf: '2024-12-31',
    });
    expectMatchesOracle(statement, expected);
    expect(interestLinesOf(statement).map((line) => line.rateBasisPoints)).toEqual([1500, 1450, 1500]);
    expect(statement.warnings).toEqual([
      { code: 'contract_rate_below_legal_floor', claimRef: 'CTR-1', halfYear: '2024-H1', contractRateBasisPoints: 1500, floorBasisPoints: 1521 },
    ]);
    const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/cases/${created.id}`, headers: bearer(agent) })).json();
    expect(detail.claims[0].contractRateBasisPoints).toBe(1500);
  });

  it('lets the creditor read its own statement and hides another creditor case (404)', async () => {
    const claims = [{ ref: 'ISO-1', dueDate: '2024-03-31', amountCents: 100_00 }];
    const own = await createCaseViaApi(t, companyUser, { debtor: { type: 'company' }, claims });
    expect((await getStatement(t, companyUser, own.id, '2024-06-30')).statusCode).toBe(200);
    const foreign = await getStatement(t, privateUser, own.id, '2024-06-30');
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('not_found');
  });
});

describe('a half-year missing from the rate table', () => {
  // Values chosen for this test only; the shared law document does not give 2026-H2.
  const TEST_2026_H2: TestRates = { ecb: 200, privateIndividual: 640, otherCases: 250 };

  it('refuses the statement naming the half-year, until an administrator adds its rates', async () => {
    const claims = [{ ref: 'MISS-1', issueDate: '2026-02-28', dueDate: '2026-03-31', amountCents: 2_345_67 }];
    const created = await createCaseViaApi(t, companyUser, { debtor: { type: 'company' }, claims });

    // Today (test clock) is 2026-11-23: 2026-H2 is needed and not known yet.
    const refused = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${created.id}/statement`, headers: { ...bearer(agent), 'accept-language': 'en' } });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'missing_rate', details: { halfYear: '2026-H2' } });
    expect(refused.json().message).toMatch(/administrator/);
    expect((await getStatement(t, agent, created.id, '2026-08-15')).json().details).toEqual({ halfYear: '2026-H2' });
    // A statement that only needs known half-years still works.
    expect((await getStatement(t, agent, created.id, '2026-06-30')).statusCode).toBe(200);

    const before = (await t.app.inject({ method: 'GET', url: '/api/v1/rates', headers: bearer(agent) })).json();
    expect(before.currentHalfYear).toBe('2026-H2');
    expect(before.missing).toEqual(['2026-H2']);
    expect(before.items.find((item: { halfYear: string }) => item.halfYear === '2024-H1')).toMatchObject({
      ecbBasisPoints: 450,
      defaultPenaltyBasisPoints: 1450,
      legalPrivateIndividualBasisPoints: 801,
      legalOtherBasisPoints: 507,
      source: 'built_in',
    });

    const body = {
      halfYear: '2026-H2',
      ecbBasisPoints: TEST_2026_H2.ecb,
      legalPrivateIndividualBasisPoints: TEST_2026_H2.privateIndividual,
      legalOtherBasisPoints: TEST_2026_H2.otherCases,
    };
    const manager = await login(t, await makeUser(t, 'manager'));
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/rates', headers: bearer(manager), payload: body })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/rates', headers: bearer(companyUser) })).statusCode).toBe(403);
    const admin = await login(t, await makeUser(t, 'admin'));
    const added = await t.app.inject({ method: 'POST', url: '/api/v1/rates', headers: bearer(admin), payload: body });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ halfYear: '2026-H2', defaultPenaltyBasisPoints: 1200, source: 'added' });
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/rates', headers: bearer(admin), payload: body });
    expect([again.statusCode, again.json().code]).toEqual([409, 'rate_exists']);
    const tooFar = await t.app.inject({ method: 'POST', url: '/api/v1/rates', headers: bearer(admin), payload: { ...body, halfYear: '2027-H2' } });
    expect([tooFar.statusCode, tooFar.json().code]).toEqual([400, 'rate_too_far_ahead']);

    const after = (await t.app.inject({ method: 'GET', url: '/api/v1/rates', headers: bearer(agent) })).json();
    expect(after.missing).toEqual([]);
    expect(after.items.at(-1)).toMatchObject({ halfYear: '2026-H2', source: 'added' });

    const statement = await statementOf(created.id);
    expect(statement.asOf).toBe('2026-11-23');
    const expected = oracle({
      creditorKind: 'company',
      debtorKind: 'company',
      claims,
      asOf: '2026-11-23',
      rates: { ...LAW_DOCUMENT_RATES, '2026-H2': TEST_2026_H2 },
    });
    expectMatchesOracle(statement, expected);
    expect(interestLinesOf(statement).map((line) => line.rateBasisPoints)).toEqual([1215, 1200]);
  });
});
