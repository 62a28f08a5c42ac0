import type { MikroORM } from '@mikro-orm/postgresql';
import { toE164 } from '@relance/domain/identifiers';
import { checkLetterCompliance } from '@relance/templates/compliance';
import { letterEmail } from '@relance/templates/emails';
import type { LetterProps } from '@relance/templates/letter-model';
import type { LetterRenderer } from '@relance/templates/render-pool';
import { letterSms, smsSegments } from '@relance/templates/sms';
import type { Config } from '../../config.ts';
import type { Secrets } from '../../db/secrets.ts';
import type { Clock, ServiceContext } from '../../plugins/context.ts';
import { renderLetterIsolated } from '../../plugins/letter-renderer.ts';
import { messagesOutcomes } from '../../plugins/metrics.ts';
import { emExec, type SqlExec } from '../../plugins/sql.ts';
import { recordActivity } from '../cases/activities.ts';
import { type CaseDocumentKind, storeCaseDocument } from '../documents/service.ts';
import { createPortalLink } from '../portal/service.ts';
import {
  addressOf,
  composeEmail,
  emailMessageIdHeader,
  LocalPostProvider,
  LocalSmsProvider,
  PermanentSendError,
  SMTP_PROVIDER,
  sendEmailOverSmtp,
} from './channels.ts';
import { loadMessageContext, type MessageContext, templateTitles } from './letter-props.ts';
import { blockForGate, deferSend, type GatedMessage, gateAtSend } from './send-gate.ts';
import type { MessageChannel, MessageTemplate } from './service.ts';

export type SendDeps = {
  orm: MikroORM;
  clock: Clock;
  config: Config;
  secrets: Secrets;
  /** SMTP_URL, or the in-app SMTP server of demo mode; unset = e-mails fail with a clear reason. */
  smtpUrl: string | undefined;
  /** The worker's letter render pool; unset = the process's isolated renderer (plugins/letter-renderer.ts), never this thread. */
  renderLetter?: LetterRenderer;
};

export type SendOutcome = 'sent' | 'blocked' | 'deferred' | 'failed' | 'bounced' | 'skipped';

export const channelLabels: Record<MessageChannel, string> = {
  email: 'e-mail',
  sms: 'SMS',
  letter: 'courrier simple',
  registered_letter: 'lettre recommandée avec accusé de réception',
};

const letterDocumentKind: Record<MessageTemplate, CaseDocumentKind> = {
  first_letter: 'letter',
  firmer_reminder: 'letter',
  mise_en_demeure: 'letter',
  plan_agreement: 'plan_agreement',
  receipt: 'receipt',
  dispute_acknowledgment: 'dispute_acknowledgment',
};

/** Kinds whose own details (installments, receipt, dispute) live in the letter: the e-mail carries the PDF. */
const attachPdfToEmail = new Set<MessageTemplate>(['plan_agreement', 'receipt', 'dispute_acknowledgment']);

/**
 * Sends queued messages, each in its own transaction: a failure of one leaves the others sent.
 * Exactly once: the row is locked (`for update skip locked`) and must still be 'queued', so a
 * retried job, or a second worker holding the same ids, skips what is sent or being sent. A
 * transient error (SMTP server down) rolls the message back to 'queued' and is reported in
 * `retry`, so the job throws and graphile-worker tries again; on the last attempt it is marked
 * failed with the error.
 */
export async function sendMessages(
  deps: SendDeps,
  messageIds: readonly string[],
  options: { lastAttempt: boolean } = { lastAttempt: false },
): Promise<{ outcomes: Record<string, SendOutcome>; retry: { id: string; error: string }[] }> {
  const outcomes: Record<string, SendOutcome> = {};
  const retry: { id: string; error: string }[] = [];
  for (const id of messageIds) {
    try {
      outcomes[id] = await sendOne(deps, id);
    } catch (error) {
      const text = (error as Error).message.slice(0, 300);
      if (options.lastAttempt) {
        await markFailedAfterRetries(deps, id, text);
        outcomes[id] = 'failed';
      } else {
        retry.push({ id, error: text });
      }
    }
  }
  return { outcomes, retry };
}

