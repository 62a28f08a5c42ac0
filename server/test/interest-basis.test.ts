import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGING_SIGNATURE_HEADER, messagingWebhookSecret } from '../src/features/messages/provider-signature.ts';
import { queueCaseMessages } from '../src/features/messages/service.ts';
import { signPayload } from '../src/plugins/signed-webhook.ts';
import { emExec } from '../src/plugins/sql.ts';
import { createCaseViaApi, getStatement } from './case-factories.ts';
import { bearer, login, makeCreditor, makeUser } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { brandedCreditor, completeAgency, messageRow, reachableCase, runProviderCallbacks, runSendJobs, sendDeps } from './messages-helpers.ts';

/**
 * Interest basis (issue #15, part 4), through the API and the real postal callbacks:
 * - the registered mise en demeure's first presentation records the case's mise en demeure date
 *   (timeline, audit trail naming the provider event, replay-proof), and the décompte then charges
 *   a consumer legal interest from that date (C. civ. 1231-6, 1344-1);
 * - C. com. L441-10 only between professionals: a private-individual creditor against a company
 *   gets the taux légal from the mise en demeure, unless recorded as acting professionally.
 */
let t: TestApp;
let agent: string;
let manager: string;
let creditor: { id: string; legalName: string };

beforeAll(async () => {
  t = await createTestApp({ listen: true });
  // A Monday morning of 2026-H1 (whose rates are published): 10:00 in Paris.
  t.clock.set('2026-03-02T09:00:00Z');
  await completeAgency(t);
  creditor = await brandedCreditor(t, { displayName: 'Fibrea', senderName: 'Service clients Fibrea', replyTo: 'clients@fibrea.test' });
  agent = await login(t, await makeUser(t, 'agent'));
  manager = await login(t, await makeUser(t, 'manager'));
});
afterAll(async () => t.close());

async function send(caseId: string, channel: 'letter' | 'registered_letter', template: 'first_letter' | 'mise_en_demeure'): Promise<string> {
  const [id] = await t.orm.em.fork().transactional(async (em) => await queueCaseMessages(emExec(em), t.clock, [{ caseId, channel, template }]));
  await runSendJobs(t, sendDeps(t, undefined));
  expect((await messageRow(t, id as string)).status).toBe('sent');
  return id as string;
}

async function caseRow(caseId: string) {
  const [row] = await t.orm.em.fork().execute<{ mise_en_demeure_on: string | null }[]>(
    'select mise_en_demeure_on::text as mise_en_demeure_on from collection_case where id = ?',
    [caseId],
  );
  return row;
}

async function noticeAudits(caseId: string) {
  return await t.orm.em.fork().execute<{ actor_id: string | null; details: Record<string, unknown> }[]>(
    `select actor_id, details from audit_event where action = 'mise_en_demeure_recorded' and case_id = ? order by id`,
    [caseId],
  );
}

/** The timeline entries that record a mise en demeure date. */
const recorded = (entries: string[]) => entries.filter((text) => text.includes('Date de mise en demeure retenue'));

async function timeline(caseId: string): Promise<string[]> {
  const rows = await t.orm.em.fork().execute<{ text: string }[]>('select text from activity where case_id = ? order by occurred_at, id', [caseId]);
  return rows.map((row) => row.text);
}

function postCallback(body: string) {
  const now = Math.floor(t.clock.now().getTime() / 1000);
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/messages/webhooks/local-post',
    headers: { 'content-type': 'application/json', [MESSAGING_SIGNATURE_HEADER]: signPayload(messagingWebhookSecret(t.secrets), body, now) },
    payload: body,
  });
}

