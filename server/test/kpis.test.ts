import { randomUUID } from 'node:crypto';
import { ageingBucketKeys, kpiKeys as contractKpiKeys, funnelStageKeys } from '@relance/contracts/reports';
import { AGEING_BUCKETS, ageingBucketOf, funnelStages, kpiKeys } from '@relance/domain/kpis';
import {
  commissionInvoicedPostings,
  legalCostAdvancedPostings,
  legalCostBilledPostings,
  type Posting,
  paymentReceivedPostings,
  remittanceSentPostings,
} from '@relance/domain/ledger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postTransaction } from '../src/features/ledger/journal.ts';
import { ageingBucketSql } from '../src/features/reports/kpis.ts';
import { emExec } from '../src/plugins/sql.ts';
import { bearer, login, makeCreditor, makeUser } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

// A hand-made dataset for two creditors; every expected figure below is computed by hand in the
// comments (period 2026-10-01 .. 2026-11-30, today 2026-12-15, so the as-of date is 2026-11-30).

type CaseInput = {
  openedOn: string;
  claims: { amountCents: number; dueDate: string; prescriptionDate?: string }[];
  status?: string;
  outcome?: string;
  closedAt?: string;
  miseEnDemeureOn?: string;
};

let t: TestApp;
let a: { id: string };
let b: { id: string };
let tokenA: string;
let tokenB: string;
let staffToken: string;
const caseOf: Record<string, string> = {};

async function insertCase(creditorId: string, input: CaseInput): Promise<string> {
  const exec = emExec(t.orm.em.fork());
  const name = `Débiteur ${randomUUID()}`;
  const [debtor] = await exec<{ id: string }>(`insert into debtor (creditor_id, kind, display_name, match_key) values (?, 'person', ?, ?) returning id`, [creditorId, name, `test:${name}`]);
  const [row] = await exec<{ id: string }>(
    `insert into collection_case (creditor_id, debtor_id, opened_on, status, closed_outcome, closed_at, mise_en_demeure_on)
     values (?, ?, ?, ?, ?, ?, ?) returning id`,
    [creditorId, debtor?.id, input.openedOn, input.status ?? 'amicable', input.outcome ?? null, input.closedAt ?? null, input.miseEnDemeureOn ?? null],
  );
  const id = row?.id as string;
  for (const claim of input.claims) {
    await exec(
      `insert into claim (case_id, creditor_id, invoice_ref, issue_date, due_date, amount_cents, prescription_date) values (?, ?, ?, ?::date - 30, ?, ?, ?)`,
      [id, creditorId, `FAC-${randomUUID()}`, claim.dueDate, claim.dueDate, claim.amountCents, claim.prescriptionDate ?? null],
    );
  }
  return id;
}

async function post(kind: Parameters<typeof postTransaction>[2]['kind'], bookedOn: string, postings: Posting[]) {
  await postTransaction(emExec(t.orm.em.fork()), t.clock, {
    kind,
    bookedOn,
    description: `test ${kind}`,
    source: { type: 'manual', id: randomUUID() },
    idempotencyKey: randomUUID(),
    postings,
  });
}

async function pay(creditorId: string, caseId: string, amountCents: number, receivedOn: string) {
  await emExec(t.orm.em.fork())('insert into payment_record (case_id, amount_cents, received_on, method) values (?, ?, ?, ?)', [caseId, amountCents, receivedOn, 'transfer']);
  await post('payment_received', receivedOn, paymentReceivedPostings({ creditorId, caseId, amountCents, excessCents: 0 }));
}

