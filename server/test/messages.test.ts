import { createHash } from 'node:crypto';
import { L111_8_PARAGRAPH_2, L111_8_PARAGRAPH_3 } from '@relance/templates/compliance';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../src/db/embedded-postgres.ts';
import { closeEmailTransports } from '../src/features/messages/channels.ts';
import { MESSAGING_SIGNATURE_HEADER, messagingWebhookSecret } from '../src/features/messages/provider-signature.ts';
import { sendMessages } from '../src/features/messages/send.ts';
import { queueCaseMessages, SEND_BATCH_SIZE } from '../src/features/messages/service.ts';
import { sendMessagesTask } from '../src/features/messages/tasks/messages__send.ts';
import { bookPaymentReceived } from '../src/features/payments/book.ts';
import { signPayload } from '../src/plugins/signed-webhook.ts';
import { emExec } from '../src/plugins/sql.ts';
import { createTestApp, type TestApp } from './harness.ts';
import {
  AGENCY_MAIL_FROM,
  brandedCreditor,
  completeAgency,
  jobsOf,
  messageRow,
  reachableCase,
  runProviderCallbacks,
  runSendJobs,
  sendDeps,
  silentHelpers,
  startInbox,
} from './messages-helpers.ts';

let t: TestApp;
let inbox: Awaited<ReturnType<typeof startInbox>>;
let creditor: { id: string; legalName: string };

beforeAll(async () => {
  inbox = await startInbox();
  t = await createTestApp({ listen: true, env: { SMTP_URL: inbox.server.url, MAIL_FROM: AGENCY_MAIL_FROM } });
  await completeAgency(t);
  creditor = await brandedCreditor(t, { displayName: 'Fibrea', senderName: 'Service clients Fibrea', replyTo: 'clients@fibrea.test' });
});
afterAll(async () => {
  closeEmailTransports();
  await t.close();
  await inbox.server.close();
});

const deps = () => sendDeps(t, inbox.server.url);

async function queue(caseId: string, channel: 'email' | 'sms' | 'letter' | 'registered_letter', template: Parameters<typeof queueCaseMessages>[2][number]['template'] = 'first_letter') {
  const em = t.orm.em.fork();
  const [id] = await em.transactional(async (tx) => await queueCaseMessages(emExec(tx), t.clock, [{ caseId, channel, template }]));
  return id as string;
}

async function activities(caseId: string, kind = 'message') {
  return await t.orm.em.fork().execute<{ text: string }[]>('select text from activity where case_id = ? and kind = ? order by occurred_at, id', [caseId, kind]);
}

async function mailsTo(address: string) {
  return (await inbox.parsed()).filter((mail) => (Array.isArray(mail.to) ? mail.to : [mail.to]).some((to) => to?.value.some((v) => v.address === address)));
}

