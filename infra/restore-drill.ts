// The restore drill (README "Backups and restore"): `node infra/restore-drill.ts [--json] [--keep]`.
// Builds a cluster with the demo data on the embedded PostgreSQL, takes a base backup of it while it
// runs, restores it into a fresh cluster, starts the application on it and checks the invariants
// (server/src/db/restore-drill.ts). Exits 0 when every check holds, 1 otherwise. CI runs it through
// server/test/restore-drill.test.ts.
import { runRestoreDrill } from '../server/src/db/restore-drill.ts';

const json = process.argv.includes('--json');
const report = await runRestoreDrill({ keep: process.argv.includes('--keep'), log: (message) => console.error(`[restore drill] ${message}`) });
if (json) {
  console.log(JSON.stringify(report));
} else {
  const m = report.measured;
  console.log(
    `${report.ok ? 'Restore drill passed' : 'Restore drill FAILED'}: ${m.tables} tables, ${m.rows} rows, ${m.cases} cases, ${m.documents} documents (${Object.entries(m.documentKinds).map(([kind, n]) => `${n} ${kind}`).join(', ')}); ` +
      `backup ${(m.dataBytes / 1e6).toFixed(1)} MB + ${(m.walBytes / 1e6).toFixed(1)} MB of WAL in ${m.backupSeconds.toFixed(1)} s, restored cluster up in ${m.restoreSeconds.toFixed(1)} s`,
  );
  for (const problem of report.problems) console.log(`  - ${problem}`);
}
process.exit(report.ok ? 0 : 1);
