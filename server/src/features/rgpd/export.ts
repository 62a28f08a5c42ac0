import type { DebtorDataExport } from '@relance/contracts/rgpd';
import { renderDataAccessPdf } from '@relance/templates/data-access';
import { findAccessible } from '../../plugins/access.ts';
import type { ActorContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import type { Agency } from '../agency/entities.ts';
import { findAgency } from '../agency/service.ts';
import { recordCaseRead } from '../audit/service.ts';
import { listActivities } from '../cases/activities.ts';
import { CollectionCase } from '../cases/entities.ts';
import { Creditor } from '../creditors/entities.ts';

const iso = (value: Date | string): string => new Date(value).toISOString();
const isoOrNull = (value: Date | string | null): string | null => (value ? iso(value) : null);

type Exec = <T>(sql: string, params: unknown[]) => Promise<T[]>;

/** The person: identity, contacts, and the case's own dates. */
async function loadPersonRows(exec: Exec, found: CollectionCase) {
  const [[debtor], [caseRow], emails, phones, addresses] = await Promise.all([
    exec<{ kind: 'company' | 'person'; display_name: string; first_name: string | null; last_name: string | null; company_name: string | null; siren: string | null; created_at: Date }>(
      'select kind, display_name, first_name, last_name, company_name, siren, created_at from debtor where id = ?',
      [found.debtorId],
    ),
    exec<{ closed_at: Date | null; anonymised_at: Date | null; opened_on: string }>(
      'select closed_at, anonymised_at, opened_on::text as opened_on from collection_case where id = ?',
      [found.id],
    ),
    exec<{ email: string; valid: boolean }>('select email, valid from debtor_email where debtor_id = ? order by email', [found.debtorId]),
    exec<{ phone: string; valid: boolean }>('select phone, valid from debtor_phone where debtor_id = ? order by phone', [found.debtorId]),
    exec<{ line1: string; postal_code: string; city: string; country: string; valid: boolean }>(
      'select line1, postal_code, city, country, valid from debtor_address where debtor_id = ? order by line1',
      [found.debtorId],
    ),
  ]);
  return { debtor, caseRow, emails, phones, addresses };
}

/** The money: claims, payments, promises, plans with their installments. */
async function loadMoneyRows(exec: Exec, caseId: string) {
  const [claims, payments, promises, plans, installments] = await Promise.all([
    exec<{ invoice_ref: string; issue_date: string; due_date: string; amount_cents: string; currency: string }>(
      'select invoice_ref, issue_date::text as issue_date, due_date::text as due_date, amount_cents, currency from claim where case_id = ? order by due_date, invoice_ref',
      [caseId],
    ),
    exec<{ received_on: string; amount_cents: string; currency: string; method: string }>(
      'select received_on::text as received_on, amount_cents, currency, method from payment where case_id = ? order by received_on, created_at',
      [caseId],
    ),
    exec<{ made_on: string; due_on: string; amount_cents: string; status: string; note: string | null }>(
      'select made_on::text as made_on, due_on::text as due_on, amount_cents, status, note from promise_to_pay where case_id = ? order by made_at',
      [caseId],
    ),
    exec<{ id: string; status: string; total_cents: string; frequency: string; proposed_at: Date }>(
      'select id, status, total_cents, frequency, proposed_at from payment_plan where case_id = ? order by proposed_at',
      [caseId],
    ),
    exec<{ plan_id: string; due_on: string; amount_cents: string; paid_cents: string }>(
      `select i.plan_id, i.due_on::text as due_on, i.amount_cents, i.paid_cents from payment_plan_installment i
         join payment_plan p on p.id = i.plan_id where p.case_id = ? order by i.plan_id, i.index`,
      [caseId],
    ),
  ]);
  return { claims, payments, promises, plans, installments };
}

/** What happened around the case: disputes, messages, documents, portal links, RGPD requests. */
async function loadHistoryRows(exec: Exec, caseId: string) {
  const [disputes, messages, documents, links, requests] = await Promise.all([
    exec<{ opened_at: Date; reason: string; resolution: string | null; resolved_at: Date | null }>(
      'select opened_at, reason, resolution, resolved_at from case_dispute where case_id = ? order by opened_at',
      [caseId],
    ),
    exec<{ channel: string; template: string; recipient: string | null; subject: string | null; status: string; queued_at: Date; sent_at: Date | null }>(
      'select channel, template, recipient, subject, status, queued_at, sent_at from outbound_message where case_id = ? order by queued_at, id',
      [caseId],
    ),
    exec<{ kind: string; title: string; created_at: Date; size_bytes: number; sha256: string }>(
      'select kind, title, created_at, size_bytes, sha256 from case_document where case_id = ? order by created_at, id',
      [caseId],
    ),
    exec<{ created_at: Date; expires_at: Date }>('select created_at, expires_at from portal_token where case_id = ? order by created_at', [caseId]),
    exec<{ kind: DebtorDataExport['requests'][number]['kind']; received_on: string; status: DebtorDataExport['requests'][number]['status']; outcome: string | null }>(
      'select kind, received_on::text as received_on, status, outcome from rgpd_request where case_id = ? order by recorded_at',
      [caseId],
    ),
  ]);
  return { disputes, messages, documents, links, requests };
}

/** The information art. 15(1) requires: who controls and processes the data, why, for whom, how long, the rights. */
function processingNotice(creditor: Creditor, agency: Agency | null): Pick<DebtorDataExport, 'controller' | 'processor' | 'processing'> {
  const creditorAddress = `${creditor.addressLine1}, ${creditor.postalCode} ${creditor.city}`;
  const creditorName = creditor.legalName;
  const agencyName = agency?.name ?? 'Agence de recouvrement';
  return {
    controller: { legalName: creditorName, address: creditorAddress },
    processor: { name: agencyName, address: agency ? `${agency.addressLine1}, ${agency.postalCode} ${agency.city}` : '' },
    processing: {
      purpose: `Recouvrement amiable des créances de ${creditorName}, pour son compte, sous le mandat ${creditor.mandateReference} (CPCE L124-1, R124-3).`,
      legalBasis:
        "Exécution du contrat dont la créance est issue (RGPD art. 6(1)(b)) et intérêt légitime du créancier à recouvrer sa créance (art. 6(1)(f)).",
      source: `Données transmises par ${creditorName} (créancier), complétées par vos échanges avec l'agence.`,
      recipients: [creditorName, agencyName, "Prestataires d'envoi (courrier, e-mail, SMS) et de paiement de l'agence"],
      retention: `Pendant le recouvrement, puis ${creditor.retentionYearsAfterClose} an(s) après la clôture du dossier ; les écritures comptables et leurs pièces (montants, dates, quittances) 10 ans (C. com. L123-22).`,
      rights:
        "Vous pouvez demander la rectification ou l'effacement de vos données, ou la limitation de leur traitement, et vous opposer au traitement (RGPD art. 16 à 21), auprès de l'agence ou du créancier ; et saisir la CNIL (www.cnil.fr).",
    },
  };
}

type PersonRows = Awaited<ReturnType<typeof loadPersonRows>>;

function personSections(found: CollectionCase, rows: PersonRows): Pick<DebtorDataExport, 'debtor' | 'case'> {
  const { debtor, caseRow } = rows;
  if (!debtor || !caseRow) throw new AppError('not_found', 404);
  return {
    debtor: {
      kind: debtor.kind,
      displayName: debtor.display_name,
      firstName: debtor.first_name,
      lastName: debtor.last_name,
      companyName: debtor.company_name,
      siren: debtor.siren,
      recordedAt: iso(debtor.created_at),
      emails: rows.emails.map((row) => ({ email: row.email, valid: row.valid })),
      phones: rows.phones.map((row) => ({ phone: row.phone, valid: row.valid })),
      addresses: rows.addresses.map((row) => ({ line1: row.line1, postalCode: row.postal_code, city: row.city, country: row.country, valid: row.valid })),
    },
    case: {
      reference: found.reference,
      externalRef: found.externalRef ?? null,
      status: found.status,
      openedOn: caseRow.opened_on,
      closedAt: isoOrNull(caseRow.closed_at),
      anonymisedAt: isoOrNull(caseRow.anonymised_at),
    },
  };
}

function moneySections(rows: Awaited<ReturnType<typeof loadMoneyRows>>): Pick<DebtorDataExport, 'claims' | 'payments' | 'promises' | 'plans'> {
  return {
    claims: rows.claims.map((row) => ({
      invoiceRef: row.invoice_ref,
      issueDate: row.issue_date,
      dueDate: row.due_date,
      amountCents: Number(row.amount_cents),
      currency: row.currency,
    })),
    payments: rows.payments.map((row) => ({ receivedOn: row.received_on, amountCents: Number(row.amount_cents), currency: row.currency, method: row.method })),
    promises: rows.promises.map((row) => ({ madeOn: row.made_on, dueOn: row.due_on, amountCents: Number(row.amount_cents), status: row.status, note: row.note })),
    plans: rows.plans.map((plan) => ({
      status: plan.status,
      totalCents: Number(plan.total_cents),
      frequency: plan.frequency,
      proposedAt: iso(plan.proposed_at),
      installments: rows.installments
        .filter((row) => row.plan_id === plan.id)
        .map((row) => ({ dueOn: row.due_on, amountCents: Number(row.amount_cents), paidCents: Number(row.paid_cents) })),
    })),
  };
}

function historySections(
  rows: Awaited<ReturnType<typeof loadHistoryRows>>,
  timeline: DebtorDataExport['timeline'],
): Pick<DebtorDataExport, 'disputes' | 'messages' | 'documents' | 'timeline' | 'portalLinks' | 'requests'> {
  return {
    disputes: rows.disputes.map((row) => ({ openedAt: iso(row.opened_at), reason: row.reason, resolution: row.resolution, resolvedAt: isoOrNull(row.resolved_at) })),
    messages: rows.messages.map((row) => ({
      channel: row.channel,
      template: row.template,
      recipient: row.recipient,
      subject: row.subject,
      status: row.status,
      queuedAt: iso(row.queued_at),
      sentAt: isoOrNull(row.sent_at),
    })),
    documents: rows.documents.map((row) => ({ kind: row.kind, title: row.title, createdAt: iso(row.created_at), sizeBytes: row.size_bytes, sha256: row.sha256 })),
    timeline,
    portalLinks: rows.links.map((row) => ({ createdAt: iso(row.created_at), expiresAt: iso(row.expires_at) })),
    requests: rows.requests.map((row) => ({ kind: row.kind, receivedOn: row.received_on, status: row.status, outcome: row.outcome })),
  };
}

/**
 * Everything the agency holds on the debtor of one case (RGPD art. 15), for a manager to hand to
 * the person: identity, contacts, the case, its money, commitments, disputes, messages, the files
 * kept (listed, with their SHA-256), the timeline, personal links and the person's RGPD requests,
 * with the information art. 15(1) requires (purposes, recipients, retention, source, rights). The
 * timeline is read for an 'export' audience: no vulnerability entry goes out (issue 13, item 13).
 */
async function collectDebtorData(ctx: ActorContext, caseId: string): Promise<{ data: DebtorDataExport; found: CollectionCase }> {
  const found = await findAccessible(ctx, 'case', CollectionCase, caseId);
  const creditor = await ctx.em.findOneOrFail(Creditor, { id: found.creditorId });
  const agency = await findAgency(ctx);
  const exec: Exec = <T>(sql: string, params: unknown[]) => ctx.em.execute<T[]>(sql, params);
  const [person, money, history] = await Promise.all([loadPersonRows(exec, found), loadMoneyRows(exec, found.id), loadHistoryRows(exec, found.id)]);
  const sections = personSections(found, person);
  const timeline = await listActivities(ctx, found.id, 'export');
  const data: DebtorDataExport = {
    generatedAt: ctx.clock.now().toISOString(),
    generatedBy: ctx.actor.name,
    ...processingNotice(creditor, agency),
    ...sections,
    ...moneySections(money),
    ...historySections(history, timeline),
  };
  return { data, found };
}

/** The art. 15 export as JSON, recorded in the audit trail (who exported whose data, when). */
export async function exportDebtorData(ctx: ActorContext, caseId: string): Promise<{ data: DebtorDataExport; fileName: string }> {
  const { data, found } = await collectDebtorData(ctx, caseId);
  await recordCaseRead(ctx, { action: 'debtor_data_exported', caseId: found.id, creditorId: found.creditorId, details: { format: 'json' } });
  return { data, fileName: `donnees-${found.reference}.json` };
}

/** The same, as a PDF summary for the person (rendered by @relance/templates), recorded in the audit trail. */
export async function exportDebtorDataPdf(ctx: ActorContext, caseId: string): Promise<{ pdf: Buffer; fileName: string }> {
  const { data, found } = await collectDebtorData(ctx, caseId);
  const pdf = await renderDataAccessPdf({ ...data, locale: ctx.locale });
  await recordCaseRead(ctx, { action: 'debtor_data_exported', caseId: found.id, creditorId: found.creditorId, details: { format: 'pdf' } });
  return { pdf, fileName: `donnees-${found.reference}.pdf` };
}
