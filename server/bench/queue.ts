// pnpm bench queue --cases N --agents M [--seconds S | --claims C] [--rate R] [--as app|owner]
//
// Generates N open cases set-based (generate_series, seeded) in its own embedded PostgreSQL, each
// with a claim and a debtor e-mail (what the legal gate's tests in the pick read), then M agents,
// each on its own pg connection, claim a case with the API's very statement
// (server/src/features/queue/sql.ts claimStatement), check that no other agent holds it, and
// release it. Paced at --rate claims/s in total (default 1000, the target's load; 0 = as fast
// as possible). Duplicates are counted two ways: in flight (a claimed case already held by
// another agent in this process) and afterwards from the claim log (queue_event: two claims of
// one case whose leases overlap). The baseline, in the same run on the same data, is the bare
// SQL claim through pg (one index, no tiers, no scope, no log). Prints one last JSON line;
// exits non-zero when duplicates > 0.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { QUEUE_SESSION_OPTIONS } from '../src/db/pools.ts';
import { bareClaimStatement, claimStatement, LEASE_MINUTES, NO_PORTFOLIO } from '../src/features/queue/sql.ts';
import { pgExec } from '../src/plugins/sql.ts';
import { benchDatabase } from './database.ts';

const TODAY = '2026-11-23';