describe('the mise en demeure date, from the registered letter (C. civ. 1344, 1344-1)', () => {
  it('is recorded at the first presentation, with a timeline entry and an audit entry naming the event; the décompte then charges interest from it', async () => {
    const c = await reachableCase(t, creditor.id, { dueDate: '2026-01-15', amountCents: 1_234_56 });
    // The first letter, even registered, is not a mise en demeure: it records nothing.
    await send(c.id, 'registered_letter', 'first_letter');
    expect(await runProviderCallbacks(t)).toBe(3);
    expect((await caseRow(c.id))?.mise_en_demeure_on).toBeNull();

    const notice = await send(c.id, 'registered_letter', 'mise_en_demeure');
    const before = (await getStatement(t, agent, c.id, '2026-06-30')).json();
    expect(before.totals.interestCents).toBe(0);
    expect(before.warnings).toEqual([{ code: 'no_interest_without_mise_en_demeure', claimRef: expect.any(String) }]);

    // La Poste's order: first presentation, delivery, signed acknowledgment of receipt.
    expect(await runProviderCallbacks(t)).toBe(3);
    const message = await messageRow(t, notice);
    expect(message).toMatchObject({ status: 'delivered' });
    expect(message.presented_at).not.toBeNull();
    expect((await caseRow(c.id))?.mise_en_demeure_on).toBe('2026-03-02');

    const [presented] = await t.orm.em.fork().execute<{ id: string; event_id: string }[]>(
      `select id, event_id from message_provider_event where message_id = ? and type = 'letter.presented'`,
      [notice],
    );
    const audits = await noticeAudits(c.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actor_id: null,
      details: {
        date: '2026-03-02',
        previous: null,
        source: 'registered_letter',
        messageId: notice,
        letterReference: message.reference,
        provider: 'local_post',
        providerEventId: presented?.event_id,
        providerEventRowId: presented?.id,
        eventType: 'letter.presented',
      },
    });
    const entries = await timeline(c.id);
    expect(recorded(entries)).toEqual([
      expect.stringContaining(`Mise en demeure ${message.reference} par lettre recommandée : première présentation le 02/03/2026.`),
    ]);
    expect(entries.some((text) => text.includes('première présentation') && text.includes(message.reference as string))).toBe(true);

    const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/cases/${c.id}`, headers: bearer(agent) })).json();
    expect(detail.miseEnDemeureOn).toBe('2026-03-02');
    const messages = (await t.app.inject({ method: 'GET', url: `/api/v1/cases/${c.id}/messages`, headers: bearer(agent) })).json();
    expect(messages.items.find((item: { id: string }) => item.id === notice)?.presentedAt).toBe('2026-03-02T09:00:03.000Z');

    // Consumer debtor, company creditor: taux légal "autres cas" from the day after the presentation.
    // 3 Mar - 30 Jun 2026 = 29 + 30 + 31 + 30 = 120 days: 1 234,56 € x 2.62 % x 120/365 = 10.634... -> 10,63 €
    const statement = (await getStatement(t, agent, c.id, '2026-06-30')).json();
    expect(statement.lines.filter((line: { kind: string }) => line.kind === 'interest')).toEqual([
      expect.objectContaining({ from: '2026-03-03', to: '2026-06-30', days: 120, rateBasisPoints: 262, baseCents: 1_234_56, amountCents: 10_63 }),
    ]);
    expect(statement.totals).toMatchObject({ interestCents: 10_63, indemnityCents: 0, balanceCents: 1_234_56 + 10_63 });
    expect(statement.warnings).toEqual([]);
  });

  it('a replayed event changes nothing; a later proof of the same letter neither', async () => {
    const c = await reachableCase(t, creditor.id, { dueDate: '2026-01-15' });
    await send(c.id, 'letter', 'first_letter');
    const notice = await send(c.id, 'registered_letter', 'mise_en_demeure');
    await runProviderCallbacks(t);
    expect((await caseRow(c.id))?.mise_en_demeure_on).toBe('2026-03-02');
    const [presented] = await t.orm.em.fork().execute<{ payload: unknown }[]>(
      `select payload from message_provider_event where message_id = ? and type = 'letter.presented'`,
      [notice],
    );
    const replay = await postCallback(JSON.stringify(presented?.payload));
    expect(replay.json()).toEqual({ received: true, outcome: 'duplicate' });

    const providerMessageId = (await messageRow(t, notice)).provider_message_id;
    const later = JSON.stringify({
      id: 'evt_later_presentation',
      type: 'letter.presented',
      created: Math.floor(t.clock.now().getTime() / 1000),
      data: { providerMessageId, occurredAt: '2026-03-05T08:00:00.000Z' },
    });
    expect((await postCallback(later)).json()).toEqual({ received: true, outcome: 'ignored' });
    expect((await caseRow(c.id))?.mise_en_demeure_on).toBe('2026-03-02');
    expect(await noticeAudits(c.id)).toHaveLength(1);
    expect(recorded(await timeline(c.id))).toHaveLength(1);
  });

  it('a delivery known before the presentation records its day; the presentation reported afterwards moves it back', async () => {
    const c = await reachableCase(t, creditor.id, { dueDate: '2026-01-15' });
    await send(c.id, 'letter', 'first_letter');
    await runProviderCallbacks(t);
    const notice = await send(c.id, 'registered_letter', 'mise_en_demeure');
    // Drop the provider's own callbacks: the events are posted by hand, out of order.
    await t.orm.em.fork().execute(
      `delete from graphile_worker._private_jobs where task_id = (select id from graphile_worker._private_tasks where identifier = 'messages__deliver_local_callback')`,
    );
    const providerMessageId = (await messageRow(t, notice)).provider_message_id;
    const event = (id: string, type: string, occurredAt: string) =>
      JSON.stringify({ id, type, created: Math.floor(t.clock.now().getTime() / 1000), data: { providerMessageId, occurredAt } });
    // 23:30 UTC on 3 March is 00:30 on 4 March in Paris: the day is Paris's.
    expect((await postCallback(event('evt_delivered', 'message.delivered', '2026-03-03T23:30:00.000Z'))).json()).toMatchObject({ outcome: 'applied' });
    expect((await caseRow(c.id))?.mise_en_demeure_on).toBe('2026-03-04');
    expect((await postCallback(event('evt_presented', 'letter.presented', '2026-03-03T08:15:00.000Z'))).json()).toMatchObject({ outcome: 'applied' });
    expect((await caseRow(c.id))?.mise_en_demeure_on).toBe('2026-03-03');
    expect((await noticeAudits(c.id)).map((audit) => [audit.details.eventType, audit.details.date, audit.details.previous])).toEqual([
      ['message.delivered', '2026-03-04', null],
      ['letter.presented', '2026-03-03', '2026-03-04'],
    ]);
    // The acknowledgment of receipt comes last and proves nothing earlier.
    expect((await postCallback(event('evt_ar', 'letter.acknowledged', '2026-03-05T10:00:00.000Z'))).json()).toMatchObject({ outcome: 'applied' });
    expect((await caseRow(c.id))?.mise_en_demeure_on).toBe('2026-03-03');
    expect(await noticeAudits(c.id)).toHaveLength(2);
  });

  it('an earlier proof moves a later recorded date back; an earlier recorded date stays', async () => {
    const later = await reachableCase(t, creditor.id, { dueDate: '2026-01-15' });
    const earlier = await reachableCase(t, creditor.id, { dueDate: '2026-01-15' });
    await t.orm.em.fork().execute(`update collection_case set mise_en_demeure_on = '2026-03-20' where id = ?`, [later.id]);
    await t.orm.em.fork().execute(`update collection_case set mise_en_demeure_on = '2026-02-01' where id = ?`, [earlier.id]);
    for (const c of [later, earlier]) {
      await send(c.id, 'letter', 'first_letter');
      await send(c.id, 'registered_letter', 'mise_en_demeure');
    }
    await runProviderCallbacks(t);
    expect((await caseRow(later.id))?.mise_en_demeure_on).toBe('2026-03-02');
    expect((await noticeAudits(later.id))[0]?.details).toMatchObject({ date: '2026-03-02', previous: '2026-03-20' });
    expect(recorded(await timeline(later.id))).toEqual([expect.stringContaining('Date de mise en demeure retenue (au lieu du 20/03/2026)')]);
    expect((await caseRow(earlier.id))?.mise_en_demeure_on).toBe('2026-02-01');
    expect(await noticeAudits(earlier.id)).toEqual([]);
  });
});

describe('L441-10 only between professionals (C. com. L441-10, D441-5; CMF L313-2)', () => {
  it('a private-individual creditor against a company: taux légal from the mise en demeure; once recorded as acting professionally, penalties and 40 €', async () => {
    const owner = await makeCreditor(t, { kind: 'private_individual' });
    const ownerUser = await login(t, await makeUser(t, 'creditor', owner.id));
    const claims = [{ ref: 'LOC-2023-11', issueDate: '2023-10-16', dueDate: '2023-11-15', amountCents: 10_000_00 }];
    const created = await createCaseViaApi(t, ownerUser, { debtor: { type: 'company' }, claims, miseEnDemeureDate: '2024-01-10' });

    const civil = (await getStatement(t, agent, created.id, '2024-08-10')).json();
    // 10 000,00 € x 8.01 % x 172/366 = 376.426 -> 376,43 €; x 8.16 % x 41/366 = 91.409 -> 91,41 € (private-individual rate)
    expect(civil.lines.filter((line: { kind: string }) => line.kind === 'interest').map((line: { from: string; rateBasisPoints: number; amountCents: number }) => [line.from, line.rateBasisPoints, line.amountCents])).toEqual([
      ['2024-01-11', 801, 376_43],
      ['2024-07-01', 816, 91_41],
    ]);
    expect(civil.totals).toMatchObject({ interestCents: 467_84, indemnityCents: 0 });

    const patched = await t.app.inject({ method: 'PATCH', url: `/api/v1/creditors/${owner.id}`, headers: bearer(manager), payload: { actsProfessionally: true } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ kind: 'private_individual', actsProfessionally: true });
    const [audit] = await t.orm.em.fork().execute<{ details: Record<string, unknown> }[]>(
      `select details from audit_event where action = 'creditor_professional_standing_changed' and creditor_id = ?`,
      [owner.id],
    );
    expect(audit?.details).toEqual({ from: false, to: true, kind: 'private_individual' });

    const professional = (await getStatement(t, agent, created.id, '2024-08-10')).json();
    // ECB + 10 from the day after the due date: 176,44 + 721,04 + 159,63 = 1 057,11 €, plus 40 €
    expect(professional.lines.filter((line: { kind: string }) => line.kind === 'interest').map((line: { rateBasisPoints: number; amountCents: number }) => [line.rateBasisPoints, line.amountCents])).toEqual([
      [1400, 176_44],
      [1450, 721_04],
      [1425, 159_63],
    ]);
    expect(professional.totals).toMatchObject({ interestCents: 1_057_11, indemnityCents: 40_00, balanceCents: 11_097_11 });
  });

  it('the creditor says whether it acts professionally: a company always does; a private individual as recorded at onboarding', async () => {
    const company = (await t.app.inject({ method: 'GET', url: `/api/v1/creditors/${creditor.id}`, headers: bearer(manager) })).json();
    expect(company.actsProfessionally).toBe(true);
    const body = {
      legalName: 'Jeanne Martin',
      kind: 'private_individual',
      siren: null,
      address: { line1: '4 rue des Lilas', postalCode: '35000', city: 'Rennes' },
      brand: { displayName: 'Jeanne Martin, loueuse', primaryColor: '#1c4e80' },
      mandate: { reference: 'MAND-LMP-1', signedOn: '2026-02-01', validUntil: null },
    };
    const plain = await t.app.inject({ method: 'POST', url: '/api/v1/creditors', headers: bearer(manager), payload: body });
    expect(plain.statusCode, plain.body).toBe(201);
    expect(plain.json().actsProfessionally).toBe(false);
    const professional = await t.app.inject({
      method: 'POST',
      url: '/api/v1/creditors',
      headers: bearer(manager),
      payload: { ...body, mandate: { ...body.mandate, reference: 'MAND-LMP-2' }, actsProfessionally: true },
    });
    expect(professional.statusCode, professional.body).toBe(201);
    expect(professional.json().actsProfessionally).toBe(true);
  });
});
