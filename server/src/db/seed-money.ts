import type { MikroORM } from '@mikro-orm/postgresql';
import { creditorReferenceFor } from '@relance/domain/identifiers';
import { camt053Xml } from '@relance/seeds/camt053';
import { demoAgency } from '@relance/seeds/demo';
import type { Config } from '../config.ts';
import { importBankStatement } from '../features/money/bank-statements.ts';
import type { Clock } from '../plugins/context.ts';
import type { Secrets } from './secrets.ts';

type Candidate = { id: string; reference: string; debtor_name: string; invoice_ref: string };

/**
 * Today's statement of the agency's client-funds account, imported as the accountant would (issue
 * 17): two transfers bearing the RF reference printed on their cases' letters (matched, each with
 * its receipt) and one whose payer wrote only an invoice number (waiting in reconciliation, with
 * its case suggested). The Finance screens open on real work.
 */
export async function seedBankStatement(orm: MikroORM, options: { clock: Clock; config: Config; secrets: Secrets; today: string }): Promise<void> {
  const em = orm.em.fork();
  const candidates = await em.execute<Candidate[]>(
    `select c.id, c.reference, d.display_name as debtor_name, (select min(cl.invoice_ref) from claim cl where cl.case_id = c.id) as invoice_ref
       from collection_case c join debtor d on d.id = c.debtor_id join creditor cr on cr.id = c.creditor_id
      where c.status in ('new', 'amicable') and d.kind = 'company'
        and not exists (select 1 from legal_action a where a.case_id = c.id)
        and (select sum(cl.amount_cents) from claim cl where cl.case_id = c.id) > 100000
      order by c.reference desc limit 3`,
  );
  if (candidates.length < 3) return;
  const [first, second, third] = candidates as [Candidate, Candidate, Candidate];
  const xml = camt053Xml({
    messageId: `DEMO-${options.today}`,
    statementId: `RELEVE-${options.today}`,
    iban: demoAgency.clientFundsIban,
    openingCents: 1_250_000,
    fromDate: options.today,
    toDate: options.today,
    entries: [
      { direction: 'credit', amountCents: 25_000, bookedOn: options.today, creditorReference: creditorReferenceFor(first.reference), counterpartyName: first.debtor_name },
      { direction: 'credit', amountCents: 18_000, bookedOn: options.today, creditorReference: creditorReferenceFor(second.reference), counterpartyName: second.debtor_name },
      { direction: 'credit', amountCents: 9_000, bookedOn: options.today, text: `Reglement facture ${third.invoice_ref}`, counterpartyName: third.debtor_name },
    ],
  });
  const [accountant] = await em.execute<{ id: string; name: string }[]>(`select id, name from app_user where email = 'compta@relance.test'`);
  if (!accountant) return;
  await importBankStatement(
    { em, clock: options.clock, config: options.config, secrets: options.secrets, locale: 'fr', actor: { userId: accountant.id, role: 'accountant', creditorId: null, name: accountant.name } },
    { fileName: `releve-${options.today}.xml`, stream: [Buffer.from(xml)] as unknown as AsyncIterable<Buffer> },
  );
}
