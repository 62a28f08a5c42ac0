import type { AddressInfo } from 'node:net';
import type { MikroORM } from '@mikro-orm/postgresql';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * The SMTP server of demo mode (`npm start` without SMTP_URL): it runs inside the app on a free
 * local port and plays the debtors' mail server, so the product really sends its e-mails over
 * SMTP and the outbox shows what arrived. Like a real receiving server it refuses unknown
 * mailboxes at RCPT time with a 550 (here: any address at a `.invalid` domain, or whose local
 * part starts with `bounce`), which the sender records as a bounce and marks the address invalid.
 * Tests reuse it with their own `onMail`.
 */
export type ReceivedMail = { raw: Buffer; envelopeFrom: string | null; envelopeTo: string[] };

export type DemoSmtpServer = { url: string; port: number; close: () => Promise<void> };

export function refusesRecipient(address: string): boolean {
  const [local = '', domain = ''] = address.toLowerCase().split('@');
  return domain.endsWith('.invalid') || local.startsWith('bounce');
}

export async function startDemoSmtpServer(options: { onMail: (mail: ReceivedMail) => Promise<void> | void; log?: (message: string) => void }): Promise<DemoSmtpServer> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    banner: 'Relance demo mailbox',
    size: 25 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      if (refusesRecipient(address.address)) {
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
        Promise.resolve(options.onMail(mail)).catch((error: unknown) => options.log?.(`demo mailbox: could not keep a message: ${(error as Error).message}`));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
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
