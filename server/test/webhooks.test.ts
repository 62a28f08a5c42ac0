import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runOnce } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentWorkerLogger } from '../src/db/migrate.ts';
import { keyringOf } from '../src/db/secret-box.ts';
import { loadOrCreateSecrets } from '../src/db/secrets.ts';
import { emitCreditorEvent, openWebhookSecret, type SealedSecretColumns, sealWebhookSecretsAtRest } from '../src/features/webhooks/service.ts';
import { urlPolicyProblem } from '../src/features/webhooks/url-policy.ts';
import { emExec } from '../src/plugins/sql.ts';
import { taskList } from '../src/worker/runner.ts';
import { caseBody } from './case-factories.ts';
import { bearer, claimsCsv, login, makeCase, makeCreditor, makeUser, multipart } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * Creditor webhooks against a receiver started here (node:http on 127.0.0.1): events written
 * with the change, delivered by graphile-worker, signed (the receiver checks the HMAC), retried
 * after a failure, every attempt logged; a creditor never sees another creditor's webhooks.
 */
type Received = { headers: IncomingHttpHeaders; body: string };
let t: TestApp;
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
/** Status codes the receiver answers, in order; 200 once the list is empty. */
const answers: number[] = [];
let mine: { id: string };
let theirs: { id: string };
let creditorToken: string;
let otherCreditorToken: string;

beforeAll(async () => {
  t = await createTestApp({ env: { WEBHOOK_ALLOW_PRIVATE_URLS: 'true' } });
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.statusCode = answers.shift() ?? 200;
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  mine = await makeCreditor(t);
  theirs = await makeCreditor(t);
  creditorToken = await login(t, await makeUser(t, 'creditor', mine.id));
  otherCreditorToken = await login(t, await makeUser(t, 'creditor', theirs.id));
});
afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
  await t.close();
});

async function runJobs() {
  await runOnce({
    connectionString: t.databaseUrl,
    taskList: taskList({ secrets: t.secrets, clock: t.clock, config: t.config }),
    logger: silentWorkerLogger,
  });
}
/** graphile-worker schedules a retry in the future; make every waiting job due now. */
async function makeJobsDue() {
  await t.orm.em.fork().execute('update graphile_worker._private_jobs set run_at = now()');
}

async function register(token: string, creditorId: string, events: string[], url = receiverUrl) {
  return await t.app.inject({ method: 'POST', url: `/api/v1/creditors/${creditorId}/webhooks`, headers: bearer(token), payload: { url, events } });
}

function verify(secret: string, message: Received, nowSeconds: number): boolean {
  const header = String(message.headers['relance-signature'] ?? '');
  const parts = Object.fromEntries(header.split(',').map((part) => part.split('=') as [string, string]));
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > 300 || !/^[0-9a-f]{64}$/.test(parts.v1 ?? '')) return false;
  const expected = createHmac('sha256', secret).update(`${timestamp}.${message.body}`).digest();
  return timingSafeEqual(expected, Buffer.from(parts.v1 as string, 'hex'));
}

async function deliveries(webhookId: string, token = creditorToken, creditorId = mine.id) {
  return await t.app.inject({ method: 'GET', url: `/api/v1/creditors/${creditorId}/webhooks/${webhookId}/deliveries`, headers: bearer(token) });
}

