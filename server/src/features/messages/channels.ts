import { createHash, randomBytes } from 'node:crypto';
import { toE164 } from '@relance/domain/identifiers';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Clock } from '../../plugins/context.ts';
import type { SqlExec } from '../../plugins/sql.ts';

// Channel adapters. E-mail goes over SMTP (nodemailer, SMTP_URL or, in demo mode, the in-app
// SMTP server). SMS and post go to LOCAL providers that stand in for services we cannot reach
// from here: they keep what they were handed and report delivery (and, for a registered letter,
// its first presentation and the acknowledgment of receipt) later through signed callbacks to our
// webhook endpoints, sent by a graphile-worker job after a short delay, like a real provider's.

export const SMTP_PROVIDER = 'smtp';
export const LOCAL_SMS_PROVIDER = 'local_sms';
export const LOCAL_POST_PROVIDER = 'local_post';
export const CALLBACK_TASK = 'messages__deliver_local_callback';
/** How long the local providers "take" before reporting (seconds). */
export const LOCAL_DELIVERY_DELAY_SECONDS = 3;
/** A registered letter: first presented at the address, then handed over, then its receipt signed. */
export const LOCAL_PRESENTATION_DELAY_SECONDS = 3;
export const LOCAL_REGISTERED_DELIVERY_DELAY_SECONDS = 5;
export const LOCAL_ACKNOWLEDGMENT_DELAY_SECONDS = 8;

/** A permanent refusal: the message is not retried (bounced or failed with this reason). */
export class PermanentSendError extends Error {
  readonly outcome: 'bounced' | 'failed';
  constructor(outcome: 'bounced' | 'failed', reason: string) {
    super(reason);
    this.outcome = outcome;
  }
}

// ---------------------------------------------------------------------------------------------
// E-mail

export type EmailToSend = {
  /** Our message id, used as the Message-ID so a bounce notice points back to it. */
  messageId: string;
  fromName: string;
  fromAddress: string;
  replyTo: string | null;
  to: string;
  subject: string;
  html: string;
  text: string;
  attachments: { filename: string; content: Buffer; contentType: string }[];
  date: Date;
};

export function emailMessageIdHeader(messageId: string, fromAddress: string): string {
  const domain = fromAddress.split('@')[1] ?? 'relance.invalid';
  return `<${messageId}@${domain}>`;
}

/** The full RFC 822 source: what is sent is exactly what is kept as evidence. */
export async function composeEmail(email: EmailToSend): Promise<Buffer> {
  const info = await composer.sendMail({
    from: { name: email.fromName, address: email.fromAddress },
    to: email.to,
    ...(email.replyTo ? { replyTo: email.replyTo } : {}),
    subject: email.subject,
    text: email.text,
    html: email.html,
    date: email.date,
    messageId: emailMessageIdHeader(email.messageId, email.fromAddress),
    headers: { 'X-Relance-Message-Id': email.messageId },
    attachments: email.attachments,
  });
  return info.message as Buffer;
}

// nodemailer's stream transport only builds the message (no network): the same composer the
// SMTP transport uses, so the kept source is byte for byte what is sent.
const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });

/** The address part of MAIL_FROM: the agency's sending address (the display name is the creditor's). */
export function addressOf(mailFrom: string): string {
  const match = /<([^>]+)>/.exec(mailFrom);
  return (match?.[1] ?? mailFrom).trim();
}

const transports = new Map<string, Transporter>();

function transportFor(smtpUrl: string): Transporter {
  let transport = transports.get(smtpUrl);
  if (!transport) {
    transport = nodemailer.createTransport(smtpUrl);
    transports.set(smtpUrl, transport);
  }
  return transport;
}

/** Closes the cached SMTP connections (tests and shutdown). */
export function closeEmailTransports(): void {
  for (const transport of transports.values()) transport.close();
  transports.clear();
}

/**
 * Hands the composed message to the SMTP server, `envelope.from` being the envelope sender
 * (MAIL FROM, the Return-Path bounce reports go to). A 5xx answer to the recipient is a hard bounce
 * (the address is marked invalid); another 5xx is a permanent failure; anything else (connection
 * refused, 4xx) is thrown as is, so the job retries later.
 */
