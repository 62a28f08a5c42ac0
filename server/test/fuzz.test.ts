import { MAX_AMOUNT_CENTS } from '@relance/contracts/common';
import { providerEvent } from '@relance/contracts/messages';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MESSAGING_SIGNATURE_HEADER, messagingWebhookSecret } from '../src/features/messages/provider-signature.ts';
import { cardEvent } from '../src/features/payments/routes.ts';
import { SIGNATURE_HEADER } from '../src/features/payments/webhook-signature.ts';
import { signPayload } from '../src/plugins/signed-webhook.ts';
import { bearer, claimsCsv, login, makeCase, makeCreditor, makeUser, multipart } from './factories.ts';
import { createFuzzer, type OpenApiDocument, type Operation, operationsOf, type SignedWebhook, unboundedRequestFields } from './fuzz/engine.ts';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * Every operation of the OpenAPI document, fuzzed (issue #13, item 5): requests generated from
 * the document's own schemas, valid and hostile (NUL bytes, very long and odd unicode texts, huge
 * numbers, far dates, wrong types, unknown and malformed ids), and every answer checked against
 * the document: no 5xx, a status the operation lists, a listed content type, a JSON body that
 * matches its schema. As the admin on every operation, as a creditor's user and with a creditor's
 * API key on those a creditor reaches, without a token on public, portal and webhook operations.
 *
 * `FUZZ_CASES` requests per operation and actor (default 6 here; `pnpm fuzz` runs 200), `FUZZ_SEED`
 * to replay a run: the seed is printed, and each failure shows its request. `npm test` uses a fixed
 * seed (the suite stays deterministic); a run given FUZZ_CASES draws a new seed each time unless
 * FUZZ_SEED is set, to explore further.
 *
 * The only route knowledge is in the two tables below:
 * - ids: a seeded creditor, case, import and portal link, so path parameters sometimes name real
 *   objects (answers of the run add more: every id a 2xx answer shows is reused);
 * - signed webhooks: the providers' signature, so the fuzzer can send well-signed events too
 *   (unsigned and forged ones are sent to every webhook operation, listed here or not).
 */
const CASES = Number(process.env.FUZZ_CASES ?? 6);
const SEED = Number(process.env.FUZZ_SEED ?? (process.env.FUZZ_CASES ? Math.floor(Math.random() * 2 ** 31) : 20261206));

/** Path parameters whose name is not the `<object>Id` their ids are harvested under. */
const ID_ALIASES: Record<string, readonly string[]> = {
  contactId: ['emailId', 'phoneId', 'addressId'],
  agentId: ['userId'],
  memberId: ['userId', 'agentId'],
  keyId: ['apiKeyId'],
  brandAssetId: ['creditorId'],
  planId: ['approvalId'],
};

let t: TestApp;
let admin: string;
let creditorUser: string;
let creditorId: string;
const ids = new Map<string, Set<string>>();

function know(key: string, value: string) {
  const set = ids.get(key) ?? new Set<string>();
  set.add(value);
  ids.set(key, set);
}

beforeAll(async () => {
  t = await createTestApp();
  const creditor = await makeCreditor(t);
  const seededCase = await makeCase(t, creditor.id, [{ amountCents: 120_000 }, { amountCents: 30_050 }], { kind: 'company' });
  admin = await login(t, await makeUser(t, 'admin'));
  know('agentId', (await makeUser(t, 'agent')).id);
  creditorUser = await login(t, await makeUser(t, 'creditor', creditor.id));
  creditorId = creditor.id;
  know('creditorId', creditor.id);
  know('caseId', seededCase.id);
  know('debtorId', seededCase.debtorId);
  // Several open cases: the fuzzer closes, recalls and disputes some of them along the way.
  for (const kind of ['person', 'company', 'person'] as const) know('caseId', (await makeCase(t, creditor.id, [{ amountCents: 80_000 }], { kind })).id);

  const upload = multipart({}, { name: 'fuzz.csv', type: 'text/csv', content: claimsCsv(['FZ-1;01/01/2026;31/01/2026;100,00;particulier;Jean Fuzz;;;;;;', 'FZ-2;bad;;;;;;;;;;']) });
  const imported = await t.app.inject({ method: 'POST', url: '/api/v1/imports', headers: { ...bearer(creditorUser), ...upload.headers }, payload: upload.payload });
  expect(imported.statusCode, imported.body).toBe(201);
  know('importId', imported.json().id);

  const link = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${seededCase.id}/portal-link`, headers: bearer(admin) });
  expect(link.statusCode, link.body).toBe(201);
  know('token', String(link.json().url).split('/').at(-1) as string);

  const file = multipart({}, { name: 'note.txt', type: 'text/plain', content: Buffer.from('Courrier du débiteur') });
  const document = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${seededCase.id}/documents`, headers: { ...bearer(admin), ...file.headers }, payload: file.payload });
  expect(document.statusCode, document.body).toBe(201);
  know('documentId', document.json().id);
});
afterAll(async () => t?.close());

