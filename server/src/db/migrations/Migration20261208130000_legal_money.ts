import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 16, the money of the judicial phase: the debtor's acceptance in the petites créances
 * procedure suspends prescription (C. civ. 2238 al. 1, CPCE L125-1), recorded as a
 * case_legal_event 'petites_creances_acceptance' (its end_on: the day the procedure ended).
 */
export class Migration20261208130000_legal_money extends Migration {
  override name = 'Migration20261208130000_legal_money';

  override up(): void {
    this.addSql(`
alter table case_legal_event drop constraint case_legal_event_kind_check;
alter table case_legal_event add constraint case_legal_event_kind_check check (kind in ('payment', 'acknowledgment', 'plan_accepted', 'court_claim',
  'injonction_de_payer_request', 'enforcement_act', 'mediation', 'mise_en_demeure', 'petites_creances_acceptance'));
`);
  }
}
