// pnpm bench kpis --cases N --payments P [--requests R]
//
// `GET /api/v1/reports/kpis` over the whole period (2025-01-01 to 2026-11-30) for a creditor user
// whose creditor holds N cases (default 200,000) and P payments (default 1,000,000), as
// server/bench/api.ts makes them (another creditor holds a ninth more), through the real application,
// R requests one after another (p95). The baseline in the same run: the very statements the route
// sent for one request (recorded at the pg driver), replayed R times on a plain pg pool logged in
// the same way. Prints one last JSON line; exits non-zero when a request fails.
import { parseArgs } from 'node:util';
import { generate, makeUsers, profile, recordStatements, replay, startApp } from './api.ts';
import { benchDatabase } from './database.ts';

const PATH = '/api/v1/reports/kpis?from=2025-01-01&to=2026-11-30';

function log(message: string) {
  process.stderr.write(`${message}\n`);
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return Number((sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * p) - 1))] as number).toFixed(1));
}
const p95 = (samples: number[]) => percentile(samples, 0.95);

async function timed(runs: number, fn: () => Promise<void>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return samples;
}

export async function benchKpis(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: { cases: { type: 'string', default: '200000' }, payments: { type: 'string', default: '1000000' }, requests: { type: 'string', default: '40' } },
  });
  const cases = Number(values.cases);
  const payments = Number(values.payments);
  const requests = Number(values.requests);
  const { databaseUrl, ownerUrl, dispose } = await benchDatabase('kpis');
  try {
    log(`generating ${cases} cases and ${payments} payments for the creditor...`);
    // generate() gives the creditor 90 %: ask for a ninth more so that it holds `cases` and `payments`.
    const { creditorId } = await generate(ownerUrl, Math.round(cases / 0.9), Math.round(payments / 0.9));
    await makeUsers(ownerUrl, creditorId);
    const { app, tokens, pgPools, close } = await startApp(databaseUrl);
    let failures = 0;
    const headers = { authorization: `Bearer ${tokens.creditor}` };
    const once = async () => {
      const response = await app.inject({ method: 'GET', url: PATH, headers });
      if (response.statusCode !== 200) {
        failures += 1;
        log(`kpis: ${response.statusCode} ${response.body.slice(0, 300)}`);
      }
    };
    await once(); // warm
    const statements = await recordStatements(once);
    log(`${statements.length} statements per request`);
    if (process.env.BENCH_PROFILE) await profile(pgPools.creditor, statements);
    const real = await timed(requests, once);
    const baseline = await timed(requests, async () => {
      await replay(pgPools.creditor, statements, null, null);
    });
    await close();
    const report = {
      bench: 'kpis',
      cases,
      payments,
      requests,
      p95_ms: p95(real),
      median_ms: percentile(real, 0.5),
      baseline: 'the same statements replayed on pg',
      baseline_p95_ms: p95(baseline),
      ratio: Number((p95(baseline) / p95(real)).toFixed(3)),
      failures,
    };
    process.stdout.write(`${JSON.stringify(report)}\n`);
    if (failures > 0) process.exitCode = 1;
  } finally {
    await dispose();
  }
}
