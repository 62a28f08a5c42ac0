import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { compareSnapshots, type DrillReport, type DrillSnapshot } from '../src/db/restore-drill.ts';

/**
 * Issue 21 §5: the restore drill, run as an operator runs it (`node infra/restore-drill.ts`): the
 * demo data on an embedded cluster, a base backup taken while it runs, restored into a fresh
 * cluster, the application started on it, and the invariants held (counts and content of every
 * table, every décompte, the trial balance, every stored document).
 */
const root = resolve(import.meta.dirname, '..', '..');

describe('the restore drill', () => {
  it('restores the demo agency into a fresh cluster with every invariant holding', { timeout: 600_000 }, async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['infra/restore-drill.ts', '--json'], { cwd: root, maxBuffer: 16 * 1024 * 1024 }).catch(
      (error: { stdout?: string; stderr?: string }) => {
        // Exit 1 still prints the report: read it to show what failed.
        if (error.stdout) return { stdout: error.stdout };
        throw new Error(`the drill did not run: ${error.stderr ?? error}`);
      },
    );
    const report = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as DrillReport;
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    // Something real was compared: the demo's cases, documents (with the drill's upload), tables.
    expect(report.measured.cases).toBeGreaterThan(100);
    expect(report.measured.documents).toBeGreaterThan(1);
    expect(report.measured.tables).toBeGreaterThan(50);
  });

  it('reports what a restore lost or changed', () => {
    const before: DrillSnapshot = {
      tables: { 'public.claim': { rows: 2, hash: 'a' }, 'public.audit_event': { rows: 5, hash: 'b' } },
      statements: { 'DOS-1': 150_000 },
      statementFailures: [],
      trialBalance: { totalDebitCents: 100, totalCreditCents: 100, clientFundsDifferenceCents: 0 },
      documents: { d1: { sha256: 'x', readable: true, kind: 'letter' } },
    };
    expect(compareSnapshots(before, { ...before, tables: { ...before.tables, 'public.audit_event': { rows: 9, hash: 'c' } } })).toEqual([]);
    const problems = compareSnapshots(before, {
      tables: { 'public.claim': { rows: 1, hash: 'z' }, 'public.audit_event': { rows: 4, hash: 'b' } },
      statements: { 'DOS-1': 0 },
      statementFailures: ['DOS-2: 422 missing_rate'],
      trialBalance: { totalDebitCents: 100, totalCreditCents: 90, clientFundsDifferenceCents: 10 },
      documents: { d1: { sha256: 'y', readable: false, kind: 'letter' } },
    });
    expect(problems).toHaveLength(7);
  });
});
