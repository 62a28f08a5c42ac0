// The importer's own process for `pnpm bench import`: runs one import (server/src/features/imports
// executeImport, what the worker's imports__run job calls) and reports its outcome and this
// process's peak resident memory. A separate process, like the worker in a deployment, so the
// figure is the importer's memory and not the bench's (file generator, baseline rows). Every task
// module of the worker is loaded first (letters, messages, dunning...), so the figure includes what a
// real worker process carries, not only the importer's code.

import pg from 'pg';
import { withPoolClient } from '../src/db/pools.ts';
import { executeImport } from '../src/features/imports/service.ts';
import { printProfile, profileClient } from './import-profile.ts';

await import('../src/worker/runner.ts');

const [databaseUrl, importId, today, flag] = process.argv.slice(2) as [string, string, string, string | undefined];
const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
// --profile (server/bench/import-profile.ts): every statement of the import timed.
const profile = flag === '--profile';
if (profile) pool.on('connect', profileClient);
const rssAtStart = process.memoryUsage.rss();
let peakRss = rssAtStart;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, 25);
const started = performance.now();
const outcome = await executeImport(withPoolClient(pool), importId, { today });
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
if (profile) printProfile(seconds);
await pool.end();
// maxRSS (kilobytes) is the kernel's high-water mark of this process: nothing between samples is missed.
const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
process.stdout.write(
  `${JSON.stringify({ outcome, seconds, rssAtStartMb: Math.round(rssAtStart / 1048576), peakRssMb: Math.max(maxRssMb, Math.round(peakRss / 1048576)), heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1048576) })}\n`,
);
