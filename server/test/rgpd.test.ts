import { runOnce } from 'graphile-worker';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pdfText } from '../../templates/test/pdf-text.ts';
import { silentWorkerLogger } from '../src/db/migrate.ts';
import { runRetention } from '../src/features/rgpd/anonymise.ts';
import { inPgTransaction } from '../src/plugins/sql.ts';
import { taskList } from '../src/worker/runner.ts';
import { bearer, login, makeCase, makeCreditor, makeUser } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * Issue 13, item 14: the agency's RGPD duties. A retention period per creditor mandate, after which
 * the daily job anonymises the debtors of closed cases (keeping amounts, dates and legal evidence);
 * the data-access export (JSON and PDF); requests of rectification and erasure decided by managers
 * (erasure refused while the claim is collected); reads of debtor files by staff in the audit trail.
 */
let t: TestApp;
let managerToken: string;
let agentToken: string;
let creditorToken: string;
let creditorId: string;
let manager: { id: string };
let agent: { id: string };

const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => (await t.orm.em.fork().execute(text, params)) as T[];

beforeAll(async () => {
  t = await createTestApp();
  creditorId = (await makeCreditor(t)).id;
  manager = await makeUser(t, 'manager');
  agent = await makeUser(t, 'agent');
  managerToken = await login(t, manager as { id: string; email: string; password: string });
  agentToken = await login(t, agent as { id: string; email: string; password: string });
  creditorToken = await login(t, await makeUser(t, 'creditor', creditorId));
});
afterAll(async () => t.close());
beforeEach(() => t.clock.set('2026-11-23T10:00:00Z'));

async function api(method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, token: string, payload?: object) {
  return await t.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
}

/** A case with everything personal the product keeps about a debtor, closed `closedYearsAgo` years before the test clock (null: open). */
async function fullCase(options: { creditor?: string; closedYearsAgo?: number | null; name?: string } = {}) {
  const owner = options.creditor ?? creditorId;
  const name = options.name ?? `Jeanne Martin ${Math.random().toString(36).slice(2, 8)}`;
  const found = await makeCase(t, owner, [{ amountCents: 100_000 }], { kind: 'person', name });
  await sql(`update debtor set first_name = 'Jeanne', last_name = 'Martin' where id = ?`, [found.debtorId]);
  await sql(`insert into debtor_phone (debtor_id, phone) values (?, '+33612345678')`, [found.debtorId]);
  await sql(`insert into debtor_address (debtor_id, line1, postal_code, city) values (?, '12 rue des Lilas', '44000', 'Nantes')`, [found.debtorId]);
  await sql(`insert into activity (case_id, kind, text, occurred_at) values (?, 'note', 'Mme Martin dit être au chômage', now())`, [found.id]);
  await sql(`insert into payment (case_id, amount_cents, received_on, method) values (?, 25000, '2026-09-01', 'transfer')`, [found.id]);
  await sql(
    `insert into promise_to_pay (case_id, creditor_id, amount_cents, due_on, grace_days, note, status, made_on, made_at)
     values (?, ?, 10000, '2026-09-15', 3, 'Paiera après son salaire', 'kept', '2026-09-01', now())`,
    [found.id, owner],
  );
  await sql(
    `insert into case_dispute (case_id, creditor_id, reason, opened_at, status_before, resolution, resolution_note, resolved_at)
     values (?, ?, 'Conteste la facture de juin, voisin malade', now(), 'amicable', 'rejected', 'Facture due', now())`,
    [found.id, owner],
  );
  const [letter] = await sql<{ id: string }>(
    `insert into case_document (case_id, creditor_id, kind, title, file_name, content_type, size_bytes, sha256, content)
     values (?, ?, 'letter', 'Relance amiable', 'relance.pdf', 'application/pdf', 9, repeat('a', 64), 'Mme Martin'::bytea) returning id`,
    [found.id, owner],
  );
  const [receipt] = await sql<{ id: string }>(
    `insert into case_document (case_id, creditor_id, kind, title, file_name, content_type, size_bytes, sha256, content, created_at)
     values (?, ?, 'receipt', 'Quittance', 'quittance.pdf', 'application/pdf', 9, repeat('b', 64), 'Mme Martin'::bytea, now()) returning id`,
    [found.id, owner],
  );
  await sql(
    `insert into outbound_message (case_id, creditor_id, debtor_id, channel, template, recipient, subject, status, document_id, sent_at)
     values (?, ?, ?, 'letter', 'first_letter', 'Jeanne Martin, 12 rue des Lilas, 44000 Nantes', 'Relance', 'sent', ?, now())`,
    [found.id, owner, found.debtorId, (letter as { id: string }).id],
  );
  await sql(
    `insert into outbound_message (case_id, creditor_id, debtor_id, channel, template, recipient, subject, status, document_id, sent_at)
     values (?, ?, ?, 'email', 'receipt', 'jeanne@example.fr', 'Votre quittance', 'sent', ?, now())`,
    [found.id, owner, found.debtorId, (receipt as { id: string }).id],
  );
  await sql(`insert into portal_token (case_id, token_hash, expires_at) values (?, md5(random()::text), now() + interval '30 days')`, [found.id]);
  await sql(
    `insert into creditor_event (creditor_id, type, data) values (?, 'case.disputed', jsonb_build_object('caseId', ?::text, 'reason', 'voisin malade'))`,
    [owner, found.id],
  );
  if (options.closedYearsAgo !== undefined && options.closedYearsAgo !== null) {
    await sql(
      `update collection_case set status = 'closed', closed_outcome = 'partially_paid',
              closed_at = ?::timestamptz - make_interval(years => ?) where id = ?`,
      [t.clock.now(), options.closedYearsAgo, found.id],
    );
  }
  return found;
}

