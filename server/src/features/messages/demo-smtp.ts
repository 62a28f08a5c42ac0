import type { AddressInfo } from 'node:net';
import type { MikroORM } from '@mikro-orm/postgresql';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { buildDeliveryStatusNotification } from './dsn.ts';

/**
 * The SMTP server of demo mode (`npm start` without SMTP_URL): it runs inside the app on a free
 * local port and plays the debtors' mail server, so the product really sends its e-mails over
 * SMTP and the outbox shows what arrived. Like a real receiving server it refuses unknown
 * mailboxes at RCPT time with a 550 (here: any address at a `.invalid` domain, or whose local
 * part starts with `bounce`), which the sender records as a bounce and marks the address invalid.
 *
 * Late bounces: a real server may also accept a message and give up on it later, mailing a
 * delivery status notification (DSN, RFC 3464) to the message's envelope sender. This server does
 * that for any address whose local part starts with `late-bounce` (e.g.
 * `late-bounce.jean@example.fr`): it answers 250, keeps nothing in the mailbox, and a few seconds
 * later sends a DSN (Action: failed, Status: 5.1.1) over SMTP to the envelope sender, i.e. our
 * BOUNCE_ADDRESS. Since in demo mode this server is every domain's mail server, that DSN comes
 * back here, and mail to the bounce mailbox's address goes to its own handler (the DSN reader,
 * dsn.ts) instead of the debtors' mailbox. Tests reuse it with their own handlers.
 */
export type ReceivedMail = { raw: Buffer; envelopeFrom: string | null; envelopeTo: string[] };

export type DemoSmtpServer = { url: string; port: number; close: () => Promise<void> };

export function refusesRecipient(address: string): boolean {
  const [local = '', domain = ''] = address.toLowerCase().split('@');
  return domain.endsWith('.invalid') || local.startsWith('bounce');
}

/** Accepted at RCPT time, then reported undeliverable by a DSN (see above). */
export function bouncesLater(address: string): boolean {
  return address.toLowerCase().startsWith('late-bounce');
}

/** "Later": like the local SMS and postal providers, a few seconds after accepting the message. */
export const LATE_BOUNCE_DELAY_MS = 3_000;
const REPORTING_MTA = 'demo-mailbox.relance.invalid';

export type DemoSmtpOptions = {
  onMail: (mail: ReceivedMail) => Promise<void> | void;
  /** Mail to this address (our BOUNCE_ADDRESS) goes to `onMail` of the bounce mailbox, never to the debtors' mailbox. */
  bounceMailbox?: { address: string; onMail: (mail: ReceivedMail) => Promise<void> | void };
  lateBounceDelayMs?: number;
  log?: (message: string) => void;
};

