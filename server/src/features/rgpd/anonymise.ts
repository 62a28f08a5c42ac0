import type { Clock } from '../../plugins/context.ts';
import type { SqlExec } from '../../plugins/sql.ts';

// Anonymisation of a debtor (RGPD art. 5(1)(e) storage limitation, art. 17 erasure): set-based SQL
// over a batch of cases, in the caller's transaction, run by the daily job rgpd__anonymise when a
// creditor's retention period has passed since the case closed, and by a manager's erasure decision.
//
// ERASED: everything that identifies or describes the person: names (of a person), e-mails,
// phones, postal addresses, the matching key built from them, free texts (timeline entries,
// notes of promises and plans, dispute reasons and the debtor's words, recall reason, vulnerability
// note, the debtor's messages from their page), messages'
// recipients, subjects and provider payloads, the copies of e-mails and SMS kept for the demo
// mailbox, the letters and e-mails kept as files, uploads, personal links (portal tokens),
// notifications about the case, and the response bodies kept for idempotent retries.
//
// KEPT, and why:
// - amounts, dates, claim and payment rows, invoice references, payment methods and provider
//   references: the accounting records and their supporting documents of the agency's client-funds
//   account are kept 10 years (C. com. L123-22; CPCE R124-2 and R124-6 for the funds collected on
//   the creditor's behalf), and they identify nobody once the debtor row is anonymised;
// - receipts (quittances, CPCE R124-6) as files, for 10 years from their issue: they are the
//   supporting documents of the payments above (C. com. L123-22); the daily job deletes them after;
// - the case, its status history (without texts), the list of messages sent (channel, template,
//   dates, reference, status) and the SHA-256 of deleted files: evidence that the agency did what
//   the mandate and CPCE R124-4 required, naming no one;
// - a company debtor's legal name and SIREN: data about a legal person, not personal data
//   (RGPD recital 14), which the creditor's own accounting keeps anyway;
// - the RGPD requests of the debtor (kind, dates, outcome, without the requester's name and the
//   text): the agency must be able to show how it answered them (art. 5(2), accountability).

export const ANONYMISED_NAME = 'Débiteur anonymisé';
export const ANONYMISED_TEXT = '[anonymisé]';
/** C. com. L123-22: accounting records and supporting documents, 10 years. */
export const RECEIPT_RETENTION_YEARS = 10;

export type AnonymisationReason = 'retention' | 'erasure_request';

/** A PostgreSQL array literal of ids (uuids only: nothing to quote), bound as one parameter on the ORM and on pg alike. */
function ids(values: readonly string[]): string {
  return `{${values.join(',')}}`;
}

/** The person: names (not a company's), contacts, and the matching key built from them. */
async function eraseDebtors(exec: SqlExec, debtorIds: string): Promise<void> {
  await exec(
    `update debtor set first_name = null, last_name = null,
            company_name = case when kind = 'company' then company_name end,
            siren = case when kind = 'company' then siren end,
            display_name = case when kind = 'company' then display_name else ? end,
            match_key = 'anonymised:' || id
      where id = any(?::uuid[])`,
    [ANONYMISED_NAME, debtorIds],
  );
  await exec('delete from debtor_email where debtor_id = any(?::uuid[])', [debtorIds]);
  await exec('delete from debtor_phone where debtor_id = any(?::uuid[])', [debtorIds]);
  await exec('delete from debtor_address where debtor_id = any(?::uuid[])', [debtorIds]);
}

/** The free texts of the case's work (timeline, promises, plans, disputes), its notifications and personal links. */
async function eraseCaseTexts(exec: SqlExec, caseIds: string, now: Date): Promise<void> {
  await exec(
    `update collection_case set vulnerable_since = null, vulnerability_note = null, vulnerability_flagged_by = null,
            recall_reason = case when recall_reason is null then null else ? end, callback_due_at = null, anonymised_at = ?
      where id = any(?::uuid[])`,
    [ANONYMISED_TEXT, now, caseIds],
  );
  await exec('update activity set text = ? where case_id = any(?::uuid[]) and text <> ?', [ANONYMISED_TEXT, caseIds, ANONYMISED_TEXT]);
  await exec('update promise_to_pay set note = null where case_id = any(?::uuid[]) and note is not null', [caseIds]);
  await exec(
    `update payment_plan set note = null, decision_comment = null, acceptance_note = null
      where case_id = any(?::uuid[]) and (note is not null or decision_comment is not null or acceptance_note is not null)`,
    [caseIds],
  );
  await exec(
    `update case_dispute set reason = ?, debtor_text = null, resolution_note = case when resolution_note is null then null else ? end where case_id = any(?::uuid[])`,
    [ANONYMISED_TEXT, ANONYMISED_TEXT, caseIds],
  );
  // What the debtor wrote from their page, and the answers kept to replay their retried submissions.
  await exec('update portal_message set body = ? where case_id = any(?::uuid[]) and body <> ?', [ANONYMISED_TEXT, caseIds, ANONYMISED_TEXT]);
  await exec(`update idempotency_key set response_body = null where scope = any(select 'portal:' || id::text from unnest(?::uuid[]) as id)`, [caseIds]);
  await exec('delete from notification where case_id = any(?::uuid[])', [caseIds]);
  // The debtor's verified sessions go with their links (portal_session references portal_token).
  await exec('delete from portal_session where case_id = any(?::uuid[])', [caseIds]);
  await exec('delete from portal_token where case_id = any(?::uuid[])', [caseIds]);
}