async function runDailyJob() {
  await sql(`select graphile_worker.add_job('rgpd__anonymise', '{}'::json)`);
  await runOnce({ connectionString: t.databaseUrl, taskList: taskList({ secrets: t.secrets, clock: t.clock }), logger: silentWorkerLogger });
}

async function debtorState(caseId: string) {
  const [row] = await sql<Record<string, unknown>>(
    `select d.display_name, d.first_name, d.last_name, d.match_key, c.anonymised_at,
            (select count(*)::int from debtor_email where debtor_id = d.id) as emails,
            (select count(*)::int from debtor_phone where debtor_id = d.id) as phones,
            (select count(*)::int from debtor_address where debtor_id = d.id) as addresses,
            (select string_agg(text, '|') from activity where case_id = c.id) as texts,
            (select count(*)::int from claim where case_id = c.id) as claims,
            (select sum(amount_cents)::int from payment where case_id = c.id) as paid,
            (select string_agg(coalesce(note, ''), '|') from promise_to_pay where case_id = c.id) as promise_notes,
            (select string_agg(reason || coalesce(resolution_note, ''), '|') from case_dispute where case_id = c.id) as disputes,
            (select string_agg(kind, ',' order by kind) from case_document where case_id = c.id) as documents,
            (select count(*)::int from outbound_message where case_id = c.id) as messages,
            (select count(*)::int from outbound_message where case_id = c.id and (recipient is not null or subject is not null)) as messages_with_recipient,
            (select count(*)::int from portal_token where case_id = c.id) as portal_tokens,
            (select string_agg(data::text, '|') from creditor_event where data->>'caseId' = c.id::text) as events,
            (select count(*)::int from audit_event where case_id = c.id and action = 'debtor_anonymised') as records
       from collection_case c join debtor d on d.id = c.debtor_id where c.id = ?`,
    [caseId],
  );
  return row as Record<string, unknown>;
}