describe('queueCaseMessages', () => {
  it('inserts queued rows in request order and enqueues one send job per batch of up to 200 ids', async () => {
    const a = await reachableCase(t, creditor.id);
    const b = await reachableCase(t, creditor.id);
    const before = (await jobsOf(t, 'messages__send')).length;
    const requests = Array.from({ length: 450 }, (_, i) => ({
      caseId: i % 2 === 0 ? a.id : b.id,
      channel: (['email', 'sms', 'letter'] as const)[i % 3] as 'email' | 'sms' | 'letter',
      template: 'first_letter' as const,
    }));
    const ids = await t.orm.em.fork().transactional(async (tx) => await queueCaseMessages(emExec(tx), t.clock, requests));
    expect(ids).toHaveLength(450);
    expect(new Set(ids).size).toBe(450);
    const rows = await t.orm.em.fork().execute<{ id: string; case_id: string; channel: string; status: string }[]>(
      'select id, case_id, channel, status from outbound_message where id = any(?::uuid[])',
      [`{${ids.join(',')}}`],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    ids.forEach((id, i) => {
      expect(byId.get(id)).toMatchObject({ case_id: requests[i]?.caseId, channel: requests[i]?.channel, status: 'queued' });
    });
    const jobs = (await jobsOf(t, 'messages__send')).slice(before);
    expect(jobs.map((job) => (job.payload.messageIds as string[]).length)).toEqual([SEND_BATCH_SIZE, SEND_BATCH_SIZE, 50]);
    expect(jobs.flatMap((job) => job.payload.messageIds as string[])).toEqual(ids);
    // Not sent in this test: leave them out of the others' way.
    await t.orm.em.fork().execute(`update outbound_message set status = 'failed', status_reason = 'test' where id = any(?::uuid[])`, [`{${ids.join(',')}}`]);
    for (const job of jobs) await t.orm.em.fork().execute('delete from graphile_worker._private_jobs where id = ?::bigint', [job.id]);
  });

  it('takes 10,000 requests in one call (one statement, 50 jobs)', async () => {
    const c = await reachableCase(t, creditor.id);
    const before = (await jobsOf(t, 'messages__send')).length;
    const requests = Array.from({ length: 10_000 }, () => ({ caseId: c.id, channel: 'email' as const, template: 'first_letter' as const }));
    const ids = await t.orm.em.fork().transactional(async (tx) => await queueCaseMessages(emExec(tx), t.clock, requests));
    expect(ids).toHaveLength(10_000);
    const jobs = (await jobsOf(t, 'messages__send')).slice(before);
    expect(jobs).toHaveLength(50);
    await t.orm.em.fork().execute(`update outbound_message set status = 'failed', status_reason = 'test' where case_id = ?`, [c.id]);
    for (const job of jobs) await t.orm.em.fork().execute('delete from graphile_worker._private_jobs where id = ?::bigint', [job.id]);
  });

  it('refuses the whole call when a case does not exist (nothing queued)', async () => {
    const c = await reachableCase(t, creditor.id);
    await expect(
      t.orm.em.fork().transactional(async (tx) =>
        queueCaseMessages(emExec(tx), t.clock, [
          { caseId: c.id, channel: 'email', template: 'first_letter' },
          { caseId: '00000000-0000-4000-8000-000000000000', channel: 'email', template: 'first_letter' },
        ]),
      ),
    ).rejects.toThrow(/does not exist/);
    const [count] = await t.orm.em.fork().execute<{ n: number }[]>('select count(*)::int as n from outbound_message where case_id = ?', [c.id]);
    expect(count?.n).toBe(0);
  });
});

describe('e-mail over SMTP', () => {
  it('goes queued -> sent, arrives with the creditor sender name, its reply-to and the R124-4 mentions, and is kept as evidence', async () => {
    const c = await reachableCase(t, creditor.id);
    const id = await queue(c.id, 'email');
    expect((await messageRow(t, id)).status).toBe('queued');
    await runSendJobs(t, deps());

    const row = await messageRow(t, id);
    expect(row).toMatchObject({ status: 'sent', status_reason: null, recipient: c.email, provider: 'smtp' });
    const [mail] = await mailsTo(c.email as string);
    expect(mail).toBeDefined();
    if (!mail) return;
    expect(mail.from?.value[0]).toMatchObject({ name: 'Service clients Fibrea', address: 'envoi@agence-test.fr' });
    expect(mail.replyTo?.value[0]?.address).toBe('clients@fibrea.test');
    expect(mail.subject).toContain('Fibrea');
    const text = mail.text ?? '';
    expect(text).toContain('Agence de Test SAS');
    expect(text).toContain('recouvrement amiable');
    expect(text).toContain(creditor.legalName);
    expect(text).toMatch(/1\s234,56\s€/);
    expect(text).toContain(L111_8_PARAGRAPH_2);
    expect(text).toContain(L111_8_PARAGRAPH_3);
    expect(text).toMatch(/RF\d\d/);
    expect(text).toContain(`${t.config.publicUrl}/pay/`);
    expect(mail.html).toContain('Fibrea');

    const [document] = await t.orm.em.fork().execute<{ kind: string; content_type: string; content: Buffer; sha256: string; visible_to_debtor: boolean }[]>(
      'select kind, content_type, content, sha256, visible_to_debtor from case_document where id = ?',
      [row.document_id],
    );
    expect(document).toMatchObject({ kind: 'email', content_type: 'message/rfc822', visible_to_debtor: true });
    expect(createHash('sha256').update(document?.content as Buffer).digest('hex')).toBe(document?.sha256);
    // The kept source is what was sent: same Message-ID and subject read back from it.
    const kept = await simpleParser(document?.content as Buffer);
    expect(kept.messageId).toBe(mail.messageId);
    expect(kept.subject).toBe(mail.subject);
    expect((await activities(c.id)).map((a) => a.text).join('\n')).toMatch(/Relance amiable envoyé par e-mail/);
  });

  it('a refused mailbox (550 at RCPT) is a bounce: status bounced, the address marked invalid, not retried', async () => {
    const c = await reachableCase(t, creditor.id, { email: 'bounce.jean@example.fr' });
    const id = await queue(c.id, 'email');
    const result = await sendMessages(deps(), [id]);
    expect(result.retry).toEqual([]);
    const row = await messageRow(t, id);
    expect(row.status).toBe('bounced');
    expect(row.status_reason).toMatch(/Adresse refusée/);
    const [email] = await t.orm.em.fork().execute<{ valid: boolean }[]>('select valid from debtor_email where debtor_id = ?', [c.debtorId]);
    expect(email?.valid).toBe(false);
    // The next e-mail finds no valid address: the legal gate refuses it at send time (no_contact_point).
    const next = await queue(c.id, 'email');
    await sendMessages(deps(), [next]);
    expect(await messageRow(t, next)).toMatchObject({ status: 'blocked' });
    expect((await messageRow(t, next)).status_reason).toMatch(/\[no_contact_point\].*Aucune coordonnée valide/);
  });

  it('an SMTP server that is down leaves the message queued for the retry, and the last attempt marks it failed', async () => {
    const c = await reachableCase(t, creditor.id);
    const id = await queue(c.id, 'email');
    const down = `smtp://127.0.0.1:${await freePort()}`;
    const first = await sendMessages(sendDeps(t, down), [id]);
    expect(first.retry.map((r) => r.id)).toEqual([id]);
    expect((await messageRow(t, id)).status).toBe('queued');
    const [documents] = await t.orm.em.fork().execute<{ n: number }[]>('select count(*)::int as n from case_document where case_id = ?', [c.id]);
    expect(documents?.n).toBe(0);
    await sendMessages(sendDeps(t, down), [id], { lastAttempt: true });
    expect(await messageRow(t, id)).toMatchObject({ status: 'failed' });
    expect((await messageRow(t, id)).status_reason).toMatch(/plusieurs tentatives/);
  });
});

describe('SMS and post through the local providers', () => {
  it('an SMS is sent to the E.164 number, counted in segments, and its signed delivery callback marks it delivered', async () => {
    const c = await reachableCase(t, creditor.id, { phone: '06 12 34 56 78' });
    const id = await queue(c.id, 'sms');
    await runSendJobs(t, deps());
    const row = await messageRow(t, id);
    expect(row).toMatchObject({ status: 'sent', provider: 'local_sms', recipient: '+33612345678', segments: 1 });
    const [kept] = await t.orm.em.fork().execute<{ recipient: string; content_text: string }[]>(
      'select recipient, content_text from local_provider_message where outbound_message_id = ?',
      [id],
    );
    expect(kept?.recipient).toBe('+33612345678');
    expect(kept?.content_text).toContain('Fibrea');
    expect(kept?.content_text).toContain('/pay/');
    expect(await runProviderCallbacks(t)).toBe(1);
    expect((await messageRow(t, id)).status).toBe('delivered');
    expect((await activities(c.id)).map((a) => a.text).join('\n')).toMatch(/distribué/);
  });

  it('an SMS to a number that is not a phone number fails with the reason', async () => {
    const c = await reachableCase(t, creditor.id, { phone: '12' });
    const id = await queue(c.id, 'sms');
    await runSendJobs(t, deps());
    expect(await messageRow(t, id)).toMatchObject({ status: 'failed' });
    expect((await messageRow(t, id)).status_reason).toMatch(/E\.164/);
  });

  it('a letter is rendered to PDF, kept, handed to the postal provider and reported delivered', async () => {
    const c = await reachableCase(t, creditor.id);
    const id = await queue(c.id, 'letter');
    await runSendJobs(t, deps());
    const row = await messageRow(t, id);
    expect(row).toMatchObject({ status: 'sent', provider: 'local_post' });
    const [document] = await t.orm.em.fork().execute<{ kind: string; content: Buffer; visible_to_debtor: boolean; content_type: string }[]>(
      'select kind, content, visible_to_debtor, content_type from case_document where id = ?',
      [row.document_id],
    );
    expect(document).toMatchObject({ kind: 'letter', visible_to_debtor: true, content_type: 'application/pdf' });
    expect(document?.content.subarray(0, 5).toString()).toBe('%PDF-');
    await runProviderCallbacks(t);
    expect(await messageRow(t, id)).toMatchObject({ status: 'delivered', acknowledged_at: null });
  });

  it('a registered letter gets its first presentation, delivery and acknowledgment of receipt recorded', async () => {
    const c = await reachableCase(t, creditor.id);
    const id = await queue(c.id, 'registered_letter');
    await runSendJobs(t, deps());
    // Issue #15: like a La Poste e-LRAR service, the first presentation is reported too (3 events, not 2).
    expect(await runProviderCallbacks(t)).toBe(3);
    const row = await messageRow(t, id);
    expect(row.status).toBe('delivered');
    expect(row.delivered_at).not.toBeNull();
    expect(row.acknowledged_at).not.toBeNull();
    expect(row.presented_at).not.toBeNull();
    const texts = (await activities(c.id)).map((a) => a.text).join('\n');
    expect(texts).toMatch(/première présentation/);
    expect(texts).toMatch(/accusé de réception signé/);
  });

  it('a letter to an unknown address comes back failed (NPAI)', async () => {
    const c = await reachableCase(t, creditor.id, { postalCode: '00000' });
    const id = await queue(c.id, 'letter');
    await runSendJobs(t, deps());
    await runProviderCallbacks(t);
    expect(await messageRow(t, id)).toMatchObject({ status: 'failed', status_reason: "Destinataire inconnu à l'adresse (NPAI)" });
  });
});

describe('the compliance check and the first letter (CPCE R124-4, R124-7)', () => {
  it('blocks a message whose amounts depend on a missing rate, with a reason and a timeline entry, and sends nothing', async () => {
    // A professional debtor owes L441-10 penalties from the due date; 2026 H2 rates are not published.
    const c = await reachableCase(t, creditor.id, { kind: 'company' });
    const id = await queue(c.id, 'email');
    const sentBefore = inbox.mails.length;
    await runSendJobs(t, deps());
    const row = await messageRow(t, id);
    expect(row.status).toBe('blocked');
    expect(row.status_reason).toMatch(/^Envoi bloqué par le contrôle de conformité/);
    expect(row.status_reason).toMatch(/taux non renseigné \(2026-H2\)/);
    expect(row.document_id).toBeNull();
    expect(inbox.mails.length).toBe(sentBefore);
    expect((await activities(c.id)).map((a) => a.text).join('\n')).toMatch(/non envoyé.*contrôle de conformité/);
  });

  it('blocks a later letter while no first letter was sent; once sent, later ones repeat its reference and date', async () => {
    const c = await reachableCase(t, creditor.id);
    const early = await queue(c.id, 'letter', 'firmer_reminder');
    await runSendJobs(t, deps());
    expect((await messageRow(t, early)).status).toBe('blocked');
    expect((await messageRow(t, early)).status_reason).toMatch(/première lettre/);

    const first = await queue(c.id, 'letter', 'first_letter');
    await runSendJobs(t, deps());
    const firstRow = await messageRow(t, first);
    expect(firstRow.status).toBe('sent');

    const later = await queue(c.id, 'email', 'firmer_reminder');
    await runSendJobs(t, deps());
    const laterRow = await messageRow(t, later);
    expect(laterRow).toMatchObject({ status: 'sent', first_letter_id: first });
    const [mail] = await mailsTo(c.email as string);
    expect(mail?.text).toContain(`référence ${firstRow.reference}`);
    expect(mail?.text).toContain('23 novembre 2026');
  });
});

describe('exactly once', () => {
  it('a retried send job, or two workers on the same batch, send a message once', async () => {
    const c = await reachableCase(t, creditor.id);
    const id = await queue(c.id, 'email');
    const [job] = (await jobsOf(t, 'messages__send')).slice(-1);
    const sending = deps();
    const task = sendMessagesTask(sending, sending);
    await Promise.all([task(job?.payload, silentHelpers), task(job?.payload, silentHelpers)]);
    await task(job?.payload, silentHelpers);
    await sendMessages(deps(), [id]);
    expect(await mailsTo(c.email as string)).toHaveLength(1);
    const [documents] = await t.orm.em.fork().execute<{ n: number }[]>('select count(*)::int as n from case_document where case_id = ?', [c.id]);
    expect(documents?.n).toBe(1);
    expect((await messageRow(t, id)).status).toBe('sent');
    await t.orm.em.fork().execute('delete from graphile_worker._private_jobs where id = ?::bigint', [job?.id]);
  });
});

describe('signed provider callbacks', () => {
  async function sentSms() {
    const c = await reachableCase(t, creditor.id);
    const id = await queue(c.id, 'sms');
    await runSendJobs(t, deps());
    // Drop the provider's own callback: this test posts by hand.
    await t.orm.em.fork().execute(
      `delete from graphile_worker._private_jobs where task_id = (select id from graphile_worker._private_tasks where identifier = 'messages__deliver_local_callback')`,
    );
    return { id, row: await messageRow(t, id) };
  }

  function post(path: string, body: string, signature: string | null) {
    return t.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/json', ...(signature ? { [MESSAGING_SIGNATURE_HEADER]: signature } : {}) },
      payload: body,
    });
  }

  const now = () => Math.floor(t.clock.now().getTime() / 1000);
  const event = (providerMessageId: string, id: string, type = 'message.delivered') =>
    JSON.stringify({ id, type, created: now(), data: { providerMessageId, occurredAt: t.clock.now().toISOString() } });

  it('refuses a bad, missing or stale signature with 401 and changes nothing; a good one applies once; a replay is a duplicate', async () => {
    const { id, row } = await sentSms();
    const secret = messagingWebhookSecret(t.secrets);
    const body = event(row.provider_message_id as string, `evt_${id}`);
    const path = '/api/v1/messages/webhooks/local-sms';

    const bad = await post(path, body, signPayload('not-the-secret', body, now()));
    expect(bad.statusCode).toBe(401);
    expect(bad.json()).toMatchObject({ code: 'invalid_signature' });
    expect((await post(path, body, null)).statusCode).toBe(401);
    expect((await post(path, body, signPayload(secret, body, now() - 3600))).statusCode).toBe(401);
    const tampered = body.replace('message.delivered', 'message.failed');
    expect((await post(path, tampered, signPayload(secret, body, now()))).statusCode).toBe(401);
    expect((await messageRow(t, id)).status).toBe('sent');

    const good = await post(path, body, signPayload(secret, body, now()));
    expect(good.statusCode).toBe(200);
    expect(good.json()).toEqual({ received: true, outcome: 'applied' });
    expect((await messageRow(t, id)).status).toBe('delivered');

    const replay = await post(path, body, signPayload(secret, body, now()));
    expect(replay.json()).toEqual({ received: true, outcome: 'duplicate' });
    const [events] = await t.orm.em.fork().execute<{ n: number }[]>('select count(*)::int as n from message_provider_event where message_id = ?', [id]);
    expect(events?.n).toBe(1);
    const [timeline] = await t.orm.em.fork().execute<{ n: number }[]>(
      `select count(*)::int as n from activity a join outbound_message m on m.case_id = a.case_id where m.id = ? and a.text like '%distribué%'`,
      [id],
    );
    expect(timeline?.n).toBe(1);
  });

  it('a bounce notice on a sent e-mail marks it bounced and the address invalid', async () => {
    const c = await reachableCase(t, creditor.id);
    const id = await queue(c.id, 'email');
    await runSendJobs(t, deps());
    const row = await messageRow(t, id);
    expect(row.status).toBe('sent');
    const body = JSON.stringify({
      id: `dsn_${id}`,
      type: 'email.bounced',
      created: now(),
      data: { providerMessageId: row.provider_message_id, occurredAt: t.clock.now().toISOString(), reason: '550 5.1.1 user unknown', recipient: c.email },
    });
    const answer = await post('/api/v1/messages/webhooks/email-bounce', body, signPayload(messagingWebhookSecret(t.secrets), body, now()));
    expect(answer.json()).toEqual({ received: true, outcome: 'applied' });
    expect(await messageRow(t, id)).toMatchObject({ status: 'bounced' });
    const [email] = await t.orm.em.fork().execute<{ valid: boolean }[]>('select valid from debtor_email where debtor_id = ?', [c.debtorId]);
    expect(email?.valid).toBe(false);
  });
});

