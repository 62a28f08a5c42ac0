import type { CaseStatus } from '@relance/domain/case-status';
import { DEFAULT_CONTACT_CAP } from '@relance/domain/contact-rules';
import { contactDecision, groupDueOn, nextGroupDay, type PauseReason, type PauseRules, pauseReasonOf, pauseRules, type StepTiming, stepDays } from '@relance/domain/dunning';
import { type GateFacts, gateDecision, type MandateFacts, mandateProblem, pauseGateCodes, prescribedClaims } from '@relance/domain/legal-gate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addEntry, clockAt } from '../src/features/cases/timeline.ts';
import { decisionInput } from '../src/features/dunning/run.ts';
import { decisionStatement, selectionStatement } from '../src/features/dunning/sql.ts';
import { emExec } from '../src/plugins/sql.ts';
import { makeCase, makeCreditor } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * PARITY: the dunning rules exist twice on purpose, once as the specification (packages/domain
 * dunning.ts: nextGroupDay, groupDueOn, pauseReasonOf, contactDecision, which production does not
 * call) and once set-based in the daily run's SQL (features/dunning/sql.ts). One table of cases is
 * run through both, on PostgreSQL, and every case must get the same decision. Change a threshold,
 * an order or a status list in the SQL only and a row of this table goes red. The pauses are also
 * the legal gate's refusals of an automatic demand (packages/domain legal-gate.ts gateDecision,
 * origin 'automatic', with the strategy's switches): the same table is asked of the gate too.
 */
let t: TestApp;
const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => (await t.orm.em.fork().execute(text, params)) as T[];

const TODAY = '2026-11-23';
const NOW = new Date('2026-11-23T10:00:00Z'); // Monday, 11:00 in Paris
const STEPS: (StepTiming & { channel: string })[] = [
  { offsetDays: 0, offsetFrom: 'placement', channel: 'letter' },
  { offsetDays: 0, offsetFrom: 'previous', channel: 'email' },
  { offsetDays: 5, offsetFrom: 'previous', channel: 'sms' },
  { offsetDays: 10, offsetFrom: 'previous', channel: 'letter' },
  { offsetDays: 30, offsetFrom: 'placement', channel: 'call_task' },
];
const DAYS = stepDays(STEPS); // [0, 0, 5, 15, 30]

type DunningCase = {
  name: string;
  /** 'on': the strategy pauses on plan, promise and legal; 'off': it does not. */
  strategy?: 'on' | 'off';
  openedOn?: string;
  cursorDay?: number | null;
  lastDoneOn?: string | null;
  status?: CaseStatus;
  paidInFull?: boolean;
  disputeOpen?: boolean;
  vulnerable?: boolean;
  openPlan?: boolean;
  pendingPromise?: boolean;
  /** The pending promise's due day (default 2026-11-30, a week ahead). */
  promiseDueOn?: string;
  /** Each claim's last day (C. civ. 2229: prescribed the day after); default one claim far ahead. */
  prescriptionDates?: string[];
  /** The debtor company's collective proceeding, by its judgment day (C. com. L622-21). */
  insolvencyJudgedOn?: string;
  /** The creditor's mandate (default: signed 2026-01-01, valid until 2027-12-31, not revoked). */
  mandate?: { signedOn?: string; validUntil?: string | null; revokedAt?: Date | null };
};