describe('retention period per creditor mandate', () => {
  it('is 5 years by default, set at onboarding and editable, between 1 and 10 years', async () => {
    const body = {
      legalName: 'Boutique Rétention SAS',
      kind: 'company',
      siren: '732829320',
      address: { line1: '5 rue de la Paix', postalCode: '75002', city: 'Paris' },
      brand: { displayName: 'Boutique Rétention', primaryColor: '#1d4ed8' },
      mandate: { reference: 'MAND-R', signedOn: '2026-01-15', validUntil: null },
    };
    const plain = await api('POST', '/api/v1/creditors', managerToken, body);
    expect(plain.statusCode, plain.body).toBe(201);
    expect(plain.json().dataRetention).toEqual({ yearsAfterClose: 5 });
    const set = await api('POST', '/api/v1/creditors', managerToken, { ...body, legalName: 'Autre SAS', dataRetention: { yearsAfterClose: 3 } });
    expect(set.json().dataRetention).toEqual({ yearsAfterClose: 3 });
    const edited = await api('PATCH', `/api/v1/creditors/${plain.json().id}`, managerToken, { dataRetention: { yearsAfterClose: 7 } });
    expect(edited.json().dataRetention).toEqual({ yearsAfterClose: 7 });
    for (const years of [0, 11, 2.5]) {
      expect((await api('PATCH', `/api/v1/creditors/${plain.json().id}`, managerToken, { dataRetention: { yearsAfterClose: years } })).statusCode).toBe(400);
    }
  });

  it('runs from the day the case closed, from the clock of whoever closes it', async () => {
    const found = await makeCase(t, creditorId);
    t.clock.set('2026-11-24T09:30:00Z');
    const closed = await api('POST', `/api/v1/cases/${found.id}/status`, agentToken, { status: 'closed', outcome: 'irrecoverable', reason: 'Insolvable' });
    expect(closed.statusCode, closed.body).toBe(200);
    const [row] = await sql<{ closed_at: Date }>('select closed_at from collection_case where id = ?', [found.id]);
    expect(new Date((row as { closed_at: Date }).closed_at).toISOString()).toBe('2026-11-24T09:30:00.000Z');
    // Another writer (the plans check closes a completed plan) gets the database's clock from the trigger.
    const other = await makeCase(t, creditorId);
    await sql(`update collection_case set status = 'closed', closed_outcome = 'paid' where id = ?`, [other.id]);
    const [row2] = await sql<{ closed_at: Date | null }>('select closed_at from collection_case where id = ?', [other.id]);
    expect(row2?.closed_at).not.toBeNull();
  });
});