export async function sendEmailOverSmtp(smtpUrl: string, raw: Buffer, envelope: { from: string; to: string }): Promise<{ response: string }> {
  try {
    // nodemailer's info.messageId is not used: for a raw message it is an id it makes up, found
    // nowhere in the mail. The message is known by the Message-ID header composeEmail wrote.
    const info = await transportFor(smtpUrl).sendMail({ envelope, raw });
    const rejected = (info.rejected ?? []).map(String);
    if (rejected.length > 0) throw new PermanentSendError('bounced', `Adresse refusée par le serveur de messagerie : ${rejected.join(', ')}`);
    return { response: info.response ?? '' };
  } catch (error) {
    if (error instanceof PermanentSendError) throw error;
    const smtp = error as { responseCode?: number; command?: string; code?: string; response?: string; message: string };
    if (smtp.responseCode !== undefined && smtp.responseCode >= 500) {
      const answer = (smtp.response ?? smtp.message).slice(0, 300);
      const atRecipient = smtp.command === 'RCPT TO' || smtp.code === 'EENVELOPE';
      throw new PermanentSendError(
        atRecipient ? 'bounced' : 'failed',
        atRecipient ? `Adresse refusée par le serveur de messagerie (${answer})` : `Refusé par le serveur de messagerie (${answer})`,
      );
    }
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Local providers (SMS, post)

type LocalOutcome = { type: 'message.delivered' } | { type: 'message.failed'; reason: string };

type CallbackDeps = { exec: SqlExec; clock: Clock; publicUrl: string };

async function queueCallback(deps: CallbackDeps, path: string, event: { type: string; providerMessageId: string; reason?: string | null; recipient?: string | null }, delaySeconds: number) {
  const id = `evt_local_${randomBytes(12).toString('base64url')}`;
  const occurredAt = new Date(deps.clock.now().getTime() + delaySeconds * 1000);
  const body = JSON.stringify({
    id,
    type: event.type,
    created: Math.floor(occurredAt.getTime() / 1000),
    data: { providerMessageId: event.providerMessageId, occurredAt: occurredAt.toISOString(), reason: event.reason ?? null, recipient: event.recipient ?? null },
  });
  await deps.exec(
    `select graphile_worker.add_job(?, json_build_object('url', ?::text, 'body', ?::text), run_at => now() + make_interval(secs => ?), max_attempts => 10, job_key => ?)`,
    [CALLBACK_TASK, `${deps.publicUrl}${path}`, body, delaySeconds, id],
  );
}

/**
 * LocalSmsProvider: accepts an SMS to an E.164 number, keeps it, and reports delivery by a
 * signed callback a few seconds later. Like a test number of a real provider, a number ending
 * in 0000 is reported as not delivered (unallocated number).
 */
export const LocalSmsProvider = {
  name: LOCAL_SMS_PROVIDER,
  async send(deps: CallbackDeps, sms: { outboundMessageId: string; to: string; text: string }): Promise<{ providerMessageId: string }> {
    const to = toE164(sms.to);
    if (!to) throw new PermanentSendError('failed', `Numéro de téléphone invalide (format E.164 attendu) : ${sms.to}`);
    const providerMessageId = `sms_local_${randomBytes(12).toString('base64url')}`;
    await deps.exec(
      `insert into local_provider_message (id, provider, outbound_message_id, recipient, service, content_text, content_sha256, accepted_at)
       values (?, ?, ?, ?, 'sms', ?, ?, ?)`,
      [providerMessageId, LOCAL_SMS_PROVIDER, sms.outboundMessageId, to, sms.text, createHash('sha256').update(sms.text).digest('hex'), deps.clock.now()],
    );
    const outcome: LocalOutcome = to.endsWith('0000') ? { type: 'message.failed', reason: 'Numéro non attribué' } : { type: 'message.delivered' };
    await queueCallback(deps, '/api/v1/messages/webhooks/local-sms', { ...outcome, providerMessageId, recipient: to }, LOCAL_DELIVERY_DELAY_SECONDS);
    return { providerMessageId };
  },
};

/**
 * LocalPostProvider: accepts a letter PDF (simple or registered with acknowledgment of receipt),
 * keeps its hash and reports delivery. A registered letter is reported as a La Poste e-LRAR
 * service does: its first presentation at the address (`letter.presented`, the proof a mise en
 * demeure's date is taken from), then its delivery, then the signed acknowledgment of receipt. A
 * postal code 00000 comes back "destinataire inconnu à l'adresse" (NPAI), never presented.
 */
export const LocalPostProvider = {
  name: LOCAL_POST_PROVIDER,
  async send(
    deps: CallbackDeps,
    letter: { outboundMessageId: string; addressLines: string[]; pdf: Buffer; registered: boolean },
  ): Promise<{ providerMessageId: string }> {
    const providerMessageId = `${letter.registered ? 'lrar' : 'post'}_local_${randomBytes(12).toString('base64url')}`;
    const recipient = letter.addressLines.join('\n');
    await deps.exec(
      `insert into local_provider_message (id, provider, outbound_message_id, recipient, service, content_text, content_sha256, accepted_at)
       values (?, ?, ?, ?, ?, null, ?, ?)`,
      [
        providerMessageId,
        LOCAL_POST_PROVIDER,
        letter.outboundMessageId,
        recipient,
        letter.registered ? 'registered_letter' : 'letter',
        createHash('sha256').update(letter.pdf).digest('hex'),
        deps.clock.now(),
      ],
    );
    const unknownAddress = letter.addressLines.some((line) => /^00000\b/.test(line.trim()));
    const path = '/api/v1/messages/webhooks/local-post';
    if (unknownAddress) {
      await queueCallback(deps, path, { type: 'message.failed', providerMessageId, reason: "Destinataire inconnu à l'adresse (NPAI)" }, LOCAL_DELIVERY_DELAY_SECONDS);
    } else if (letter.registered) {
      await queueCallback(deps, path, { type: 'letter.presented', providerMessageId }, LOCAL_PRESENTATION_DELAY_SECONDS);
      await queueCallback(deps, path, { type: 'message.delivered', providerMessageId }, LOCAL_REGISTERED_DELIVERY_DELAY_SECONDS);
      await queueCallback(deps, path, { type: 'letter.acknowledged', providerMessageId }, LOCAL_ACKNOWLEDGMENT_DELAY_SECONDS);
    } else {
      await queueCallback(deps, path, { type: 'message.delivered', providerMessageId }, LOCAL_DELIVERY_DELAY_SECONDS);
    }
    return { providerMessageId };
  },
};
