import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CaseStanding, type ClaimPrescriptionFact, caseStanding } from '../src/case-standing.ts';
import { addDays } from '../src/dates.ts';
import { casePrescription, interruptingActions, paymentInterruptions } from '../src/prescription.ts';
import { frenchRates } from '../src/rates.ts';
import { buildStatement, type PaymentLine, type Statement, type StatementInput } from '../src/statement.ts';

const claim = (ref: string, dueDate: string, amountCents: number) => ({ ref, issueDate: addDays(dueDate, -30), dueDate, amountCents, currency: 'EUR' });

/** The décompte, then each claim's prescription from the payments as the décompte allocated them (C. civ. 2240). */
function standingOf(input: StatementInput): { statement: Statement; standing: CaseStanding } {
  const statement = buildStatement(input);
  const payments = statement.lines.filter((line): line is PaymentLine => line.kind === 'payment');
  const prescription = casePrescription({
    claims: input.claims.map((c) => ({ ref: c.ref, dueDate: c.dueDate })),
    creditorKind: input.creditorKind,
    debtorKind: input.debtorKind,
    events: paymentInterruptions(payments),
    asOf: input.asOf,
    warningHorizonDays: 90,
  });
  return { statement, standing: caseStanding(statement, prescription?.claims ?? []) };
}

describe('case standing: a prescribed claim is never demanded (C. civ. 2219, C. conso. L121-2)', () => {
  // A consumer owes a company two invoices due the same day (no mise en demeure: no interest).
  // 1 June 2021, 100 € undesignated: pro rata, 50 € to each; it interrupts both (C. civ. 2240).
  // 1 Sept 2022, 100 € designated to C: it interrupts C only.
  // On 31 Dec 2023 A (2 years from 1 June 2021: last day 1 June 2023) is prescribed; C (last day 1 Sept 2024) is not.
  const input: StatementInput = {
    creditorKind: 'company',
    debtorKind: 'person',
    claims: [claim('A', '2021-01-31', 300_00), claim('C', '2021-01-31', 300_00)],
    payments: [
      { id: 'P1', date: '2021-06-01', amountCents: 100_00 },
      { id: 'P2', date: '2022-09-01', amountCents: 100_00, claimRef: 'C' },
    ],
    events: {},
    asOf: '2023-12-31',
    rates: frenchRates,
  };

  it('splits the balance into demandable and prescribed, per claim, payments kept where C. civ. 1342-10 put them', () => {
    const { statement, standing } = standingOf(input);
    expect(statement.totals.balanceCents).toBe(400_00);
    expect(standing.claims.map(({ claimRef, paidCents, owedCents, prescribed, prescription }) => ({ claimRef, paidCents, owedCents, prescribed, date: prescription?.date }))).toEqual([
      // 300 - 50 (its share of P1) = 250, prescribed: what was paid on it stays paid (C. civ. 2249).
      { claimRef: 'A', paidCents: 50_00, owedCents: 250_00, prescribed: true, date: '2023-06-01' },
      // 300 - 50 - 100 = 150, still demandable.
      { claimRef: 'C', paidCents: 150_00, owedCents: 150_00, prescribed: false, date: '2024-09-01' },
    ]);
    expect(standing).toMatchObject({ demandableCents: 150_00, prescribedCents: 250_00, balanceCents: 400_00, creditCents: 0 });
  });

  it("gives the debtor a décompte of the live claims only: C's lines, each payment reduced to what went to C", () => {
    const { debtorStatement } = standingOf(input).standing;
    expect(debtorStatement.lines).toEqual([
      { kind: 'principal', claimRef: 'C', issueDate: '2021-01-01', dueDate: '2021-01-31', amountCents: 300_00 },
      { kind: 'payment', id: 'P1', date: '2021-06-01', amountCents: 50_00, allocations: [{ claimRef: 'C', element: 'principal', amountCents: 50_00 }], creditCents: 0 },
      { kind: 'payment', id: 'P2', date: '2022-09-01', amountCents: 100_00, allocations: [{ claimRef: 'C', element: 'principal', amountCents: 100_00 }], creditCents: 0 },
    ]);
    expect(debtorStatement.totals).toEqual({ principalCents: 300_00, interestCents: 0, indemnityCents: 0, paidCents: 150_00, creditCents: 0, balanceCents: 150_00 });
    expect(debtorStatement.balances).toEqual({ principal: 150_00, interest: 0, indemnity: 0 });
    // The warning about A (no interest without a mise en demeure) goes with A.
    expect(debtorStatement.warnings).toEqual([{ code: 'no_interest_without_mise_en_demeure', claimRef: 'C' }]);
  });

  it('drops a payment that went only to prescribed claims, and keeps an overpayment credit whatever it came from', () => {
    // One old claim of 400 €: 100 € paid on 10 March 2021 (last day moved to 10 March 2023); on 1 March 2023
    // the debtor pays 1 000 € for it: 300 € go to it (last day 1 March 2025), 700 € are a credit to refund.
    const { standing } = standingOf({
      ...input,
      claims: [claim('OLD', '2021-01-31', 400_00)],
      payments: [
        { id: 'Q1', date: '2021-03-10', amountCents: 100_00 },
        { id: 'Q2', date: '2023-03-01', amountCents: 1_000_00, claimRef: 'OLD' },
      ],
      asOf: '2025-06-30',
    });
    expect(standing.claims.map((c) => [c.claimRef, c.prescribed, c.prescription?.date, c.owedCents])).toEqual([['OLD', true, '2025-03-01', 0]]);
    expect(standing.debtorStatement.lines).toEqual([{ kind: 'payment', id: 'Q2', date: '2023-03-01', amountCents: 700_00, allocations: [], creditCents: 700_00 }]);
    expect(standing.debtorStatement.totals).toMatchObject({ paidCents: 700_00, creditCents: 700_00, balanceCents: 0 });
    expect(standing).toMatchObject({ demandableCents: 0, prescribedCents: 0, creditCents: 700_00 });
  });

  it('treats a claim without a known prescription as live', () => {
    const statement = buildStatement(input);
    const standing = caseStanding(statement, []);
    expect(standing.demandableCents).toBe(statement.totals.balanceCents);
    expect(standing.debtorStatement).toEqual(statement);
  });

  it('names the action that would interrupt a claim: payment, acknowledgment or injonction; for a forclusion only a court claim', () => {
    expect(interruptingActions('consumer').map((a) => a.action)).toEqual(['obtain_payment', 'obtain_acknowledgment', 'injonction_de_payer']);
    expect(interruptingActions('residential_rent').map((a) => a.article)).toEqual(['C. civ. 2240', 'C. civ. 2240', 'C. civ. 2241']);
    expect(interruptingActions('consumer_credit')).toEqual([{ action: 'court_claim', article: 'C. conso. R312-35, C. civ. 2241' }]);
  });
});