async function seedCreditorA() {
  const exec = emExec(t.orm.em.fork());
  // A1: placed 2026-10-01, 1 000 € due 2026-09-01, paid 400 € (Oct) + 600 € (Nov 5): closed paid.
  caseOf.a1 = await insertCase(a.id, { openedOn: '2026-10-01', claims: [{ amountCents: 100_000, dueDate: '2026-09-01' }], status: 'closed', outcome: 'paid', closedAt: '2026-11-05T10:00:00Z' });
  // A2: placed 2026-10-15, 500 € due 2026-08-16, 100 € paid, mise en demeure sent, dispute rejected.
  caseOf.a2 = await insertCase(a.id, { openedOn: '2026-10-15', claims: [{ amountCents: 50_000, dueDate: '2026-08-16' }], miseEnDemeureOn: '2026-10-20' });
  // A3: placed 2026-11-02, 2 000 € due 2026-11-20, at court, dispute still open.
  caseOf.a3 = await insertCase(a.id, { openedOn: '2026-11-02', claims: [{ amountCents: 200_000, dueDate: '2026-11-20' }], status: 'legal' });
  // A4: placed 2026-11-10, 300 € prescribed on 2026-11-15, closed irrecoverable on 2026-11-20.
  caseOf.a4 = await insertCase(a.id, {
    openedOn: '2026-11-10',
    claims: [{ amountCents: 30_000, dueDate: '2025-01-10', prescriptionDate: '2026-11-15' }],
    status: 'closed',
    outcome: 'irrecoverable',
    closedAt: '2026-11-20T10:00:00Z',
  });
  // A5: placed before the period (2026-06-01), 800 € due 2025-10-01, 200 € paid in the period, on a plan.
  caseOf.a5 = await insertCase(a.id, { openedOn: '2026-06-01', claims: [{ amountCents: 80_000, dueDate: '2025-10-01' }], status: 'payment_plan' });
  await pay(a.id, caseOf.a1, 40_000, '2026-10-10');
  await pay(a.id, caseOf.a1, 60_000, '2026-11-05');
  await pay(a.id, caseOf.a2, 10_000, '2026-10-20');
  await pay(a.id, caseOf.a5, 20_000, '2026-11-15');
  await exec(
    `insert into case_dispute (case_id, creditor_id, reason, opened_at, status_before, resolution, resolved_at) values
       (?, ?, 'montant', '2026-10-25T10:00:00Z', 'amicable', 'rejected', '2026-11-10T10:00:00Z'),
       (?, ?, 'facture', '2026-11-10T10:00:00Z', 'amicable', null, null)`,
    [caseOf.a2, a.id, caseOf.a3, a.id],
  );
  await exec(
    `insert into promise_to_pay (case_id, creditor_id, amount_cents, due_on, grace_days, status, made_on, made_at) values
       (?, ?, 10000, '2026-10-30', 3, 'kept', '2026-10-16', now()),
       (?, ?, 5000, '2026-11-12', 3, 'broken', '2026-11-03', now()),
       (?, ?, 5000, '2026-12-05', 3, 'pending', '2026-11-20', now())`,
    [caseOf.a2, a.id, caseOf.a3, a.id, caseOf.a1, a.id],
  );
  // Two active plans: A5's November instalment is unpaid past its grace days, A2's first one is due in December.
  for (const [caseId, dueOn] of [
    [caseOf.a5, '2026-11-01'],
    [caseOf.a2, '2026-12-10'],
  ] as const) {
    const [plan] = await exec<{ id: string }>(
      `insert into payment_plan (case_id, creditor_id, status, debt_cents, total_cents, frequency, grace_days, proposed_at, activated_on)
       values (?, ?, 'active', 40000, 40000, 'monthly', 3, now(), '2026-10-20') returning id`,
      [caseId, a.id],
    );
    await exec(`insert into payment_plan_installment (plan_id, creditor_id, index, kind, nominal_on, due_on, amount_cents) values (?, ?, 0, 'installment', ?, ?, 20000)`, [plan?.id, a.id, dueOn, dueOn]);
  }
  // The ledger: commission 100 € HT (+20 € VAT), legal costs 50 € advanced and 30 € billed, 400 € remitted.
  await post('commission_invoiced', '2026-11-10', commissionInvoicedPostings(a.id, { htCents: 10_000, vatCents: 2_000 }));
  await post('legal_cost_advanced', '2026-11-12', legalCostAdvancedPostings(a.id, 5_000));
  await post('legal_cost_billed', '2026-11-20', legalCostBilledPostings(a.id, 3_000));
  await post('remittance_sent', '2026-10-31', remittanceSentPostings(a.id, 40_000));
}

async function seedCreditorB() {
  // B1: another creditor's case, paid in full at once, with a large commission: never in A's figures.
  caseOf.b1 = await insertCase(b.id, { openedOn: '2026-10-05', claims: [{ amountCents: 999_900, dueDate: '2026-09-01' }], status: 'closed', outcome: 'paid', closedAt: '2026-10-06T10:00:00Z' });
  await pay(b.id, caseOf.b1, 999_900, '2026-10-06');
  await post('commission_invoiced', '2026-10-31', commissionInvoicedPostings(b.id, { htCents: 99_990, vatCents: 19_998 }));
}