function serviceContext(deps: SendDeps, em: ServiceContext['em']): ServiceContext {
  return { em, clock: deps.clock, config: deps.config, secrets: deps.secrets, locale: 'fr' };
}

/** One message being sent, in its transaction: the row, what its letter says and where it goes. */
type Sending = {
  deps: SendDeps;
  ctx: ServiceContext;
  exec: SqlExec;
  id: string;
  message: GatedMessage;
  now: Date;
  title: string;
  reference: string;
  kind: MessageContext['kind'];
};

/** What the channel's provider did with a message: its stored copy, the provider's id, a permanent failure. */
type Delivery = {
  documentId: string;
  subject: string | null;
  segments: number | null;
  provider: string;
  providerMessageId: string;
  permanent: PermanentSendError | null;
};

type Recipient = Extract<RecipientCheck, { ok: true }>;
type ComplianceProblems = Extract<ReturnType<typeof checkLetterCompliance>, { ok: false }>['problems'];

/** One message, counted by channel and outcome once its transaction committed (relance_messages_total). */
async function sendOne(deps: SendDeps, id: string): Promise<SendOutcome> {
  const seen: { channel: MessageChannel | null } = { channel: null };
  const outcome = await sendOneInTransaction(deps, id, seen);
  if (seen.channel) messagesOutcomes.inc({ channel: seen.channel, outcome });
  return outcome;
}

async function sendOneInTransaction(deps: SendDeps, id: string, seen: { channel: MessageChannel | null }): Promise<SendOutcome> {
  return await deps.orm.em.fork().transactional(async (em) => {
    const ctx = serviceContext(deps, em);
    const exec = emExec(em);
    const [message] = await exec<GatedMessage>(
      `select id, case_id, creditor_id, debtor_id, channel, template, locale, status, created_by, origin, gate_terms
         from outbound_message where id = ? and status = 'queued' for update skip locked`,
      [id],
    );
    if (!message) return 'skipped';
    seen.channel = message.channel;
    const now = deps.clock.now();
    const title = templateTitles[message.template].fr;

    // The legal gate, asked again now (send-gate.ts): a refusal blocks, a deferral sends later.
    const verdict = await gateAtSend(ctx, message, now);
    const label = `${title} (${channelLabels[message.channel]})`;
    if (verdict.decision === 'deferred' && verdict.until !== null) return await deferSend(ctx, exec, message, verdict, label, verdict.until);
    if (verdict.decision !== 'allowed') return await blockForGate(ctx, exec, message, verdict, label, now);

    const context = await loadMessageContext(ctx, message);
    const { reference, kind } = context;
    const sending: Sending = { deps, ctx, exec, id, message, now, title, reference, kind };

    // CPCE R124-4 and R124-7: a message missing a mention, a collection fee on a consumer or an
    // amount depending on a missing rate is never sent.
    const compliance = checkLetterCompliance(kind, context.props as LetterProps);
    if (!compliance.ok) return await blockForCompliance(sending, compliance.problems);

    const recipient = recipientFor(message.channel, context.recipients);
    if (!recipient.ok) return await failWithoutRecipient(sending, recipient.reason);

    const link = await createPortalLink(ctx, message.case_id, null, { keepPrevious: true });
    const props = { ...context.props, case: { ...context.props.case, portalUrl: link.url } } as LetterProps;
    const firstLetterId = message.template === 'first_letter' ? null : context.firstLetterId;
    const delivery =
      message.channel === 'letter' || message.channel === 'registered_letter'
        ? await sendLetter(sending, props, recipient)
        : message.channel === 'email'
          ? await sendEmail(sending, props, recipient, context.replyTo)
          : await sendSms(sending, props, recipient);
    if (delivery.permanent) return await recordPermanentFailure(sending, delivery, delivery.permanent, recipient, firstLetterId);
    return await recordSent(sending, delivery, recipient, firstLetterId);
  });
}