const dunningCases: DunningCase[] = [
  { name: 'placed today: J+0 goes' },
  { name: 'placed three days ago, nothing sent: J+0 goes late', openedOn: '2026-11-20' },
  { name: 'J+0 went on placement, J+5 due', openedOn: '2026-11-10', cursorDay: 0, lastDoneOn: '2026-11-10' },
  { name: 'J+0 went three days ago: J+5 not yet', openedOn: '2026-11-20', cursorDay: 0, lastDoneOn: '2026-11-20' },
  { name: 'catch-up: J+0 went late, J+5 keeps its spacing', openedOn: '2026-10-01', cursorDay: 0, lastDoneOn: '2026-11-20' },
  { name: 'catch-up: J+15 due exactly today', openedOn: '2026-10-01', cursorDay: 5, lastDoneOn: '2026-11-13' },
  { name: 'catch-up: J+15 due tomorrow', openedOn: '2026-10-01', cursorDay: 5, lastDoneOn: '2026-11-14' },
  { name: 'cursor between groups (a step removed): the next group after it', openedOn: '2026-10-01', cursorDay: 3, lastDoneOn: '2026-11-01' },
  { name: 'every group done', openedOn: '2026-09-01', cursorDay: 30, lastDoneOn: '2026-10-01' },
  { name: 'a new case goes', status: 'new' },
  { name: 'closed: never selected', status: 'closed' },
  { name: 'paid in full', paidInFull: true },
  { name: 'open dispute, strategy off', disputeOpen: true, strategy: 'off' },
  { name: 'status disputed', status: 'disputed' },
  { name: 'vulnerable', vulnerable: true, strategy: 'off' },
  { name: 'legal, strategy on', status: 'legal' },
  { name: 'legal, strategy off', status: 'legal', strategy: 'off' },
  { name: 'bailiff, strategy on', status: 'bailiff' },
  { name: 'under a plan, strategy on', status: 'payment_plan' },
  { name: 'under a plan, strategy off', status: 'payment_plan', strategy: 'off' },
  { name: 'plan awaiting approval, strategy on', openPlan: true },
  { name: 'plan awaiting approval, strategy off', openPlan: true, strategy: 'off' },
  { name: 'status promise, strategy on', status: 'promise' },
  { name: 'pending promise, strategy on', pendingPromise: true },
  { name: 'pending promise, strategy off', pendingPromise: true, strategy: 'off' },
  { name: 'dispute and vulnerable: dispute told first', disputeOpen: true, vulnerable: true },
  { name: 'paid and disputed: paid told first', paidInFull: true, disputeOpen: true },
  { name: 'vulnerable but nothing due yet', vulnerable: true, openedOn: '2026-11-20', cursorDay: 0, lastDoneOn: '2026-11-20' },
  { name: 'pending promise not yet due, strategy off: the gate still refuses a demand', pendingPromise: true, promiseDueOn: '2026-11-30', strategy: 'off' },
  { name: 'pending promise past its day, strategy off', pendingPromise: true, promiseDueOn: '2026-11-20', strategy: 'off' },
  { name: 'every claim prescribed (C. civ. 2229)', prescriptionDates: ['2026-11-22'], strategy: 'off' },
  { name: 'both claims prescribed', prescriptionDates: ['2025-01-31', '2026-06-30'] },
  { name: 'one claim of two prescribed: still contacted', prescriptionDates: ['2026-11-22', '2027-03-31'] },
  { name: 'a claim whose last day is today is not prescribed', prescriptionDates: ['2026-11-23'] },
  { name: 'prescribed and disputed: prescription told first', prescriptionDates: ['2026-01-01'], disputeOpen: true },
  { name: 'prescribed and paid: prescription told first', prescriptionDates: ['2026-01-01'], paidInFull: true },
  { name: 'mandate expired yesterday', mandate: { validUntil: '2026-11-22' }, strategy: 'off' },
  { name: 'mandate ends today: still in force', mandate: { validUntil: '2026-11-23' } },
  { name: 'mandate revoked yesterday', mandate: { revokedAt: new Date('2026-11-22T15:00:00Z') } },
  { name: 'mandate revoked an hour ago, open-ended', mandate: { validUntil: null, revokedAt: new Date('2026-11-23T09:00:00Z') } },
  { name: 'mandate not started yet', mandate: { signedOn: '2026-12-01' } },
  { name: 'mandate expired and every claim prescribed: mandate told first', mandate: { validUntil: '2026-10-31' }, prescriptionDates: ['2026-01-01'] },
  { name: 'mandate revoked, case under a plan', mandate: { revokedAt: new Date('2026-11-20T10:00:00Z') }, status: 'payment_plan' },
  { name: 'redressement judiciaire pronounced: collection stops (L622-21)', insolvencyJudgedOn: '2026-10-28', strategy: 'off' },
  { name: 'judgment pronounced today', insolvencyJudgedOn: '2026-11-23' },
  { name: 'judgment to come: not yet', insolvencyJudgedOn: '2026-11-30' },
  { name: 'proceedings and a dispute: proceedings told first', insolvencyJudgedOn: '2026-10-28', disputeOpen: true },
  { name: 'mandate expired and proceedings: mandate told first', insolvencyJudgedOn: '2026-10-28', mandate: { validUntil: '2026-10-31' } },
];