describe('the daily job rgpd__anonymise', () => {
  it('anonymises the debtors of cases closed longer than the retention, keeping amounts, dates and receipts, and records it', async () => {
    const old = await fullCase({ closedYearsAgo: 6 });
    const recent = await fullCase({ closedYearsAgo: 4 });
    const open = await fullCase({ closedYearsAgo: null });
    const shortRetention = (await makeCreditor(t)).id;
    await sql('update creditor set retention_years_after_close = 3 where id = ?', [shortRetention]);
    const shortOld = await fullCase({ creditor: shortRetention, closedYearsAgo: 4 });
    await sql(`insert into idempotency_key (scope, key, request_hash, response_status, response_body) values ('creditor:x', 'k1', 'h', 201, jsonb_build_object('id', ?::text, 'debtor', 'Jeanne Martin'))`, [old.id]);

    await runDailyJob();

    for (const caseId of [old.id, shortOld.id]) {
      const state = await debtorState(caseId);
      expect(state).toMatchObject({
        display_name: 'Débiteur anonymisé',
        first_name: null,
        last_name: null,
        emails: 0,
        phones: 0,
        addresses: 0,
        claims: 1,
        paid: 25000,
        promise_notes: '',
        disputes: '[anonymisé][anonymisé]',
        // The receipt stays (C. com. L123-22, 10 years); the letter goes.
        documents: 'receipt',
        messages: 2,
        messages_with_recipient: 0,
        portal_tokens: 0,
        records: 1,
      });
      expect(state.match_key).toBe(`anonymised:${(await sql<{ debtor_id: string }>('select debtor_id from collection_case where id = ?', [caseId]))[0]?.debtor_id}`);
      expect(state.anonymised_at).not.toBeNull();
      expect(String(state.texts)).not.toMatch(/Martin|chômage/);
      expect(String(state.events)).not.toContain('malade');
    }
    for (const caseId of [recent.id, open.id]) {
      const state = await debtorState(caseId);
      expect(state).toMatchObject({ first_name: 'Jeanne', emails: 1, phones: 1, addresses: 1, documents: 'letter,receipt', portal_tokens: 1, records: 0 });
      expect(state.anonymised_at).toBeNull();
    }
    const [kept] = await sql<{ response_body: unknown }>(`select response_body from idempotency_key where key = 'k1'`);
    expect(kept?.response_body).toBeNull();
    // The case still reads (without personal data) for the creditor: the amounts are its accounting.
    const detail = await api('GET', `/api/v1/cases/${old.id}`, creditorToken);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ debtorName: 'Débiteur anonymisé', principalCents: 100_000, paidCents: 25_000 });
    expect(detail.json().debtor.emails).toEqual([]);

    // Idempotent: a second run (a retry, the next day) finds nothing more to do and records nothing twice.
    await runDailyJob();
    expect((await debtorState(old.id)).records).toBe(1);
  });

  it('deletes receipts after their 10 years, and claims files after the retention period', async () => {
    const found = await fullCase({ closedYearsAgo: 12 });
    await sql(`update case_document set created_at = now() - interval '11 years' where case_id = ? and kind = 'receipt'`, [found.id]);
    const [batch] = await sql<{ id: string }>(
      `insert into import_batch (creditor_id, file_name, checksum, size_bytes, original, status, created_at, finished_at)
       values (?, 'vieux.csv', 'x', 10, 'Jeanne Martin;12 rue des Lilas'::bytea, 'completed', now() - interval '6 years', now() - interval '6 years') returning id`,
      [creditorId],
    );
    await sql(`insert into import_file_chunk (import_id, seq, data) values (?, 0, 'Jeanne Martin'::bytea)`, [(batch as { id: string }).id]);
    await runDailyJob();
    expect((await debtorState(found.id)).documents).toBeNull();
    const [purged] = await sql<{ original: Buffer | null; chunks: number }>(
      'select original, (select count(*)::int from import_file_chunk where import_id = b.id) as chunks from import_batch b where id = ?',
      [(batch as { id: string }).id],
    );
    expect(purged).toEqual({ original: null, chunks: 0 });
  });

  it('works in batches, each its own transaction, until none is left', async () => {
    const ids = [];
    for (let index = 0; index < 5; index += 1) ids.push((await fullCase({ closedYearsAgo: 7 })).id);
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: t.databaseUrl });
    await client.connect();
    try {
      const outcome = await runRetention((fn) => inPgTransaction(client, fn), t.clock, 2);
      expect(outcome.cases).toBe(5);
      expect(outcome.batches).toBe(3);
    } finally {
      await client.end();
    }
    for (const id of ids) expect((await debtorState(id)).anonymised_at).not.toBeNull();
  });
});

