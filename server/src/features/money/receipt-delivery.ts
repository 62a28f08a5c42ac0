import type { MikroORM } from '@mikro-orm/postgresql';
import { messageFor } from '@relance/contracts/errors';
import type { TimelineParam } from '@relance/contracts/timeline-events';
import { formatMoney } from '@relance/domain/money';
import { letterEmail } from '@relance/templates/emails';
import type { Config } from '../../config.ts';
import type { Secrets } from '../../db/secrets.ts';
import type { Clock, ServiceContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec, type SqlExec } from '../../plugins/sql.ts';
import { gateFor } from '../cases/legal-gate.ts';
import { addEntry } from '../cases/timeline.ts';
import { storeCaseDocument } from '../documents/service.ts';
import { addressOf, composeEmail, PermanentSendError, sendEmailOverSmtp } from '../messages/channels.ts';
import { loadReceiptRow, type ReceiptRow } from '../messages/receipt-terms.ts';
import { createPortalLink } from '../portal/service.ts';
import { renderReceiptDocument } from './receipts.ts';

// Delivering a payment document (CPCE R124-6), the jobs money__deliver_receipt and
// money__deliver_receipt_cancellation: the receipt (or acknowledgment, or cancellation notice) is
// rendered from its row, kept on the case (visible on the debtor's page), e-mailed to the debtor
// when an address is known and the legal gate lets a notice through (receipts are notices: only a
// mandate not in force stops the e-mail; the document is kept all the same), and the case's
// timeline says so. Exactly once: the receipt row is locked and the job does nothing when its
// document is already kept, all in one transaction (a failed e-mail rolls everything back and the
// job is retried: nothing is kept, nothing was sent).

export type ReceiptDeliveryDeps = { orm: MikroORM; clock: Clock; config: Config; secrets: Secrets; smtpUrl: string | undefined };

export type DeliveryOutcome = 'delivered' | 'skipped' | 'refused';

type Delivering = { ctx: ServiceContext; exec: SqlExec; row: ReceiptRow; cancellation: boolean; smtpUrl: string | undefined };

/** Delivers one receipt's document (or its cancellation notice); does nothing if it was delivered. */
export async function deliverReceiptDocument(deps: ReceiptDeliveryDeps, receiptId: string, options: { cancellation: boolean }): Promise<DeliveryOutcome> {
  return await deps.orm.em.fork().transactional(async (em) => {
    const ctx: ServiceContext = { em, clock: deps.clock, config: deps.config, secrets: deps.secrets, locale: 'fr' };
    const exec = emExec(em);
    const row = await loadReceiptRow(exec, receiptId, { lock: true });
    if (!row) return 'skipped';
    if (options.cancellation ? row.cancelled_at === null || row.cancellation_document_id !== null : row.document_id !== null) return 'skipped';
    return await deliver({ ctx, exec, row, cancellation: options.cancellation, smtpUrl: deps.smtpUrl });
  });
}

async function deliver(delivering: Delivering): Promise<DeliveryOutcome> {
  const { ctx, exec, row, cancellation } = delivering;
  const link = await createPortalLink(ctx, row.case_id, null, { keepPrevious: true });
  let rendered: Awaited<ReturnType<typeof renderReceiptDocument>>;
  try {
    rendered = await renderReceiptDocument(ctx, exec, row, { cancellation, portalUrl: link.url });
  } catch (error) {
    // A document that cannot be produced lawfully (a mention missing, a rate missing) is not
    // retried: the case's timeline says why, and staff fix the cause (the PDF route renders it then).
    if (!(error instanceof AppError) || (error.code !== 'receipt_document_refused' && error.code !== 'missing_rate')) throw error;
    await addEntry(exec, ctx.clock, {
      caseId: row.case_id,
      kind: 'payment',
      text: `${labelOf(row, cancellation)} non produit : ${error.code} ${JSON.stringify(error.details ?? {})}.`,
      event: { code: 'receipt_not_produced', params: { ...receiptParams(row, cancellation), problem: { fr: messageFor(error.code, 'fr'), en: messageFor(error.code, 'en') } } },
    });
    return 'refused';
  }
  const document = await storeCaseDocument(exec, {
    caseId: row.case_id,
    creditorId: row.creditor_id,
    kind: 'receipt',
    title: `${rendered.title} ${rendered.reference}`,
    fileName: `${rendered.reference}.pdf`,
    contentType: 'application/pdf',
    content: rendered.pdf,
    visibleToDebtor: true,
  });
  const emailed = await emailDocument(delivering, rendered);
  const now = ctx.clock.now();
  if (cancellation) await exec('update receipt set cancellation_document_id = ? where id = ?', [document.id, row.id]);
  else await exec('update receipt set document_id = ?, delivered_at = ? where id = ?', [document.id, now, row.id]);
  await addEntry(exec, ctx.clock, { caseId: row.case_id, kind: 'payment', text: `${issuedText(row, cancellation)} ${emailed}`, event: { code: 'receipt_issued', params: receiptParams(row, cancellation) } });
  return 'delivered';
}