type StepDecision = { day: number; dueOn: string; pause: string | null } | null;

const rulesOf = (strategy: 'on' | 'off'): PauseRules => {
  const on = strategy === 'on';
  return { pauseOnPlan: on, pauseOnPromise: on, pauseOnLegal: on };
};

const DEFAULT_PRESCRIPTION = '2028-07-01';
const mandateOf = (c: DunningCase): MandateFacts => ({
  signedOn: c.mandate?.signedOn ?? '2026-01-01',
  validUntil: c.mandate?.validUntil === undefined ? '2027-12-31' : c.mandate.validUntil,
  revokedAt: c.mandate?.revokedAt ?? null,
  coversJudicial: false,
});
const claimsOf = (c: DunningCase) => (c.prescriptionDates ?? [DEFAULT_PRESCRIPTION]).map((date, i) => ({ ref: `F${i}`, prescriptionDate: date }));

/**
 * The legal gate's facts for a row of the table. A case's status stands for the row behind it (a
 * disputed case has an open dispute, a case under a plan an active plan, a promise case a promise
 * not yet due), as it does in the product.
 */
function gateFactsOf(c: DunningCase, status: CaseStatus): GateFacts {
  const promised = c.pendingPromise ? c.promiseDueOn ?? '2026-11-30' : status === 'promise' ? '2026-11-30' : null;
  return {
    status,
    demandableCents: c.paidInFull ? 0 : 150_000,
    claims: claimsOf(c),
    disputeOpen: (c.disputeOpen ?? false) || status === 'disputed',
    vulnerable: c.vulnerable ?? false,
    plan: c.openPlan ? 'pending_approval' : status === 'payment_plan' ? 'active' : null,
    promise: promised ? { dueOn: promised } : null,
    mandate: mandateOf(c),
    contactsInWindow: 0,
    oldestContactInWindow: null,
    cap: DEFAULT_CONTACT_CAP,
    reachable: { email: true, sms: true, phone: true, postal: true },
    proceedings: c.insolvencyJudgedOn ? [{ type: 'redressement', judgmentDate: c.insolvencyJudgedOn, publicationDate: null }] : [],
  };
}

/** The gate's refusal of an automatic demand, told as the run's pause reason (the first of pauseRules whose codes it gives). */
function gatePause(c: DunningCase, status: CaseStatus): PauseReason | null {
  const verdict = gateDecision(
    { action: { kind: 'message', channel: 'letter', purpose: 'demand' }, at: NOW, origin: 'automatic', pauseRules: rulesOf(c.strategy ?? 'on') },
    gateFactsOf(c, status),
  );
  if (verdict.decision === 'allowed') return null;
  const codes = verdict.reasons.map((reason) => reason.code as string);
  const rule = pauseRules.find((r) => pauseGateCodes[r.reason].some((code) => codes.includes(code)));
  // A refusal the run has no pause for would be a door left open: name it.
  return rule?.reason ?? (`unmapped: ${codes.join(', ')}` as PauseReason);
}