describe('the data-access export (RGPD art. 15)', () => {
  it('gives managers everything held on the debtor as JSON and a PDF summary, and records each export', async () => {
    const found = await fullCase({ name: 'Jeanne Export' });
    const json = await api('GET', `/api/v1/cases/${found.id}/debtor-data`, managerToken);
    expect(json.statusCode, json.body).toBe(200);
    expect(json.headers['content-disposition']).toMatch(/attachment; filename="donnees-DOS-\d+\.json"/);
    const data = json.json();
    expect(data.debtor).toMatchObject({ displayName: 'Jeanne Export', firstName: 'Jeanne', lastName: 'Martin' });
    expect(data.debtor.emails).toHaveLength(1);
    expect(data.debtor.phones).toEqual([{ phone: '+33612345678', valid: true }]);
    expect(data.claims).toHaveLength(1);
    expect(data.payments).toEqual([{ receivedOn: '2026-09-01', amountCents: 25000, currency: 'EUR', method: 'transfer' }]);
    expect(data.messages.map((m: { recipient: string }) => m.recipient)).toContain('jeanne@example.fr');
    expect(data.documents.map((d: { kind: string }) => d.kind).sort()).toEqual(['letter', 'receipt']);
    expect(data.timeline.map((e: { text: string }) => e.text)).toContain('Mme Martin dit être au chômage');
    expect(data.processing.retention).toContain('5 an(s)');
    expect(data.controller.legalName).toBeTruthy();

    const pdf = await api('GET', `/api/v1/cases/${found.id}/debtor-data/pdf`, managerToken);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const { text } = await pdfText(pdf.rawPayload);
    expect(text).toContain('Vos données personnelles');
    expect(text).toContain('Jeanne Export');
    expect(text).toContain('12 rue des Lilas');

    const records = await sql<{ actor_id: string; details: { format: string } }>(
      `select actor_id, details from audit_event where case_id = ? and action = 'debtor_data_exported' order by id`,
      [found.id],
    );
    expect(records.map((row) => [row.actor_id, row.details.format])).toEqual([
      [manager.id, 'json'],
      [manager.id, 'pdf'],
    ]);
  });

  it('is refused to agents and to creditors', async () => {
    const found = await makeCase(t, creditorId);
    for (const token of [agentToken, creditorToken]) {
      expect((await api('GET', `/api/v1/cases/${found.id}/debtor-data`, token)).statusCode).toBe(403);
      expect((await api('GET', `/api/v1/cases/${found.id}/debtor-data/pdf`, token)).statusCode).toBe(403);
    }
  });
});

