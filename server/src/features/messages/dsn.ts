import { createHash, randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { type ProviderEvent, providerEvent } from '@relance/contracts/messages';
import type { Config } from '../../config.ts';
import type { Secrets } from '../../db/secrets.ts';
import type { Clock, ServiceContext } from '../../plugins/context.ts';
import { SMTP_PROVIDER } from './channels.ts';
import { applyProviderEvent } from './service.ts';

// Bounces that arrive as e-mail. A receiving server may accept a message and fail to deliver it
// later; it then mails a delivery status notification (DSN, RFC 3464) to the envelope sender of
// the message, our BOUNCE_ADDRESS. A DSN is a multipart/report (RFC 6522) whose parts are a
// human-readable text, a message/delivery-status part (machine-readable fields, one group per
// recipient) and the returned message or its headers (text/rfc822-headers), which carry the
// Message-ID we sent. This file reads such a report (and builds one, for the demo mailbox and the
// tests) with no dependency: mailparser folds the delivery-status part into the text body.

/** The machine-readable content of a DSN that matters to us. */
export type DeliveryStatusReport = {
  /** The Message-ID of the message the report is about (from the returned headers), e.g. `<id@domain>`. */
  originalMessageId: string | null;
  reportingMta: string | null;
  /** The report's own Date header (when the receiving server gave up). */
  date: string | null;
  recipients: DeliveryStatusRecipient[];
};

export type DeliveryStatusRecipient = {
  finalRecipient: string | null;
  /** The address we gave at RCPT TO (only when we sent it as ORCPT, RFC 3461). */
  originalRecipient: string | null;
  /** RFC 3464 §2.3.3: failed, delayed, delivered, relayed or expanded. */
  action: string;
  /** RFC 3463 class.subject.detail, e.g. 5.1.1. */
  status: string;
  diagnosticCode: string | null;
  lastAttemptDate: string | null;
};

// ---------------------------------------------------------------------------------------------
// A minimal MIME reader (RFC 2045/2046): headers, transfer encodings, multipart bodies.

type MimeEntity = {
  headers: Map<string, string[]>;
  /** Lower-case type/subtype; text/plain when absent (RFC 2045 §5.2). */
  type: string;
  params: Record<string, string>;
  /** Decoded body (base64 and quoted-printable undone). */
  body: Buffer;
  parts: MimeEntity[];
};

/** Nesting deeper than this is not a DSN from a mail server: not worth walking. */
const MAX_MIME_DEPTH = 6;

function splitHeaderBlock(raw: Buffer): { head: string; body: Buffer } {
  const text = raw.toString('latin1');
  const match = /\r?\n\r?\n/.exec(text);
  if (!match) return { head: text, body: Buffer.alloc(0) };
  // latin1 maps each byte to one character: string offsets are byte offsets.
  return { head: text.slice(0, match.index), body: raw.subarray(match.index + match[0].length) };
}

/** Header fields by lower-case name, folded lines joined (RFC 5322 §2.2.3). */
function parseHeaderFields(head: string): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    fields.set(name, [...(fields.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  return fields;
}

function first(fields: Map<string, string[]>, name: string): string | null {
  return fields.get(name)?.[0] ?? null;
}

function parseContentType(value: string | null): { type: string; params: Record<string, string> } {
  if (!value) return { type: 'text/plain', params: {} };
  const [type = '', ...rest] = value.split(';');
  const params: Record<string, string> = {};
  for (const match of `;${rest.join(';')}`.matchAll(/;\s*([^=\s;]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g)) {
    const raw = (match[2] ?? '').trim();
    params[(match[1] ?? '').toLowerCase()] = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
  }
  return { type: type.trim().toLowerCase() || 'text/plain', params };
}

function decodeTransferEncoding(body: Buffer, encoding: string | null): Buffer {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'base64':
      return Buffer.from(body.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
    case 'quoted-printable':
      return Buffer.from(
        body
          .toString('latin1')
          .replace(/=\r?\n/g, '')
          .replace(/=([0-9A-Fa-f]{2})/g, (_match, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
        'latin1',
      );
    default:
      return body;
  }
}

/** The body parts between the boundary delimiters (RFC 2046 §5.1.1); the preamble and epilogue are dropped. */
function splitMultipart(body: Buffer, boundary: string): Buffer[] {
  const delimiter = `--${boundary}`;
  const parts: Buffer[] = [];
  let current: string[] | null = null;
  for (const line of body.toString('latin1').split(/\r?\n/)) {
    if (line.startsWith(delimiter)) {
      const rest = line.slice(delimiter.length);
      if (rest.startsWith('--')) break;
      if (/^[ \t]*$/.test(rest)) {
        if (current) parts.push(Buffer.from(current.join('\r\n'), 'latin1'));
        current = [];
        continue;
      }
    }
    current?.push(line);
  }
  if (current) parts.push(Buffer.from(current.join('\r\n'), 'latin1'));
  return parts;
}

function parseMimeEntity(raw: Buffer, depth = 0): MimeEntity {
  const { head, body } = splitHeaderBlock(raw);
  const headers = parseHeaderFields(head);
  const { type, params } = parseContentType(first(headers, 'content-type'));
  const decoded = decodeTransferEncoding(body, first(headers, 'content-transfer-encoding'));
  const parts = type.startsWith('multipart/') && params.boundary && depth < MAX_MIME_DEPTH ? splitMultipart(decoded, params.boundary).map((part) => parseMimeEntity(part, depth + 1)) : [];
  return { headers, type, params, body: decoded, parts };
}

function* walk(entity: MimeEntity): Generator<MimeEntity> {
  yield entity;
  for (const part of entity.parts) yield* walk(part);
}

// ---------------------------------------------------------------------------------------------
// RFC 3464 reports

/** "rfc822; jean@example.fr" -> "jean@example.fr" (the address type is RFC 3464 §2.3.2's). */
function addressOf(field: string | null): string | null {
  if (!field) return null;
  const value = (field.includes(';') ? field.slice(field.indexOf(';') + 1) : field).trim().replace(/^<(.*)>$/, '$1');
  return value || null;
}

/** The Message-ID in angle brackets, comments and spaces dropped. */
function messageIdOf(value: string | null): string | null {
  const match = value ? /<[^<>\s]+>/.exec(value) : null;
  return match ? match[0] : null;
}

/**
 * Reads a delivery status notification: the multipart/report with report-type=delivery-status
 * (or its message/delivery-status part, wherever a forwarding system nested it), with the
 * returned headers (text/rfc822-headers) or message (message/rfc822; RFC 6533's message/global*
 * for internationalized mail). Returns null for any other e-mail.
 */
export function parseDeliveryStatusNotification(raw: Buffer): DeliveryStatusReport | null {
  const root = parseMimeEntity(raw);
  const report =
    [...walk(root)].find((entity) => entity.type === 'multipart/report' && entity.parts.some((part) => isStatusPart(part.type))) ?? null;
  const statusPart = report?.parts.find((part) => isStatusPart(part.type));
  if (!report || !statusPart) return null;

  // RFC 3464 §2.1: the per-message fields, then one group of per-recipient fields per recipient,
  // groups separated by blank lines.
  const groups = statusPart.body
    .toString('utf8')
    .split(/\r?\n[ \t]*\r?\n/)
    .map((group) => parseHeaderFields(group))
    .filter((fields) => fields.size > 0);
  const [perMessage, ...perRecipient] = groups;
  const recipients = perRecipient
    .filter((fields) => first(fields, 'action') && first(fields, 'status'))
    .map((fields) => ({
      finalRecipient: addressOf(first(fields, 'final-recipient')),
      originalRecipient: addressOf(first(fields, 'original-recipient')),
      action: (first(fields, 'action') ?? '').toLowerCase().split(/[\s(]/)[0] ?? '',
      status: /\d\.\d{1,3}\.\d{1,3}/.exec(first(fields, 'status') ?? '')?.[0] ?? '',
      diagnosticCode: first(fields, 'diagnostic-code'),
      lastAttemptDate: first(fields, 'last-attempt-date'),
    }));

  const returned = report.parts.find((part) => returnedHeaderTypes.has(part.type));
  const returnedHeaders = returned ? parseHeaderFields(splitHeaderBlock(returned.body).head) : null;
  return {
    originalMessageId: messageIdOf(returnedHeaders ? first(returnedHeaders, 'message-id') : null),
    reportingMta: perMessage ? addressOf(first(perMessage, 'reporting-mta')) : null,
    date: first(root.headers, 'date'),
    recipients,
  };
}

function isStatusPart(type: string): boolean {
  return type === 'message/delivery-status' || type === 'message/global-delivery-status';
}

const returnedHeaderTypes = new Set(['text/rfc822-headers', 'message/rfc822', 'message/global', 'message/global-headers']);

/**
 * A hard bounce: the server gave up (Action: failed, RFC 3464 §2.3.3) with a permanent failure
 * (Status class 5, RFC 3463 §3.1). "delayed" reports and transient (4.x.x) failures say nothing
 * about the address being wrong; they change nothing.
 */
export function isPermanentFailure(recipient: DeliveryStatusRecipient): boolean {
  return recipient.action === 'failed' && recipient.status.startsWith('5.');
}

// ---------------------------------------------------------------------------------------------
// Recording

export type BounceMailOutcome = 'applied' | 'duplicate' | 'ignored' | 'not_a_bounce';

function validInstant(value: string | null): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/**
 * The provider event a DSN stands for, or null when it is not a hard bounce of an identifiable
 * message. Its id is derived from the original Message-ID and the failed recipient, so the same
 * report received twice (or re-sent by the reporting server with a new Message-ID of its own) is
 * one event: the second is a duplicate and changes nothing.
 */
export function bounceEventFromReport(report: DeliveryStatusReport, now: Date): ProviderEvent | null {
  const failure = report.recipients.find(isPermanentFailure);
  if (!failure || !report.originalMessageId) return null;
  const key = `${report.originalMessageId.toLowerCase()}\n${(failure.finalRecipient ?? '').toLowerCase()}`;
  // "smtp; 550 5.1.1 …": the diagnostic type (RFC 3464 §2.3.6) says nothing to a reader.
  const diagnostic = failure.diagnosticCode ? `, ${failure.diagnosticCode.replace(/^[\w-]+;\s*/, '')}` : '';
  return providerEvent.parse({
    id: `dsn_${createHash('sha256').update(key).digest('hex').slice(0, 40)}`,
    type: 'email.bounced',
    created: Math.floor(now.getTime() / 1000),
    data: {
      providerMessageId: report.originalMessageId,
      occurredAt: validInstant(failure.lastAttemptDate) ?? validInstant(report.date) ?? now.toISOString(),
      reason: `avis de non-remise ${failure.status}${diagnostic}${report.reportingMta ? ` (${report.reportingMta})` : ''}`.slice(0, 500),
      // The address we sent to when the report names it (Original-Recipient); otherwise the shared
      // function marks the message's own recipient invalid (a Final-Recipient may be the address a
      // mailbox forwarded to, which is not in our records).
      recipient: failure.originalRecipient,
    },
  });
}

/**
 * The entry point for bounce e-mails, whatever brings them (the demo mailbox's SMTP server, an
 * inbound-mail webhook, an IMAP poller of the bounce mailbox): a DSN reporting a permanent failure
 * is recorded through `applyProviderEvent`, the function behind the signed bounce callback
 * (status guarded, address marked invalid, line on the case's timeline, once per event id).
 * Anything else (a reply, an auto-reply, a "delayed" report) changes nothing.
 * The bounce mailbox must only receive what the mail system hands it: a forged report could mark
 * an address invalid, never more (no money, no case status).
 */
export async function recordBounceMail(ctx: ServiceContext, raw: Buffer): Promise<BounceMailOutcome> {
  const report = parseDeliveryStatusNotification(raw);
  const event = report ? bounceEventFromReport(report, ctx.clock.now()) : null;
  if (!event) return 'not_a_bounce';
  return await applyProviderEvent(ctx, SMTP_PROVIDER, event);
}

/** `recordBounceMail` on a fresh entity manager, for mail servers and pollers outside a request. */
export function bounceMailRecorder(deps: { orm: MikroORM; clock: Clock; config: Config; secrets: Secrets }): (raw: Buffer) => Promise<BounceMailOutcome> {
  return async (raw) => await recordBounceMail({ em: deps.orm.em.fork(), clock: deps.clock, config: deps.config, secrets: deps.secrets, locale: 'fr' }, raw);
}

// ---------------------------------------------------------------------------------------------
// Building a report (the demo mailbox's late bounces, tests)

/**
 * A DSN as a receiving server sends it after accepting a message it then cannot deliver
 * (RFC 3464, in a multipart/report of RFC 6522): a human-readable part, the delivery-status part
 * and the original message's headers (text/rfc822-headers, as Postfix does), to be sent with a
 * null envelope sender (RFC 5321 §4.5.5) so it can never cause a bounce itself.
 */
export function buildDeliveryStatusNotification(options: {
  reportingMta: string;
  /** Where the report goes: the original envelope sender. */
  to: string;
  original: Buffer;
  recipient: string;
  action: 'failed' | 'delayed';
  /** RFC 3463 code, e.g. 5.1.1 (bad destination mailbox) or 4.4.1 (no answer from host). */
  status: string;
  diagnostic: string;
  arrivedAt: Date;
  now: Date;
}): Buffer {
  const boundary = `dsn_${randomBytes(12).toString('hex')}`;
  const date = options.now.toUTCString().replace('GMT', '+0000');
  const originalHeaders = splitHeaderBlock(options.original).head.replace(/\r?\n/g, '\r\n');
  const failed = options.action === 'failed';
  const lines = [
    `From: Mail Delivery System <MAILER-DAEMON@${options.reportingMta}>`,
    `To: <${options.to}>`,
    `Subject: ${failed ? 'Undelivered Mail Returned to Sender' : 'Delayed Mail (still being retried)'}`,
    `Date: ${date}`,
    `Message-ID: <${randomBytes(12).toString('hex')}@${options.reportingMta}>`,
    // RFC 3834: an automatic answer, so auto-responders never answer it.
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    '',
    'This is a MIME-encapsulated message.',
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=us-ascii',
    'Content-Description: Notification',
    '',
    failed
      ? `Your message could not be delivered to <${options.recipient}>. This is a permanent error.`
      : `Your message to <${options.recipient}> has not been delivered yet; delivery is still being retried.`,
    '',
    `--${boundary}`,
    'Content-Type: message/delivery-status',
    'Content-Description: Delivery report',
    '',
    `Reporting-MTA: dns; ${options.reportingMta}`,
    `Arrival-Date: ${options.arrivedAt.toUTCString().replace('GMT', '+0000')}`,
    '',
    `Final-Recipient: rfc822; ${options.recipient}`,
    `Action: ${options.action}`,
    `Status: ${options.status}`,
    `Diagnostic-Code: smtp; ${options.diagnostic}`,
    `Last-Attempt-Date: ${date}`,
    '',
    `--${boundary}`,
    'Content-Type: text/rfc822-headers',
    'Content-Description: Undelivered Message Headers',
    '',
    originalHeaders,
    '',
    `--${boundary}--`,
    '',
  ];
  return Buffer.from(lines.join('\r\n'), 'utf8');
}
