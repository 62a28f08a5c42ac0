import { randomBytes } from 'node:crypto';
import { type ParsedMail, simpleParser } from 'mailparser';
import { type DemoSmtpServer, type ReceivedMail, startDemoSmtpServer } from '../src/features/messages/demo-smtp.ts';
import { type SendDeps, sendMessages } from '../src/features/messages/send.ts';
import { deliverLocalCallbackTask } from '../src/features/messages/tasks/messages__deliver_local_callback.ts';
import { makeCase, makeCreditor } from './factories.ts';
import type { TestApp } from './harness.ts';

/** Messages tests: the app's own in-app SMTP server (demo mode's) records what arrives. */
export async function startInbox(): Promise<{ server: DemoSmtpServer; mails: ReceivedMail[]; parsed: () => Promise<ParsedMail[]> }> {
  const mails: ReceivedMail[] = [];
  const server = await startDemoSmtpServer({ onMail: (mail) => void mails.push(mail) });
  return { server, mails, parsed: async () => await Promise.all(mails.map((mail) => simpleParser(mail.raw))) };
}

export const AGENCY_MAIL_FROM = 'Agence de Test <envoi@agence-test.fr>';

/** The agency record of the harness lacks the BIC a letter prints (R124-4 4°): complete it. */
export async function completeAgency(t: TestApp): Promise<void> {
  await t.orm.em.fork().execute(`update agency set client_funds_bic = 'AGRIFRPP'`);
}

export async function brandedCreditor(t: TestApp, brand: { senderName: string; replyTo: string; displayName: string }) {
  const creditor = await makeCreditor(t);
  await t.orm.em.fork().execute(
    `update creditor set brand_display_name = ?, brand_sender_name = ?, brand_reply_to = ?, brand_signature = ?, brand_footer = ? where id = ?`,
    [brand.displayName, brand.senderName, brand.replyTo, `Service recouvrement\n${brand.displayName}`, `${brand.displayName} SA, RCS Paris`, creditor.id],
  );
  return creditor;
}

/**
 * A case with a debtor reachable on every channel. A consumer (default) whose claim has no mise
 * en demeure owes no interest, so the décompte is complete; a company debtor with a claim due in
 * 2026 owes L441-10 penalties of 2026 H2, whose rates are not published: the décompte depends on
 * a missing rate.
 */
export async function reachableCase(
  t: TestApp,
  creditorId: string,
  options: { kind?: 'company' | 'person'; email?: string | null; phone?: string | null; postalCode?: string; dueDate?: string; amountCents?: number } = {},
) {
  const tag = randomBytes(3).toString('hex');
  const made = await makeCase(t, creditorId, [{ amountCents: options.amountCents ?? 1_234_56, dueDate: options.dueDate ?? '2026-07-01' }], {
    kind: options.kind ?? 'person',
    name: `Jean Durand ${tag}`,
  });
  const em = t.orm.em.fork();
  await em.execute('delete from debtor_email where debtor_id = ?', [made.debtorId]);
  const email = options.email === undefined ? `jean.durand.${tag}@example.fr` : options.email;
  if (email) await em.execute('insert into debtor_email (debtor_id, email) values (?, ?)', [made.debtorId, email]);
  const phone = options.phone === undefined ? '+33612345678' : options.phone;
  if (phone) await em.execute('insert into debtor_phone (debtor_id, phone) values (?, ?)', [made.debtorId, phone]);
  await em.execute(`insert into debtor_address (debtor_id, line1, postal_code, city) values (?, '8 rue Victor Hugo', ?, 'Lille')`, [
    made.debtorId,
    options.postalCode ?? '59000',
  ]);
  return { ...made, email };
}

export function sendDeps(t: TestApp, smtpUrl: string | undefined): SendDeps {
  return { orm: t.orm, clock: t.clock, config: t.config, secrets: t.secrets, smtpUrl };
}

type JobRow = { id: string; payload: Record<string, unknown> };

export async function jobsOf(t: TestApp, task: string): Promise<JobRow[]> {
  return await t.orm.em.fork().execute<JobRow[]>(
    `select j.id::text as id, j.payload from graphile_worker._private_jobs j join graphile_worker._private_tasks k on k.id = j.task_id
      where k.identifier = ? order by j.id`,
    [task],
  );
}

/** Runs the queued messages__send jobs the way the worker would (and removes them). */
export async function runSendJobs(t: TestApp, deps: SendDeps): Promise<void> {
  for (const job of await jobsOf(t, 'messages__send')) {
    await sendMessages(deps, job.payload.messageIds as string[]);
    await t.orm.em.fork().execute('delete from graphile_worker._private_jobs where id = ?::bigint', [job.id]);
  }
}

const silentHelpers = {
  logger: { info: () => {}, debug: () => {}, warn: () => {}, error: () => {} },
  job: { attempts: 1, max_attempts: 10 },
} as unknown as Parameters<ReturnType<typeof deliverLocalCallbackTask>>[1];

/** Lets the local providers report (their callback jobs, signed, POSTed to the listening app). */
export async function runProviderCallbacks(t: TestApp): Promise<number> {
  const task = deliverLocalCallbackTask({ secrets: t.secrets, clock: t.clock });
  const jobs = await jobsOf(t, 'messages__deliver_local_callback');
  for (const job of jobs) {
    await task(job.payload, silentHelpers);
    await t.orm.em.fork().execute('delete from graphile_worker._private_jobs where id = ?::bigint', [job.id]);
  }
  return jobs.length;
}

export { silentHelpers };

export async function messageRow(t: TestApp, id: string) {
  const [row] = await t.orm.em.fork().execute<
    {
      status: string;
      status_reason: string | null;
      document_id: string | null;
      reference: string | null;
      recipient: string | null;
      provider: string | null;
      provider_message_id: string | null;
      first_letter_id: string | null;
      segments: number | null;
      sent_at: Date | null;
      delivered_at: Date | null;
      presented_at: Date | null;
      acknowledged_at: Date | null;
    }[]
  >('select * from outbound_message where id = ?', [id]);
  if (!row) throw new Error(`no message ${id}`);
  return row;
}
