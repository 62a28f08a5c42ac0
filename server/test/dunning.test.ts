import { runOnce, type TaskList } from 'graphile-worker';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentWorkerLogger } from '../src/db/migrate.ts';
import { completePreview, simulatePreview, startPreview } from '../src/features/dunning/preview.ts';
import { dispatchBatch, recordRunProgress, runDunning } from '../src/features/dunning/run.ts';
import { dispatchDunningTask } from '../src/features/dunning/tasks/dunning__dispatch.ts';
import { previewDunningTask } from '../src/features/dunning/tasks/dunning__preview.ts';
import { runDunningTask } from '../src/features/dunning/tasks/dunning__run.ts';
import { inPgTransaction, pgExec } from '../src/plugins/sql.ts';
import { bearer, login, makeCase, makeCreditor, makeUser } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * The dunning engine on a real PostgreSQL: the seeded default strategy (J+0 letter + email, J+5 SMS,
 * J+15 letter + email, J+30 registered letter, J+40 and J+45 call tasks), the daily run moved through
 * time with the injectable clock, exactly once under reruns, concurrency and crashes.
 */
let t: TestApp;
let managerToken: string;
let agentToken: string;
let creditorA: string;
let creditorB: string;
let creditorAToken: string;

beforeAll(async () => {
  t = await createTestApp();
  creditorA = (await makeCreditor(t)).id;
  creditorB = (await makeCreditor(t)).id;
  managerToken = await login(t, await makeUser(t, 'manager'));
  agentToken = await login(t, await makeUser(t, 'agent'));
  creditorAToken = await login(t, await makeUser(t, 'creditor', creditorA));
});
afterAll(async () => t.close());
// Monday 23 November 2026, 11:00 in Paris.
beforeEach(() => t.clock.set('2026-11-23T10:00:00Z'));

const iso = (value: Date | string | null | undefined) => (value ? new Date(value).toISOString() : null);
const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => (await t.orm.em.fork().execute(text, params)) as T[];

/** Only this file's cases: each test makes its own, and the run decides for every open case of the database. */
async function closeEveryOpenCase() {
  await sql(`update collection_case set status = 'closed' where status <> 'closed'`);
}

async function newCase(creditorId = creditorA, options: { openedOn?: string; kind?: 'company' | 'person'; name?: string; amountCents?: number } = {}) {
  const found = await makeCase(t, creditorId, [{ amountCents: options.amountCents ?? 150_000 }], {
    kind: options.kind ?? 'person',
    ...(options.name ? { name: options.name } : {}),
  });
  await sql('update collection_case set opened_on = ? where id = ?', [options.openedOn ?? '2026-11-23', found.id]);
  // Reachable on every channel (the factory gives an e-mail only).
  await sql(`insert into debtor_phone (debtor_id, phone) values (?, '+33612345678')`, [found.debtorId]);
  await sql(`insert into debtor_address (debtor_id, line1, postal_code, city) values (?, '1 rue de la Paix', '75002', 'Paris')`, [found.debtorId]);
  return found;
}

type RunBody = {
  id: string;
  status: string;
  trigger: string;
  decided: number;
  deferred: number;
  paused: number;
  pausedByReason: Record<string, number>;
  byChannel: Record<string, number>;
  skipped: number;
  jobs: number;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  progress: { phase: string; phasesDone: number; phasesTotal: number; casesTotal: number | null; casesExamined: number; stepsDue: number | null };
};

async function postRun(headers: Record<string, string> = {}) {
  return await t.app.inject({ method: 'POST', url: '/api/v1/dunning/runs', headers: { ...bearer(managerToken), ...headers } });
}

async function getRun(id: string): Promise<RunBody> {
  const response = await t.app.inject({ method: 'GET', url: `/api/v1/dunning/runs/${id}`, headers: bearer(managerToken) });
  expect(response.statusCode).toBe(200);
  return response.json();
}

/** The worker with the given tasks only: other jobs (dispatch, messages) stay queued for the test to look at. */
async function workOn(taskList: TaskList) {
  await runOnce({ connectionString: t.databaseUrl, taskList, logger: silentWorkerLogger });
}

/** The manual run, as a manager would start it: 202 and a queued run, which the worker's dunning__run job completes. */
async function runNow(): Promise<RunBody> {
  const response = await postRun();
  expect(response.statusCode).toBe(202);
  expect(response.json().status).toBe('queued');
  await workOn({ dunning__run: runDunningTask({ secrets: t.secrets, clock: t.clock }) });
  const run = await getRun(response.json().id);
  expect(run.status).toBe('completed');
  return run;
}

/** The worker: only the dunning tasks (the messages feature's send jobs stay queued, as they are not under test here). */
async function work() {
  await workOn({ dunning__run: runDunningTask({ secrets: t.secrets, clock: t.clock }), dunning__dispatch: dispatchDunningTask({ secrets: t.secrets, clock: t.clock }) });
}

type PreviewBody = { at: string; asOf: string; channels: { channel: string; count: number; deferred: number; examples: { caseId: string }[] }[]; paused: number };
type PreviewComputation = {
  id: string;
  status: string;
  asOf: string;
  requestedBy: string | null;
  startedAt: string | null;
  computedAt: string | null;
  error: string | null;
  progress: RunBody['progress'];
  preview: PreviewBody | null;
};
type PreviewState = { asOf: string; at: string; latest: PreviewComputation | null; pending: PreviewComputation | null; failed: PreviewComputation | null };

async function postPreview(headers: Record<string, string> = {}) {
  return await t.app.inject({ method: 'POST', url: '/api/v1/dunning/previews', headers: { ...bearer(managerToken), ...headers } });
}

async function getPreviewState(): Promise<PreviewState> {
  const response = await t.app.inject({ method: 'GET', url: '/api/v1/dunning/preview', headers: bearer(managerToken) });
  expect(response.statusCode).toBe(200);
  return response.json();
}

async function getPreviewComputation(id: string): Promise<PreviewComputation> {
  const response = await t.app.inject({ method: 'GET', url: `/api/v1/dunning/previews/${id}`, headers: bearer(managerToken) });
  expect(response.statusCode).toBe(200);
  return response.json();
}

/** The worker with the preview task only. */
async function workOnPreviews() {
  await workOn({ dunning__preview: previewDunningTask({ secrets: t.secrets, clock: t.clock }) });
}

/** Previews queued by earlier tests' runs (the worker of this file leaves them queued), and their jobs, removed. */
async function clearPreviews() {
  await sql(`select graphile_worker.remove_job(key) from graphile_worker.jobs where task_identifier = 'dunning__preview'`);
  await sql('delete from dunning_preview');
}