/** The specification: which step group is decided today, due when, paused why (null: none is selected). */
function domainDecision(c: DunningCase): (StepDecision & { gate?: PauseReason | null }) | null {
  const status = c.status ?? 'amicable';
  if (status === 'closed') return null; // the run leaves closed cases out; the dispatch holds them as 'closed'
  const cursor = { cursorDay: c.cursorDay ?? null, lastDoneOn: c.lastDoneOn ?? null };
  const day = nextGroupDay(DAYS, cursor.cursorDay);
  if (day === null) return null;
  const dueOn = groupDueOn(c.openedOn ?? TODAY, day, cursor);
  if (dueOn > TODAY) return null;
  const claims = claimsOf(c);
  const promiseDueOn = c.pendingPromise ? (c.promiseDueOn ?? '2026-11-30') : null;
  const pause = pauseReasonOf(
    {
      status,
      balanceCents: c.paidInFull ? 0 : 150_000,
      disputeOpen: c.disputeOpen ?? false,
      vulnerable: c.vulnerable ?? false,
      openPlan: c.openPlan ?? false,
      pendingPromise: c.pendingPromise ?? false,
      promiseNotYetDue: promiseDueOn !== null && promiseDueOn >= TODAY,
      mandateInForce: mandateProblem(mandateOf(c), TODAY, NOW) === null,
      everyClaimPrescribed: prescribedClaims(claims, TODAY).length === claims.length,
      insolvencyOpen: c.insolvencyJudgedOn !== undefined && c.insolvencyJudgedOn <= TODAY,
    },
    rulesOf(c.strategy ?? 'on'),
  );
  return { day, dueOn, pause, gate: gatePause(c, status) };
}

/** A strategy of the table's steps for a creditor, pausing on plan, promise and legal ('on') or not ('off'). */
async function makeStrategy(kind: 'on' | 'off', creditorId: string): Promise<string> {
  const on = kind === 'on';
  const [row] = await sql<{ id: string }>(
    `insert into dunning_strategy (name, creditor_id, pause_on_plan, pause_on_promise, pause_on_legal) values (?, ?, ?, ?, ?) returning id`,
    [`parity ${kind} ${creditorId}`, creditorId, on, on, on],
  );
  const id = (row as { id: string }).id;
  for (const [position, step] of STEPS.entries()) {
    const task = step.channel === 'call_task';
    await sql(
      `insert into dunning_step (strategy_id, position, offset_days, offset_from, day, channel, template, task_label) values (?, ?, ?, ?, ?, ?, ?, ?)`,
      [id, position, step.offsetDays, step.offsetFrom, DAYS[position], step.channel, task ? null : 'first_letter', task ? 'Appeler' : null],
    );
  }
  return id;
}

async function creditorWithMandate(mandate: MandateFacts): Promise<string> {
  const { id } = await makeCreditor(t, { mandateSignedOn: mandate.signedOn, mandateValidUntil: mandate.validUntil });
  await sql('update creditor set mandate_revoked_at = ? where id = ?', [mandate.revokedAt, id]);
  return id;
}

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(NOW);
  await sql(`update collection_case set status = 'closed' where status <> 'closed'`);
  await sql('update dunning_strategy set active = false');
});
afterAll(async () => t.close());