async function blockForCompliance({ exec, id, message, now, title, reference, ctx }: Sending, problems: ComplianceProblems): Promise<SendOutcome> {
  const hint = problems.some((problem) => problem.code === 'first_letter_reference_missing')
    ? " Aucune première lettre (relance amiable R124-4) n'a encore été envoyée sur ce dossier : envoyez-la d'abord."
    : '';
  const reason = `Envoi bloqué par le contrôle de conformité : ${problems.map((problem) => problem.message.fr).join(' ; ')}${hint}`;
  await exec(`update outbound_message set status = 'blocked', status_reason = ?, reference = ?, failed_at = ? where id = ?`, [reason, reference, now, id]);
  await recordActivity(ctx, {
    caseId: message.case_id,
    kind: 'message',
    text: `${title} (${channelLabels[message.channel]}) non envoyé. ${reason}`,
    authorId: message.created_by,
    event: {
      code: 'message_blocked',
      params: {
        template: templateTitles[message.template],
        channel: message.channel,
        reasons: { fr: problems.map((problem) => problem.message.fr).join(' ; '), en: problems.map((problem) => problem.message.en).join('; ') },
      },
    },
  });
  return 'blocked';
}

async function failWithoutRecipient({ exec, id, message, now, title, reference, ctx }: Sending, reason: string): Promise<SendOutcome> {
  await exec(`update outbound_message set status = 'failed', status_reason = ?, reference = ?, failed_at = ? where id = ?`, [reason, reference, now, id]);
  await recordActivity(ctx, {
    caseId: message.case_id,
    kind: 'message',
    text: `${title} (${channelLabels[message.channel]}) non envoyé : ${reason}`,
    authorId: message.created_by,
    event: { code: 'message_not_sent', params: { template: templateTitles[message.template], channel: message.channel, reason } },
  });
  return 'failed';
}

function callbackDepsOf({ exec, deps }: Sending) {
  return { exec, clock: deps.clock, publicUrl: deps.config.publicUrl };
}

/** A letter or registered letter: the PDF is kept on the case and handed to the postal provider. */
async function sendLetter(sending: Sending, props: LetterProps, recipient: Recipient): Promise<Delivery> {
  const { deps, exec, id, message, title, reference, kind } = sending;
  const pdf = await (deps.renderLetter ?? renderLetterIsolated)(kind, props);
  const registered = message.channel === 'registered_letter';
  const documentId = (
    await storeCaseDocument(exec, {
      caseId: message.case_id,
      creditorId: message.creditor_id,
      kind: letterDocumentKind[message.template],
      title: `${title} (${registered ? 'LRAR' : 'courrier'}) ${reference}`,
      fileName: `${reference}.pdf`,
      contentType: 'application/pdf',
      content: pdf,
      visibleToDebtor: true,
      createdBy: message.created_by,
    })
  ).id;
  const provider = LocalPostProvider.name;
  const { providerMessageId } = await LocalPostProvider.send(callbackDepsOf(sending), { outboundMessageId: id, addressLines: recipient.addressLines, pdf, registered });
  return { documentId, subject: null, segments: null, provider, providerMessageId, permanent: null };
}