/** What a pass writes, and what a run queues: a preview must leave all of it as it was. */
async function writtenCounts() {
  const [row] = await sql(
    `select (select count(*)::int from dunning_step_execution) as executions, (select count(*)::int from outbound_message) as messages,
            (select count(*)::int from dunning_case) as dunning_cases, (select count(*)::int from dunning_run) as runs,
            (select count(*)::int from activity) as activities,
            (select count(*)::int from graphile_worker.jobs where task_identifier <> 'dunning__preview') as jobs`,
  );
  return row;
}

async function executions(caseId: string) {
  return await sql<{ day: number; channel: string; template: string | null; status: string; deferred_reason: string | null; deferred_until: Date | null; message_id: string | null }>(
    `select day, channel, template, status, deferred_reason, deferred_until, message_id from dunning_step_execution where case_id = ? order by day, channel`,
    [caseId],
  );
}

async function messages(caseId: string) {
  return await sql<{ channel: string; template: string; status: string }>(
    'select channel, template, status from outbound_message where case_id = ? order by queued_at, channel',
    [caseId],
  );
}

async function dayAndRun(instant: string) {
  t.clock.set(instant);
  const counts = await runNow();
  await work();
  return counts;
}

describe('daily run: due steps, exactly once', () => {
  beforeEach(closeEveryOpenCase);

  it('J+0 sends the first letter (R124-4) and the email; a second run the same day sends nothing new', async () => {
    const found = await newCase();
    const first = await runNow();
    expect(first.decided).toBe(2);
    expect(first.byChannel).toEqual({ letter: 1, email: 1 });
    await work();
    expect(await messages(found.id)).toEqual([
      { channel: 'email', template: 'first_letter', status: 'queued' },
      { channel: 'letter', template: 'first_letter', status: 'queued' },
    ]);
    expect((await executions(found.id)).map((x) => [x.day, x.channel, x.status, x.message_id !== null])).toEqual([
      [0, 'email', 'done', true],
      [0, 'letter', 'done', true],
    ]);
    const second = await runNow();
    expect(second.decided).toBe(0);
    await work();
    expect(await messages(found.id)).toHaveLength(2);
    // The worker's crontab task does the same, and records its run like a manual one.
    await sql(`select graphile_worker.add_job('dunning__run', '{"_cron": {"ts": "2026-11-23T07:05:00Z"}}'::json)`);
    await work();
    expect(await messages(found.id)).toHaveLength(2);
    const [cron] = await sql<{ id: string }>(`select id from dunning_run where trigger = 'cron' order by requested_at desc limit 1`);
    const cronRun = await getRun(cron?.id as string);
    expect([cronRun.status, cronRun.decided, cronRun.progress.phase, cronRun.startedAt !== null, cronRun.finishedAt !== null]).toEqual(['completed', 0, 'done', true, true]);
  });

  it('a channel with no valid contact is skipped with its reason, not queued to fail; the other channel goes', async () => {
    const found = await newCase();
    await sql('delete from debtor_address where debtor_id = ?', [found.debtorId]);
    await sql('update debtor_email set valid = false where debtor_id = ?', [found.debtorId]);
    const run = await runNow();
    expect(run.decided).toBe(0);
    expect(run.skipped).toBe(2);
    await work();
    expect(await messages(found.id)).toEqual([]);
    const skipped = await sql<{ channel: string; status: string; skip_reason: string }>(
      'select channel, status, skip_reason from dunning_step_execution where case_id = ? order by channel',
      [found.id],
    );
    expect(skipped).toEqual([
      { channel: 'email', status: 'skipped', skip_reason: 'no_valid_email' },
      { channel: 'letter', status: 'skipped', skip_reason: 'no_valid_address' },
    ]);
    // An address found later does not resend the J+0 group; the case goes on to J+5 (SMS: the phone is valid).
    await sql(`insert into debtor_address (debtor_id, line1, postal_code, city) values (?, '2 rue Neuve', '69001', 'Lyon')`, [found.debtorId]);
    const later = await dayAndRun('2026-11-28T09:00:00Z');
    expect(later.byChannel).toEqual({ sms: 1 });
  });

  it('follows the default strategy through time: J+5 SMS, J+15 letter + email, J+30 registered letter, J+40 and J+45 call tasks', async () => {
    const found = await newCase();
    await dayAndRun('2026-11-23T10:00:00Z');
    await dayAndRun('2026-11-27T10:00:00Z'); // J+4: nothing
    expect(await messages(found.id)).toHaveLength(2);
    await dayAndRun('2026-11-28T10:00:00Z'); // J+5, a Saturday: allowed
    expect((await messages(found.id)).map((m) => m.channel)).toEqual(['email', 'letter', 'sms']);
    await dayAndRun('2026-12-08T10:00:00Z'); // J+15
    await dayAndRun('2026-12-23T10:00:00Z'); // J+30
    expect((await messages(found.id)).slice(3)).toEqual([
      { channel: 'email', template: 'firmer_reminder', status: 'queued' },
      { channel: 'letter', template: 'firmer_reminder', status: 'queued' },
      { channel: 'registered_letter', template: 'mise_en_demeure', status: 'queued' },
    ]);
    await dayAndRun('2027-01-02T10:00:00Z'); // J+40
    const [callback] = await sql<{ callback_due_at: Date | null }>('select callback_due_at from collection_case where id = ?', [found.id]);
    expect(iso(callback?.callback_due_at)).toBe('2027-01-02T10:00:00.000Z');
    await dayAndRun('2027-01-07T10:00:00Z'); // J+45
    const timeline = await sql<{ kind: string; text: string }>(`select kind, text from activity where case_id = ? and kind = 'callback' order by occurred_at`, [found.id]);
    expect(timeline.map((a) => a.text)).toEqual([
      'Tâche de relance J+40 : Appel avant action judiciaire.',
      'Tâche de relance J+45 : Revue juridique du dossier.',
    ]);
    expect(await messages(found.id)).toHaveLength(6);
    const again = await runNow();
    expect(again.decided).toBe(0);
  });

  it('catch-up after days down: the first letter first, then each later step once, spaced from the one before', async () => {
    // Placed 53 days ago and never worked (the system was down): only the first group goes today.
    const late = await newCase(creditorA, { openedOn: '2026-10-01' });
    const counts = await runNow();
    expect(counts.byChannel).toEqual({ letter: 1, email: 1 });
    await work();
    expect((await executions(late.id)).map((x) => x.day)).toEqual([0, 0]);
    // Three days down: the runs of 24-26 never happened. On the 27th: nothing (J+5 counts from the first letter, the 28th).
    await dayAndRun('2026-11-27T10:00:00Z');
    expect(await executions(late.id)).toHaveLength(2);
    // Down again for 3 weeks: the SMS goes once, the J+15 letters wait 10 days after it.
    await dayAndRun('2026-12-19T10:00:00Z');
    expect((await executions(late.id)).map((x) => [x.day, x.channel])).toEqual([[0, 'email'], [0, 'letter'], [5, 'sms']]);
    await dayAndRun('2026-12-28T10:00:00Z');
    expect(await executions(late.id)).toHaveLength(3);
    await dayAndRun('2026-12-29T10:00:00Z');
    expect((await executions(late.id)).map((x) => x.day)).toEqual([0, 0, 5, 15, 15]);
    expect(await messages(late.id)).toHaveLength(5);
  });

  it('two runs at once: one execution per (case, step), each message queued once', async () => {
    const cases = await Promise.all([newCase(), newCase(), newCase()]);
    const clients = [new pg.Client({ connectionString: t.databaseUrl }), new pg.Client({ connectionString: t.databaseUrl })];
    await Promise.all(clients.map((c) => c.connect()));
    try {
      const outcomes = await Promise.all(clients.map((client) => inPgTransaction(client, (exec) => runDunning(exec, t.clock, { trigger: 'cron' }))));
      expect(outcomes.map((o) => o.decided).sort()).toEqual([0, 6]);
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
    await work();
    for (const found of cases) expect(await messages(found.id)).toHaveLength(2);
    const [dupes] = await sql<{ n: number }>('select count(*)::int as n from (select case_id, step_id from dunning_step_execution group by 1, 2 having count(*) > 1) d');
    expect(dupes?.n).toBe(0);
  });

  it('a crash after the selection, then a rerun: nothing doubled; a dispatch that crashes is redone once', async () => {
    const found = await newCase();
    const client = new pg.Client({ connectionString: t.databaseUrl });
    await client.connect();
    try {
      // The run decides, then the process dies before commit: nothing happened.
      await client.query('begin');
      await runDunning(pgExec(client), t.clock, { trigger: 'cron' });
      await client.query('rollback');
      expect(await executions(found.id)).toHaveLength(0);
      // The retried run commits; the dispatch job dies mid-way (rolled back), then graphile-worker retries it.
      const outcome = await inPgTransaction(client, (exec) => runDunning(exec, t.clock, { trigger: 'cron' }));
      expect(outcome.decided).toBe(2);
      await client.query('begin');
      await dispatchBatch(pgExec(client), t.clock, outcome.runId, 0);
      await client.query('rollback');
      expect(await messages(found.id)).toHaveLength(0);
      await work();
      expect(await messages(found.id)).toHaveLength(2);
      // The same batch dispatched again (a job retried after its commit): nothing more.
      const again = await inPgTransaction(client, (exec) => dispatchBatch(exec, t.clock, outcome.runId, 0));
      expect(again).toEqual({ messages: 0, tasks: 0, held: 0 });
      // And the cron job retried after a commit: nothing new.
      expect((await inPgTransaction(client, (exec) => runDunning(exec, t.clock, { trigger: 'cron' }))).decided).toBe(0);
    } finally {
      await client.end();
    }
    expect(await messages(found.id)).toHaveLength(2);
  });
});

describe('manual run in the background', () => {
  beforeEach(closeEveryOpenCase);

  it('answers 202 with a queued run; the worker completes it with its progress and counts', async () => {
    const cases = [await newCase(), await newCase()];
    const response = await postRun();
    expect(response.statusCode).toBe(202);
    const queued = response.json() as RunBody;
    expect([queued.status, queued.trigger, queued.startedAt, queued.progress.phase, queued.progress.phasesDone]).toEqual(['queued', 'manual', null, 'queued', 0]);
    // Nothing is decided by the request itself.
    for (const found of cases) expect(await executions(found.id)).toHaveLength(0);
    expect((await getRun(queued.id)).status).toBe('queued');
    const listed = await t.app.inject({ method: 'GET', url: '/api/v1/dunning/runs?limit=200', headers: bearer(managerToken) });
    expect(listed.json().items.find((run: RunBody) => run.id === queued.id)).toMatchObject({ status: 'queued', startedAt: null });

    await workOn({ dunning__run: runDunningTask({ secrets: t.secrets, clock: t.clock }) });
    const done = await getRun(queued.id);
    expect(done).toMatchObject({ status: 'completed', decided: 4, byChannel: { letter: 2, email: 2 }, jobs: 1, error: null });
    expect(done.progress).toEqual({ phase: 'done', phasesDone: 4, phasesTotal: 4, casesTotal: 2, casesExamined: 2, stepsDue: 4 });
    expect(done.startedAt).not.toBeNull();
    expect(done.finishedAt).not.toBeNull();
    // The batches are the dispatch jobs' work, as before.
    await work();
    for (const found of cases) expect(await messages(found.id)).toHaveLength(2);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/dunning/runs/${cases[0]?.id}`, headers: bearer(managerToken) })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/dunning/runs/${queued.id}`, headers: bearer(agentToken) })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/dunning/runs/${queued.id}`, headers: bearer(creditorAToken) })).statusCode).toBe(403);
  });

  it('the progress is visible from another connection while the pass’s transaction is open', async () => {
    await newCase();
    const runId = (await postRun()).json().id as string;
    const seen: [string, string, number][] = [];
    const pass = new pg.Client({ connectionString: t.databaseUrl });
    const reporter = new pg.Client({ connectionString: t.databaseUrl });
    await Promise.all([pass.connect(), reporter.connect()]);
    try {
      await inPgTransaction(pass, (exec) =>
        runDunning(exec, t.clock, {
          trigger: 'manual',
          runId,
          onProgress: async (progress) => {
            await recordRunProgress(pgExec(reporter), runId, progress);
            const run = await getRun(runId);
            seen.push([run.status, run.progress.phase, run.progress.phasesDone]);
          },
        }),
      );
    } finally {
      await Promise.all([pass.end(), reporter.end()]);
    }
    expect(seen).toEqual([
      ['running', 'selecting', 0],
      ['running', 'deciding', 1],
      ['running', 'writing', 2],
      ['running', 'counting', 3],
    ]);
    expect((await getRun(runId)).status).toBe('completed');
    // Its job, run afterwards (as if retried after the commit), finds it completed and does nothing.
    await workOn({ dunning__run: runDunningTask({ secrets: t.secrets, clock: t.clock }) });
    expect((await getRun(runId)).decided).toBe(2);
  });

  it('a retried request (same Idempotency-Key) and a second request while it runs get the same run: one job, one pass', async () => {
    const found = await newCase();
    const first = await postRun({ 'idempotency-key': 'run-retry-1' });
    const retried = await postRun({ 'idempotency-key': 'run-retry-1' });
    const another = await postRun({ 'idempotency-key': 'run-other-click' });
    const plain = await Promise.all([postRun(), postRun(), postRun()]);
    for (const response of [first, retried, another, ...plain]) expect([response.statusCode, response.json().id]).toEqual([202, first.json().id]);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    const [jobs] = await sql<{ n: number }>(`select count(*)::int as n from graphile_worker.jobs where task_identifier = 'dunning__run'`);
    expect(jobs?.n).toBe(1);
    const [active] = await sql<{ n: number }>(`select count(*)::int as n from dunning_run where status in ('queued', 'running')`);
    expect(active?.n).toBe(1);
    await work();
    expect((await getRun(first.json().id)).decided).toBe(2);
    expect(await messages(found.id)).toHaveLength(2);
    // The replay still answers the first response; once the run is over, a new request starts a new run.
    const replay = await postRun({ 'idempotency-key': 'run-retry-1' });
    expect(replay.json().id).toBe(first.json().id);
    const next = await postRun();
    expect(next.json().id).not.toBe(first.json().id);
    await work();
    expect((await getRun(next.json().id)).decided).toBe(0);
    expect(await messages(found.id)).toHaveLength(2);
  });

  it('a failed attempt goes back to queued with its reason, the retry decides once; the last failed attempt marks the run failed', async () => {
    const found = await newCase();
    const runId = (await postRun()).json().id as string;
    const broken = { now: (): Date => { throw new Error('clock unavailable'); } };
    await workOn({ dunning__run: runDunningTask({ secrets: t.secrets, clock: broken }) });
    const retrying = await getRun(runId);
    expect([retrying.status, retrying.error, retrying.finishedAt]).toEqual(['queued', 'clock unavailable', null]);
    expect(retrying.progress).toMatchObject({ phase: 'queued', phasesDone: 0, stepsDue: null });
    expect(retrying.decided).toBe(0);
    expect(await executions(found.id)).toHaveLength(0);
    // graphile-worker's backoff, skipped: the retry runs now and completes the same run.
    await sql(`update graphile_worker._private_jobs set run_at = now() where key = ?`, [`dunning__run:${runId}`]);
    await work();
    const done = await getRun(runId);
    expect([done.status, done.error, done.decided]).toEqual(['completed', null, 2]);
    expect(await messages(found.id)).toHaveLength(2);
    const [dupes] = await sql<{ n: number }>('select count(*)::int as n from (select case_id, step_id from dunning_step_execution group by 1, 2 having count(*) > 1) d');
    expect(dupes?.n).toBe(0);

    // A run whose last attempt fails is failed; its job is gone and the next request starts a new run.
    const doomed = (await postRun()).json().id as string;
    await sql(`update graphile_worker._private_jobs set max_attempts = 1 where key = ?`, [`dunning__run:${doomed}`]);
    await workOn({ dunning__run: runDunningTask({ secrets: t.secrets, clock: broken }) });
    const failed = await getRun(doomed);
    expect([failed.status, failed.error, failed.finishedAt !== null]).toEqual(['failed', 'clock unavailable', true]);
    const [left] = await sql<{ n: number }>(`select count(*)::int as n from graphile_worker.jobs where key = ?`, [`dunning__run:${doomed}`]);
    expect(left?.n).toBe(0);
    const after = (await postRun()).json().id as string;
    expect(after).not.toBe(doomed);
    await work();

    // A job that died for good without its task recording it (a crash in its last attempt) does not
    // hold the "one manual run at a time" forever: the next request marks that run failed.
    const orphan = (await postRun()).json().id as string;
    await sql(`update graphile_worker._private_jobs set attempts = max_attempts where key = ?`, [`dunning__run:${orphan}`]);
    const fresh = (await postRun()).json().id as string;
    expect(fresh).not.toBe(orphan);
    expect(await getRun(orphan)).toMatchObject({ status: 'failed', error: 'job lost' });
    await work();
    expect((await getRun(fresh)).status).toBe('completed');
  });
});

describe('pauses and stops', () => {
  beforeEach(closeEveryOpenCase);

  it('dispute, vulnerability, plan, promise, paid in full, closed: nothing goes, the run counts why', async () => {
    const disputed = await newCase();
    await sql(`insert into case_dispute (case_id, creditor_id, reason, opened_at, status_before) values (?, ?, 'Facture contestée', now(), 'new')`, [disputed.id, creditorA]);
    const vulnerable = await newCase();
    await sql('update collection_case set vulnerable_since = now() where id = ?', [vulnerable.id]);
    const plan = await newCase();
    await sql(`update collection_case set status = 'payment_plan' where id = ?`, [plan.id]);
    const promised = await newCase();
    await sql(`update collection_case set status = 'promise' where id = ?`, [promised.id]);
    const paid = await newCase();
    await sql(`insert into payment (case_id, amount_cents, received_on, method) values (?, 150000, '2026-11-20', 'transfer')`, [paid.id]);
    const recalled = await newCase();
    // Recall by the creditor (closed) stops it for good.
    await sql(`update collection_case set status = 'closed', recalled_at = now() where id = ?`, [recalled.id]);
    const normal = await newCase();
    const counts = await runNow();
    expect(counts.decided).toBe(2);
    expect(counts.pausedByReason).toEqual({ dispute: 1, vulnerability: 1, plan: 1, promise: 1, paid: 1 });
    await work();
    for (const c of [disputed, vulnerable, plan, promised, paid, recalled]) expect(await executions(c.id)).toEqual([]);
    expect(await messages(normal.id)).toHaveLength(2);
    // The dispute is resolved: the sequence starts where it was (the first letter first).
    await sql(`update case_dispute set resolved_at = now(), resolution = 'rejected' where case_id = ?`, [disputed.id]);
    t.clock.set('2026-11-30T10:00:00Z');
    await runNow();
    await work();
    expect((await executions(disputed.id)).map((x) => [x.day, x.channel])).toEqual([[0, 'email'], [0, 'letter']]);
  });

  it('a case paused between the decision and the dispatch is held back (deferred, reason paused) and goes after the pause', async () => {
    const found = await newCase();
    await runNow();
    await sql('update collection_case set vulnerable_since = now() where id = ?', [found.id]);
    await work();
    expect((await executions(found.id)).map((x) => [x.status, x.deferred_reason])).toEqual([['deferred', 'paused'], ['deferred', 'paused']]);
    expect(await messages(found.id)).toHaveLength(0);
    const notes = await sql<{ text: string }>(`select text from activity where case_id = ? and text like 'Relances suspendues%'`, [found.id]);
    expect(notes.map((n) => n.text)).toEqual(['Relances suspendues avant envoi (vulnérabilité) : reprise automatique à la fin de la pause.']);
    t.clock.set('2026-11-24T10:00:00Z');
    expect((await runNow()).paused).toBe(1);
    await sql('update collection_case set vulnerable_since = null where id = ?', [found.id]);
    await runNow();
    await work();
    expect((await messages(found.id)).map((m) => m.channel)).toEqual(['email', 'letter']);
  });
});

describe('contact window and cap: deferred with the reason', () => {
  beforeEach(closeEveryOpenCase);

  it('after 20:00 in Paris: deferred to 08:00 the next morning, the case says why, then sent', async () => {
    const found = await newCase();
    t.clock.set('2026-11-23T19:30:00Z'); // 20:30 in Paris
    const counts = await runNow();
    expect(counts.deferred).toBe(2);
    const deferred = await executions(found.id);
    expect(deferred.map((x) => [x.status, x.deferred_reason, iso(x.deferred_until)])).toEqual([
      ['deferred', 'outside_hours', '2026-11-24T07:00:00.000Z'],
      ['deferred', 'outside_hours', '2026-11-24T07:00:00.000Z'],
    ]);
    const notes = await sql<{ text: string }>(`select text from activity where case_id = ? and kind = 'note' and text like 'Relance%'`, [found.id]);
    expect(notes.map((n) => n.text)).toContain('Relance J+0 (courrier) reportée au 24/11/2026 à 08:00 : hors des heures de contact (8 h - 20 h).');
    // A rerun the same evening: still deferred, no second note.
    await runNow();
    expect(await sql(`select 1 from activity where case_id = ? and kind = 'note' and text like 'Relance%'`, [found.id])).toHaveLength(2);
    await dayAndRun('2026-11-24T07:05:00Z');
    expect(await messages(found.id)).toHaveLength(2);
    expect((await executions(found.id)).every((x) => x.status === 'done')).toBe(true);
  });

  it('Sunday and public holidays: deferred to the next allowed day (Christmas Friday -> Saturday 26th 08:00)', async () => {
    const sunday = await newCase(creditorA, { openedOn: '2026-11-29' });
    t.clock.set('2026-11-29T09:00:00Z');
    await runNow();
    expect((await executions(sunday.id)).map((x) => [x.deferred_reason, iso(x.deferred_until)])[0]).toEqual(['closed_day', '2026-11-30T07:00:00.000Z']);
    await closeEveryOpenCase();
    const christmas = await newCase(creditorA, { openedOn: '2026-12-25' });
    t.clock.set('2026-12-25T09:00:00Z');
    await runNow();
    expect((await executions(christmas.id)).map((x) => [x.deferred_reason, iso(x.deferred_until)])[0]).toEqual(['public_holiday', '2026-12-26T07:00:00.000Z']);
    // Summer time: a deferral on 14 July (holiday) goes to 08:00 Paris = 06:00 UTC on the 15th.
    await closeEveryOpenCase();
    const july = await newCase(creditorA, { openedOn: '2027-07-14' });
    t.clock.set('2027-07-14T09:00:00Z');
    await runNow();
    expect((await executions(july.id)).map((x) => iso(x.deferred_until))[0]).toBe('2027-07-15T06:00:00.000Z');
  });

  it('the cap counts contacts across creditors: the same person owing two creditors gets at most 3 in 7 days', async () => {
    const name = `Homonyme-${Date.now()}`;
    const atA = await newCase(creditorA, { name, openedOn: '2026-11-10' });
    const atB = await newCase(creditorB, { name });
    const [keys] = await sql<{ n: number }>(
      'select count(distinct d.identity_key)::int as n from collection_case c join debtor d on d.id = c.debtor_id where c.id in (?, ?)',
      [atA.id, atB.id],
    );
    expect(keys?.n).toBe(1);
    // Two calls logged on creditor A's case this week.
    await sql(`update collection_case set status = 'legal' where id = ?`, [atA.id]);
    for (const at of ['2026-11-18T09:00:00Z', '2026-11-20T09:00:00Z']) {
      await sql(`insert into activity (case_id, kind, text, occurred_at) values (?, 'call', 'Appel', ?)`, [atA.id, at]);
    }
    const counts = await runNow();
    expect(counts.decided).toBe(1);
    expect(counts.deferred).toBe(1);
    const rows = await executions(atB.id);
    const deferred = rows.find((x) => x.status === 'deferred');
    // The oldest call (18th 09:00 UTC) leaves the 7 days on the 25th at 09:00 UTC, inside the window.
    expect([deferred?.deferred_reason, iso(deferred?.deferred_until)]).toEqual(['contact_cap_reached', '2026-11-25T09:00:00.000Z']);
    const notes = await sql<{ text: string }>(`select text from activity where case_id = ? and text like 'Relance%'`, [atB.id]);
    expect(notes[0]?.text).toMatch(/plafond de contacts sur 7 jours atteint/);
    await work();
    expect(await messages(atB.id)).toHaveLength(1);
    await dayAndRun('2026-11-24T10:00:00Z');
    expect(await messages(atB.id)).toHaveLength(1);
    await dayAndRun('2026-11-25T10:00:00Z');
    expect(await messages(atB.id)).toHaveLength(2);
  });
});

describe('strategies', () => {
  beforeEach(closeEveryOpenCase);

  it('the seeded default for France is exactly the issue’s', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/dunning/strategies', headers: bearer(agentToken) });
    expect(response.statusCode).toBe(200);
    const fallback = response.json().items.find((s: { creditorId: string | null; debtorKind: string | null }) => s.creditorId === null && s.debtorKind === null);
    expect(fallback.steps.map((s: { day: number; channel: string; template: string | null; taskLabel: string | null }) => [s.day, s.channel, s.template ?? s.taskLabel])).toEqual([
      [0, 'letter', 'first_letter'],
      [0, 'email', 'first_letter'],
      [5, 'sms', 'first_letter'],
      [15, 'letter', 'firmer_reminder'],
      [15, 'email', 'firmer_reminder'],
      [30, 'registered_letter', 'mise_en_demeure'],
      [40, 'call_task', 'Appel avant action judiciaire'],
      [45, 'call_task', 'Revue juridique du dossier'],
    ]);
  });

  it('a creditor’s strategy for a segment overrides the default; conditions skip a step; other cases keep the default', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dunning/strategies',
      headers: bearer(managerToken),
      payload: {
        name: 'Pros de A',
        creditorId: creditorA,
        debtorKind: 'company',
        steps: [
          { offsetDays: 0, channel: 'email', template: 'first_letter' },
          { offsetDays: 0, channel: 'letter', template: 'first_letter', minBalanceCents: 1_000_000 },
          { offsetDays: 3, offsetFrom: 'previous', channel: 'call_task', taskLabel: 'Appel de courtoisie' },
        ],
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().steps.map((s: { day: number }) => s.day)).toEqual([0, 0, 3]);
    const pro = await newCase(creditorA, { kind: 'company' });
    const consumer = await newCase(creditorA, { kind: 'person' });
    const other = await newCase(creditorB, { kind: 'company' });
    const counts = await runNow();
    expect(counts.skipped).toBe(1);
    await work();
    expect((await executions(pro.id)).map((x) => [x.channel, x.status])).toEqual([['email', 'done'], ['letter', 'skipped']]);
    expect((await executions(consumer.id)).map((x) => x.channel)).toEqual(['email', 'letter']);
    expect((await executions(other.id)).map((x) => x.channel)).toEqual(['email', 'letter']);
    await dayAndRun('2026-11-26T10:00:00Z');
    expect((await executions(pro.id)).map((x) => x.channel)).toEqual(['email', 'letter', 'call_task']);
    // The counts per step.
    const strategy = await t.app.inject({ method: 'GET', url: `/api/v1/dunning/strategies/${created.json().id}`, headers: bearer(managerToken) });
    expect(strategy.json().steps.map((s: { casesAtStep: number }) => s.casesAtStep)).toEqual([0, 0, 1]);
    // Only one active strategy per creditor and segment.
    const twice = await t.app.inject({ method: 'POST', url: '/api/v1/dunning/strategies', headers: bearer(managerToken), payload: { name: 'Doublon', creditorId: creditorA, debtorKind: 'company' } });
    expect([twice.statusCode, twice.json().code, twice.json().details?.reason]).toEqual([409, 'dunning_segment_taken', 'segment_taken']);
    // The segment of an existing strategy is edited the same way: moving another one onto it is refused too.
    const consumerStrategy = await t.app.inject({ method: 'POST', url: '/api/v1/dunning/strategies', headers: bearer(managerToken), payload: { name: 'Particuliers A', creditorId: creditorA, debtorKind: 'person' } });
    expect(consumerStrategy.statusCode).toBe(201);
    const moved = await t.app.inject({ method: 'PATCH', url: `/api/v1/dunning/strategies/${consumerStrategy.json().id}`, headers: bearer(managerToken), payload: { debtorKind: 'company' } });
    expect([moved.statusCode, moved.json().code]).toEqual([409, 'dunning_segment_taken']);
    const banded = await t.app.inject({ method: 'PATCH', url: `/api/v1/dunning/strategies/${consumerStrategy.json().id}`, headers: bearer(managerToken), payload: { minBalanceCents: 100_000_00, maxBalanceCents: 200_000_00 } });
    expect([banded.statusCode, banded.json().minBalanceCents, banded.json().maxBalanceCents]).toEqual([200, 100_000_00, 200_000_00]);
    await t.app.inject({ method: 'PATCH', url: `/api/v1/dunning/strategies/${consumerStrategy.json().id}`, headers: bearer(managerToken), payload: { active: false } });
    await t.app.inject({ method: 'PATCH', url: `/api/v1/dunning/strategies/${created.json().id}`, headers: bearer(managerToken), payload: { active: false } });
  });

  it('editing a step never resends it to cases that already got it; a step that goes back in time is refused', async () => {
    const found = await newCase();
    await dayAndRun('2026-11-23T10:00:00Z');
    await dayAndRun('2026-11-28T10:00:00Z');
    expect(await messages(found.id)).toHaveLength(3);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/dunning/strategies', headers: bearer(managerToken) });
    const fallback = list.json().items.find((s: { creditorId: string | null; debtorKind: string | null }) => s.creditorId === null && s.debtorKind === null);
    const sms = fallback.steps[2];
    // Move the SMS to J+7 with another template: the case already had it, so J+7 sends nothing to it.
    const edited = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/dunning/strategies/${fallback.id}/steps/${sms.id}`,
      headers: bearer(managerToken),
      payload: { offsetDays: 7, template: 'firmer_reminder' },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().version).toBe(fallback.version + 1);
    expect(edited.json().steps[2]).toMatchObject({ id: sms.id, day: 7, template: 'firmer_reminder' });
    await dayAndRun('2026-11-30T10:00:00Z');
    expect(await messages(found.id)).toHaveLength(3);
    // The e-mail at J+20 while the SMS after it is at J+7: refused.
    const backwards = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/dunning/strategies/${fallback.id}/steps/${fallback.steps[1].id}`,
      headers: bearer(managerToken),
      payload: { offsetDays: 20 },
    });
    expect([backwards.statusCode, backwards.json().details?.reason]).toEqual([400, 'steps_out_of_order']);
    const shape = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/dunning/strategies/${fallback.id}/steps/${sms.id}`,
      headers: bearer(managerToken),
      payload: { channel: 'call_task' },
    });
    expect(shape.statusCode).toBe(400);
    // Put it back.
    const back = await t.app.inject({ method: 'PATCH', url: `/api/v1/dunning/strategies/${fallback.id}/steps/${sms.id}`, headers: bearer(managerToken), payload: { offsetDays: 5, template: 'first_letter' } });
    expect(back.statusCode).toBe(200);
  });
});

