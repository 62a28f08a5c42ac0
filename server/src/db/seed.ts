import type { MikroORM } from '@mikro-orm/postgresql';
import { formatMoney } from '@relance/domain/money';
import { DEMO_PASSWORD, type DemoCase, type DemoCreditor, demoAddedRates, demoAgency, demoCases, demoCreditors, demoUsers } from '@relance/seeds/demo';
import type { Config } from '../config.ts';
import { intakeNature } from '../features/cases/claim-intake.ts';
import { refreshAllPrescriptionDates } from '../features/cases/prescription.ts';
import { addEntry, clockAt } from '../features/cases/timeline.ts';
import { storedLogoOf } from '../features/creditors/logo.ts';
import { bookUnbookedPayments } from '../features/payments/book.ts';
import { createPortalLink } from '../features/portal/service.ts';
import { refreshQueue } from '../features/queue/service.ts';
import { queueWeeklyLookups } from '../features/registry/lookup.ts';
import { hashPassword } from '../features/users/passwords.ts';
import { type Clock, todayInParis } from '../plugins/context.ts';
import { emExec, type SqlExec } from '../plugins/sql.ts';
import type { Secrets } from './secrets.ts';
import { seedCourtDirectory, seedLegalActions } from './seed-legal.ts';
import { seedBankStatement } from './seed-money.ts';

export async function isDatabaseEmpty(orm: MikroORM): Promise<boolean> {
  const [row] = await orm.em.fork().execute<{ n: number }[]>('select (select count(*) from app_user)::int as n');
  return (row?.n ?? 0) === 0;
}

/** The demo agency's brand: its name and colour, its logo stored as an upload stores it (a PNG), "propulsé par" on. */
async function seedAgencyBrand(exec: SqlExec): Promise<void> {
  const { png, sha256 } = await storedLogoOf(Buffer.from(demoAgency.brand.logoSvg, 'utf8'), 'fr');
  await exec('update agency set brand_display_name = ?, brand_primary_color = ?, brand_logo = ?, brand_logo_sha256 = ?, powered_by_visible = ? where singleton', [
    demoAgency.brand.displayName,
    demoAgency.brand.primaryColor,
    png,
    sha256,
    demoAgency.brand.poweredByVisible,
  ]);
}

async function seedAgency(exec: SqlExec, today: string): Promise<void> {
  await exec(
    `insert into agency (name, siren, address_line1, postal_code, city, insurer, insurance_policy, insurance_expires_on, client_funds_iban, procureur_declared_on,
                         phone, email)
     values (?, ?, ?, ?, ?, ?, ?, (?::date + 300), ?, (?::date - 900), ?, ?)
     on conflict (singleton) do update set name = excluded.name, siren = excluded.siren, address_line1 = excluded.address_line1,
       postal_code = excluded.postal_code, city = excluded.city, insurer = excluded.insurer, insurance_policy = excluded.insurance_policy,
       insurance_expires_on = excluded.insurance_expires_on, client_funds_iban = excluded.client_funds_iban,
       procureur_declared_on = excluded.procureur_declared_on, phone = excluded.phone, email = excluded.email`,
    [
      demoAgency.name,
      demoAgency.siren,
      demoAgency.addressLine1,
      demoAgency.postalCode,
      demoAgency.city,
      demoAgency.insurer,
      demoAgency.insurancePolicy,
      today,
      demoAgency.clientFundsIban,
      today,
      demoAgency.phone,
      demoAgency.email,
    ],
  );
  await seedAgencyBrand(exec);

}