/** An e-mail: the composed mail is kept on the case (.eml) and sent over SMTP. */
async function sendEmail(sending: Sending, props: LetterProps, recipient: Recipient, replyTo: MessageContext['replyTo']): Promise<Delivery> {
  const { deps, exec, id, message, now, title, reference, kind } = sending;
  const email = letterEmail(kind, props);
  const fromAddress = addressOf(deps.config.mailFrom);
  const attachments = attachPdfToEmail.has(message.template)
    ? [{ filename: `${reference}.pdf`, content: await (deps.renderLetter ?? renderLetterIsolated)(kind, props), contentType: 'application/pdf' }]
    : [];
  const raw = await composeEmail({
    messageId: id,
    fromName: email.fromName,
    fromAddress,
    replyTo,
    to: recipient.address,
    subject: email.subject,
    html: email.html,
    text: email.text,
    attachments,
    date: now,
  });
  const documentId = (
    await storeCaseDocument(exec, {
      caseId: message.case_id,
      creditorId: message.creditor_id,
      kind: 'email',
      title: `${title} (e-mail) ${reference}`,
      fileName: `${reference}.eml`,
      contentType: 'message/rfc822',
      content: raw,
      visibleToDebtor: true,
      createdBy: message.created_by,
    })
  ).id;
  // The Message-ID in the mail itself: what a delivery status notification (RFC 3464) quotes
  // in the returned headers, so a bounce mailed back later finds this message.
  const providerMessageId = emailMessageIdHeader(id, fromAddress);
  let permanent: PermanentSendError | null = null;
  if (!deps.smtpUrl) {
    permanent = new PermanentSendError('failed', "Aucun serveur d'envoi d'e-mails n'est configuré (SMTP_URL).");
  } else {
    try {
      // Envelope sender (Return-Path) = our bounce mailbox, not the From address: receiving
      // servers mail their bounce reports there (dsn.ts reads them).
      await sendEmailOverSmtp(deps.smtpUrl, raw, { from: deps.config.bounceAddress, to: recipient.address });
    } catch (error) {
      if (!(error instanceof PermanentSendError)) throw error;
      permanent = error;
    }
  }
  return { documentId, subject: email.subject, segments: null, provider: SMTP_PROVIDER, providerMessageId, permanent };
}

/** An SMS: its text is kept on the case (not shown to the debtor) and handed to the SMS provider. */
async function sendSms(sending: Sending, props: LetterProps, recipient: Recipient): Promise<Delivery> {
  const { exec, id, message, title, reference, kind } = sending;
  const text = letterSms(kind, props);
  const segments = smsSegments(text);
  const documentId = (
    await storeCaseDocument(exec, {
      caseId: message.case_id,
      creditorId: message.creditor_id,
      kind: 'sms',
      title: `${title} (SMS) ${reference}`,
      fileName: `${reference}.txt`,
      contentType: 'text/plain; charset=utf-8',
      content: Buffer.from(text, 'utf8'),
      visibleToDebtor: false,
      createdBy: message.created_by,
    })
  ).id;
  let providerMessageId: string;
  let permanent: PermanentSendError | null = null;
  try {
    providerMessageId = (await LocalSmsProvider.send(callbackDepsOf(sending), { outboundMessageId: id, to: recipient.phone, text })).providerMessageId;
  } catch (error) {
    if (!(error instanceof PermanentSendError)) throw error;
    permanent = error;
    providerMessageId = `<${id}>`;
  }
  return { documentId, subject: null, segments, provider: LocalSmsProvider.name, providerMessageId, permanent };
}

async function recordPermanentFailure(
  { exec, id, message, now, title, reference, ctx }: Sending,
  { subject, documentId, provider, segments }: Delivery,
  permanent: PermanentSendError,
  recipient: Recipient,
  firstLetterId: string | null,
): Promise<SendOutcome> {
  await exec(
    `update outbound_message set status = ?, status_reason = ?, reference = ?, recipient = ?, subject = ?, document_id = ?, provider = ?,
                first_letter_id = ?, segments = ?, failed_at = ? where id = ?`,
    [permanent.outcome, permanent.message, reference, recipient.display, subject, documentId, provider, firstLetterId, segments, now, id],
  );
  if (permanent.outcome === 'bounced' && message.channel === 'email') await markEmailInvalid(exec, message.debtor_id, recipient.display);
  await recordActivity(ctx, {
    caseId: message.case_id,
    kind: 'message',
    text: `${title} (${channelLabels[message.channel]}) ${permanent.outcome === 'bounced' ? 'rejeté' : 'non envoyé'} : ${permanent.message}`,
    authorId: message.created_by,
    event: {
      code: permanent.outcome === 'bounced' ? 'message_rejected' : 'message_not_sent',
      params: { template: templateTitles[message.template], channel: message.channel, reason: permanent.message },
    },
  });
  return permanent.outcome;
}