function signedWebhooks(): SignedWebhook[] {
  const now = () => Math.floor(t.clock.now().getTime() / 1000);
  const messaging = (path: string): SignedWebhook => ({
    path,
    sign: (raw) => ({ [MESSAGING_SIGNATURE_HEADER]: signPayload(messagingWebhookSecret(t.secrets), raw, now()) }),
    bodySchema: z.toJSONSchema(providerEvent) as never,
  });
  return [
    {
      path: '/api/v1/payments/webhooks/local-card',
      sign: (raw) => ({ [SIGNATURE_HEADER]: signPayload(t.secrets.localCardWebhookSecret, raw, now()) }),
      bodySchema: z.toJSONSchema(cardEvent) as never,
    },
    messaging('/api/v1/messages/webhooks/local-sms'),
    messaging('/api/v1/messages/webhooks/local-post'),
    messaging('/api/v1/messages/webhooks/email-bounce'),
  ];
}

/** A fresh API key of the seeded creditor (the fuzzer revokes keys along the way, as a creditor may). */
async function newApiKey(): Promise<string> {
  const key = await t.app.inject({ method: 'POST', url: `/api/v1/creditors/${creditorId}/api-keys`, headers: bearer(admin), payload: { name: 'Fuzz ERP' } });
  expect(key.statusCode, key.body).toBe(201);
  return key.json().secret as string;
}

/** Reads first, writes next, deletions last: what the writes create is read, and deleted last. */
function ordered(operations: Operation[]): Operation[] {
  const rank = (operation: Operation) => (operation.method === 'GET' ? (operation.path.includes('{') ? 1 : 0) : operation.method === 'DELETE' ? 3 : 2);
  return [...operations].sort((a, b) => rank(a) - rank(b));
}

describe('the API, fuzzed from its OpenAPI document', () => {
  it('bounds every number and date a request carries (MAX_AMOUNT_CENTS, business dates), on routes added later too', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as OpenApiDocument;
    expect(unboundedRequestFields(document, MAX_AMOUNT_CENTS)).toEqual([]);
  });

  it(
    'answers every operation with a documented status, content type and body, and never 5xx',
    async () => {
      const document = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as OpenApiDocument;
      const operations = ordered(operationsOf(document));
      expect(operations.length).toBeGreaterThan(100);
      const undeclared = operations.filter((operation) => operation.access === undefined).map((operation) => `${operation.method} ${operation.path}`);
      expect(undeclared, 'every operation carries x-access').toEqual([]);

      console.info(`fuzz: seed ${SEED} (FUZZ_SEED=${SEED} to replay), ${CASES} cases per operation and actor`);
      const fuzzer = createFuzzer({ app: t.app, document, seed: SEED, casesPerOperation: CASES, ids, idAliases: ID_ALIASES, webhooks: signedWebhooks(), today: t.clock.now().toISOString().slice(0, 10) });
      const byToken = operations.filter((operation) => Array.isArray(operation.access));
      const withoutToken = operations.filter((operation) => typeof operation.access === 'string');
      const forCreditor = byToken.filter((operation) => (operation.access as string[]).includes('creditor'));
      // Two rounds: the ids that the first round's writes create are read and changed by the second.
      const firstHalf = Math.ceil(CASES / 2);
      for (const cases of [firstHalf, CASES - firstHalf]) {
        await fuzzer.run(withoutToken, { name: 'anonymous', token: null }, cases);
        await fuzzer.run(byToken, { name: 'admin', token: admin }, cases);
        await fuzzer.run(forCreditor, { name: 'creditor user', token: creditorUser }, cases);
        await fuzzer.run(forCreditor, { name: 'creditor API key', token: await newApiKey() }, Math.min(cases, 2));
      }
      const report = fuzzer.report();
      console.info(`fuzz: ${report.requests} requests, statuses ${JSON.stringify(report.statusCounts)}`);
      console.info(`fuzz: ${report.neverSucceeded.length} operations never answered 2xx: ${report.neverSucceeded.join(', ')}`);
      console.info(`fuzz: slowest operations (all their requests): ${report.slowest.join(', ')}`);
      if (report.failures.length > 0) console.error(`fuzz: ${report.failures.length} failures (replay with FUZZ_SEED=${SEED})\n${report.failures.join('\n')}`);
      expect(report.failures.length, `${report.failures.length} failures, seed ${SEED}: see the log above, replay with FUZZ_SEED=${SEED}`).toBe(0);
    },
    Math.max(120_000, CASES * 40_000),
  );
});