/** The creditors, by their key in the demo data. */
async function seedCreditors(exec: SqlExec, today: string): Promise<Map<string, string>> {
  const creditorIds = new Map<string, string>();
  for (const creditor of demoCreditors(today)) {
    const logo = Buffer.from(creditor.logoSvg, 'utf8');
    const [row] = await exec<{ id: string }>(
      `insert into creditor (legal_name, kind, siren, address_line1, postal_code, city, brand_display_name, brand_primary_color,
                             brand_logo, brand_logo_content_type, brand_logo_sha256, mandate_reference, mandate_signed_on, mandate_valid_until,
                             default_claim_nature, mandate_covers_judicial, commission_basis_points, commission_fixed_fee_cents, remittance_basis,
                             remittance_frequency, remittance_iban, remittance_bic)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'image/svg+xml', encode(sha256(?::bytea), 'hex'), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
      [
        creditor.legalName,
        creditor.kind,
        creditor.siren,
        creditor.addressLine1,
        creditor.postalCode,
        creditor.city,
        creditor.brandDisplayName,
        creditor.brandPrimaryColor,
        logo,
        logo,
        creditor.mandateReference,
        creditor.mandateSignedOn,
        creditor.mandateValidUntil,
        creditor.defaultClaimNature,
        creditor.mandateCoversJudicial,
        creditor.commission.percentBasisPoints,
        creditor.commission.fixedFeeCents,
        creditor.remittance.basis,
        creditor.remittance.frequency,
        creditor.remittanceIban,
        creditor.remittanceBic,
      ],
    );
    creditorIds.set(creditor.key, (row as { id: string }).id);
  }
  return creditorIds;
}

/** The users, by e-mail; then the rates the demo administrator added. */
async function seedUsersAndRates(exec: SqlExec, creditorIds: Map<string, string>, passwordHash: string): Promise<Map<string, string>> {
  const userIds = new Map<string, string>();
  for (const user of demoUsers) {
    const [row] = await exec<{ id: string }>(
      'insert into app_user (email, name, role, creditor_id, creditor_role, password_hash) values (?, ?, ?, ?, ?, ?) returning id',
      [user.email, user.name, user.role, user.creditorKey ? creditorIds.get(user.creditorKey) : null, user.role === 'creditor' ? 'uploader' : null, passwordHash],
    );
    userIds.set(user.email, (row as { id: string }).id);
  }
  for (const rate of demoAddedRates) {
    await exec(
      `insert into legal_rate (half_year, ecb_basis_points, legal_private_individual_basis_points, legal_other_basis_points, added_by)
       values (?, ?, ?, ?, ?) on conflict (half_year) do nothing`,
      [rate.halfYear, rate.ecbBasisPoints, rate.legalPrivateIndividualBasisPoints, rate.legalOtherBasisPoints, userIds.get('admin@relance.test')],
    );
  }
  return userIds;
}

/** The demo creditor a case belongs to: its id, kind and default claim nature. */
type SeededCreditor = { id: string; kind: DemoCreditor['kind']; defaultClaimNature: DemoCreditor['defaultClaimNature'] };

/** One case (the index-th) with its debtor, contacts, claims, payments and back-dated timeline. */
async function seedCase(exec: SqlExec, demoCase: DemoCase, index: number, creditor: SeededCreditor, agents: (string | undefined)[]): Promise<void> {
  const creditorId = creditor.id;
  const d = demoCase.debtor;
  const matchKey = d.siren ? `siren:${d.siren}` : d.email ? `email:${d.email}` : d.phone ? `phone:${d.phone}` : `seed:${index}`;
  const [debtor] = await exec<{ id: string }>(
    `insert into debtor (creditor_id, kind, company_name, first_name, last_name, display_name, siren, match_key)
     values (?, ?, ?, ?, ?, ?, ?, ?) returning id`,
    [creditorId, d.kind, d.companyName, d.firstName, d.lastName, d.displayName, d.siren, matchKey],
  );
  const debtorId = (debtor as { id: string }).id;
  if (d.email) await exec('insert into debtor_email (debtor_id, email) values (?, ?)', [debtorId, d.email]);
  if (d.phone) await exec('insert into debtor_phone (debtor_id, phone, valid) values (?, ?, ?)', [debtorId, d.phone, index % 11 !== 0]);
  await exec('insert into debtor_address (debtor_id, line1, postal_code, city) values (?, ?, ?, ?)', [debtorId, d.address.line1, d.address.postalCode, d.address.city]);
  const [created] = await exec<{ id: string }>(
    `insert into collection_case (creditor_id, debtor_id, status, assigned_agent_id, opened_on, created_at)
     values (?, ?, ?, ?, ?, ?::date) returning id`,
    [creditorId, debtorId, demoCase.status, agents[index % 3] ?? null, demoCase.openedOn, demoCase.openedOn],
  );
  const caseId = (created as { id: string }).id;
  for (const claim of demoCase.claims) {
    // As POST /cases and imports do: the creditor's default nature, else inferred, and the date it prescribes.
    const intake = intakeNature({ creditorKind: creditor.kind, debtorKind: d.kind, creditorDefault: creditor.defaultClaimNature, dueDate: claim.dueDate, today: demoCase.openedOn });
    await exec(
      `insert into claim (case_id, creditor_id, invoice_ref, issue_date, due_date, amount_cents, nature, nature_source, prescription_date, prescribed_at_intake)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [caseId, creditorId, claim.invoiceRef, claim.issueDate, claim.dueDate, claim.amountCents, intake.nature, intake.natureSource, intake.prescriptionDate, intake.prescribed],
    );
  }
  // The demo's history is back-dated: each entry at its own day's hour (UTC, as the session's time zone).
  await addEntry(exec, clockAt(new Date(`${demoCase.openedOn}T09:00:00Z`)), {
    caseId,
    kind: 'import',
    text: `Dossier confié : ${demoCase.claims.length} créance(s).`,
    event: { code: 'case_placed', params: { claims: demoCase.claims.length, refs: demoCase.claims.map((claim) => claim.invoiceRef).join(', '), prescribedRefs: null } },
  });
  for (const payment of demoCase.payments) {
    await exec('insert into payment (case_id, amount_cents, received_on, method) values (?, ?, ?, ?)', [caseId, payment.amountCents, payment.receivedOn, payment.method]);
    await addEntry(exec, clockAt(new Date(`${payment.receivedOn}T11:00:00Z`)), {
      caseId,
      kind: 'payment',
      text: `Paiement reçu : ${formatMoney(payment.amountCents, 'EUR', 'fr')}.`,
      event: {
        code: 'payment_recorded',
        params: { amountCents: payment.amountCents, currency: 'EUR', receivedOn: payment.receivedOn, method: payment.method, reference: null, claimRef: null, overpayment: false },
      },
    });
  }
  for (const note of demoCase.notes) {
    await addEntry(exec, clockAt(new Date(`${demoCase.openedOn}T14:30:00Z`)), { caseId, kind: 'note', authorId: agents[index % 2] ?? null, text: note });
  }
}

