import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalise, pdfText } from '../../templates/test/pdf-text.ts';
import { closeEmailTransports } from '../src/features/messages/channels.ts';
import { loadMessageContext } from '../src/features/messages/letter-props.ts';
import { deliverReceiptDocument, type ReceiptDeliveryDeps } from '../src/features/money/receipt-delivery.ts';
import { deliverReceiptTask } from '../src/features/money/tasks/money__deliver_receipt.ts';
import { bookPaymentReversed } from '../src/features/payments/book.ts';
import { bearer, login, makeCreditor, makeUser, verifiedPortal } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { AGENCY_MAIL_FROM, brandedCreditor, completeAgency, jobsOf, reachableCase, silentHelpers, startInbox } from './messages-helpers.ts';

/**
 * Receipts (CPCE R124-6) from the receipt row to the debtor: each payment's own receipt, numbered
 * without gaps, stating its own date, amount, method and the balance as of that payment; an
 * acknowledgment (not a receipt) for a payment made to the creditor; a cancellation notice for a
 * reversed payment; the e-mail with the PDF; the jobs exactly once; who may read what.
 */
let t: TestApp;
let inbox: Awaited<ReturnType<typeof startInbox>>;
let creditor: { id: string };
let agentToken: string;
let creditorToken: string;
let otherCreditorToken: string;
let accountantToken: string;

beforeAll(async () => {
  inbox = await startInbox();
  t = await createTestApp({ env: { SMTP_URL: inbox.server.url, MAIL_FROM: AGENCY_MAIL_FROM } });
  await completeAgency(t);
  creditor = await brandedCreditor(t, { displayName: 'Fibrea', senderName: 'Service clients Fibrea', replyTo: 'clients@fibrea.test' });
  const other = await makeCreditor(t);
  agentToken = await login(t, await makeUser(t, 'agent'));
  accountantToken = await login(t, await makeUser(t, 'accountant'));
  creditorToken = await login(t, await makeUser(t, 'creditor', creditor.id));
  otherCreditorToken = await login(t, await makeUser(t, 'creditor', other.id));
});
afterAll(async () => {
  closeEmailTransports();
  await t.close();
  await inbox.server.close();
});

const deps = (): ReceiptDeliveryDeps => ({ orm: t.orm, clock: t.clock, config: t.config, secrets: t.secrets, smtpUrl: inbox.server.url });

async function get(url: string, token?: string, headers: Record<string, string> = {}) {
  return await t.app.inject({ method: 'GET', url, headers: { ...headers, ...(token ? bearer(token) : {}) } });
}

