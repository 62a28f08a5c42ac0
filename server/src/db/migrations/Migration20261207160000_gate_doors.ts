import { Migration } from '@mikro-orm/migrations';

const schemaSql = `
-- Warnings recorded on calls before the gate carried the contact rules' own codes: the gate's now.
update activity a set contact_warnings = (
    select jsonb_agg(case w->>'code'
        when 'outside_hours' then jsonb_set(w, '{code}', '"contact_outside_hours"')
        when 'closed_day' then jsonb_set(w, '{code}', '"contact_closed_day"')
        when 'public_holiday' then jsonb_set(w, '{code}', '"contact_public_holiday"')
        when 'dispute_open' then jsonb_set(w, '{code}', '"contact_refused_dispute"')
        when 'vulnerable' then jsonb_set(w, '{code}', '"contact_refused_vulnerable"')
        else w end order by e.ord)
      from jsonb_array_elements(a.contact_warnings) with ordinality as e(w, ord))
 where jsonb_typeof(a.contact_warnings) = 'array' and jsonb_array_length(a.contact_warnings) > 0;

alter table payment_plan drop constraint payment_plan_accepted_via_check;
alter table payment_plan
  add constraint payment_plan_accepted_via_check check (accepted_via in ('portal', 'oral', 'written')),
  add column written_acceptance_on date null,
  add column written_acceptance_document_id uuid null references case_document(id),
  add column written_acceptance_note text null;

alter table collection_case add column queue_skip_until timestamptz null;

alter table queue_event drop constraint queue_event_kind_check;
alter table queue_event
  add constraint queue_event_kind_check check (kind in ('claim', 'release', 'done', 'skip')),
  add column reason text null;
`;

/**
 * Issue 15, the gate at the doors of calls, promises, plans and the queue:
 * - call warnings already recorded (activity.contact_warnings) take the gate's reason codes;
 * - a plan's written acceptance (C. civ. 2240: the debtor's written or electronic acceptance is an
 *   acknowledgment, an oral one noted by an agent is not): the day it was received, the document
 *   that holds it, a note; `accepted_via` may be 'written' when it is what made the plan active;
 * - `collection_case.queue_skip_until`: a case the gate refused or deferred when the queue picked
 *   it is not picked again before then (the cap frees a place, the next day), so one such case at
 *   the top of the queue does not cost every claim a try;
 * - queue_event 'skip' (a case picked then skipped, with the gate's reason) and `reason` (the
 *   skip's code, or the outcome an agent gave to finish a case).
 */
export class Migration20261207160000_gate_doors extends Migration {
  override name = 'Migration20261207160000_gate_doors';

  override up(): void {
    this.addSql(schemaSql);
  }
}
