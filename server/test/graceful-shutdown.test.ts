import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from './harness.ts';

/**
 * Rolling deploys (issue 21 §3): the orchestrator sends SIGTERM to the old API process; it stops
 * accepting connections, finishes the requests in flight, then exits 0. Runs the real command line
 * (`main.ts api`) on a database of its own. The slow request is a real one: a login whose first
 * query waits on a table this test holds locked, released only after the SIGTERM.
 */
const serverDir = resolve(import.meta.dirname, '..');
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let dataDir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = mkdtempSync(join(tmpdir(), 'relance-drain-'));
  writeFileSync(join(dataDir, 'index.html'), '<!doctype html><title>Relance</title>');
});
afterAll(async () => {
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

type Api = { child: ChildProcess; base: string; output: () => string; exited: Promise<number | null> };

async function startApi(): Promise<Api> {
  const port = await freePort();
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', APP_DATABASE_URL: database.appUrl, DATA_DIR: dataDir, WEB_DIST_DIR: dataDir, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'silent' };
  const child = spawn(process.execPath, ['src/main.ts', 'api'], { cwd: serverDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let said = '';
  child.stdout?.on('data', (chunk: Buffer) => (said += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (said += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const base = `http://127.0.0.1:${port}`;
  for (let tries = 0; tries < 480; tries += 1) {
    if (child.exitCode !== null) throw new Error(`the API ended early: ${said}`);
    const ok = await fetch(`${base}/api/v1/health`).then((r) => r.ok, () => false);
    if (ok) return { child, base, output: () => said, exited };
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`the API did not answer: ${said}`);
}

async function waitForLockWaiter(owner: pg.Client) {
  for (let tries = 0; tries < 100; tries += 1) {
    const { rows } = await owner.query(`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`);
    if (rows[0].n > 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the slow request never reached the database');
}

describe('SIGTERM on the API', () => {
  it('stops accepting, finishes the request in flight, then exits 0', async () => {
    const api = await startApi();
    const owner = new pg.Client({ connectionString: database.url });
    await owner.connect();
    try {
      await owner.query('begin');
      await owner.query('lock table login_throttle in access exclusive mode');
      const slow = fetch(`${api.base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'nobody@relance.test', password: 'not the password' }),
      });
      await waitForLockWaiter(owner);

      api.child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 1_000));
      // Draining: still running (the request is in flight), no longer accepting.
      expect(api.child.exitCode).toBeNull();
      const late = await fetch(`${api.base}/api/v1/health`).then((r) => r.status, (error: Error) => error.name);
      expect(late === 'TypeError' || late === 503).toBe(true);

      await owner.query('rollback');
      const response = await slow;
      expect(response.status).toBe(401);
      expect((await response.json()).code).toBe('invalid_credentials');
      expect(await api.exited).toBe(0);
      expect(api.output()).toContain('Relance stopped.');
    } finally {
      await owner.end();
      if (api.child.exitCode === null) api.child.kill('SIGKILL');
    }
  }, 180_000);
});
