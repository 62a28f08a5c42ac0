import { Migration } from '@mikro-orm/migrations';
import { webhookEventTypes } from '@relance/contracts/webhooks';
import { policySql } from './Migration20261206150000_row_level_security.ts';

/**
 * Issue 19, the agency consults the creditor about a dispute (features/consultations): a question
 * asked by an agent on an open dispute, answered once by the creditor with files of the case. The
 * status is read, not stored: answered when answered_at is set, closed when the dispute was resolved
 * before an answer, open otherwise. The creditor hears of a question (`dispute.consultation_requested`);
 * the agent who asked hears of the answer (notification `consultation_answered`).
 */
export class Migration20261212110000_dispute_consultations extends Migration {
  override name = 'Migration20261212110000_dispute_consultations';

  override up(): void {
    this.addSql(SQL);
  }
}

const SQL = `
create table dispute_consultation (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references collection_case(id),
  creditor_id uuid not null references creditor(id),
  dispute_id uuid not null references case_dispute(id),
  question text not null,
  asked_by uuid null references app_user(id),
  asked_at timestamptz not null,
  answer text null,
  answer_document_ids uuid[] not null default '{}',
  answered_by uuid null references app_user(id),
  answered_at timestamptz null,
  constraint dispute_consultation_answer_check check ((answer is null) = (answered_at is null))
);
create index dispute_consultation_creditor_idx on dispute_consultation (creditor_id, asked_at desc);
create index dispute_consultation_case_idx on dispute_consultation (case_id, asked_at desc);
-- A retried question (the same words on the same dispute, still unanswered) is the same consultation.
create unique index dispute_consultation_open_question_idx on dispute_consultation (dispute_id, md5(question)) where answered_at is null;

${policySql(['dispute_consultation', { kind: 'creditor', column: 'creditor_id' }])}

alter table creditor_event drop constraint creditor_event_type_check;
alter table creditor_event add constraint creditor_event_type_check check (type in (${webhookEventTypes.map((type) => `'${type}'`).join(', ')}));

alter table notification drop constraint notification_kind_check;
alter table notification add constraint notification_kind_check
  check (kind in ('plan_approved', 'plan_refused', 'mandate_revoked', 'mandate_expiring', 'mandate_expired',
                  'legal_action_proposed', 'legal_action_ready', 'legal_deadline', 'legal_lapsed',
                  'remittance_overdue', 'remittance_terms_breach', 'consultation_answered'));
`;