describe('case standing, properties', () => {
  const day = (offset: number) => addDays('2023-01-01', offset);
  const scenario = fc.record({
    creditorKind: fc.constantFrom('company' as const, 'private_individual' as const),
    debtorKind: fc.constantFrom('company' as const, 'person' as const),
    claims: fc.array(fc.record({ due: fc.integer({ min: 0, max: 1000 }), amountCents: fc.integer({ min: 1, max: 20_000_000 }), prescribed: fc.boolean() }), {
      minLength: 1,
      maxLength: 4,
    }),
    payments: fc.array(
      fc.record({ date: fc.integer({ min: 0, max: 1200 }), amountCents: fc.integer({ min: 1, max: 30_000_000 }), designate: fc.option(fc.nat(3), { nil: undefined }) }),
      { maxLength: 5 },
    ),
    miseEnDemeure: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }),
    asOf: fc.integer({ min: 0, max: 1276 }), // up to 2026-06-30
  });
  type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;
  const build = (generated: Scenario, prescribedOf: (index: number) => boolean) => {
    const statement = buildStatement({
      creditorKind: generated.creditorKind,
      debtorKind: generated.debtorKind,
      claims: generated.claims.map((item, index) => claim(`C${index}`, day(item.due), item.amountCents)),
      payments: generated.payments.map((item, index) => ({
        id: `P${index}`,
        date: day(item.date),
        amountCents: item.amountCents,
        ...(item.designate !== undefined && item.designate < generated.claims.length ? { claimRef: `C${item.designate}` } : {}),
      })),
      events: generated.miseEnDemeure === undefined ? {} : { miseEnDemeureDate: day(generated.miseEnDemeure) },
      asOf: day(generated.asOf),
      rates: frenchRates,
    });
    const prescriptions: ClaimPrescriptionFact[] = generated.claims.map((_, index) => ({
      claimRef: `C${index}`,
      nature: 'consumer',
      basis: 'C. conso. L218-2',
      date: '2024-01-01',
      prescribed: prescribedOf(index),
    }));
    return { statement, standing: caseStanding(statement, prescriptions) };
  };

  it('balance = demandable + prescribed; the debtor décompte adds up to the demandable amount', () => {
    fc.assert(
      fc.property(scenario, (generated) => {
        const { statement, standing } = build(generated, (index) => generated.claims[index]?.prescribed === true);
        expect(standing.demandableCents + standing.prescribedCents).toBe(statement.totals.balanceCents);
        for (const claimStanding of standing.claims) expect(claimStanding.owedCents).toBeGreaterThanOrEqual(0);
        const debtor = standing.debtorStatement;
        const sumOf = (kind: string) => debtor.lines.filter((line) => line.kind === kind).reduce((total, line) => total + line.amountCents, 0);
        expect(debtor.totals.balanceCents).toBe(standing.demandableCents);
        expect(debtor.totals.principalCents).toBe(sumOf('principal'));
        expect(debtor.totals.interestCents).toBe(sumOf('interest'));
        expect(debtor.totals.indemnityCents).toBe(sumOf('indemnity'));
        expect(debtor.totals.paidCents).toBe(sumOf('payment'));
        expect(debtor.totals.creditCents).toBe(statement.totals.creditCents);
        const { principal, interest, indemnity } = debtor.balances;
        expect(principal + interest + indemnity).toBe(standing.demandableCents);
        for (const value of [principal, interest, indemnity]) expect(value).toBeGreaterThanOrEqual(0);
        const prescribedRefs = new Set(standing.claims.filter((c) => c.prescribed).map((c) => c.claimRef));
        for (const line of debtor.lines) {
          if (line.kind === 'payment') {
            expect(line.allocations.reduce((total, allocation) => total + allocation.amountCents, 0) + line.creditCents).toBe(line.amountCents);
            expect(line.allocations.some((allocation) => prescribedRefs.has(allocation.claimRef))).toBe(false);
            expect(line.amountCents).toBeGreaterThan(0);
          } else {
            expect(prescribedRefs.has(line.claimRef)).toBe(false);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('nothing prescribed: the debtor sees the whole décompte; everything prescribed: nothing to pay', () => {
    fc.assert(
      fc.property(scenario, (generated) => {
        const live = build(generated, () => false);
        expect(live.standing.debtorStatement).toEqual(live.statement);
        expect(live.standing.prescribedCents).toBe(0);
        const dead = build(generated, () => true);
        expect(dead.standing.demandableCents).toBe(0);
        expect(dead.standing.debtorStatement.totals.balanceCents).toBe(0);
        expect(dead.standing.debtorStatement.lines.every((line) => line.kind === 'payment' && line.allocations.length === 0)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