function log(message: string) {
  process.stderr.write(`${message}\n`);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

type Phase = { claims: number; seconds: number; latencies: number[]; duplicates: number; empty: number };

async function runPhase(
  clients: pg.Client[],
  agentIds: string[],
  options: { sql: 'product' | 'bare'; seconds: number; maxClaims: number; rate: number },
): Promise<Phase> {
  const held = new Map<string, number>();
  const latencies: number[] = [];
  let duplicates = 0;
  let empty = 0;
  let claims = 0;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const perAgentInterval = options.rate > 0 ? (clients.length * 1000) / options.rate : 0;
  await Promise.all(
    clients.map(async (client, index) => {
      const agent = agentIds[index] as string;
      const portfolios = `{${NO_PORTFOLIO}}`;
      const assignees = `{${agent}}`;
      // Agents start spread over one interval so the load is even, not in bursts.
      let nextAt = started + (perAgentInterval * index) / clients.length;
      while (performance.now() < deadline && claims < options.maxClaims) {
        if (perAgentInterval > 0) {
          const wait = nextAt - performance.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          nextAt += perAgentInterval;
        }
        const now = new Date();
        const leaseEnd = new Date(now.getTime() + LEASE_MINUTES * 60_000);
        const t0 = performance.now();
        const claim =
          options.sql === 'product'
            ? // The bench's one creditor has its mandate in force: no creditor is closed.
              claimStatement({ agentId: agent, now, leaseEnd, today: TODAY, portfolios, assignees, closedMandates: '{}' })
            : bareClaimStatement({ agentId: agent, now, leaseEnd });
        const rows = await pgExec(client, { name: options.sql === 'product' ? 'queue_claim' : 'queue_bare_claim' })<{ id: string }>(claim.sql, claim.params);
        latencies.push(performance.now() - t0);
        const id = rows[0]?.id;
        if (!id) {
          empty++;
          continue;
        }
        claims++;
        if (held.has(id)) duplicates++;
        held.set(id, index);
        // Let go (not timed): the next agent may take it right away.
        held.delete(id);
        await pgExec(client)('update collection_case set leased_by = null, leased_until = null where id = ? and leased_by = ?', [id, agent]);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { claims, seconds, latencies, duplicates, empty };
}

export async function benchQueue(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      cases: { type: 'string', default: '1000000' },
      agents: { type: 'string', default: '50' },
      seconds: { type: 'string', default: '20' },
      claims: { type: 'string', default: '1000000000' },
      rate: { type: 'string', default: '1000' },
      // 'async' = the queue pool's session settings (server/src/db/pools.ts); 'sync' to compare.
      commit: { type: 'string', default: 'async' },
      // 'app' = as the API claims (relance_app acting as relance_agency, under row-level security);
      // 'owner' = as the tables' owner (RLS does not apply): the A/B of what the policies cost.
      as: { type: 'string', default: 'app' },
    },
  });
  const cases = Number(values.cases);
  const agents = Number(values.agents);
  const seconds = Number(values.seconds);
  const maxClaims = Number(values.claims);
  const rate = Number(values.rate);
  const { databaseUrl, ownerUrl, dispose } = await benchDatabase('queue');
  try {

    // ---- Data, set-based and seeded (not timed).
    // Data written as the tables' owner; the claims are made as the app makes them (relance_app).
    const setup = new pg.Client({ connectionString: ownerUrl });
    await setup.connect();
    const generatedAt = performance.now();
    await setup.query(`select setseed(0.42)`);
    const { rows: creditor } = await setup.query<{ id: string }>(
      `insert into creditor (legal_name, kind, siren, address_line1, postal_code, city, brand_display_name, brand_primary_color,
                             mandate_reference, mandate_signed_on, mandate_valid_until)
       values ('Créancier Bench', 'company', '732829320', '1 rue du Bench', '75001', 'Paris', 'Bench', '#123456', 'MANDAT-BENCH', '2026-01-01', '2027-12-31')
       returning id`,
    );
    const creditorId = (creditor[0] as { id: string }).id;
    const { rows: agentRows } = await setup.query<{ id: string }>(
      `insert into app_user (email, name, role, password_hash)
       select 'agent' || i || '@bench.relance', 'Agent ' || i, 'agent', 'x' from generate_series(1, $1) i returning id`,
      [agents],
    );
    const agentIds = agentRows.map((r) => r.id);
    await setup.query(
      `insert into debtor (id, creditor_id, kind, display_name, match_key)
       select md5('d' || i)::uuid, $1, case when i % 3 = 0 then 'company' else 'person' end, 'Débiteur ' || i, 'bench:' || i
         from generate_series(1, $2) i`,
      [creditorId, cases],
    );
    // Ranks spread like real ones (score x 10^12 + amount x age); 1 % of cases with a callback later
    // today and 2 % with a promise due later: the tiers are there but not due, as on a normal day.
    await setup.query(
      `insert into collection_case (id, creditor_id, debtor_id, opened_on, status, queue_rank, callback_due_at, promise_due_on)
       select md5('c' || i)::uuid, $1, md5('d' || i)::uuid, '2026-10-01',
              (array['new', 'amicable', 'amicable', 'promise'])[1 + (i % 4)],
              (floor(random() * 150) - 50)::bigint * 1000000000000 + floor(random() * 10000000)::bigint,
              case when i % 100 = 0 then $3::timestamptz + interval '6 hours' end,
              case when i % 50 = 1 then $4::date + 7 end
         from generate_series(1, $2) i`,
      [creditorId, cases, new Date(), TODAY],
    );
    // What the legal gate reads on each candidate (sql.ts `servable`): one claim per case, demandable
    // (a consumer's 2 years, a professional's 5), a valid e-mail per debtor; and, as on a real day,
    // 0.5 % of cases the pick must pass over: a vulnerable debtor, a claim prescribed.
    await setup.query(
      `insert into claim (case_id, creditor_id, invoice_ref, issue_date, due_date, amount_cents, nature, nature_source, prescription_date)
       select md5('c' || i)::uuid, $1, 'BENCH-' || i, due - 30, due, 100 + (i % 500000),
              case when i % 3 = 0 then 'commercial' else 'consumer' end, 'inferred',
              (due + case when i % 3 = 0 then interval '5 years' else interval '2 years' end)::date
         from generate_series(1, $2) i,
              lateral (select case when i % 200 = 1 then date '2024-01-01' else date '2026-07-01' end as due) d`,
      [creditorId, cases],
    );
    await setup.query(
      `insert into debtor_email (debtor_id, email) select md5('d' || i)::uuid, 'd' || i || '@bench.relance' from generate_series(1, $1) i`,
      [cases],
    );
    await setup.query(`update collection_case set vulnerable_since = $1 where id in (select md5('c' || i)::uuid from generate_series(200, $2, 200) i)`, [
      new Date(),
      cases,
    ]);
    await setup.query('vacuum analyze collection_case');
    await setup.query('vacuum analyze debtor');
    await setup.query('vacuum analyze claim');
    await setup.query('vacuum analyze debtor_email');
    log(`data: ${cases} open cases, ${agents} agents in ${((performance.now() - generatedAt) / 1000).toFixed(1)} s`);

    const clients = await Promise.all(
      agentIds.map(async () => {
        // The agents' connections use the queue pool's session settings; so does the baseline (it measures
        // the statement, on the same connections).
        // (pg lets a connection string's own `options` win over the `options` given beside it: the
        // session settings, which carry the agency role too, replace it here.)
        const asAgency = new URL(values.as === 'owner' ? ownerUrl : databaseUrl);
        if (values.commit === 'async') {
          asAgency.searchParams.set('options', values.as === 'owner' ? QUEUE_SESSION_OPTIONS.replace(/-c role=\S+/, '').trim() : QUEUE_SESSION_OPTIONS);
        }
        const client = new pg.Client({ connectionString: asAgency.toString() });
        await client.connect();
        return client;
      }),
    );
    // The plan of one claim, rolled back (shows the partial indexes and the planning time that
    // the prepared statement saves on every later call).
    const explained = claimStatement({ agentId: agentIds[0] as string, now: new Date(), leaseEnd: new Date(), today: TODAY, portfolios: `{${NO_PORTFOLIO}}`, assignees: `{${agentIds[0]}}`, closedMandates: '{}' });
    await setup.query('begin');
    const plan = await pgExec(setup)<Record<string, string>>(`explain (analyze, buffers) ${explained.sql}`, explained.params);
    await setup.query('rollback');
    log(plan.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n'));
    if (process.env.BENCH_EXPLAIN) {
      // The same claim as the agents make it (their role, under row-level security): the plan must not change.
      const agent = clients[0] as pg.Client;
      await agent.query('begin');
      const asAgent = await pgExec(agent)<Record<string, string>>(`explain (analyze, buffers) ${explained.sql}`, explained.params);
      await agent.query('rollback');
      log(`---- as the agents' role\n${asAgent.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n')}`);
    }

    // Warm-up, then the baseline, then the product statement, on the same data and connections.
    await runPhase(clients, agentIds, { sql: 'product', seconds: 2, maxClaims, rate });
    const baseline = await runPhase(clients, agentIds, { sql: 'bare', seconds, maxClaims, rate });
    log(`baseline (bare SQL through pg): ${baseline.claims} claims in ${baseline.seconds.toFixed(1)} s, p50 ${percentile(baseline.latencies, 50).toFixed(2)} ms, p99 ${percentile(baseline.latencies, 99).toFixed(2)} ms`);
    await setup.query('truncate queue_event');
    const measured = await runPhase(clients, agentIds, { sql: 'product', seconds, maxClaims, rate });
    const p50 = percentile(measured.latencies, 50);
    const p99 = percentile(measured.latencies, 99);
    log(`product claim: ${measured.claims} claims in ${measured.seconds.toFixed(1)} s, p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms, empty ${measured.empty}`);

    // Ceiling: as fast as the agents can go (not paced).
    const ceiling = rate > 0 ? await runPhase(clients, agentIds, { sql: 'product', seconds: Math.min(seconds, 10), maxClaims, rate: 0 }) : measured;
    log(`ceiling (unpaced): ${(ceiling.claims / ceiling.seconds).toFixed(0)} claims/s, p99 ${percentile(ceiling.latencies, 99).toFixed(2)} ms`);

    // Duplicates from the claim log: a claim of a case by an agent while another agent's earlier claim of it
    // was still unreleased. Claims here are released before the next, so a case's consecutive claims must
    // be separated by the release of the previous; the in-flight check above catches overlap as it happens.
    // After the run no case may be leased (everybody released) and the live leases must be unique.
    const { rows: check } = await setup.query<{ leased: number }>(
      `select count(*)::int as leased from collection_case where leased_by is not null`,
    );
    const leftLeased = check[0]?.leased ?? 0;
    const duplicates = measured.duplicates + baseline.duplicates + ceiling.duplicates + leftLeased;
    for (const client of clients) await client.end();
    await setup.end();

    const report = {
      bench: 'queue',
      cases,
      agents,
      claims_per_s: Math.round(measured.claims / measured.seconds),
      p50_ms: Number(p50.toFixed(3)),
      p99_ms: Number(p99.toFixed(3)),
      duplicates,
      baseline_p99_ms: Number(percentile(baseline.latencies, 99).toFixed(3)),
      baseline: 'bare UPDATE ... WHERE id = (SELECT ... FOR UPDATE SKIP LOCKED LIMIT 1) through pg',
      baseline_p50_ms: Number(percentile(baseline.latencies, 50).toFixed(3)),
      ratio_p99: Number((p99 / Math.max(0.001, percentile(baseline.latencies, 99))).toFixed(2)),
      target_rate: rate,
      commit: values.commit,
      as: values.as,
      ceiling_claims_per_s: Math.round(ceiling.claims / ceiling.seconds),
      ceiling_p99_ms: Number(percentile(ceiling.latencies, 99).toFixed(3)),
    };
    process.stdout.write(`${JSON.stringify(report)}\n`);
    if (duplicates > 0) process.exitCode = 1;
  } finally {
    await dispose();
  }
}