async function pay(caseId: string, amountCents: number, date: string, method: string) {
  const response = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/payments`, headers: bearer(agentToken), payload: { amountCents, date, method } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string };
}

type ReceiptDto = { id: string; kind: string; number: string | null; paymentId: string; receivedOn: string; amountCents: number; deliveredAt: string | null; cancelledAt: string | null; url: string; cancellationUrl: string | null };

async function receiptsOf(caseId: string, token = agentToken): Promise<ReceiptDto[]> {
  const response = await get(`/api/v1/cases/${caseId}/receipts`, token);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items;
}

/** Runs the queued delivery jobs of one kind the way the worker would (and removes them). */
async function runJobs(task: 'money__deliver_receipt' | 'money__deliver_receipt_cancellation') {
  for (const job of await jobsOf(t, task)) {
    await deliverReceiptDocument(deps(), job.payload.receiptId as string, { cancellation: task === 'money__deliver_receipt_cancellation' });
    await t.orm.em.fork().execute('delete from graphile_worker._private_jobs where id = ?::bigint', [job.id]);
  }
}

async function mailsTo(address: string) {
  return (await inbox.parsed()).filter((mail) => (Array.isArray(mail.to) ? mail.to : [mail.to]).some((to) => to?.value.some((v) => v.address === address)));
}

const pdfOf = async (url: string, token: string | undefined = agentToken, headers: Record<string, string> = {}) => {
  const response = await get(url, token, headers);
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toBe('application/pdf');
  return (await pdfText(response.rawPayload)).text;
};

describe('receipts of payments the agency received', () => {
  it('two payments: two consecutive numbers, two PDFs each with its own date, amount, method and balance as of it', async () => {
    const c = await reachableCase(t, creditor.id, { amountCents: 1_234_56 });
    const first = await pay(c.id, 200_00, '2026-11-02', 'transfer');
    const second = await pay(c.id, 300_00, '2026-11-10', 'cheque');
    const [a, b] = await receiptsOf(c.id);
    expect(a).toMatchObject({ kind: 'receipt', paymentId: first.id, receivedOn: '2026-11-02', amountCents: 200_00, deliveredAt: null });
    expect(b).toMatchObject({ kind: 'receipt', paymentId: second.id, receivedOn: '2026-11-10', amountCents: 300_00 });
    const seq = (number: string | null | undefined) => Number(number?.split('-')[2]);
    expect(seq(b?.number) - seq(a?.number)).toBe(1);

    // Rendered on demand before delivery (never delivered yet), each states its own payment.
    const textA = await pdfOf(a?.url as string);
    expect(textA).toContain(`Quittance n° ${a?.number}`);
    expect(textA).toContain('200,00 € le 2 novembre 2026, par virement');
    expect(textA).toContain(normalise('Solde restant dû à la date de ce paiement (décompte arrêté au 2 novembre 2026) : 1 034,56 €'));
    expect(textA).toContain('principal');
    expect(textA).not.toContain('nous avons reçu de votre part');
    const textB = await pdfOf(b?.url as string);
    expect(textB).toContain(`Quittance n° ${b?.number}`);
    expect(textB).toContain('300,00 € le 10 novembre 2026, par chèque');
    expect(textB).toContain(normalise('décompte arrêté au 10 novembre 2026) : 734,56 €'));
  });

  it('delivers by e-mail with the PDF attached, keeps it on the case, says so on the timeline, and never twice', async () => {
    const c = await reachableCase(t, creditor.id, { amountCents: 500_00 });
    await pay(c.id, 100_00, '2026-11-05', 'card');
    const [mine] = await receiptsOf(c.id);
    const queued = (await jobsOf(t, 'money__deliver_receipt')).find((job) => job.payload.receiptId === mine?.id);
    expect(queued).toBeDefined();
    // Twice, as a retried job would: one e-mail, one document.
    const task = deliverReceiptTask(deps());
    await task(queued?.payload, silentHelpers);
    await task(queued?.payload, silentHelpers);
    await runJobs('money__deliver_receipt');

    const [receipt] = await receiptsOf(c.id);
    expect(receipt?.deliveredAt).not.toBeNull();
    const mails = await mailsTo(c.email as string);
    expect(mails).toHaveLength(1);
    const mail = mails[0];
    expect(mail?.subject).toContain('quittance de votre paiement');
    expect(mail?.attachments.map((file) => file.filename)).toEqual([`${receipt?.number}.pdf`]);
    const attached = (await pdfText(mail?.attachments[0]?.content as Buffer)).text;
    expect(attached).toContain('100,00 € le 5 novembre 2026, par carte bancaire');
    expect(attached).toContain(normalise('décompte arrêté au 5 novembre 2026) : 400,00 €'));

    const [row] = await t.orm.em.fork().execute<{ documents: number; kept: string | null }[]>(
      `select (select count(*)::int from case_document d where d.case_id = r.case_id and d.kind = 'receipt') as documents, r.document_id as kept from receipt r where r.id = ?`,
      [receipt?.id],
    );
    expect(row).toMatchObject({ documents: 1 });
    const timeline = await t.orm.em.fork().execute<{ text: string }[]>(`select text from activity where case_id = ? and text like 'Quittance n°%'`, [c.id]);
    expect(timeline).toHaveLength(1);
    expect(timeline[0]?.text).toContain(`Quittance n° ${receipt?.number} émise`);
    // The stored copy is what the PDF route serves now.
    expect(await pdfOf(receipt?.url as string)).toBe(attached);
  });

  it('the manual receipt message uses the latest receipt row, not a number made from the payment', async () => {
    const c = await reachableCase(t, creditor.id, { amountCents: 800_00 });
    await pay(c.id, 50_00, '2026-11-03', 'transfer');
    const message = {
      id: randomUUID(),
      case_id: c.id,
      creditor_id: creditor.id,
      debtor_id: c.debtorId,
      channel: 'email' as const,
      template: 'receipt' as const,
      locale: 'fr' as const,
      status: 'queued',
      created_by: null,
    };
    const context = await loadMessageContext({ em: t.orm.em.fork(), clock: t.clock, config: t.config, secrets: t.secrets, locale: 'fr' }, message);
    const [receipt] = await receiptsOf(c.id);
    const props = context.props as unknown as { receipt: { receiptNumber: string; receivedOn: string; remainingBalanceCents: number }; statement: { asOf: string } };
    expect(props.receipt).toMatchObject({ receiptNumber: receipt?.number, receivedOn: '2026-11-03', remainingBalanceCents: 750_00 });
    expect(props.statement.asOf).toBe('2026-11-03');
  });
});

describe('a payment made directly to the creditor', () => {
  it('gets an unnumbered acknowledgment that says the creditor received it, not a receipt', async () => {
    const c = await reachableCase(t, creditor.id, { amountCents: 600_00 });
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${c.id}/direct-payments`,
      headers: bearer(creditorToken),
      payload: { date: '2026-11-12', amountCents: 250_00 },
    });
    expect(response.statusCode, response.body).toBe(201);
    const [ack] = await receiptsOf(c.id);
    expect(ack).toMatchObject({ kind: 'direct_payment_acknowledgment', number: null, amountCents: 250_00 });
    await runJobs('money__deliver_receipt');
    const text = await pdfOf(ack?.url as string);
    expect(text).toContain('Accusé de paiement direct au créancier');
    expect(text).toContain('nous a informés avoir reçu directement de votre part la somme de 250,00 € le 12 novembre 2026');
    expect(text).toContain("ce document n'est pas une quittance de notre part");
    expect(text).not.toContain('Quittance n°');
    expect(text).not.toContain('nous avons reçu');
    const [mail] = await mailsTo(c.email as string);
    expect(mail?.subject).toContain('paiement direct au créancier');
  });
});

