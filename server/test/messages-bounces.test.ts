import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Migration20261123161000_secrets_bounces } from '../src/db/migrations/Migration20261123161000_secrets_bounces.ts';
import { closeEmailTransports, emailMessageIdHeader } from '../src/features/messages/channels.ts';
import { type DemoSmtpServer, type ReceivedMail, startDemoSmtpServer } from '../src/features/messages/demo-smtp.ts';
import {
  bounceEventFromReport,
  bounceMailRecorder,
  buildDeliveryStatusNotification,
  parseDeliveryStatusNotification,
} from '../src/features/messages/dsn.ts';
import { queueCaseMessages } from '../src/features/messages/service.ts';
import { emExec } from '../src/plugins/sql.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { AGENCY_MAIL_FROM, brandedCreditor, completeAgency, messageRow, reachableCase, runSendJobs, sendDeps } from './messages-helpers.ts';

/**
 * Bounces that come back as e-mail (DSN, RFC 3464): the message is accepted by the receiving
 * server (here the app's own demo SMTP server, which bounces `late-bounce…` addresses later) and a
 * delivery status notification is mailed over SMTP to our bounce address, then read and recorded
 * by the same function as the signed bounce callback.
 */
const BOUNCE_ADDRESS = 'retours@agence-test.fr';

let t: TestApp;
let mailbox: DemoSmtpServer;
/** What the debtors' mailbox kept. */
const delivered: ReceivedMail[] = [];
/** What arrived at our bounce address. */
const bounceMail: ReceivedMail[] = [];
let creditor: { id: string };
let record: ReturnType<typeof bounceMailRecorder>;

beforeAll(async () => {
  mailbox = await startDemoSmtpServer({
    onMail: (mail) => void delivered.push(mail),
    bounceMailbox: { address: BOUNCE_ADDRESS, onMail: (mail) => void bounceMail.push(mail) },
    lateBounceDelayMs: 0,
  });
  t = await createTestApp({ env: { SMTP_URL: mailbox.url, MAIL_FROM: AGENCY_MAIL_FROM, BOUNCE_ADDRESS } });
  await completeAgency(t);
  creditor = await brandedCreditor(t, { displayName: 'Fibrea', senderName: 'Service clients Fibrea', replyTo: 'clients@fibrea.test' });
  record = bounceMailRecorder({ orm: t.orm, clock: t.clock, config: t.config, secrets: t.secrets });
});
afterAll(async () => {
  closeEmailTransports();
  await t.close();
  await mailbox.close();
});