/** Messages keep their trace (channel, template, dates, status) without recipient or content; files go but receipts. */
async function eraseMessagesAndFiles(exec: SqlExec, caseIds: string, receiptsKeptSince: Date): Promise<void> {
  await exec(
    `delete from demo_mailbox where message_id_header in (
       select provider_message_id from outbound_message where case_id = any(?::uuid[]) and channel = 'email' and provider_message_id is not null)`,
    [caseIds],
  );
  await exec(
    `update local_provider_message set recipient = ?, content_text = null
      where outbound_message_id in (select id from outbound_message where case_id = any(?::uuid[]))`,
    [ANONYMISED_TEXT, caseIds],
  );
  await exec(
    `update message_provider_event set payload = '{}'::jsonb
      where message_id in (select id from outbound_message where case_id = any(?::uuid[]))`,
    [caseIds],
  );
  // Files: every letter, e-mail, SMS and upload goes; receipts stay their 10 years (C. com. L123-22).
  await exec(
    `update outbound_message set recipient = null, subject = null, status_reason = null,
            document_id = case when document_id in (select id from case_document where kind = 'receipt' and created_at >= ?) then document_id end
      where case_id = any(?::uuid[])`,
    [receiptsKeptSince, caseIds],
  );
  await exec(`delete from case_document where case_id = any(?::uuid[]) and not (kind = 'receipt' and created_at >= ?)`, [caseIds, receiptsKeptSince]);
}

/** The copies kept elsewhere: webhook events, idempotent answers, the RGPD requests' names and texts. */
async function eraseCopies(exec: SqlExec, caseIds: string, creditorIds: readonly string[]): Promise<void> {
  // Free texts sent to the creditor's webhooks are the creditor's (the controller's) already; the agency's copy goes.
  await exec(
    `update creditor_event set data = data - 'reason' - 'resolutionNote'
      where creditor_id = any(?::uuid[]) and type in ('case.closed', 'case.disputed', 'case.dispute_resolved')
        and data->>'caseId' = any(?::text[]) and (data->'reason' is not null or data->'resolutionNote' is not null)`,
    [ids([...new Set(creditorIds)]), caseIds],
  );
  // A retried POST /cases replays the case detail it answered first: the copy kept for that goes too.
  await exec(`update idempotency_key set response_body = null where response_body->>'id' = any(?::text[])`, [caseIds]);
  await exec(`update rgpd_request set requester_name = ?, details = ? where case_id = any(?::uuid[])`, [ANONYMISED_TEXT, ANONYMISED_TEXT, caseIds]);
}

/**
 * Anonymises the debtors of these cases, each once (a case already anonymised is skipped: the job
 * is idempotent), and records one 'debtor_anonymised' line per case in the audit trail. Returns the
 * cases it anonymised.
 */
export async function anonymiseCases(
  exec: SqlExec,
  input: { caseIds: readonly string[]; now: Date; actorId: string | null; reason: AnonymisationReason; requestId?: string | null },
): Promise<string[]> {
  if (input.caseIds.length === 0) return [];
  const targets = await exec<{ id: string; debtor_id: string; creditor_id: string }>(
    `select id, debtor_id, creditor_id from collection_case
      where id = any(?::uuid[]) and anonymised_at is null order by id for update`,
    [ids(input.caseIds)],
  );
  if (targets.length === 0) return [];
  const anonymised = targets.map((row) => row.id);
  const caseIds = ids(anonymised);
  const creditorIds = targets.map((row) => row.creditor_id);
  const receiptsKeptSince = new Date(input.now);
  receiptsKeptSince.setUTCFullYear(receiptsKeptSince.getUTCFullYear() - RECEIPT_RETENTION_YEARS);

  await eraseDebtors(exec, ids(targets.map((row) => row.debtor_id)));
  await eraseCaseTexts(exec, caseIds, input.now);
  await eraseMessagesAndFiles(exec, caseIds, receiptsKeptSince);
  await eraseCopies(exec, caseIds, creditorIds);
  await exec(
    `insert into audit_event (actor_id, occurred_at, action, entity, entity_id, case_id, creditor_id, details)
     select ?, ?, 'debtor_anonymised', 'case', t.case_id, t.case_id, t.creditor_id, ?::jsonb
       from unnest(?::uuid[], ?::uuid[]) as t(case_id, creditor_id)`,
    [input.actorId, input.now, JSON.stringify({ reason: input.reason, requestId: input.requestId ?? null }), caseIds, ids(creditorIds)],
  );
  return anonymised;
}