describe('receipt, dispute acknowledgment and plan letters', () => {
  it('a receipt states the latest payment; a dispute acknowledgment the dispute; a plan letter without a plan is blocked', async () => {
    const c = await reachableCase(t, creditor.id);
    const first = await queue(c.id, 'letter', 'first_letter');
    await runSendJobs(t, deps());
    expect((await messageRow(t, first)).status).toBe('sent');
    const em = t.orm.em.fork();
    const [payment] = await em.execute<{ id: string }[]>(
      `insert into payment (case_id, amount_cents, received_on, method) values (?, 200_00, '2026-11-20', 'transfer') returning id`,
      [c.id],
    );
    // The receipt row the payment's door writes (payments/book.ts): the manual receipt letter is that receipt.
    await em.transactional(async (tx) => bookPaymentReceived({ em: tx, clock: t.clock }, payment?.id as string, { deliver: false }));
    await em.execute(
      `insert into case_dispute (case_id, creditor_id, reason, opened_at, status_before) values (?, ?, 'Facture déjà réglée selon le débiteur', '2026-11-22T09:00:00Z', 'amicable')`,
      [c.id, creditor.id],
    );
    const receipt = await queue(c.id, 'email', 'receipt');
    const dispute = await queue(c.id, 'letter', 'dispute_acknowledgment');
    const plan = await queue(c.id, 'letter', 'plan_agreement');
    await runSendJobs(t, deps());

    expect(await messageRow(t, receipt)).toMatchObject({ status: 'sent', first_letter_id: first });
    const [mail] = await mailsTo(c.email as string);
    expect(mail?.subject).toContain('quittance');
    expect(mail?.attachments.map((a) => a.contentType)).toEqual(['application/pdf']);
    expect(mail?.text).toMatch(/1\s034,56\s€/);
    const [numbered] = await em.execute<{ number: string }[]>('select number from receipt where payment_id = ?', [payment?.id]);
    expect(mail?.attachments[0]?.filename).toMatch(/\.pdf$/);
    expect(numbered?.number).toMatch(/^Q-2026-\d{6}$/);

    const disputeRow = await messageRow(t, dispute);
    expect(disputeRow.status).toBe('sent');
    const [document] = await em.execute<{ kind: string }[]>('select kind from case_document where id = ?', [disputeRow.document_id]);
    expect(document?.kind).toBe('dispute_acknowledgment');

    expect(await messageRow(t, plan)).toMatchObject({ status: 'blocked' });
    expect((await messageRow(t, plan)).status_reason).toContain('Les éléments propres à ce courrier manquent');
  });
});
