import type { activityKind } from '@relance/contracts/cases';
import type { TimelineEvent } from '@relance/contracts/timeline-events';
import type { z } from 'zod';
import type { Clock } from '../../plugins/context.ts';
import type { SqlExec } from '../../plugins/sql.ts';

// The case timeline (table activity) has one writer: this module. Every entry is stamped with the
// caller's injectable clock, never the database's now(), so tests that move time see the entries
// at the time they moved to. ORM code passes emExec(em), worker code pgExec(client); set-based
// paths (checks, the dunning run, imports) pass a SELECT of the entries' columns.
// A guard test (server/test/one-writer.test.ts) fails if `insert into activity` appears elsewhere.

/** The kinds of entry: the API's own list (contracts `activityKind`), so the two cannot drift. */
export type TimelineKind = z.infer<typeof activityKind>;

export type TimelineEntry = {
  caseId: string;
  kind: TimelineKind;
  text: string;
  authorId?: string | null;
  /** Calls only: what the call gave. */
  callOutcome?: string | null;
  /** Calls only: the contact rules it broke, kept when the agency only warns. */
  contactWarnings?: unknown;
  /** The agency's own (an agent's note not shared with the creditor): never shown outside the staff. */
  staffOnly?: boolean;
  /** The same facts as data, for the screen to say in its language (the text stays the French record). */
  event?: TimelineEvent;
};

/** A clock stopped at `instant`: entries of one operation stamped with the instant it already took. */
export function clockAt(instant: Date): Clock {
  return { now: () => instant };
}

/** Adds one entry at the clock's now; answers its id. */
export async function addEntry(exec: SqlExec, clock: Clock, entry: TimelineEntry): Promise<string> {
  const [row] = await exec<{ id: string }>(
    `insert into activity (case_id, kind, author_id, text, call_outcome, contact_warnings, occurred_at, staff_only, event, event_params)
     values (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?::jsonb) returning id`,
    [
      entry.caseId,
      entry.kind,
      entry.authorId ?? null,
      entry.text,
      entry.callOutcome ?? null,
      entry.contactWarnings === undefined || entry.contactWarnings === null ? null : JSON.stringify(entry.contactWarnings),
      clock.now(),
      entry.staffOnly ?? false,
      entry.event?.code ?? null,
      entry.event ? JSON.stringify(entry.event.params) : null,
    ],
  );
  return (row as { id: string }).id;
}

/** Adds several entries at the clock's now, in one statement. */
export async function addEntries(exec: SqlExec, clock: Clock, entries: readonly TimelineEntry[]): Promise<void> {
  if (entries.length === 0) return;
  if (entries.length === 1) {
    await addEntry(exec, clock, entries[0] as TimelineEntry);
    return;
  }
  await exec(
    `insert into activity (case_id, kind, author_id, text, call_outcome, contact_warnings, occurred_at, staff_only, event, event_params)
     select e.case_id, e.kind, e.author_id, e.text, e.call_outcome, e.contact_warnings, ?::timestamptz, coalesce(e.staff_only, false), e.event, e.event_params
       from jsonb_to_recordset(?::jsonb)
         as e(case_id uuid, kind text, author_id uuid, text text, call_outcome text, contact_warnings jsonb, staff_only boolean, event text, event_params jsonb)`,
    [
      clock.now(),
      JSON.stringify(
        entries.map((entry) => ({
          case_id: entry.caseId,
          kind: entry.kind,
          author_id: entry.authorId ?? null,
          text: entry.text,
          call_outcome: entry.callOutcome ?? null,
          contact_warnings: entry.contactWarnings ?? null,
          staff_only: entry.staffOnly ?? false,
          event: entry.event?.code ?? null,
          event_params: entry.event?.params ?? null,
        })),
      ),
    ],
  );
}

/**
 * Set-based: one entry per row of `select`, which names its columns case_id, kind and text (and
 * author_id when it has one; event and event_params, jsonb, when it has them); `params` are its
 * own `?` parameters. Rows are inserted in the select's order.
 */
export async function addEntriesFrom(
  exec: SqlExec,
  clock: Clock,
  select: string,
  params: readonly unknown[] = [],
  options: { withAuthor?: boolean; withEvent?: boolean } = {},
): Promise<number> {
  const author = options.withAuthor ? 's.author_id' : 'null::uuid';
  const event = options.withEvent ? 's.event, s.event_params' : 'null::text, null::jsonb';
  const rows = await exec<{ n: number }>(
    `with added as (
       insert into activity (case_id, kind, author_id, text, occurred_at, event, event_params)
       select s.case_id, s.kind, ${author}, s.text, ?::timestamptz, ${event} from (${select}) s
       returning 1)
     select count(*)::int as n from added`,
    [clock.now(), ...params],
  );
  return rows[0]?.n ?? 0;
}