describe('dunning step selection and pauses: packages/domain = the run’s SQL', () => {
  it('every case of the table gets the same decision', async () => {
    const strategies: Record<'on' | 'off', { id: string; creditorId: string }> = {} as never;
    for (const kind of ['on', 'off'] as const) {
      const creditorId = (await makeCreditor(t)).id;
      strategies[kind] = { id: await makeStrategy(kind, creditorId), creditorId };
    }
    const ids = new Map<string, DunningCase>();
    for (const c of dunningCases) {
      // A case whose creditor's mandate is in question has a creditor of its own, on a strategy like the table's.
      const creditorId = c.mandate ? await creditorWithMandate(mandateOf(c)) : strategies[c.strategy ?? 'on'].creditorId;
      if (c.mandate) await makeStrategy(c.strategy ?? 'on', creditorId);
      const dates = c.prescriptionDates ?? [DEFAULT_PRESCRIPTION];
      const found = await makeCase(t, creditorId, dates.map(() => ({ amountCents: 150_000 / dates.length })));
      await sql(`update claim set prescription_date = (array[${dates.map(() => '?::date').join(', ')}])[n.i] from (
                   select id, row_number() over (order by id) as i from claim where case_id = ?) n where claim.id = n.id`, [...dates, found.id]);
      ids.set(found.id, c);
      await sql('update collection_case set opened_on = ?, status = ?, vulnerable_since = ? where id = ?', [
        c.openedOn ?? TODAY,
        c.status ?? 'amicable',
        c.vulnerable ? NOW : null,
        found.id,
      ]);
      if (c.insolvencyJudgedOn) {
        const siren = String(100_000_000 + ids.size).slice(0, 9);
        await sql('update debtor set siren = ? where id = (select debtor_id from collection_case where id = ?)', [siren, found.id]);
        await sql(`insert into registry_company (siren, name, status, provider, looked_up_at) values (?, 'PARITY SAS', 'active', 'local', ?)`, [siren, NOW]);
        await sql(`insert into registry_proceeding (siren, type, judgment_date) values (?, 'redressement', ?)`, [siren, c.insolvencyJudgedOn]);
      }
      if (c.paidInFull) await sql(`insert into payment (case_id, amount_cents, received_on, method) values (?, 150000, ?, 'transfer')`, [found.id, TODAY]);
      if (c.disputeOpen) {
        await sql(`insert into case_dispute (case_id, creditor_id, reason, opened_at, status_before) values (?, ?, 'parity', ?, 'amicable')`, [
          found.id,
          creditorId,
          NOW,
        ]);
      }
      if (c.openPlan) {
        await sql(
          `insert into payment_plan (case_id, creditor_id, status, debt_cents, total_cents, frequency, grace_days, proposed_at)
           values (?, ?, 'pending_approval', 150000, 150000, 'monthly', 3, ?)`,
          [found.id, creditorId, NOW],
        );
      }
      if (c.pendingPromise) {
        await sql(`insert into promise_to_pay (case_id, creditor_id, amount_cents, due_on, grace_days, made_on, made_at) values (?, ?, 1000, ?, 3, ?, ?)`, [
          found.id,
          creditorId,
          c.promiseDueOn ?? '2026-11-30',
          '2026-11-10',
          NOW,
        ]);
      }
      if (c.cursorDay !== undefined && c.cursorDay !== null) {
        await sql('insert into dunning_case (case_id, creditor_id, strategy_id, cursor_day, last_done_on) values (?, ?, ?, ?, ?)', [
          found.id,
          creditorId,
          strategies[c.strategy ?? 'on'].id,
          c.cursorDay,
          c.lastDoneOn ?? null,
        ]);
      }
    }

    const { sql: text, params } = selectionStatement(TODAY, NOW);
    const rows = await sql<{ case_id: string; day: number; due_on: string; pause_reason: string | null; new_group: boolean }>(
      `select s.case_id, s.day, s.due_on::text as due_on, s.pause_reason, s.new_group from (${text}) s`,
      [...params],
    );
    const fromSql = new Map<string, StepDecision>();
    for (const row of rows.filter((r) => r.new_group)) {
      const seen = fromSql.get(row.case_id);
      // Every step of the selected group carries the same day, due date and pause.
      if (seen) expect({ day: row.day, dueOn: row.due_on, pause: row.pause_reason }).toEqual(seen);
      fromSql.set(row.case_id, { day: row.day, dueOn: row.due_on, pause: row.pause_reason });
    }
    const got = [...ids].map(([id, c]) => ({ case: c.name, decision: fromSql.get(id) ?? null }));
    const decisions = [...ids].map(([, c]) => ({ case: c.name, decision: domainDecision(c) }));
    const expected = decisions.map(({ case: name, decision }) => ({ case: name, decision: decision && { day: decision.day, dueOn: decision.dueOn, pause: decision.pause } }));
    expect(got).toEqual(expected);
    // The legal gate refuses an automatic demand exactly where the run pauses, for the same reason.
    const gate = decisions.map(({ case: name, decision }) => ({ case: name, pause: decision?.gate ?? null }));
    expect(gate).toEqual(expected.map(({ case: name, decision }) => ({ case: name, pause: decision?.pause ?? null })));
    // The table covers every branch: groups decided, nothing due, and each pause reason but 'closed'.
    const pauses = new Set(expected.map((row) => row.decision?.pause).filter(Boolean));
    expect([...pauses].sort()).toEqual(['dispute', 'insolvency', 'legal', 'mandate', 'paid', 'plan', 'prescribed', 'promise', 'vulnerability']);
  });
});

type CapCase = { name: string; at: string; hoursAgo?: number[]; plannedBefore?: number; cap?: number };