/**
 * Writes the demo data set (seeds/src/demo.ts) in one transaction: all of it or nothing.
 * Demo accounts use the password `demo`; real accounts need 12 characters (users service).
 */
export async function seedDemoData(orm: MikroORM, options: { clock: Clock; config: Config; secrets: Secrets }): Promise<void> {
  const today = todayInParis(options.clock);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await orm.em.fork().transactional(async (em) => {
    const exec = emExec(em);
    await seedAgency(exec, today);
    await seedCourtDirectory(exec);
    const creditorIds = await seedCreditors(exec, today);
    const userIds = await seedUsersAndRates(exec, creditorIds, passwordHash);
    const agents = [userIds.get('agent1@relance.test'), userIds.get('agent2@relance.test')];
    const creditors = new Map(demoCreditors(today).map((creditor) => [creditor.key, creditor]));
    let index = 0;
    for (const demoCase of demoCases(today)) {
      index += 1;
      const creditor = creditors.get(demoCase.creditorKey) as DemoCreditor;
      await seedCase(exec, demoCase, index, { id: creditorIds.get(demoCase.creditorKey) as string, kind: creditor.kind, defaultClaimNature: creditor.defaultClaimNature }, agents);
    }
  });
  // The claims' prescription dates from the demo's payments (C. civ. 2240), before the queue reads them.
  await refreshAllPrescriptionDates({ em: orm.em.fork(), clock: options.clock });
  // The demo's payments in the client-funds ledger, each with its receipt number (not e-mailed: back-dated history).
  await orm.em.fork().transactional(async (em) => bookUnbookedPayments({ em, clock: options.clock }));
  // Three injonctions de payer at different stages, through the legal feature (after the prescription dates it checks).
  await seedLegalActions(orm, { ...options, today });
  // Today's bank statement of the client-funds account: two transfers matched, one waiting in reconciliation.
  await seedBankStatement(orm, { ...options, today });
  // Give every demo case its place in the agents' queue (ranks, départements, portfolios).
  await refreshQueue(emExec(orm.em.fork()), { today });
  // Issue 23: the demo's companies are looked up in the registry (the local one by default,
  // seeds/demo-registry.ts) by the worker as it starts: one in redressement judiciaire, one ceased,
  // one whose registered office moved.
  await queueWeeklyLookups(emExec(orm.em.fork()), today);
}

/** A fresh personal link for one demo case (the consumer case of the landlord with the largest balance). */
export async function demoPortalLink(
  orm: MikroORM,
  config: Config,
  clock: Clock,
  secrets: Secrets,
): Promise<{ url: string; caseReference: string; postcode: string | null }> {
  const em = orm.em.fork();
  const [row] = await em.execute<{ id: string; reference: string; postcode: string | null }[]>(
    `select c.id, c.reference, (select a.postal_code from debtor_address a where a.debtor_id = c.debtor_id order by a.id limit 1) as postcode
       from collection_case c join creditor cr on cr.id = c.creditor_id
      where cr.kind = 'private_individual'
      order by (select sum(amount_cents) from claim where case_id = c.id) - coalesce((select sum(amount_cents) from payment where case_id = c.id), 0) desc,
               c.reference
      limit 1`,
  );
  if (!row) return { url: '(no demo case)', caseReference: '-', postcode: null };
  const link = await createPortalLink({ em, clock, config, secrets, locale: 'fr' }, row.id, null, { keepPrevious: false });
  return { url: link.url, caseReference: row.reference, postcode: row.postcode };
}