export async function startDemoSmtpServer(options: DemoSmtpOptions): Promise<DemoSmtpServer> {
  const bounceAddress = options.bounceMailbox?.address.toLowerCase() ?? null;
  const isBounceMailbox = (address: string) => address.toLowerCase() === bounceAddress;
  let url = '';
  const lateBounces = makeLateBounceReporter(options, () => url);
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    banner: 'Relance demo mailbox',
    size: 25 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      if (!isBounceMailbox(address.address) && refusesRecipient(address.address)) {
        const error = new Error(`5.1.1 <${address.address}>: mailbox unavailable`) as Error & { responseCode: number };
        error.responseCode = 550;
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        const mail: ReceivedMail = {
          raw: Buffer.concat(chunks),
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
        };
        // Answer the sender first: it may be waiting inside a transaction that the storing
        // below needs to see committed.
        callback();
        deliverReceived(mail, options, isBounceMailbox, lateBounces.report);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  url = `smtp://127.0.0.1:${port}`;
  return {
    url,
    port,
    close: () => {
      lateBounces.cancel();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A received mail to its mailboxes: the bounce mailbox, late bounce reports, the debtors' mailbox. */
function deliverReceived(
  mail: ReceivedMail,
  options: DemoSmtpOptions,
  isBounceMailbox: (address: string) => boolean,
  reportLateBounce: (mail: ReceivedMail, recipient: string) => void,
) {
  const toBounceMailbox = mail.envelopeTo.some(isBounceMailbox);
  const lateBounces = mail.envelopeTo.filter((to) => !isBounceMailbox(to) && bouncesLater(to));
  const delivered = mail.envelopeTo.some((to) => !isBounceMailbox(to) && !bouncesLater(to));
  if (toBounceMailbox && options.bounceMailbox) {
    Promise.resolve(options.bounceMailbox.onMail(mail)).catch((error: unknown) =>
      options.log?.(`demo mailbox: could not read a bounce report: ${(error as Error).message}`),
    );
  }
  for (const recipient of lateBounces) reportLateBounce(mail, recipient);
  if (delivered) {
    Promise.resolve(options.onMail(mail)).catch((error: unknown) => options.log?.(`demo mailbox: could not keep a message: ${(error as Error).message}`));
  }
}

/** The DSNs a receiving server mails once it gives up on a message it had accepted, sent to the server at `url()`. */
function makeLateBounceReporter(options: DemoSmtpOptions, url: () => string) {
  const pendingReports = new Set<NodeJS.Timeout>();
  function report(mail: ReceivedMail, recipient: string) {
    // RFC 3464 §2 / RFC 5321 §4.5.5: never report on a message with a null sender (a report itself).
    if (!mail.envelopeFrom) return;
    const to = mail.envelopeFrom;
    const arrivedAt = new Date();
    const timer = setTimeout(() => {
      pendingReports.delete(timer);
      const report = buildDeliveryStatusNotification({
        reportingMta: REPORTING_MTA,
        to,
        original: mail.raw,
        recipient,
        action: 'failed',
        status: '5.1.1',
        diagnostic: `550 5.1.1 <${recipient}>: Recipient address rejected: User unknown in virtual mailbox table`,
        arrivedAt,
        now: new Date(),
      });
      const transport = nodemailer.createTransport(url());
      transport
        .sendMail({ envelope: { from: '', to }, raw: report })
        .catch((error: unknown) => options.log?.(`demo mailbox: could not send a bounce report to ${to}: ${(error as Error).message}`))
        .finally(() => transport.close());
    }, options.lateBounceDelayMs ?? LATE_BOUNCE_DELAY_MS);
    pendingReports.add(timer);
  }
  function cancel() {
    for (const timer of pendingReports) clearTimeout(timer);
    pendingReports.clear();
  }
  return { report, cancel };
}

/**
 * Keeps a received e-mail in `demo_mailbox` and, since this server is the debtor's mailbox,
 * marks our message delivered (matched by the X-Relance-Message-Id header we set).
 */
export function keepInDemoMailbox(orm: MikroORM): (mail: ReceivedMail) => Promise<void> {
  return async (mail) => {
    const parsed = await simpleParser(mail.raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
    const relanceId = parsed.headers.get('x-relance-message-id');
    const em = orm.em.fork();
    await em.execute(
      `insert into demo_mailbox (message_id_header, envelope_from, envelope_to, subject, raw) values (?, ?, ?::text[], ?, ?)`,
      [parsed.messageId ?? null, mail.envelopeFrom, `{${mail.envelopeTo.map((to) => `"${to.replace(/["\\]/g, '')}"`).join(',')}}`, parsed.subject ?? null, mail.raw],
    );
    if (typeof relanceId === 'string' && /^[0-9a-f-]{36}$/i.test(relanceId.trim())) {
      // The sender may not have committed yet (it answers us from inside its transaction): matching
      // 'queued' too makes this statement wait for its row lock, then the CASE applies to the
      // committed state ('sent' -> 'delivered'; a rolled-back attempt stays 'queued').
      await em.execute(
        `update outbound_message
            set delivered_at = case when status = 'sent' then now() else delivered_at end,
                status = case when status = 'sent' then 'delivered' else status end
          where id = ? and channel = 'email' and status in ('queued', 'sent')`,
        [relanceId.trim()],
      );
    }
  };
}
