import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';
import { redactSecrets } from './log-redaction.ts';

/** An e-mail the product sends. `meta` is ours (e.g. the invitation it belongs to), never sent. */
export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  replyTo?: string;
  /**
   * The display name of the From header (issue 19: the agency's brand name on e-mails to staff and
   * creditor users); the address stays MAIL_FROM's. Absent: MAIL_FROM as configured.
   */
  fromName?: string;
  /** Files sent with the message (a legal action's dossier to a commissaire de justice). */
  attachments?: { filename: string; content: Buffer; contentType: string }[];
  meta?: Record<string, string>;
};

export type KeptMail = OutgoingMail & { from: string; keptAt: Date };

export type Mailer = {
  /** 'smtp': handed to the SMTP server; 'outbox': no SMTP_URL, logged and kept in memory. */
  readonly mode: 'smtp' | 'outbox';
  send: (mail: OutgoingMail) => Promise<{ delivery: 'smtp' | 'outbox' }>;
  /** Messages kept because no SMTP server is configured (newest last, the last 200). */
  outbox: () => readonly KeptMail[];
  close: () => void;
};

declare module 'fastify' {
  interface FastifyInstance {
    mailer: Mailer;
  }
}

const OUTBOX_LIMIT = 200;

/** MAIL_FROM's address with the given display name (quoted as RFC 5322 wants), or MAIL_FROM itself. */
export function fromHeader(mailFrom: string, fromName: string | undefined): { name: string; address: string } | string {
  const name = fromName?.replace(/[\r\n]+/g, ' ').trim();
  if (!name) return mailFrom;
  const address = (/<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom).trim();
  return { name, address };
}

function shownFrom(from: { name: string; address: string } | string): string {
  return typeof from === 'string' ? from : `"${from.name.replace(/["\\]/g, '\\$&')}" <${from.address}>`;
}

type Log = { info: (obj: object, msg: string) => void };

/**
 * SMTP sending with nodemailer when SMTP_URL is set. Without it (local runs, demo) the
 * message is logged and kept in memory, so the admin screens can still show an invitation
 * link: nothing is silently dropped, and no real address is written to by accident.
 */
export function createMailer(config: Pick<Config, 'smtpUrl' | 'mailFrom'>, log: Log): Mailer {
  const kept: KeptMail[] = [];
  const transport = config.smtpUrl ? nodemailer.createTransport(config.smtpUrl) : null;
  return {
    mode: transport ? 'smtp' : 'outbox',
    send: async (mail) => {
      const from = fromHeader(config.mailFrom, mail.fromName);
      if (transport) {
        await transport.sendMail({
          from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          ...(mail.html ? { html: mail.html } : {}),
          ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
          ...(mail.attachments ? { attachments: mail.attachments } : {}),
        });
        return { delivery: 'smtp' };
      }
      kept.push({ ...mail, from: shownFrom(from), keptAt: new Date() });
      if (kept.length > OUTBOX_LIMIT) kept.splice(0, kept.length - OUTBOX_LIMIT);
      // The text may carry a link with a token (an invitation): redacted in the log, kept whole in the outbox.
      log.info({ to: mail.to, subject: mail.subject, text: redactSecrets(mail.text) }, 'e-mail not sent (SMTP_URL unset): kept in the outbox');
      return { delivery: 'outbox' };
    },
    outbox: () => kept,
    close: () => transport?.close(),
  };
}

export const mailerPlugin = fp(async (app: FastifyInstance, options: { config: Pick<Config, 'smtpUrl' | 'mailFrom'> }) => {
  const mailer = createMailer(options.config, app.log);
  app.decorate('mailer', mailer);
  app.addHook('onClose', async () => mailer.close());
});
