import { Migration } from '@mikro-orm/migrations';

/**
 * Tomorrow's dunning preview becomes a background computation (like the manual run): the decision
 * pass simulated at tomorrow's run time takes ~25 s at 1,000,000 open cases, too long for an HTTP
 * request. `dunning_preview` keeps each computation and its result:
 *
 * - `status` queued (row written by POST /dunning/previews, or by a run that completed, with its
 *   graphile-worker job) -> running -> completed, or failed after the job's last attempt (`error`).
 * - `as_of` / `at`: the business day and the instant of the daily run it previews (tomorrow 07:05 UTC
 *   when it was computed); `requested_at`, `started_at`, `computed_at`.
 * - progress, written by the worker on its own connection while the simulation's transaction is open
 *   (same phases as a run): `phase`, `phases_done` of `phases_total`, `cases_total`, `steps_due`.
 * - `stale`: a run committed its decisions after this computation started (its snapshot predates
 *   them): its result is still stored, and a fresh computation is queued when it ends.
 * - `result`: the DunningPreview (counts per channel, examples, pauses), as the API shows it.
 * - `dunning_preview_one_active`: at most one preview queued or running, so concurrent requests get
 *   the same one. Completed and failed rows older than a few days are deleted when a new one completes.
 */
export class Migration20261123162000_dunning_previews extends Migration {
  override name = 'Migration20261123162000_dunning_previews';

  override up(): void {
    this.addSql(`
create table dunning_preview (
  id uuid primary key default uuidv7(),
  status text not null default 'queued' check (status in ('queued', 'running', 'completed', 'failed')),
  as_of date not null,
  at timestamptz not null,
  requested_by uuid null references app_user(id) on delete set null,
  requested_at timestamptz not null default now(),
  started_at timestamptz null,
  computed_at timestamptz null,
  phase text null,
  phases_done integer not null default 0,
  phases_total integer not null default 0,
  cases_total integer null,
  steps_due integer null,
  result jsonb null,
  error text null,
  stale boolean not null default false,
  check ((status = 'completed') = (result is not null and computed_at is not null))
);
create unique index dunning_preview_one_active on dunning_preview ((true)) where status in ('queued', 'running');
create index dunning_preview_completed_idx on dunning_preview (as_of, computed_at desc) where status = 'completed';
create index dunning_preview_requested_idx on dunning_preview (requested_at desc);
`);
  }
}
