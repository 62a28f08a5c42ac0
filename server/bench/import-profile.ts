// `pnpm bench import --profile [--explain]`: where the import's time goes, statement by statement.
// --profile times every statement the import process sends (COPY streams until PostgreSQL has
// taken them) and prints, per statement, how often it ran and its total and largest duration.
// --explain also loads auto_explain for the bench database (ANALYZE, BUFFERS, trigger times) and
// prints, per statement, the plan of its slowest run: index writes, foreign-key triggers and
// row-level-security filters show there. Plans cost time themselves: figures with --explain are
// for reading, not for the ratio.

import type pg from 'pg';

type Stat = { label: string; count: number; totalMs: number; maxMs: number; plan: string | null; planMs: number; serverMs: number };

const stats = new Map<string, Stat>();
const log = (message: string) => process.stderr.write(`${message}\n`);

function labelOf(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 110);
}

function record(label: string, ms: number) {
  const stat = stats.get(label) ?? { label, count: 0, totalMs: 0, maxMs: 0, plan: null, planMs: 0, serverMs: 0 };
  stat.count += 1;
  stat.totalMs += ms;
  stat.maxMs = Math.max(stat.maxMs, ms);
  stats.set(label, stat);
}

type Submittable = { on: (event: string, listener: () => void) => unknown; text?: string };

/** Wraps a client's query so each statement's duration is recorded (the client is the import's own). */
export function profileClient(client: pg.ClientBase): void {
  const original = client.query.bind(client) as (...args: unknown[]) => unknown;
  let lastLabel = '';
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const first = args[0] as string | Submittable | { text: string };
    const started = performance.now();
    if (typeof first === 'object' && first !== null && typeof (first as Submittable).on === 'function' && !('values' in first)) {
      // A COPY stream (pg-copy-streams): done when PostgreSQL has taken all of it.
      const label = labelOf(String((first as Submittable).text ?? 'copy'));
      lastLabel = label;
      const stream = original(...args) as Submittable;
      let recorded = false;
      const done = () => {
        if (!recorded) record(label, performance.now() - started);
        recorded = true;
      };
      stream.on('finish', done);
      stream.on('end', done);
      stream.on('error', done);
      return stream;
    }
    const label = labelOf(typeof first === 'string' ? first : (first as { text: string }).text);
    lastLabel = label;
    const result = original(...args) as Promise<unknown>;
    return result.finally(() => record(label, performance.now() - started));
  };
  // auto_explain's plans come as notices, after the statement and before its result.
  client.on('notice', (notice: { message?: string }) => {
    const message = notice.message ?? '';
    const match = /^duration: ([\d.]+) ms/.exec(message);
    if (!match) return;
    const stat = stats.get(lastLabel) ?? { label: lastLabel, count: 0, totalMs: 0, maxMs: 0, plan: null, planMs: 0, serverMs: 0 };
    const ms = Number(match[1]);
    stat.serverMs += ms;
    if (ms >= stat.planMs) {
      stat.plan = message;
      stat.planMs = ms;
    }
    stats.set(lastLabel, stat);
  });
}

/** The per-statement table (slowest first), then the plans if any, on stderr. */
export function printProfile(wallSeconds: number): void {
  const sorted = [...stats.values()].filter((s) => s.count > 0).sort((a, b) => b.totalMs - a.totalMs);
  const sumMs = sorted.reduce((n, s) => n + s.totalMs, 0);
  log(`profile: ${sorted.length} statements, ${(sumMs / 1000).toFixed(2)} s in PostgreSQL of ${wallSeconds.toFixed(2)} s wall`);
  // "total s" is as the import process saw it (sent to answered, event loop included); "in PG s" is
  // auto_explain's duration inside PostgreSQL (--explain only).
  log(`${'total s'.padStart(8)} ${'share'.padStart(6)} ${'runs'.padStart(5)} ${'max s'.padStart(7)} ${'in PG s'.padStart(8)}  statement`);
  for (const s of sorted) {
    const share = `${((100 * s.totalMs) / (wallSeconds * 1000)).toFixed(1)}%`;
    const inPg = s.serverMs ? (s.serverMs / 1000).toFixed(2) : '-';
    log(`${(s.totalMs / 1000).toFixed(2).padStart(8)} ${share.padStart(6)} ${String(s.count).padStart(5)} ${(s.maxMs / 1000).toFixed(2).padStart(7)} ${inPg.padStart(8)}  ${s.label}`);
  }
  for (const s of sorted) {
    if (s.plan && s.planMs >= 20) log(`\n---- plan of the slowest run (${s.planMs.toFixed(0)} ms): ${s.label}\n${s.plan}`);
  }
}

/** The auto_explain settings of the bench database (run as its owner before the import process connects). */
export function explainSettings(database: string): string[] {
  return [
    `alter database "${database}" set session_preload_libraries = 'auto_explain'`,
    `alter database "${database}" set auto_explain.log_min_duration = 0`,
    `alter database "${database}" set auto_explain.log_analyze = on`,
    `alter database "${database}" set auto_explain.log_buffers = on`,
    `alter database "${database}" set auto_explain.log_triggers = on`,
    `alter database "${database}" set auto_explain.log_level = notice`,
  ];
}

export function resetExplain(database: string): string[] {
  const names = ['session_preload_libraries', 'auto_explain.log_min_duration', 'auto_explain.log_analyze', 'auto_explain.log_buffers', 'auto_explain.log_triggers', 'auto_explain.log_level'];
  return names.map((name) => `alter database "${database}" reset ${name}`);
}