describe('preview, history, access', () => {
  beforeEach(closeEveryOpenCase);

  it('previews tomorrow per channel with examples, computed by the worker after a run; writes nothing; the history lists runs', async () => {
    const today = await newCase(creditorA, { openedOn: '2026-11-23' });
    await runNow();
    await work();
    const tomorrow = await newCase(creditorA, { openedOn: '2026-11-24' });
    // The run queued a fresh preview in its transaction; nothing is computed in the request.
    const before = await getPreviewState();
    expect(before.latest).toBeNull();
    expect(before.pending).toMatchObject({ status: 'queued', requestedBy: null, computedAt: null, preview: null });
    expect([before.asOf, before.at]).toEqual(['2026-11-24', '2026-11-24T07:05:00.000Z']);
    const written = await writtenCounts();
    t.clock.set('2026-11-23T10:02:00Z');
    await workOnPreviews();
    expect(await writtenCounts()).toEqual(written);
    const state = await getPreviewState();
    expect(state.pending).toBeNull();
    expect(state.latest).toMatchObject({ id: before.pending?.id, status: 'completed', computedAt: '2026-11-23T10:02:00.000Z', error: null });
    expect(state.latest?.progress).toMatchObject({ phase: 'done', phasesDone: 4, phasesTotal: 4 });
    const preview = state.latest?.preview as PreviewBody;
    expect([preview.at, preview.asOf]).toEqual(['2026-11-24T07:05:00.000Z', '2026-11-24']);
    const letters = preview.channels.find((c) => c.channel === 'letter');
    expect([letters?.count, letters?.examples.length, letters?.examples[0]?.caseId]).toEqual([1, 1, tomorrow.id]);
    expect(await executions(today.id)).toHaveLength(2);
    expect(await executions(tomorrow.id)).toHaveLength(0);
    expect(await sql('select 1 from dunning_case where case_id = ?', [tomorrow.id])).toHaveLength(0);
    const runs = await t.app.inject({ method: 'GET', url: '/api/v1/dunning/runs?limit=200', headers: bearer(managerToken) });
    expect(runs.statusCode).toBe(200);
    expect(runs.json().items.some((r: { trigger: string; asOf: string; decided: number }) => r.trigger === 'manual' && r.asOf === '2026-11-23' && r.decided === 2)).toBe(true);
    // The next day, that preview is yesterday's: none for the new tomorrow until one is computed.
    t.clock.set('2026-11-24T10:00:00Z');
    expect((await getPreviewState()).latest).toBeNull();
  });

  it('POST answers 202 with a queued computation; the worker completes it with its progress; GET previews/{id} follows it', async () => {
    await clearPreviews();
    expect(await getPreviewState()).toMatchObject({ latest: null, pending: null, failed: null });
    await newCase(creditorA, { openedOn: '2026-11-24' });
    const written = await writtenCounts();
    const response = await postPreview();
    expect(response.statusCode).toBe(202);
    const queued = response.json() as PreviewComputation;
    expect([queued.status, queued.asOf, queued.startedAt, queued.computedAt, queued.preview, queued.progress.phase]).toEqual(['queued', '2026-11-24', null, null, null, 'queued']);
    expect((await getPreviewState()).pending?.id).toBe(queued.id);
    const [job] = await sql<{ key: string; max_attempts: number }>(`select key, max_attempts from graphile_worker.jobs where task_identifier = 'dunning__preview'`);
    expect(job?.key).toBe(`dunning__preview:${queued.id}`);
    await workOnPreviews();
    const done = await getPreviewComputation(queued.id);
    expect([done.status, done.error, done.startedAt !== null, done.computedAt !== null]).toEqual(['completed', null, true, true]);
    expect(done.progress).toMatchObject({ phase: 'done', phasesDone: 4, phasesTotal: 4, casesTotal: 1, casesExamined: 1, stepsDue: 2 });
    expect(done.preview?.channels.filter((c) => c.count > 0).map((c) => [c.channel, c.count])).toEqual([['letter', 1], ['email', 1]]);
    // Nothing was written by the simulation, nothing was queued (no dispatch job, no run recorded).
    expect(await writtenCounts()).toEqual(written);
    expect((await getPreviewState()).latest?.id).toBe(queued.id);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/dunning/previews/${queued.id}`, headers: bearer(agentToken) })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/dunning/previews/${creditorA}`, headers: bearer(managerToken) })).statusCode).toBe(404);
    // Its job, run again (as if retried after the result was stored), does nothing.
    await sql(`select graphile_worker.add_job('dunning__preview', json_build_object('previewId', ?::text))`, [queued.id]);
    await workOnPreviews();
    expect((await getPreviewComputation(queued.id)).computedAt).toBe(done.computedAt);
  });

  it('concurrent requests and a retried request (same Idempotency-Key) get the same computation: one job', async () => {
    await clearPreviews();
    await newCase(creditorA, { openedOn: '2026-11-24' });
    const first = await postPreview({ 'idempotency-key': 'preview-retry-1' });
    const retried = await postPreview({ 'idempotency-key': 'preview-retry-1' });
    const plain = await Promise.all([postPreview(), postPreview(), postPreview({ 'idempotency-key': 'preview-other-click' })]);
    for (const response of [first, retried, ...plain]) expect([response.statusCode, response.json().id]).toEqual([202, first.json().id]);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    const [jobs] = await sql<{ n: number }>(`select count(*)::int as n from graphile_worker.jobs where task_identifier = 'dunning__preview'`);
    expect(jobs?.n).toBe(1);
    // While it runs, a request still gets it.
    await sql(`update dunning_preview set status = 'running' where id = ?`, [first.json().id]);
    expect((await postPreview()).json().id).toBe(first.json().id);
    await sql(`update dunning_preview set status = 'queued' where id = ?`, [first.json().id]);
    await workOnPreviews();
    expect((await getPreviewComputation(first.json().id)).status).toBe('completed');
    // Once it is done, a new request computes again.
    const next = await postPreview();
    expect(next.json().id).not.toBe(first.json().id);
    // A computation whose job died for good without its task recording it does not block the next request.
    await sql(`update graphile_worker._private_jobs set attempts = max_attempts where key = ?`, [`dunning__preview:${next.json().id}`]);
    const fresh = await postPreview();
    expect(fresh.json().id).not.toBe(next.json().id);
    expect(await getPreviewComputation(next.json().id)).toMatchObject({ status: 'failed', error: 'job lost' });
    expect((await getPreviewState()).pending?.id).toBe(fresh.json().id);
    await clearPreviews();
  });

  it('the simulation never waits for the run lock; a locked table fails the attempt quickly (retried), never a hung job', async () => {
    await clearPreviews();
    await newCase(creditorA, { openedOn: '2026-11-24' });
    const holder = new pg.Client({ connectionString: t.databaseUrl });
    await holder.connect();
    try {
      // A run in progress holds the run lock: the preview (which writes nothing that lasts) does not wait for it.
      await holder.query('begin');
      await holder.query(`select pg_advisory_xact_lock(hashtext('dunning__run'))`);
      const during = (await postPreview()).json() as PreviewComputation;
      await workOnPreviews();
      expect((await getPreviewComputation(during.id)).status).toBe('completed');
      // A table it must write (rolled back) locked longer than it may wait: the attempt fails on lock_timeout
      // and goes back to queued with its reason, for graphile-worker to retry later.
      await holder.query('lock table dunning_step_execution in exclusive mode');
      const blocked = (await postPreview()).json() as PreviewComputation;
      await workOnPreviews();
      const retrying = await getPreviewComputation(blocked.id);
      expect([retrying.status, retrying.progress.phase, retrying.computedAt]).toEqual(['queued', 'queued', null]);
      expect(retrying.error).toMatch(/lock timeout/);
    } finally {
      await holder.query('rollback');
      await holder.end();
    }
    const state = await getPreviewState();
    expect(state.pending?.error).toMatch(/lock timeout/);
    // A run deciding (its row says running): the attempt gives way instead of making the run wait on its rows.
    const [deciding] = await sql<{ id: string }>(
      `insert into dunning_run (trigger, as_of, requested_at, started_at, status) values ('cron', '2026-11-23', ?, ?, 'running') returning id`,
      [t.clock.now(), t.clock.now()],
    );
    await sql(`update graphile_worker._private_jobs set run_at = now() where key like 'dunning__preview:%'`);
    await workOnPreviews();
    expect((await getPreviewState()).pending).toMatchObject({ status: 'queued', error: 'a dunning run is deciding: the preview is computed after it' });
    await sql(`update dunning_run set status = 'completed', finished_at = now() where id = ?`, [deciding?.id]);
    await sql(`update graphile_worker._private_jobs set run_at = now() where key like 'dunning__preview:%'`);
    await workOnPreviews();
    expect((await getPreviewState()).latest).toMatchObject({ status: 'completed', error: null });
    // The last attempt failing marks it failed; the screen is told (failed), the stored one stays.
    const doomed = (await postPreview()).json() as PreviewComputation;
    await sql(`update graphile_worker._private_jobs set max_attempts = 1 where key = ?`, [`dunning__preview:${doomed.id}`]);
    await workOn({ dunning__preview: previewDunningTask({ secrets: t.secrets, clock: { now: (): Date => { throw new Error('clock unavailable'); } } }) });
    const after = await getPreviewState();
    expect([after.pending, after.failed?.id, after.failed?.status, after.failed?.error, after.latest?.status]).toEqual([null, doomed.id, 'failed', 'clock unavailable', 'completed']);
  });

  it('a run that reaches its writes while a preview computes cancels the simulation: the run never waits for it', async () => {
    await clearPreviews();
    const found = await newCase(creditorA, { openedOn: '2026-11-23' });
    const simulation = new pg.Client({ connectionString: t.databaseUrl });
    await simulation.connect();
    try {
      // A preview's transaction (named like the worker's) holding uncommitted rows for the same (case, step),
      // still busy computing.
      await simulation.query('begin');
      await simulation.query(`set local application_name = 'relance:dunning__preview'`);
      await runDunning(pgExec(simulation), { now: () => new Date('2026-11-24T07:05:00Z') }, { trigger: 'cron', lock: false });
      const busy = simulation.query('select pg_sleep(120)').then(
        () => 'not cancelled',
        async (error: Error) => {
          await simulation.query('rollback');
          return error.message;
        },
      );
      const run = await runNow();
      expect(run.decided).toBe(2);
      expect(await busy).toMatch(/canceling statement due to user request/);
    } finally {
      await simulation.end();
    }
    await work();
    expect(await messages(found.id)).toHaveLength(2);
  });

  it('a run queues a fresh preview; one under way when a run commits is recomputed once it ends', async () => {
    await clearPreviews();
    await newCase(creditorA, { openedOn: '2026-11-24' });
    // Queued when the run commits: it starts after, so it is the fresh one (no second computation).
    const queued = (await postPreview()).json() as PreviewComputation;
    await runNow();
    const [jobs] = await sql<{ n: number }>(`select count(*)::int as n from graphile_worker.jobs where task_identifier = 'dunning__preview'`);
    expect(jobs?.n).toBe(1);
    await workOnPreviews();
    expect((await getPreviewComputation(queued.id)).status).toBe('completed');
    expect((await getPreviewState()).pending).toBeNull();
    // The daily run (crontab) queues one the same way.
    await sql(`select graphile_worker.add_job('dunning__run', '{"_cron": {"ts": "2026-11-23T07:05:00Z"}}'::json)`);
    await work();
    const afterCron = await getPreviewState();
    expect(afterCron.pending).toMatchObject({ status: 'queued', requestedBy: null });
    await workOnPreviews();
    // Running when a run commits: its snapshot predates the run's decisions. Its result is kept and a
    // fresh one is queued when it ends.
    const running = (await postPreview()).json() as PreviewComputation;
    const client = new pg.Client({ connectionString: t.databaseUrl });
    await client.connect();
    try {
      const at = await startPreview(pgExec(client), t.clock, running.id);
      expect(at?.toISOString()).toBe('2026-11-24T07:05:00.000Z');
      await runNow();
      expect((await getPreviewState()).pending?.id).toBe(running.id);
      const result = await simulatePreview((fn) => inPgTransaction(client, fn), at as Date);
      expect(await inPgTransaction(client, (exec) => completePreview(exec, t.clock, running.id, result))).toBe(true);
    } finally {
      await client.end();
    }
    const state = await getPreviewState();
    expect(state.latest?.id).toBe(running.id);
    expect(state.pending).toMatchObject({ status: 'queued', requestedBy: null });
    expect(state.pending?.id).not.toBe(running.id);
    await workOnPreviews();
    expect((await getPreviewState()).pending).toBeNull();
  });

  it('agents read but cannot edit or run; creditors see their own and the default strategies only, no runs', async () => {
    const mine = await t.app.inject({ method: 'POST', url: '/api/v1/dunning/strategies', headers: bearer(managerToken), payload: { name: 'Stratégie B', creditorId: creditorB, steps: [{ offsetDays: 0, channel: 'email', template: 'first_letter' }] } });
    expect(mine.statusCode).toBe(201);
    const idB = mine.json().id as string;
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/dunning/strategies', headers: bearer(agentToken), payload: { name: 'x' } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/dunning/runs', headers: bearer(agentToken) })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/dunning/previews', headers: bearer(agentToken) })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/dunning/preview', headers: bearer(agentToken) })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/dunning/strategies/${idB}`, headers: bearer(agentToken), payload: { name: 'y' } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/dunning/strategies/${idB}`, headers: bearer(agentToken) })).statusCode).toBe(200);
    const seen = await t.app.inject({ method: 'GET', url: '/api/v1/dunning/strategies', headers: bearer(creditorAToken) });
    expect(seen.statusCode).toBe(200);
    expect(seen.json().items.every((s: { creditorId: string | null }) => s.creditorId === null || s.creditorId === creditorA)).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/dunning/strategies/${idB}`, headers: bearer(creditorAToken) })).statusCode).toBe(404);
    for (const [method, url] of [['POST', '/api/v1/dunning/runs'], ['GET', '/api/v1/dunning/runs'], ['GET', '/api/v1/dunning/preview'], ['POST', '/api/v1/dunning/previews'], ['GET', `/api/v1/dunning/previews/${creditorA}`], ['POST', '/api/v1/dunning/strategies']] as const) {
      expect((await t.app.inject({ method, url, headers: bearer(creditorAToken), ...(method === 'POST' ? { payload: {} } : {}) })).statusCode).toBe(403);
    }
    const caseOfB = await newCase(creditorB);
    const caseOfA = await newCase(creditorA);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/dunning/cases/${caseOfB.id}`, headers: bearer(creditorAToken) })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/dunning/cases/${caseOfA.id}`, headers: bearer(creditorAToken) })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/dunning/strategies' })).statusCode).toBe(401);
    await t.app.inject({ method: 'PATCH', url: `/api/v1/dunning/strategies/${idB}`, headers: bearer(managerToken), payload: { active: false } });
  });
});