const kpis = (token: string, query: string) => t.app.inject({ method: 'GET', url: `/api/v1/reports/kpis?${query}`, headers: bearer(token) });
const PERIOD = 'from=2026-10-01&to=2026-11-30';
type Body = { figures: { key: string; value: number | null; met: boolean | null; numerator: number; denominator: number }[] } & Record<string, unknown>;
const figureOf = (body: Body, key: string) => body.figures.find((row) => row.key === key);

// Once with row-level security and once without it: the application's own filters must isolate creditors alone.
describe.each([{ rowLevelSecurity: true }, { rowLevelSecurity: false }])('KPIs, row-level security $rowLevelSecurity', ({ rowLevelSecurity }) => {
  beforeAll(async () => {
    t = await createTestApp(rowLevelSecurity ? {} : { withoutRowLevelSecurity: true });
    t.clock.set('2026-12-15T10:00:00Z');
    a = await makeCreditor(t);
    b = await makeCreditor(t);
    await seedCreditorA();
    await seedCreditorB();
    tokenA = await login(t, await makeUser(t, 'creditor', a.id, { creditorRole: 'viewer' }));
    tokenB = await login(t, await makeUser(t, 'creditor', b.id));
    staffToken = await login(t, await makeUser(t, 'manager'));
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('GET /api/v1/reports/kpis for a creditor user', () => {
    it('computes each KPI of the period from the hand-made dataset', async () => {
      const response = await kpis(tokenA, PERIOD);
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json() as Body;
      expect(body.creditorId).toBe(a.id);
      expect(body.asOf).toBe('2026-11-30');
      // Placed in the period: A1..A4, 1 000 + 500 + 2 000 + 300 €; collected on them by the as-of date 1 000 + 100 €.
      expect(body.placed).toEqual({ cases: 4, amountCents: 380_000 });
      expect(figureOf(body, 'recoveryRate')).toMatchObject({ numerator: 110_000, denominator: 380_000, met: false });
      expect(figureOf(body, 'recoveryRate')?.value).toBeCloseTo(110_000 / 380_000, 10);
      expect(figureOf(body, 'recoveryRateByCount')).toMatchObject({ numerator: 1, denominator: 4, value: 0.25 });
      // A1 paid in full on 2026-11-05: 35 days after placement, 65 after its due date.
      expect(figureOf(body, 'collectionDelayDays')).toMatchObject({ value: 35, numerator: 35, denominator: 1, met: true });
      expect(figureOf(body, 'collectionDelayFromDueDays')).toMatchObject({ value: 65, met: null });
      // A2 and A3 disputed out of 4: one rejected, one still open.
      expect(figureOf(body, 'disputeRate')).toMatchObject({ value: 0.5, met: false });
      expect(body.disputes).toEqual({ upheld: 0, rejected: 1, settled: 0, open: 1 });
      // Collected in the period: 400 + 600 + 100 + 200 €; cost 100 € commission HT + 30 € legal costs billed = 10 %: not under 10 %.
      expect(body.collectedInPeriodCents).toBe(130_000);
      expect(body.costs).toEqual({ commissionCents: 10_000, legalCostsAdvancedCents: 5_000, legalCostsBorneCents: 3_000 });
      expect(figureOf(body, 'costRatio')).toMatchObject({ value: 0.1, met: false });
      expect(body.promises).toEqual({ kept: 1, broken: 1 });
      expect(figureOf(body, 'promisesKeptRate')?.value).toBe(0.5);
      expect(body.plans).toEqual({ active: 2, onSchedule: 1 });
      // Remitted 400 € in October; owed to the creditor at the as-of date 1 300 − 400 €.
      expect(body.remittedCents).toBe(40_000);
      expect(body.awaitingRemittanceCents).toBe(90_000);
    });

    it('ages the open balance, places the cases in the funnel and draws the cohorts', async () => {
      const body = (await kpis(tokenA, PERIOD)).json() as Body;
      // A3 2 000 € 10 days past due; A2 400 € 106 days; A5 600 € 425 days. A1 and A4 are closed.
      expect(body.ageing).toEqual([
        { bucket: '0-30', cases: 1, openCents: 200_000 },
        { bucket: '31-60', cases: 0, openCents: 0 },
        { bucket: '61-90', cases: 0, openCents: 0 },
        { bucket: '91-180', cases: 1, openCents: 40_000 },
        { bucket: '181-365', cases: 0, openCents: 0 },
        { bucket: '365+', cases: 1, openCents: 60_000 },
      ]);
      const funnel = Object.fromEntries((body.funnel as { stage: string; cases: number }[]).map((row) => [row.stage, row.cases]));
      expect(funnel).toMatchObject({ amicable: 0, mise_en_demeure: 1, legal: 1, closed_paid: 1, closed_prescribed: 1, closed_unrecoverable: 0 });
      // October's cohort: 1 500 € placed, 500 € collected in October, 1 100 € by the end of November.
      const cohorts = body.cohorts as { month: string; placedCents: number; points: { monthsSince: number; collectedCents: number; rate: number | null }[] }[];
      expect(cohorts.map((row) => row.month)).toEqual(['2026-10', '2026-11']);
      expect(cohorts[0]?.points.map((point) => point.collectedCents)).toEqual([50_000, 110_000]);
      expect(cohorts[0]?.points[1]?.rate).toBeCloseTo(110_000 / 150_000, 10);
      expect(cohorts[1]?.points).toEqual([{ monthsSince: 0, collectedCents: 0, rate: 0 }]);
      expect(body.byMonth).toEqual([
        { month: '2026-10', collectedCents: 50_000, remittedCents: 40_000 },
        { month: '2026-11', collectedCents: 80_000, remittedCents: 0 },
      ]);
    });

    it('never shows another creditor’s figures: another creditorId answers 404, the other creditor sees only its own', async () => {
      expect((await kpis(tokenA, `${PERIOD}&creditorId=${b.id}`)).statusCode).toBe(404);
      expect((await kpis(tokenA, `${PERIOD}&creditorId=${a.id}`)).statusCode).toBe(200);
      const own = (await kpis(tokenB, PERIOD)).json() as Body;
      expect(own.creditorId).toBe(b.id);
      expect(own.placed).toEqual({ cases: 1, amountCents: 999_900 });
      expect(own.collectedInPeriodCents).toBe(999_900);
      expect(own.costs).toMatchObject({ commissionCents: 99_990 });
    });

    it('refuses a period that ends before it starts, or a malformed date', async () => {
      const backwards = await kpis(tokenA, 'from=2026-11-30&to=2026-10-01');
      expect(backwards.statusCode).toBe(400);
      expect(backwards.json()).toMatchObject({ code: 'kpi_period_invalid', details: { problem: 'end_before_start' } });
      expect((await kpis(tokenA, 'from=2026-10&to=2026-11-30')).json().code).toBe('validation_failed');
    });
  });

  describe('GET /api/v1/reports/kpis for the agency', () => {
    it('asks for any creditor, or every creditor at once', async () => {
      const ofB = (await kpis(staffToken, `${PERIOD}&creditorId=${b.id}`)).json() as Body;
      expect(ofB).toMatchObject({ creditorId: b.id, placed: { cases: 1, amountCents: 999_900 } });
      expect(figureOf(ofB, 'recoveryRate')?.value).toBe(1);
      const all = (await kpis(staffToken, PERIOD)).json() as Body;
      expect(all).toMatchObject({ creditorId: null, placed: { cases: 5, amountCents: 1_379_900 }, collectedInPeriodCents: 1_129_900 });
      expect((all.costs as { commissionCents: number }).commissionCents).toBe(109_990);
      expect((await kpis(staffToken, `${PERIOD}&creditorId=${randomUUID()}`)).statusCode).toBe(404);
    });

    it('keeps the creditor dashboard working', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/api/v1/reports/creditor-dashboard', headers: bearer(tokenA) });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ creditorId: a.id, casesPlaced: 5 });
    });
  });

  describe('the KPIs’ SQL is the domain’s', () => {
    it('buckets every boundary day as ageingBucketOf does', async () => {
      const days = [-3, 0, 30, 31, 60, 61, 90, 91, 180, 181, 365, 366, 2000];
      const rows = await emExec(t.orm.em.fork())<{ day: number; bucket: string }>(
        `select day, ${ageingBucketSql('day')} as bucket from unnest(?::int[]) as day order by day`,
        [`{${days.join(',')}}`],
      );
      expect(rows.map((row) => row.bucket)).toEqual(days.map(ageingBucketOf));
    });
  });
});

describe('the KPIs’ lists are the domain’s', () => {
  it('the contracts list the same KPIs, buckets and stages', () => {
    expect([...contractKpiKeys]).toEqual([...kpiKeys]);
    expect([...ageingBucketKeys]).toEqual(AGEING_BUCKETS.map((bucket) => bucket.key));
    expect([...funnelStageKeys]).toEqual([...funnelStages]);
  });
});