const capCases: CapCase[] = [
  { name: 'no contact', at: '2026-11-23T10:00:00Z' },
  { name: 'two this week', at: '2026-11-23T10:00:00Z', hoursAgo: [20, 50] },
  { name: 'three this week: cap reached', at: '2026-11-23T10:00:00Z', hoursAgo: [20, 50, 100] },
  { name: 'two this week and one planned before in the run', at: '2026-11-23T10:00:00Z', hoursAgo: [20, 50], plannedBefore: 1 },
  { name: 'one week and one hour ago no longer counts', at: '2026-11-23T10:00:00Z', hoursAgo: [20, 50, 169] },
  { name: 'six days 23 hours ago still counts', at: '2026-11-23T10:00:00Z', hoursAgo: [20, 50, 167] },
  { name: 'six days and a half ago counts', at: '2026-11-23T10:00:00Z', hoursAgo: [2, 156, 157] },
  { name: 'freed before the window opens: deferred to the opening', at: '2026-11-23T10:00:00Z', hoursAgo: [1, 2, 149] },
  { name: 'freed on a Sunday: deferred to Monday', at: '2026-11-24T10:00:00Z', hoursAgo: [1, 2, 48] },
  { name: 'cap 1 with one contact', at: '2026-11-23T10:00:00Z', hoursAgo: [30], cap: 1 },
  { name: 'cap 5 with four contacts', at: '2026-11-23T10:00:00Z', hoursAgo: [1, 2, 3, 4], cap: 5 },
  { name: 'cap 5 with four contacts and one planned', at: '2026-11-23T10:00:00Z', hoursAgo: [1, 2, 3, 4], plannedBefore: 1, cap: 5 },
  { name: 'after 20:00 in Paris', at: '2026-11-23T19:30:00Z' },
  { name: 'Sunday', at: '2026-11-29T10:00:00Z', hoursAgo: [20, 50, 100] },
  { name: 'Christmas', at: '2026-12-25T10:00:00Z' },
];

describe('contact cap and window: packages/domain contactDecision = the run’s decision SQL', () => {
  it('every debtor of the table gets the same decision', async () => {
    const creditorId = (await makeCreditor(t)).id;
    const got: unknown[] = [];
    const expected: unknown[] = [];
    for (const c of capCases) {
      const at = new Date(c.at);
      const found = await makeCase(t, creditorId, [{ amountCents: 150_000 }]);
      const times = (c.hoursAgo ?? []).map((hours) => new Date(at.getTime() - hours * 3_600_000));
      for (const time of times) await addEntry(emExec(t.orm.em.fork()), clockAt(time), { caseId: found.id, kind: 'call', text: 'Appel', callOutcome: 'no_answer' });
      const planned = c.plannedBefore ?? 0;
      const cap = c.cap ?? DEFAULT_CONTACT_CAP;
      const [row] = await t.orm.em.fork().transactional(async (em) => {
        await em.execute(
          `create temp table dunning_candidate on commit drop as
           select c.id as case_id, d.identity_key, false as is_retry, '2026-11-01'::date + g as due_on, 0 as day, g as position,
                  null::text as pause_reason, false as skip, 'email'::text as channel
             from collection_case c join debtor d on d.id = c.debtor_id, generate_series(0, ?) g where c.id = ?`,
          [planned, found.id],
        );
        const { sql: text, params } = decisionStatement(decisionInput(at, cap));
        return await em.execute<{ status: string; deferred_reason: string | null; deferred_until: Date | null }[]>(
          `select d.status, d.deferred_reason, d.deferred_until from (${text}) d where d.position = ?`,
          [...params, planned],
        );
      });
      got.push({ case: c.name, ...row, deferred_until: row?.deferred_until ? new Date(row.deferred_until).toISOString() : null });
      const decision = contactDecision({ at, contactTimes: times, plannedBefore: planned, cap });
      expected.push(
        decision.go
          ? { case: c.name, status: 'pending', deferred_reason: null, deferred_until: null }
          : { case: c.name, status: 'deferred', deferred_reason: decision.reason, deferred_until: decision.until.toISOString() },
      );
    }
    expect(got).toEqual(expected);
    expect(new Set(expected.map((row) => (row as { status: string }).status))).toEqual(new Set(['pending', 'deferred']));
  });
});