/** The receipt as timeline parameters: which document, its number, the payment it is for. */
function receiptParams(row: ReceiptRow, cancellation: boolean): Record<string, TimelineParam> {
  return {
    receiptKind: cancellation ? 'cancellation' : row.kind,
    number: row.number ?? null,
    amountCents: Number(row.amount_cents),
    currency: row.currency,
    receivedOn: row.received_on,
  };
}

function labelOf(row: ReceiptRow, cancellation: boolean): string {
  if (cancellation) return `Avis d’annulation de la quittance n° ${row.number ?? '(accusé)'}`;
  return row.kind === 'receipt' ? `Quittance n° ${row.number}` : 'Accusé de paiement direct au créancier';
}

function issuedText(row: ReceiptRow, cancellation: boolean): string {
  const payment = `paiement de ${formatMoney(Number(row.amount_cents), row.currency, 'fr')} du ${row.received_on.split('-').reverse().join('/')}`;
  if (cancellation) return `Quittance n° ${row.number ?? '(accusé)'} annulée (${payment}) : avis d’annulation émis.`;
  return row.kind === 'receipt' ? `Quittance n° ${row.number} émise (${payment}).` : `Accusé de paiement direct au créancier émis (${payment}, reçu par le créancier).`;
}

/**
 * E-mails the document to the debtor (the letter's e-mail text, the PDF attached, kept as an .eml
 * on the case); answers what the timeline says about it. A transient SMTP error throws (retried).
 */
async function emailDocument({ ctx, exec, row, cancellation, smtpUrl }: Delivering, rendered: Awaited<ReturnType<typeof renderReceiptDocument>>): Promise<string> {
  const to = rendered.letter.base.recipients.email;
  if (!to) return 'Aucune adresse e-mail connue : disponible sur la page du débiteur.';
  const { verdict } = await gateFor(ctx, row.case_id, { action: { kind: 'message', channel: 'email', purpose: 'notice' }, origin: 'automatic', actorId: null });
  if (verdict.decision !== 'allowed') return `Non envoyé par e-mail (contrôle légal : ${verdict.reasons.map((reason) => reason.code).join(', ')}).`;
  if (!smtpUrl) return "Non envoyé par e-mail : aucun serveur d'envoi configuré (SMTP_URL).";
  const email = letterEmail('receipt', rendered.letter.props);
  const fromAddress = addressOf(ctx.config.mailFrom);
  const messageId = cancellation ? `${row.id}-cancellation` : row.id;
  const raw = await composeEmail({
    messageId,
    fromName: email.fromName,
    fromAddress,
    replyTo: rendered.letter.base.replyTo,
    to,
    subject: email.subject,
    html: email.html,
    text: email.text,
    attachments: [{ filename: `${rendered.reference}.pdf`, content: rendered.pdf, contentType: 'application/pdf' }],
    date: ctx.clock.now(),
  });
  try {
    await sendEmailOverSmtp(smtpUrl, raw, { from: ctx.config.bounceAddress, to });
  } catch (error) {
    if (!(error instanceof PermanentSendError)) throw error;
    return `E-mail à ${to} refusé : ${error.message}`;
  }
  await storeCaseDocument(exec, {
    caseId: row.case_id,
    creditorId: row.creditor_id,
    kind: 'email',
    title: `${rendered.title} (e-mail) ${rendered.reference}`,
    fileName: `${rendered.reference}.eml`,
    contentType: 'message/rfc822',
    content: raw,
    visibleToDebtor: true,
  });
  return `Envoyé par e-mail à ${to}.`;
}