describe('a reversed payment', () => {
  it('cancels the receipt with a notice: its number, why, the payment void and the balance restored', async () => {
    const c = await reachableCase(t, creditor.id, { amountCents: 900_00 });
    const payment = await pay(c.id, 400_00, '2026-11-04', 'cheque');
    await runJobs('money__deliver_receipt');
    await t.orm.em.fork().transactional(async (em) => {
      await bookPaymentReversed({ em, clock: t.clock }, payment.id, { reason: 'Chèque revenu impayé', bookedOn: '2026-11-20' });
    });
    await runJobs('money__deliver_receipt_cancellation');
    await runJobs('money__deliver_receipt_cancellation');
    const [receipt] = await receiptsOf(c.id);
    expect(receipt?.cancelledAt).not.toBeNull();
    expect(receipt?.cancellationUrl).toBe(`/api/v1/receipts/${receipt?.id}/cancellation.pdf`);
    const text = await pdfOf(receipt?.cancellationUrl as string);
    expect(text).toContain('Avis d’annulation de quittance');
    expect(text).toContain(`La quittance n° ${receipt?.number}`);
    expect(text).toContain('Motif : Chèque revenu impayé');
    expect(text).toContain('Ce paiement est réputé non avenu');
    expect(text).toContain(normalise('le solde est rétabli à 900,00 €'));
    const mails = await mailsTo(c.email as string);
    expect(mails.map((mail) => mail.subject)).toEqual([expect.stringContaining('quittance de votre paiement'), expect.stringContaining('annulation de quittance')]);
    // The original receipt still reads as it was issued.
    expect(await pdfOf(receipt?.url as string)).toContain('400,00 € le 4 novembre 2026, par chèque');
    expect((await get(`/api/v1/receipts/${(await receiptsOf(c.id))[0]?.id}/cancellation.pdf`, agentToken)).statusCode).toBe(200);
  });

  it('a receipt that stands has no cancellation notice (404 receipt_not_cancelled)', async () => {
    const c = await reachableCase(t, creditor.id, { amountCents: 100_00 });
    await pay(c.id, 10_00, '2026-11-06', 'transfer');
    const [receipt] = await receiptsOf(c.id);
    const response = await get(`/api/v1/receipts/${receipt?.id}/cancellation.pdf`, agentToken);
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('receipt_not_cancelled');
  });
});