async function waitFor<T>(find: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 500; i++) {
    const found = find();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Sends a first letter by e-mail to the case's debtor, the way the worker does. */
async function sendEmail(caseId: string): Promise<string> {
  const [id] = await t.orm.em
    .fork()
    .transactional(async (tx) => await queueCaseMessages(emExec(tx), t.clock, [{ caseId, channel: 'email', template: 'first_letter' }]));
  await runSendJobs(t, sendDeps(t, mailbox.url));
  return id as string;
}

/** Mails a report to our bounce address through the local SMTP server, as a remote mail server would. */
async function mailToBounceAddress(raw: Buffer): Promise<ReceivedMail> {
  const before = bounceMail.length;
  const transport = nodemailer.createTransport(mailbox.url);
  await transport.sendMail({ envelope: { from: '', to: BOUNCE_ADDRESS }, raw });
  transport.close();
  return await waitFor(() => bounceMail[before], 'the report at the bounce address');
}

async function emailValid(debtorId: string): Promise<boolean | undefined> {
  const [row] = await t.orm.em.fork().execute<{ valid: boolean }[]>('select valid from debtor_email where debtor_id = ?', [debtorId]);
  return row?.valid;
}

async function bounceTrail(caseId: string, messageId: string) {
  const em = t.orm.em.fork();
  const [events] = await em.execute<{ n: number }[]>('select count(*)::int as n from message_provider_event where message_id = ?', [messageId]);
  const timeline = await em.execute<{ text: string }[]>(`select text from activity where case_id = ? and text like '%rejeté (adresse invalide)%'`, [caseId]);
  return { events: events?.n ?? 0, timeline: timeline.map((row) => row.text) };
}

describe('bounce reports (DSN) received by e-mail', () => {
  it('mails to debtors go out with our bounce address as envelope sender, known by the Message-ID they carry', async () => {
    const c = await reachableCase(t, creditor.id);
    const id = await sendEmail(c.id);
    const mail = await waitFor(() => delivered.find((m) => m.envelopeTo.includes(c.email as string)), 'the e-mail');
    expect(mail.envelopeFrom).toBe(BOUNCE_ADDRESS);
    const messageId = emailMessageIdHeader(id, 'envoi@agence-test.fr');
    expect(mail.raw.toString('latin1')).toContain(`Message-ID: ${messageId}`);
    expect(await messageRow(t, id)).toMatchObject({ status: 'sent', provider: 'smtp', provider_message_id: messageId });
  });

  it('a late bounce: the server accepts, then mails a DSN to the bounce address; the message is bounced, the address invalid, once', async () => {
    const c = await reachableCase(t, creditor.id, { email: 'late-bounce.jeanne@example.fr' });
    const before = bounceMail.length;
    const id = await sendEmail(c.id);
    // Accepted at RCPT time: the send itself succeeded, and nothing reached the debtor's mailbox.
    expect((await messageRow(t, id)).status).toBe('sent');
    expect(delivered.some((m) => m.envelopeTo.includes(c.email as string))).toBe(false);

    // The report the server mailed back (null envelope sender, RFC 5321 §4.5.5) is a real DSN.
    const dsn = await waitFor(() => bounceMail[before], 'the DSN');
    expect(dsn.envelopeFrom).toBe('');
    expect(dsn.raw.toString('utf8')).toMatch(/Content-Type: multipart\/report; report-type=delivery-status/);
    expect(parseDeliveryStatusNotification(dsn.raw)).toMatchObject({
      originalMessageId: emailMessageIdHeader(id, 'envoi@agence-test.fr'),
      recipients: [{ finalRecipient: 'late-bounce.jeanne@example.fr', action: 'failed', status: '5.1.1' }],
    });

    expect(await record(dsn.raw)).toBe('applied');
    const row = await messageRow(t, id);
    expect(row.status).toBe('bounced');
    expect(row.status_reason).toMatch(/avis de non-remise 5\.1\.1/);
    expect(await emailValid(c.debtorId)).toBe(false);
    expect(await bounceTrail(c.id, id)).toMatchObject({ events: 1, timeline: [expect.stringMatching(/rejeté \(adresse invalide\)/)] });

    // The same report again, mailed again: a duplicate that changes nothing.
    expect(await record((await mailToBounceAddress(dsn.raw)).raw)).toBe('duplicate');
    // The reporting server sending the report anew (a new Message-ID of its own) is the same event.
    const again = buildDeliveryStatusNotification({
      reportingMta: 'mx2.example.fr',
      to: BOUNCE_ADDRESS,
      original: await keptSource(id),
      recipient: 'late-bounce.jeanne@example.fr',
      action: 'failed',
      status: '5.1.1',
      diagnostic: '550 5.1.1 user unknown',
      arrivedAt: t.clock.now(),
      now: t.clock.now(),
    });
    expect(await record((await mailToBounceAddress(again)).raw)).toBe('duplicate');
    expect(await bounceTrail(c.id, id)).toMatchObject({ events: 1, timeline: [expect.any(String)] });
    expect((await messageRow(t, id)).status).toBe('bounced');
  });

  it('a mail that is not a DSN, and a DSN whose Action is delayed, change nothing', async () => {
    const c = await reachableCase(t, creditor.id);
    const id = await sendEmail(c.id);
    const original = await keptSource(id);
    const messageId = emailMessageIdHeader(id, 'envoi@agence-test.fr');

    // A debtor's reply (quoting our Message-ID) that landed in the bounce mailbox.
    const reply = Buffer.from(
      [
        `From: <${c.email}>`,
        `To: <${BOUNCE_ADDRESS}>`,
        'Subject: Re: votre relance',
        `In-Reply-To: ${messageId}`,
        `References: ${messageId}`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Je conteste cette facture. Status: 5.1.1 Action: failed',
        '',
      ].join('\r\n'),
    );
    expect(await record((await mailToBounceAddress(reply)).raw)).toBe('not_a_bounce');

    // RFC 3464 §2.3.3: "delayed" only says the server is still trying.
    const delayed = buildDeliveryStatusNotification({
      reportingMta: 'mx.example.fr',
      to: BOUNCE_ADDRESS,
      original,
      recipient: c.email as string,
      action: 'delayed',
      status: '4.4.1',
      diagnostic: '421 4.4.1 connection timed out',
      arrivedAt: t.clock.now(),
      now: t.clock.now(),
    });
    const delayedReport = parseDeliveryStatusNotification((await mailToBounceAddress(delayed)).raw);
    expect(delayedReport).toMatchObject({ originalMessageId: messageId, recipients: [{ action: 'delayed', status: '4.4.1' }] });
    expect(await record(delayed)).toBe('not_a_bounce');

    expect((await messageRow(t, id)).status).toBe('sent');
    expect(await emailValid(c.debtorId)).toBe(true);
    expect(await bounceTrail(c.id, id)).toEqual({ events: 0, timeline: [] });
  });

  it('a report about a message we never sent is recorded once and changes nothing', async () => {
    const original = Buffer.from(['Message-ID: <not-ours@elsewhere.example>', 'Subject: hello', '', 'body', ''].join('\r\n'));
    const dsn = buildDeliveryStatusNotification({
      reportingMta: 'mx.example.fr',
      to: BOUNCE_ADDRESS,
      original,
      recipient: 'someone@example.fr',
      action: 'failed',
      status: '5.1.1',
      diagnostic: '550 5.1.1 user unknown',
      arrivedAt: t.clock.now(),
      now: t.clock.now(),
    });
    expect(await record(dsn)).toBe('ignored');
    expect(await record(dsn)).toBe('duplicate');
  });
});

describe('migration of e-mails sent before', () => {
  it('their provider id becomes the Message-ID they carry, read from the kept source', async () => {
    const c = await reachableCase(t, creditor.id);
    const id = await sendEmail(c.id);
    // As stored before: the id nodemailer made up for the raw message, found nowhere in the mail.
    await t.orm.em.fork().execute(`update outbound_message set provider_message_id = '<6c1f0e2a-made-up@agence-test.fr>' where id = ?`, [id]);
    const migration = new Migration20261123161000_secrets_bounces({} as never, {} as never);
    migration.up();
    const sql = migration.getQueries().join('\n');
    await t.orm.em.fork().execute(sql.slice(sql.indexOf('update outbound_message')));
    expect((await messageRow(t, id)).provider_message_id).toBe(emailMessageIdHeader(id, 'envoi@agence-test.fr'));
  });
});

describe('parseDeliveryStatusNotification', () => {
  // A report as Postfix writes it: folded header, the returned message in full (message/rfc822),
  // a quoted-printable human part, the address we gave as ORCPT, a Status with a comment.
  const postfixReport = Buffer.from(
    [
      'Return-Path: <>',
      'From: MAILER-DAEMON@mx.example.fr (Mail Delivery System)',
      'To: retours@agence-test.fr',
      'Subject: Undelivered Mail Returned to Sender',
      'Date: Mon, 23 Nov 2026 11:02:03 +0100 (CET)',
      'Message-Id: <20261123100203.ABC12@mx.example.fr>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status;',
      '\tboundary="ABC12.1763892123/mx.example.fr"',
      '',
      'This is a MIME-encapsulated message.',
      '',
      '--ABC12.1763892123/mx.example.fr',
      'Content-Description: Notification',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Votre message n=E2=80=99a pas pu =C3=AAtre remis.',
      '',
      '--ABC12.1763892123/mx.example.fr',
      'Content-Description: Delivery report',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.example.fr',
      'X-Postfix-Queue-ID: ABC12',
      'Arrival-Date: Mon, 23 Nov 2026 11:01:58 +0100 (CET)',
      '',
      'Final-Recipient: rfc822; jean.forward@autre.example',
      'Original-Recipient: rfc822;jean@example.fr',
      'Action: failed',
      'Status: 5.2.1 (mailbox disabled)',
      'Remote-MTA: dns; mx.autre.example',
      'Diagnostic-Code: smtp; 550 5.2.1 The email account that you tried to reach is',
      '    disabled.',
      '',
      '--ABC12.1763892123/mx.example.fr',
      'Content-Description: Undelivered Message',
      'Content-Type: message/rfc822',
      '',
      'From: Service clients Fibrea <envoi@agence-test.fr>',
      'To: jean@example.fr',
      'Subject: Relance amiable',
      'Message-ID:',
      ' <0193a6f2-7c1e-7000-8000-000000000001@agence-test.fr>',
      '',
      'Bonjour,',
      '',
      '--ABC12.1763892123/mx.example.fr--',
      '',
    ].join('\r\n'),
  );

  it('reads the original Message-ID, the action, the RFC 3463 status and the recipients', () => {
    const report = parseDeliveryStatusNotification(postfixReport);
    expect(report).toEqual({
      originalMessageId: '<0193a6f2-7c1e-7000-8000-000000000001@agence-test.fr>',
      reportingMta: 'mx.example.fr',
      date: 'Mon, 23 Nov 2026 11:02:03 +0100 (CET)',
      recipients: [
        {
          finalRecipient: 'jean.forward@autre.example',
          originalRecipient: 'jean@example.fr',
          action: 'failed',
          status: '5.2.1',
          diagnosticCode: 'smtp; 550 5.2.1 The email account that you tried to reach is disabled.',
          lastAttemptDate: null,
        },
      ],
    });
    const event = bounceEventFromReport(report as NonNullable<typeof report>, new Date('2026-11-23T12:00:00Z'));
    expect(event).toMatchObject({
      type: 'email.bounced',
      data: {
        providerMessageId: '<0193a6f2-7c1e-7000-8000-000000000001@agence-test.fr>',
        occurredAt: '2026-11-23T10:02:03.000Z',
        recipient: 'jean@example.fr',
      },
    });
  });

  it('a permanent failure only: a transient failure (4.x.x) or a delivered report is no bounce', () => {
    const transient = Buffer.from(postfixReport.toString('latin1').replace('Status: 5.2.1 (mailbox disabled)', 'Status: 4.4.7'), 'latin1');
    const report = parseDeliveryStatusNotification(transient);
    expect(report?.recipients[0]?.status).toBe('4.4.7');
    expect(bounceEventFromReport(report as NonNullable<typeof report>, new Date())).toBeNull();
    const deliveredReport = Buffer.from(postfixReport.toString('latin1').replace('Action: failed', 'Action: delivered'), 'latin1');
    expect(bounceEventFromReport(parseDeliveryStatusNotification(deliveredReport) as NonNullable<typeof report>, new Date())).toBeNull();
    expect(parseDeliveryStatusNotification(Buffer.from('Subject: hi\r\n\r\nhello\r\n'))).toBeNull();
  });
});

async function keptSource(messageId: string): Promise<Buffer> {
  const [row] = await t.orm.em
    .fork()
    .execute<{ content: Buffer }[]>('select d.content from case_document d join outbound_message m on m.document_id = d.id where m.id = ?', [messageId]);
  if (!row) throw new Error(`no kept source for ${messageId}`);
  return row.content;
}