describe('rectification and erasure requests (RGPD art. 16 and 17)', () => {
  async function record(caseId: string, kind: string, receivedOn = '2026-11-20') {
    const response = await api('POST', `/api/v1/cases/${caseId}/rgpd-requests`, managerToken, {
      kind,
      requesterName: 'Jeanne Martin (la débitrice)',
      channel: 'letter',
      receivedOn,
      details: 'Demande la correction de son nom et la suppression de son ancien numéro',
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }
  async function decide(id: string, body: object, token = managerToken) {
    return await api('POST', `/api/v1/rgpd-requests/${id}/decision`, token, body);
  }

  it('records who asked, when, what and how, due one month after receipt (art. 12(3))', async () => {
    const found = await makeCase(t, creditorId);
    const request = await record(found.id, 'rectification', '2026-01-31');
    expect(request).toMatchObject({ status: 'pending', dueOn: '2026-02-28', overdue: true, channel: 'letter', requesterName: 'Jeanne Martin (la débitrice)', claimOpen: true });
    const future = await api('POST', `/api/v1/cases/${found.id}/rgpd-requests`, managerToken, {
      kind: 'erasure', requesterName: 'X', channel: 'email', receivedOn: '2026-12-01', details: 'Effacement',
    });
    expect([future.statusCode, future.json().code]).toEqual([400, 'date_in_future']);
    const audit = await sql(`select 1 from audit_event where action = 'rgpd_request_recorded' and entity_id = ?`, [request.id]);
    expect(audit).toHaveLength(1);
  });

  it('refuses an erasure while the claim is being collected, and keeps the legal reason with the request', async () => {
    const found = await fullCase();
    const request = await record(found.id, 'erasure');
    const decided = await decide(request.id, { decision: 'erase' });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'refused', outcome: 'refused', refusal: { code: 'claim_open' } });
    expect(decided.json().refusal.reason).toContain('17(3)(e)');
    const [stored] = await sql<{ refusal_reason: string }>('select refusal_reason from rgpd_request where id = ?', [request.id]);
    expect(stored?.refusal_reason).toBe(decided.json().refusal.reason);
    expect((await debtorState(found.id)).first_name).toBe('Jeanne');
    // Decided once: a second decision is refused.
    expect((await decide(request.id, { decision: 'refuse', reason: 'Non' })).statusCode).toBe(409);
  });

  it('erases (anonymises now) the debtor of a closed case', async () => {
    const found = await fullCase({ closedYearsAgo: 0 });
    const request = await record(found.id, 'erasure');
    const decided = await decide(request.id, { decision: 'erase' });
    expect(decided.json()).toMatchObject({ status: 'done', outcome: 'erased', refusal: null, requesterName: '[anonymisé]' });
    const state = await debtorState(found.id);
    expect(state).toMatchObject({ display_name: 'Débiteur anonymisé', emails: 0, records: 1 });
    const [record1] = await sql<{ actor_id: string; details: { reason: string; requestId: string } }>(
      `select actor_id, details from audit_event where case_id = ? and action = 'debtor_anonymised'`,
      [found.id],
    );
    expect(record1).toMatchObject({ actor_id: manager.id, details: { reason: 'erasure_request', requestId: request.id } });
  });

  it('rectifies names and contacts, says which fields on the timeline and in the trail, never their values', async () => {
    const found = await fullCase();
    const [phone] = await sql<{ id: string }>('select id from debtor_phone where debtor_id = ?', [found.debtorId]);
    const [email] = await sql<{ id: string }>('select id from debtor_email where debtor_id = ?', [found.debtorId]);
    const request = await record(found.id, 'rectification');
    const decided = await decide(request.id, {
      decision: 'rectify',
      changes: {
        lastName: 'Martin-Durand',
        displayName: 'Jeanne Martin-Durand',
        phones: [{ id: (phone as { id: string }).id, phone: '06 98 76 54 32' }],
        removeContacts: [{ kind: 'email', id: (email as { id: string }).id }],
      },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'done', outcome: 'rectified', rectifiedFields: ['lastName', 'displayName', 'phones', 'emails'] });
    const [debtor] = await sql<{ last_name: string; display_name: string }>('select last_name, display_name from debtor where id = ?', [found.debtorId]);
    expect(debtor).toEqual({ last_name: 'Martin-Durand', display_name: 'Jeanne Martin-Durand' });
    expect(await sql('select phone from debtor_phone where debtor_id = ?', [found.debtorId])).toEqual([{ phone: '+33698765432' }]);
    expect(await sql('select 1 from debtor_email where debtor_id = ?', [found.debtorId])).toEqual([]);
    const [trail] = await sql<{ details: Record<string, unknown> }>(`select details from audit_event where action = 'debtor_rectified' and case_id = ?`, [found.id]);
    expect(JSON.stringify(trail?.details)).not.toContain('Durand');
  });

  it('answers an access request, refuses a decision that does not fit the kind, and lists pending requests first', async () => {
    const found = await makeCase(t, creditorId);
    const access = await record(found.id, 'access', '2026-11-22');
    expect((await decide(access.id, { decision: 'erase' })).json().code).toBe('rgpd_decision_not_for_kind');
    expect((await decide(access.id, { decision: 'answer' })).json()).toMatchObject({ status: 'done', outcome: 'answered' });
    await record(found.id, 'erasure', '2026-11-21');
    const list = await api('GET', `/api/v1/rgpd-requests?caseId=${found.id}`, managerToken);
    expect(list.json().items.map((item: { kind: string; status: string }) => `${item.kind}:${item.status}`)).toEqual(['erasure:pending', 'access:done']);
    const page = await api('GET', `/api/v1/rgpd-requests?caseId=${found.id}&limit=1`, managerToken);
    const next = await api('GET', `/api/v1/rgpd-requests?caseId=${found.id}&limit=1&cursor=${page.json().nextCursor}`, managerToken);
    expect(next.json().items.map((item: { kind: string }) => item.kind)).toEqual(['access']);
    expect((await api('GET', '/api/v1/rgpd-requests', agentToken)).statusCode).toBe(403);
    expect((await api('GET', '/api/v1/rgpd-requests', creditorToken)).statusCode).toBe(403);
  });
});