describe('who reads receipts', () => {
  it("a creditor reads its own cases' receipts and gets 404 for another creditor's", async () => {
    const c = await reachableCase(t, creditor.id, { amountCents: 300_00 });
    await pay(c.id, 30_00, '2026-11-07', 'transfer');
    const [receipt] = await receiptsOf(c.id, creditorToken);
    expect(receipt?.amountCents).toBe(30_00);
    expect((await get(receipt?.url as string, creditorToken)).statusCode).toBe(200);
    expect((await get(`/api/v1/cases/${c.id}/receipts`, otherCreditorToken)).statusCode).toBe(404);
    expect((await get(receipt?.url as string, otherCreditorToken)).statusCode).toBe(404);
    expect((await get('/api/v1/receipts', creditorToken)).statusCode).toBe(403);
  });

  it('the register lists receipts for finance roles, filtered and paged', async () => {
    const response = await get(`/api/v1/receipts?creditorId=${creditor.id}&kind=receipt&limit=2`, accountantToken);
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json() as { items: ReceiptDto[]; nextCursor: string | null };
    expect(page.items).toHaveLength(2);
    expect(page.items.every((item) => item.kind === 'receipt')).toBe(true);
    const next = await get(`/api/v1/receipts?creditorId=${creditor.id}&kind=receipt&limit=2&cursor=${page.nextCursor}`, accountantToken);
    expect(next.statusCode).toBe(200);
    const ids = new Set(page.items.map((item) => item.id));
    expect((next.json().items as ReceiptDto[]).some((item) => ids.has(item.id))).toBe(false);
    expect((await get('/api/v1/receipts', agentToken)).statusCode).toBe(403);
  });

  it("the debtor's page lists only its case's receipts and serves their PDFs", async () => {
    const mine = await reachableCase(t, creditor.id, { amountCents: 700_00 });
    const theirs = await reachableCase(t, creditor.id, { amountCents: 700_00 });
    await pay(mine.id, 70_00, '2026-11-08', 'transfer');
    await pay(theirs.id, 80_00, '2026-11-08', 'transfer');
    const link = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${mine.id}/portal-link`, headers: bearer(agentToken), payload: {} });
    expect(link.statusCode, link.body).toBe(201);
    const token = (link.json().url as string).split('/pay/')[1] as string;
    const { cookie } = await verifiedPortal(t, token);
    const list = await get(`/api/v1/portal/${token}/receipts`, undefined, { cookie });
    expect(list.statusCode, list.body).toBe(200);
    const items = list.json().items as { id: string; amountCents: number; cancelled: boolean; url: string }[];
    expect(items.map((item) => item.amountCents)).toEqual([70_00]);
    expect(items[0]?.cancelled).toBe(false);
    const text = await pdfOf(items[0]?.url as string, undefined, { cookie });
    expect(text).toContain('70,00 € le 8 novembre 2026');
    const [other] = await receiptsOf(theirs.id);
    expect((await get(`/api/v1/portal/${token}/receipts/${other?.id}/pdf`, undefined, { cookie })).statusCode).toBe(404);
  });
});