describe('creditor webhooks', () => {
  let webhook: { id: string; secret: string };

  it('registers a URL and its events; the secret is shown once', async () => {
    const created = await register(creditorToken, mine.id, ['case.created', 'payment.received', 'case.closed']);
    expect(created.statusCode).toBe(201);
    webhook = created.json();
    expect(webhook.secret).toMatch(/^whsec_/);
    const listed = await t.app.inject({ method: 'GET', url: `/api/v1/creditors/${mine.id}/webhooks`, headers: bearer(creditorToken) });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items.map((item: { id: string }) => item.id)).toEqual([webhook.id]);
    expect(listed.body).not.toContain(webhook.secret);
    const badEvent = await register(creditorToken, mine.id, ['case.deleted']);
    expect(badEvent.statusCode).toBe(400);
  });

  it('delivers case.created signed: the receiver verifies the HMAC and reads the event id', async () => {
    received.length = 0;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: bearer(creditorToken),
      payload: caseBody({ externalRef: 'EXT-WH-1', claims: [{ dueDate: '2026-09-30', amountCents: 500_00 }] }),
    });
    expect(created.statusCode).toBe(201);
    await runJobs();
    expect(received).toHaveLength(1);
    const message = received[0] as Received;
    expect(verify(webhook.secret, message, Math.floor(t.clock.now().getTime() / 1000))).toBe(true);
    expect(verify('whsec_wrong', message, Math.floor(t.clock.now().getTime() / 1000))).toBe(false);
    const event = JSON.parse(message.body);
    expect(event).toMatchObject({ type: 'case.created', data: { caseId: created.json().id, externalRef: 'EXT-WH-1' } });
    expect(message.headers['relance-event-id']).toBe(event.id);
    expect(message.headers['content-type']).toBe('application/json');

    const log = await deliveries(webhook.id);
    expect(log.statusCode).toBe(200);
    expect(log.json().items[0]).toMatchObject({ eventId: event.id, eventType: 'case.created', status: 'succeeded', attemptCount: 1, lastStatusCode: 200 });
  });

  it('announces a finished import once, with its counts (import.finished)', async () => {
    const hook = (await register(creditorToken, mine.id, ['import.finished'])).json() as { id: string; secret: string };
    received.length = 0;
    const file = claimsCsv([
      'WH-IMP-1;01/02/2026;01/03/2026;120,00;particulier;Iris Import;;;;;;',
      'WH-IMP-2;01/02/2026;01/03/2026;abc;particulier;Iris Import;;;;;;',
    ]);
    const body = multipart({}, { name: 'factures.csv', type: 'text/csv', content: file });
    const imported = await t.app.inject({ method: 'POST', url: '/api/v1/imports?commit=true', headers: { ...bearer(creditorToken), ...body.headers }, payload: body.payload });
    expect(imported.statusCode, imported.body).toBe(201);
    expect(imported.json().status).toBe('completed');
    await runJobs();
    const finished = received.map((message) => JSON.parse(message.body)).filter((event) => event.type === 'import.finished');
    expect(finished).toHaveLength(1);
    expect(finished[0].data).toMatchObject({
      importId: imported.json().id,
      fileName: 'factures.csv',
      status: 'completed',
      counts: { rows: 2, created: 1, updated: 0, unchanged: 0, rejected: 1 },
      casesCreated: 1,
      error: null,
    });
    expect(verify(hook.secret, received.find((m) => JSON.parse(m.body).type === 'import.finished') as Received, Math.floor(t.clock.now().getTime() / 1000))).toBe(true);
    await t.app.inject({ method: 'DELETE', url: `/api/v1/creditors/${mine.id}/webhooks/${hook.id}`, headers: bearer(creditorToken) });
  });

  it('retries after a 500 with the same event id, then succeeds; every attempt is logged', async () => {
    received.length = 0;
    answers.push(500);
    const found = await makeCase(t, mine.id, [{ amountCents: 90_000 }]);
    const paid = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${found.id}/direct-payments`,
      headers: bearer(creditorToken),
      payload: { date: '2026-11-20', amountCents: 40_000 },
    });
    expect(paid.statusCode).toBe(201);
    await runJobs();
    expect(received).toHaveLength(1);
    let log = (await deliveries(webhook.id)).json().items[0];
    expect(log).toMatchObject({ eventType: 'payment.received', status: 'pending', attemptCount: 1, lastStatusCode: 500 });
    expect(log.attempts).toEqual([expect.objectContaining({ attempt: 1, statusCode: 500, succeeded: false, error: 'HTTP 5xx' })]);

    await runJobs(); // the retry is not due yet: nothing is sent
    expect(received).toHaveLength(1);
    await makeJobsDue();
    await runJobs();
    expect(received).toHaveLength(2);
    const [first, second] = received.map((message) => JSON.parse(message.body));
    expect(second.id).toBe(first.id);
    expect(second).toMatchObject({ type: 'payment.received', data: { caseId: found.id, paymentId: paid.json().id, amountCents: 40_000, method: 'direct_to_creditor' } });
    expect(verify(webhook.secret, received[1] as Received, Math.floor(t.clock.now().getTime() / 1000))).toBe(true);

    log = (await deliveries(webhook.id)).json().items[0];
    expect(log).toMatchObject({ status: 'succeeded', attemptCount: 2, lastStatusCode: 200 });
    expect(log.deliveredAt).not.toBeNull();
    expect(log.attempts.map((attempt: { statusCode: number }) => attempt.statusCode)).toEqual([500, 200]);
    expect(log.attempts.every((attempt: { durationMs: number }) => attempt.durationMs >= 0)).toBe(true);
    // The delivery job is done (the payment's receipt job, another feature's, is not this worker's concern).
    const jobs = await t.orm.em.fork().execute(
      `select j.id from graphile_worker._private_jobs j join graphile_worker._private_tasks k on k.id = j.task_id where k.identifier like 'webhooks__%'`,
    );
    expect(jobs).toHaveLength(0);
  });

  it('logs an unreachable receiver as an attempt without status code', async () => {
    const dead = await register(creditorToken, mine.id, ['case.closed'], 'http://127.0.0.1:1/nowhere');
    expect(dead.statusCode).toBe(201);
    received.length = 0;
    const found = await makeCase(t, mine.id);
    const recalled = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${found.id}/recall`,
      headers: bearer(creditorToken),
      payload: { reason: 'Repris en interne' },
    });
    expect(recalled.statusCode).toBe(200);
    await runJobs();
    // The working endpoint got case.closed; the dead one logged a failed attempt.
    expect(received.map((message) => JSON.parse(message.body).type)).toEqual(['case.closed']);
    expect(JSON.parse((received[0] as Received).body).data).toMatchObject({ caseId: found.id, outcome: 'returned_to_creditor', reason: 'Repris en interne' });
    const log = (await deliveries(dead.json().id)).json().items[0];
    expect(log).toMatchObject({ eventType: 'case.closed', status: 'pending', attemptCount: 1, lastStatusCode: null });
    // A category only: no errno, address or port that would let a creditor probe our network.
    expect(log.attempts[0].error).toBe('connection failed');
    expect(JSON.stringify(log.attempts)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|refused/);

    // Deleting the webhook cancels what was waiting for it.
    const deleted = await t.app.inject({ method: 'DELETE', url: `/api/v1/creditors/${mine.id}/webhooks/${dead.json().id}`, headers: bearer(creditorToken) });
    expect(deleted.statusCode).toBe(204);
    await makeJobsDue();
    await runJobs();
    const [row] = await t.orm.em.fork().execute<{ status: string }[]>('select status from webhook_delivery where endpoint_id = ?', [dead.json().id]);
    expect(row?.status).toBe('cancelled');
  });

  it('writes no event when the change is refused (same transaction)', async () => {
    const before = await t.orm.em.fork().execute('select id from creditor_event');
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: bearer(creditorToken),
      payload: caseBody({ externalRef: 'EXT-WH-1', claims: [{ dueDate: '2026-09-30', amountCents: 1_00 }] }),
    });
    expect(refused.statusCode).toBe(409);
    expect(await t.orm.em.fork().execute('select id from creditor_event')).toHaveLength(before.length);
  });

  it('sends only the events an endpoint picked, and nothing of another creditor', async () => {
    received.length = 0;
    const mineBefore = (await deliveries(webhook.id)).json().items.length;
    const other = await register(otherCreditorToken, theirs.id, ['payment.received']);
    expect(other.statusCode).toBe(201);
    const foreignCase = await makeCase(t, theirs.id);
    const staff = await login(t, await makeUser(t, 'agent'));
    const paid = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${foreignCase.id}/payments`,
      headers: bearer(staff),
      payload: { date: '2026-11-20', amountCents: 1_00, method: 'transfer' },
    });
    expect(paid.statusCode).toBe(201);
    // case.closed is not among the events this endpoint picked.
    const recalled = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${foreignCase.id}/recall`,
      headers: bearer(otherCreditorToken),
      payload: { reason: 'Repris' },
    });
    expect(recalled.statusCode).toBe(200);
    await runJobs();
    expect(received.map((message) => JSON.parse(message.body).type)).toEqual(['payment.received']);
    expect(JSON.parse((received[0] as Received).body).data.caseId).toBe(foreignCase.id);
    expect((await deliveries(other.json().id, otherCreditorToken, theirs.id)).json().items).toHaveLength(1);
    expect((await deliveries(webhook.id)).json().items).toHaveLength(mineBefore);
  });

  it("a creditor cannot see or register another creditor's webhooks (404)", async () => {
    expect((await register(otherCreditorToken, mine.id, ['case.created'])).statusCode).toBe(404);
    const list = await t.app.inject({ method: 'GET', url: `/api/v1/creditors/${mine.id}/webhooks`, headers: bearer(otherCreditorToken) });
    expect(list.statusCode).toBe(404);
    expect((await deliveries(webhook.id, otherCreditorToken)).statusCode).toBe(404);
    expect((await deliveries(webhook.id, otherCreditorToken, theirs.id)).statusCode).toBe(404);
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/creditors/${theirs.id}/webhooks/${webhook.id}`, headers: bearer(otherCreditorToken) });
    expect(del.statusCode).toBe(404);
  });

  it('an API key manages its own creditor webhooks only', async () => {
    const created = await t.app.inject({ method: 'POST', url: `/api/v1/creditors/${mine.id}/api-keys`, headers: bearer(creditorToken), payload: { name: 'ERP' } });
    const headers = { 'x-api-key': created.json().secret as string };
    const list = await t.app.inject({ method: 'GET', url: `/api/v1/creditors/${mine.id}/webhooks`, headers });
    expect(list.statusCode).toBe(200);
    const foreign = await t.app.inject({ method: 'GET', url: `/api/v1/creditors/${theirs.id}/webhooks`, headers });
    expect(foreign.statusCode).toBe(404);
  });
});

type StoredEndpoint = SealedSecretColumns & { id: string; legacy_clear_secret: string | null; whole_row: string };

async function storedEndpoint(id: string): Promise<StoredEndpoint> {
  const [row] = await t.orm.em.fork().execute<StoredEndpoint[]>(
    `select e.id, e.legacy_clear_secret, e.secret_ciphertext, e.secret_iv, e.secret_tag, e.secret_key_id, row_to_json(e)::text as whole_row
       from webhook_endpoint e where e.id = ?`,
    [id],
  );
  if (!row) throw new Error(`no webhook endpoint ${id}`);
  return row;
}

describe('webhook signing secrets at rest (AES-256-GCM, key outside the database)', () => {
  it('stores the secret sealed, never in clear; it opens with the key, in its own row only', async () => {
    const created = (await register(creditorToken, mine.id, ['case.escalated'])).json() as { id: string; secret: string };
    const row = await storedEndpoint(created.id);
    expect(row.legacy_clear_secret).toBeNull();
    expect(row.whole_row).not.toContain(created.secret);
    expect(row.whole_row).not.toContain(Buffer.from(created.secret).toString('hex'));
    expect(row.secret_iv).toHaveLength(12);
    expect(row.secret_tag).toHaveLength(16);
    const keyring = keyringOf(t.secrets);
    expect(row.secret_key_id).toBe(keyring.current.id);
    expect(openWebhookSecret(keyring, created.id, row)).toBe(created.secret);
    // Copied into another row, or opened with another key, the ciphertext does not open.
    expect(() => openWebhookSecret(keyring, randomUUID(), row)).toThrow();
    expect(() => openWebhookSecret(keyringOf({ secretsKey: randomBytes(32).toString('base64'), previousSecretsKeys: [] }), created.id, row)).toThrow(/not configured/);
    await t.app.inject({ method: 'DELETE', url: `/api/v1/creditors/${mine.id}/webhooks/${created.id}`, headers: bearer(creditorToken) });
  });

  it('seals a secret written in clear before this version (startup step, idempotent), and deliveries are signed with it', async () => {
    const legacySecret = `whsec_${randomBytes(24).toString('base64url')}`;
    const [legacy] = await t.orm.em.fork().execute<{ id: string }[]>(
      `insert into webhook_endpoint (creditor_id, url, events, legacy_clear_secret) values (?, ?, '{case.created}', ?) returning id`,
      [mine.id, receiverUrl, legacySecret],
    );
    const id = (legacy as { id: string }).id;
    const keyring = keyringOf(t.secrets);
    expect(await sealWebhookSecretsAtRest(emExec(t.orm.em.fork()), keyring)).toBe(1);
    expect(await sealWebhookSecretsAtRest(emExec(t.orm.em.fork()), keyring)).toBe(0);
    const row = await storedEndpoint(id);
    expect(row.legacy_clear_secret).toBeNull();
    expect(row.whole_row).not.toContain(legacySecret);
    expect(openWebhookSecret(keyring, id, row)).toBe(legacySecret);

    received.length = 0;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: bearer(creditorToken),
      payload: caseBody({ externalRef: 'EXT-WH-LEGACY', claims: [{ dueDate: '2026-09-30', amountCents: 300_00 }] }),
    });
    expect(created.statusCode).toBe(201);
    await runJobs();
    const now = Math.floor(t.clock.now().getTime() / 1000);
    expect(received.filter((message) => verify(legacySecret, message, now))).toHaveLength(1);
    await t.app.inject({ method: 'DELETE', url: `/api/v1/creditors/${mine.id}/webhooks/${id}`, headers: bearer(creditorToken) });
  });

  it('a row holds the secret in exactly one form (sealed, or in clear until the startup step)', async () => {
    await expect(
      t.orm.em.fork().execute(`insert into webhook_endpoint (creditor_id, url, events) values (?, ?, '{case.created}')`, [mine.id, receiverUrl]),
    ).rejects.toThrow(/webhook_endpoint_secret_sealed_or_legacy/);
  });

  it('a new key re-seals every secret at startup; the previous key only opens, then is no longer needed', async () => {
    const endpoints = await t.orm.em.fork().execute<{ id: string }[]>('select id from webhook_endpoint');
    const before = new Map<string, string>();
    for (const { id } of endpoints) before.set(id, openWebhookSecret(keyringOf(t.secrets), id, await storedEndpoint(id)));
    const rotated = keyringOf({ secretsKey: randomBytes(32).toString('base64'), previousSecretsKeys: [t.secrets.secretsKey] });
    expect(await sealWebhookSecretsAtRest(emExec(t.orm.em.fork()), rotated)).toBe(endpoints.length);
    const newKeyOnly = { current: rotated.current, keys: new Map([[rotated.current.id, rotated.current.key]]) };
    for (const { id } of endpoints) {
      const row = await storedEndpoint(id);
      expect(row.secret_key_id).toBe(rotated.current.id);
      expect(openWebhookSecret(newKeyOnly, id, row)).toBe(before.get(id));
    }
    // Back to the test app's key, for the worker of the other tests.
    const back = keyringOf({ secretsKey: t.secrets.secretsKey, previousSecretsKeys: [rotated.current.key.toString('base64')] });
    expect(await sealWebhookSecretsAtRest(emExec(t.orm.em.fork()), back)).toBe(endpoints.length);
  });

  it('a worker without the key that sealed a secret logs an unsigned attempt, without details for the creditor', async () => {
    const hook = (await register(creditorToken, mine.id, ['plan.agreed'])).json() as { id: string };
    received.length = 0;
    await t.orm.em.fork().transactional(async (em) => {
      await emitCreditorEvent(em, { creditorId: mine.id, type: 'plan.agreed', data: { planId: randomUUID() } });
    });
    const wrongKey = { ...t.secrets, secretsKey: randomBytes(32).toString('base64') };
    await runOnce({ connectionString: t.databaseUrl, taskList: taskList({ secrets: wrongKey, clock: t.clock, config: t.config }), logger: silentWorkerLogger });
    expect(received).toHaveLength(0);
    const log = (await deliveries(hook.id)).json().items[0];
    expect(log).toMatchObject({ status: 'pending', attemptCount: 1, lastStatusCode: null });
    expect(log.attempts[0].error).toBe('could not sign the delivery (server configuration)');
    // With the right key, the retry goes out signed.
    await makeJobsDue();
    await runJobs();
    expect(received).toHaveLength(1);
    await t.app.inject({ method: 'DELETE', url: `/api/v1/creditors/${mine.id}/webhooks/${hook.id}`, headers: bearer(creditorToken) });
  });

  it('the key comes from SECRETS_KEY, else is generated once in DATA_DIR/secrets.json (never both on disk)', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'relance-secrets-'));
    const generated = loadOrCreateSecrets(dataDir);
    expect(Buffer.from(generated.secretsKey, 'base64')).toHaveLength(32);
    expect(loadOrCreateSecrets(dataDir).secretsKey).toBe(generated.secretsKey);
    const given = randomBytes(32).toString('base64');
    const withGiven = loadOrCreateSecrets(dataDir, { secretsKey: given });
    expect(withGiven.secretsKey).toBe(given);
    // The generated key still opens what it sealed until the startup step re-seals it with SECRETS_KEY.
    expect(withGiven.previousSecretsKeys).toEqual([generated.secretsKey]);
    const fresh = mkdtempSync(join(tmpdir(), 'relance-secrets-'));
    expect(loadOrCreateSecrets(fresh, { secretsKey: given }).previousSecretsKeys).toEqual([]);
    expect(existsSync(join(fresh, 'secrets.json')) && readFileSync(join(fresh, 'secrets.json'), 'utf8')).not.toContain(given);
    for (const dir of [dataDir, fresh]) rmSync(dir, { recursive: true, force: true });
  });
});

describe('webhook URL policy (default: public https only)', () => {
  it('refuses http, private and loopback addresses unless allowed', () => {
    expect(urlPolicyProblem('https://erp.example.fr/hooks', false)).toBeNull();
    expect(urlPolicyProblem('http://erp.example.fr/hooks', false)).toBe('https_required');
    expect(urlPolicyProblem('https://127.0.0.1/hooks', false)).toBe('private_address');
    expect(urlPolicyProblem('https://10.1.2.3/hooks', false)).toBe('private_address');
    expect(urlPolicyProblem('https://169.254.169.254/latest', false)).toBe('private_address');
    expect(urlPolicyProblem('https://[::1]/hooks', false)).toBe('private_address');
    expect(urlPolicyProblem('https://localhost/hooks', false)).toBe('private_host');
    expect(urlPolicyProblem('https://user:pw@erp.example.fr/hooks', false)).toBe('credentials_in_url');
    expect(urlPolicyProblem('http://127.0.0.1:8080/hooks', true)).toBeNull();
  });
});