describe('reads of debtor files by staff, in the audit trail', () => {
  it('records who read which case, document and message when, and not the creditor reading its own', async () => {
    const found = await fullCase();
    t.clock.set('2026-11-25T08:00:00Z');
    expect((await api('GET', `/api/v1/cases/${found.id}`, agentToken)).statusCode).toBe(200);
    expect((await api('GET', `/api/v1/cases/${found.id}`, creditorToken)).statusCode).toBe(200);
    const [document] = await sql<{ id: string }>(`select id from case_document where case_id = ? and kind = 'letter'`, [found.id]);
    expect((await api('GET', `/api/v1/cases/${found.id}/documents/${(document as { id: string }).id}/download`, agentToken)).statusCode).toBe(200);
    const [message] = await sql<{ id: string }>(`select id from outbound_message where case_id = ? and channel = 'letter'`, [found.id]);
    expect((await api('GET', `/api/v1/messages/${(message as { id: string }).id}/preview`, agentToken)).statusCode).toBe(200);
    // A missing case is no read.
    expect((await api('GET', '/api/v1/cases/00000000-0000-7000-8000-000000000000', agentToken)).statusCode).toBe(404);

    const trail = await api('GET', `/api/v1/audit?caseId=${found.id}`, managerToken);
    expect(trail.statusCode, trail.body).toBe(200);
    expect(trail.json().items.map((item: { action: string; actorId: string }) => [item.action, item.actorId === agent.id])).toEqual([
      ['message_viewed', true],
      ['document_downloaded', true],
      ['case_viewed', true],
    ]);
    expect(trail.json().items[2]).toMatchObject({ caseReference: found.reference, creditorId, occurredAt: '2026-11-25T08:00:00.000Z', actorRole: 'agent' });
  });

  it('is readable by managers and admins with filters and a cursor, not by agents or creditors', async () => {
    const found = await makeCase(t, creditorId);
    for (const day of ['2026-11-26', '2026-11-27', '2026-11-28']) {
      t.clock.set(`${day}T09:00:00Z`);
      await api('GET', `/api/v1/cases/${found.id}`, agentToken);
    }
    await api('GET', `/api/v1/cases/${found.id}`, managerToken);
    // The screen fetched again within the minute (window focus): one view recorded, not two.
    t.clock.set('2026-11-28T09:00:40Z');
    await api('GET', `/api/v1/cases/${found.id}`, agentToken);
    const query = (params: string) => api('GET', `/api/v1/audit?caseId=${found.id}&${params}`, managerToken);
    expect((await query(`actorId=${agent.id}`)).json().items).toHaveLength(3);
    expect((await query('action=case_viewed&from=2026-11-27&to=2026-11-27')).json().items).toHaveLength(1);
    expect((await query('action=debtor_data_exported')).json().items).toHaveLength(0);
    const first = await query('limit=2');
    expect(first.json().items).toHaveLength(2);
    const second = await query(`limit=2&cursor=${first.json().nextCursor}`);
    expect(second.json().items).toHaveLength(2);
    expect(second.json().nextCursor).toBeNull();
    const ids = [...first.json().items, ...second.json().items].map((item: { id: string }) => item.id);
    expect(new Set(ids).size).toBe(4);
    expect((await query('from=2026-11-28&to=2026-11-27')).statusCode).toBe(400);
    expect((await query('cursor=bm9wZQ')).statusCode).toBe(400);
    const admin = await login(t, await makeUser(t, 'admin'));
    expect((await api('GET', '/api/v1/audit', admin)).statusCode).toBe(200);
    expect((await api('GET', '/api/v1/audit', agentToken)).statusCode).toBe(403);
    expect((await api('GET', '/api/v1/audit', creditorToken)).statusCode).toBe(403);
  });
});