async function recordSent(
  { exec, id, message, now, title, reference, ctx }: Sending,
  { subject, documentId, provider, providerMessageId, segments }: Delivery,
  recipient: Recipient,
  firstLetterId: string | null,
): Promise<SendOutcome> {
  await exec(
    `update outbound_message set status = 'sent', status_reason = null, reference = ?, recipient = ?, subject = ?, document_id = ?,
              provider = ?, provider_message_id = ?, first_letter_id = ?, segments = ?, sent_at = ? where id = ?`,
    [reference, recipient.display, subject, documentId, provider, providerMessageId, firstLetterId, segments, now, id],
  );
  await recordActivity(ctx, {
    caseId: message.case_id,
    kind: 'message',
    text: `${title} envoyé par ${channelLabels[message.channel]} à ${recipient.display.replace(/\n/g, ', ')} (réf. ${reference})${segments && segments > 1 ? `, ${segments} SMS` : ''}.`,
    authorId: message.created_by,
    event: {
      code: 'message_sent',
      params: {
        template: templateTitles[message.template],
        channel: message.channel,
        recipient: recipient.display.replace(/\n/g, ', '),
        reference,
        segments: segments && segments > 1 ? segments : null,
      },
    },
  });
  return 'sent';
}

type RecipientCheck =
  | { ok: true; display: string; address: string; phone: string; addressLines: string[] }
  | { ok: false; reason: string };

function recipientFor(channel: MessageChannel, recipients: { email: string | null; phone: string | null; addressLines: string[] | null }): RecipientCheck {
  switch (channel) {
    case 'email':
      return recipients.email
        ? { ok: true, display: recipients.email, address: recipients.email, phone: '', addressLines: [] }
        : { ok: false, reason: 'Aucune adresse e-mail valide pour ce débiteur.' };
    case 'sms':
      return recipients.phone
        ? { ok: true, display: toE164(recipients.phone) ?? recipients.phone, address: '', phone: recipients.phone, addressLines: [] }
        : { ok: false, reason: 'Aucun numéro de téléphone valide pour ce débiteur.' };
    default:
      return recipients.addressLines
        ? { ok: true, display: recipients.addressLines.join('\n'), address: '', phone: '', addressLines: recipients.addressLines }
        : { ok: false, reason: 'Aucune adresse postale valide pour ce débiteur.' };
  }
}

export async function markEmailInvalid(exec: SqlExec, debtorId: string, email: string): Promise<void> {
  await exec('update debtor_email set valid = false where debtor_id = ? and lower(email) = lower(?)', [debtorId, email]);
}

async function markFailedAfterRetries(deps: SendDeps, id: string, error: string): Promise<void> {
  await deps.orm.em.fork().transactional(async (em) => {
    const exec = emExec(em);
    const [row] = await exec<{ case_id: string; created_by: string | null; template: MessageTemplate; channel: MessageChannel }>(
      `update outbound_message set status = 'failed', status_reason = ?, failed_at = ? where id = ? and status = 'queued'
       returning case_id, created_by, template, channel`,
      [`Échec de l'envoi après plusieurs tentatives : ${error}`, deps.clock.now(), id],
    );
    if (row) {
      await recordActivity(serviceContext(deps, em), {
        caseId: row.case_id,
        kind: 'message',
        text: `${templateTitles[row.template].fr} (${channelLabels[row.channel]}) non envoyé : échec après plusieurs tentatives (${error}).`,
        authorId: row.created_by,
        event: { code: 'message_failed_after_retries', params: { template: templateTitles[row.template], channel: row.channel, error } },
      });
    }
  });
}
