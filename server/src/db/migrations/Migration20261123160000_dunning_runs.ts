import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 6: a manual dunning run is a background job (the pass takes ~25 s at 1,000,000 cases, too
 * long for an HTTP request). `dunning_run` becomes the job's record, read by the screen while it runs:
 *
 * - `status` queued (row written by the POST with its graphile-worker job) -> running -> completed,
 *   or failed after the job's last attempt (`error` says why). Runs recorded before this migration
 *   were all finished inside their request: they are `completed`.
 * - `requested_at`: when it was asked for; `started_at` / `as_of` are set when the worker starts it
 *   (a queued run has no start yet), so `started_at` becomes nullable.
 * - progress, written by the worker on its own connection while the pass's transaction is open:
 *   `phase`, `phases_done` of `phases_total`, `cases_total` (open cases the pass examines),
 *   `cases_examined` and `steps_due` (rows the selection found), `decided` once the writes are done.
 * - `dunning_run_one_active_manual`: at most one manual run queued or running, so a second click (or
 *   a second manager) gets the running one back instead of starting another.
 */
export class Migration20261123160000_dunning_runs extends Migration {
  override name = 'Migration20261123160000_dunning_runs';

  override up(): void {
    this.addSql(`
alter table dunning_run
  add column status text not null default 'completed' check (status in ('queued', 'running', 'completed', 'failed')),
  add column requested_at timestamptz null,
  add column phase text null,
  add column phases_done integer not null default 0,
  add column phases_total integer not null default 0,
  add column cases_total integer null,
  add column cases_examined integer not null default 0,
  add column steps_due integer null,
  add column error text null,
  alter column started_at drop not null;
update dunning_run set requested_at = started_at, phase = 'done', phases_done = 4, phases_total = 4;
alter table dunning_run alter column requested_at set not null, alter column requested_at set default now(), alter column status set default 'queued';
create unique index dunning_run_one_active_manual on dunning_run ((true)) where trigger = 'manual' and status in ('queued', 'running');
create index dunning_run_requested_idx on dunning_run (requested_at desc);
`);
  }
}