/** The cases whose retention period has passed: closed longer than their creditor's retention, not yet anonymised. */
export async function casesDueForAnonymisation(exec: SqlExec, now: Date, limit: number): Promise<string[]> {
  const rows = await exec<{ id: string }>(
    `select c.id from collection_case c join creditor cr on cr.id = c.creditor_id
      where c.status = 'closed' and c.anonymised_at is null
        and c.closed_at < ?::timestamptz - make_interval(years => cr.retention_years_after_close)
      order by c.closed_at, c.id limit ? for update of c skip locked`,
    [now, limit],
  );
  return rows.map((row) => row.id);
}

/** Receipts of anonymised cases kept their 10 years (C. com. L123-22): then they go too. */
export async function purgeExpiredReceipts(exec: SqlExec, now: Date, limit: number): Promise<number> {
  const since = new Date(now);
  since.setUTCFullYear(since.getUTCFullYear() - RECEIPT_RETENTION_YEARS);
  const rows = await exec<{ id: string }>(
    `select d.id from case_document d join collection_case c on c.id = d.case_id
      where c.anonymised_at is not null and d.kind = 'receipt' and d.created_at < ? order by d.id limit ? for update of d skip locked`,
    [since, limit],
  );
  if (rows.length === 0) return 0;
  const documentIds = ids(rows.map((row) => row.id));
  await exec('update outbound_message set document_id = null where document_id = any(?::uuid[])', [documentIds]);
  await exec('delete from case_document where id = any(?::uuid[])', [documentIds]);
  return rows.length;
}

/**
 * The files creditors uploaded (every row of a claims file names a debtor): once the retention
 * period has passed since the import, the file itself goes (its cases keep what they hold, under
 * their own retention); the import's counts and rejection reasons stay.
 */
export async function purgeOldImportFiles(exec: SqlExec, now: Date, limit: number): Promise<number> {
  const rows = await exec<{ id: string; creditor_id: string }>(
    `select b.id, b.creditor_id from import_batch b join creditor cr on cr.id = b.creditor_id
      where b.created_at < ?::timestamptz - make_interval(years => cr.retention_years_after_close)
        and b.status in ('completed', 'failed', 'cancelled')
        and (b.original is not null or b.rejections <> '[]'::jsonb or exists (select 1 from import_file_chunk f where f.import_id = b.id))
      order by b.created_at, b.id limit ? for update of b skip locked`,
    [now, limit],
  );
  if (rows.length === 0) return 0;
  const importIds = ids(rows.map((row) => row.id));
  await exec('delete from import_file_chunk where import_id = any(?::uuid[])', [importIds]);
  await exec(`update import_batch set original = null, rejections = '[]'::jsonb where id = any(?::uuid[])`, [importIds]);
  await exec(
    `insert into audit_event (actor_id, occurred_at, action, entity, entity_id, creditor_id, details)
     select null, ?, 'import_files_purged', 'import', t.import_id, t.creditor_id, '{"reason":"retention"}'::jsonb
       from unnest(?::uuid[], ?::uuid[]) as t(import_id, creditor_id)`,
    [now, importIds, ids(rows.map((row) => row.creditor_id))],
  );
  return rows.length;
}

export type RetentionOutcome = { cases: number; receipts: number; importFiles: number; batches: number };

/**
 * The daily retention pass: batches of `batchSize`, each in a transaction of its own (a long run
 * holds no lock for long and a crash loses at most one batch, which the next run does again).
 */
export async function runRetention(
  inTransaction: <T>(fn: (exec: SqlExec) => Promise<T>) => Promise<T>,
  clock: Clock,
  batchSize = 200,
): Promise<RetentionOutcome> {
  const outcome: RetentionOutcome = { cases: 0, receipts: 0, importFiles: 0, batches: 0 };
  for (;;) {
    const done = await inTransaction(async (exec) => {
      const now = clock.now();
      const due = await casesDueForAnonymisation(exec, now, batchSize);
      return (await anonymiseCases(exec, { caseIds: due, now, actorId: null, reason: 'retention' })).length;
    });
    outcome.cases += done;
    if (done > 0) outcome.batches += 1;
    if (done < batchSize) break;
  }
  for (;;) {
    const done = await inTransaction((exec) => purgeExpiredReceipts(exec, clock.now(), batchSize));
    outcome.receipts += done;
    if (done < batchSize) break;
  }
  for (;;) {
    const done = await inTransaction((exec) => purgeOldImportFiles(exec, clock.now(), batchSize));
    outcome.importFiles += done;
    if (done < batchSize) break;
  }
  return outcome;
}
