import { Migration } from '@mikro-orm/migrations';
import { policySql } from './Migration20261206150000_row_level_security.ts';

const schemaSql = `
-- The documents of a legal action and what each is for: the requête, the bordereau, the petites
-- créances request letter, the hand-over summary (generated, case_document kind 'legal_filing'),
-- and the pièces numbered on the bordereau (the case's invoices and contract, the mise en demeure
-- and its proof of presentation, the décompte, the mandate attestation).
create table legal_action_document (
  legal_action_id uuid not null references legal_action(id),
  document_id uuid not null references case_document(id),
  creditor_id uuid not null references creditor(id),
  role text not null check (role in ('requete', 'bordereau', 'request_letter', 'handover', 'piece')),
  number int null check (number > 0),
  title text not null,
  created_at timestamptz not null default now(),
  primary key (legal_action_id, document_id),
  check ((role = 'piece') = (number is not null))
);
create unique index legal_action_document_number_key on legal_action_document (legal_action_id, number) where number is not null;
-- Prepared once: one requête (or request letter, or hand-over) per action.
create unique index legal_action_document_main_key on legal_action_document (legal_action_id, role) where role <> 'piece';
create index case_document_legal_action_idx on case_document (legal_action_id) where legal_action_id is not null;

${policySql(['legal_action_document', { kind: 'creditor', column: 'creditor_id' }])}
`;

/** Issue 16, the documents of a legal action: which case documents are its requête, bordereau and numbered pièces. */
export class Migration20261208110000_legal_documents extends Migration {
  override name = 'Migration20261208110000_legal_documents';

  override up(): void {
    this.addSql(schemaSql);
  }
}
