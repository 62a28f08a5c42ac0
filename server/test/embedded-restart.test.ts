import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * `npm start` after a crash: the embedded PostgreSQL of the crashed run keeps running on the data
 * folder (it is a separate process), and the next start printed "undefined" then "Relance
 * stopped.". The next start now stops it cleanly and says so; a start that cannot proceed says why.
 * Runs the real command line (`main.ts migrate`: the same database start as `npm start`, without
 * the web app) against a real PostgreSQL left behind by a process killed with SIGKILL.
 */
const serverDir = resolve(import.meta.dirname, '..');
const embeddedModule = join(serverDir, 'src', 'db', 'embedded-postgres.ts');
let dataDir: string;

function pidFile() {
  return join(dataDir, 'postgres', 'postmaster.pid');
}
function postgresPid(): number | null {
  if (!existsSync(pidFile())) return null;
  return Number(readFileSync(pidFile(), 'utf8').split('\n')[0]);
}
function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function runMain(command: string) {
  const result = spawnSync(process.execPath, ['src/main.ts', command], {
    cwd: serverDir,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 90_000,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

/** A process that starts the embedded PostgreSQL and is then killed without a chance to stop it. */
async function crashWhileRunning(): Promise<number> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const m = await import(${JSON.stringify(embeddedModule)});
       await m.startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)} });
       console.log('ready');
       setInterval(() => {}, 1000);`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await new Promise<void>((resolveReady, reject) => {
    let said = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolveReady();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      said += chunk.toString();
    });
    child.on('exit', (code) => reject(new Error(`the crashing process ended early (${code}): ${said}`)));
  });
  child.removeAllListeners('exit');
  child.kill('SIGKILL');
  await new Promise((resolveExit) => child.once('exit', resolveExit));
  const pid = postgresPid();
  if (pid === null) throw new Error('no postmaster.pid after the crash');
  return pid;
}

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'relance-restart-'));
  chmodSync(dataDir, 0o755);
});
afterAll(() => {
  const pid = postgresPid();
  if (pid !== null && alive(pid)) process.kill(pid, 'SIGQUIT');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('starting again after a crash left the embedded PostgreSQL running', () => {
  it('stops the server left behind, says so in plain words, and starts', async () => {
    const leftBehind = await crashWhileRunning();
    expect(alive(leftBehind)).toBe(true);

    const { status, output } = runMain('migrate');
    expect(output).toContain(`PostgreSQL was still running on ${join(dataDir, 'postgres')} (pid ${leftBehind}`);
    expect(output).toContain('Stopping it cleanly and starting it again');
    expect(output).not.toContain('undefined');
    expect(status, output).toBe(0);
    expect(alive(leftBehind)).toBe(false);
    // The command stopped its own server as it ended: nothing runs on the folder now.
    expect(postgresPid()).toBeNull();
  }, 120_000);

  it('removes a lock file whose server is gone instead of failing', () => {
    // What a power cut leaves: postmaster.pid naming a process that no longer exists.
    appendFileSync(pidFile(), '');
    rmSync(pidFile(), { force: true });
    appendFileSync(pidFile(), `999999\n${join(dataDir, 'postgres')}\n1\n5432\n`);
    const { status, output } = runMain('migrate');
    expect(output).toContain("lock file from an earlier run was left behind (its server is gone): removed it");
    expect(status, output).toBe(0);
  }, 120_000);

  it('explains a start that cannot proceed, with what PostgreSQL said, never "undefined"', () => {
    appendFileSync(join(dataDir, 'postgres', 'postgresql.conf'), '\nthis line = = is not valid\n');
    const { status, output } = runMain('migrate');
    expect(status).toBe(1);
    expect(output).toContain('Relance could not migrate: PostgreSQL did not start from');
    expect(output).toContain('syntax error');
    expect(output).not.toMatch(/^undefined$/m);
  }, 120_000);
});
