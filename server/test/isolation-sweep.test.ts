import { randomUUID } from 'node:crypto';
import { generateSync, type JsonSchema } from 'json-schema-faker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, claimsCsv, login, makeCase, makeCreditor, makeUser, multipart } from './factories.ts';
import { deref, examplesOf, type OpenApiDocument, type Operation, operationsOf } from './fuzz/engine.ts';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * The second wall behind the per-feature isolation tests: every operation of the OpenAPI
 * document that names an id in its path (so every route added later is covered without anyone
 * remembering to) is called by a creditor's user (an uploader: the viewer rule is not what stops
 * it) with the ids of ANOTHER creditor's case, creditor, import and webhook endpoint.
 * - An operation open to creditor users answers 404, exactly as for a missing id: not 403 (that
 *   would tell the id exists), not 2xx, and not 400 either: a write is sent a VALID body, built
 *   from the document's own schemas (its examples first, then bodies generated from the schema),
 *   so what refuses it is the access check (server/src/plugins/access.ts), not the validation. A
 *   400 means the body was not valid: the next candidate is tried, and an operation for which no
 *   candidate passes fails the test (give it a fixture below).
 * - An operation closed to creditor users answers 403 (its `config.access`); a public one (a
 *   creditor's logo) answers 404 like one open to them.
 * The debtor portal and provider webhooks authenticate by token or signature, not by role, and are
 * left to their own tests.
 */
let t: TestApp;
let ownToken: string;
let document: OpenApiDocument;
let theirs: Ids;
let ours: Ids;
type Ids = { creditorId: string; caseId: string; importId: string; webhookId: string };

/** Two creditors, each with a case, an import and a webhook endpoint, by one of its uploaders. */
async function seedCreditor(): Promise<{ ids: Ids; token: string }> {
  const creditor = await makeCreditor(t);
  const found = await makeCase(t, creditor.id);
  const token = await login(t, await makeUser(t, 'creditor', creditor.id));
  const upload = multipart({}, { name: 'sweep.csv', type: 'text/csv', content: claimsCsv(['SW-1;01/01/2026;31/01/2026;100,00;particulier;Jean Sweep;;;;;;']) });
  const imported = await t.app.inject({ method: 'POST', url: '/api/v1/imports', headers: { ...bearer(token), ...upload.headers }, payload: upload.payload });
  expect(imported.statusCode, imported.body).toBe(201);
  const webhook = await t.app.inject({
    method: 'POST',
    url: `/api/v1/creditors/${creditor.id}/webhooks`,
    headers: bearer(token),
    payload: { url: 'https://hooks.example.com/relance', events: ['case.created'] },
  });
  expect(webhook.statusCode, webhook.body).toBe(201);
  return { ids: { creditorId: creditor.id, caseId: found.id, importId: imported.json().id, webhookId: webhook.json().id }, token };
}

/** A test app (with or without row-level security under the application's checks) and the two creditors. */
async function setUp(options: { withoutRowLevelSecurity?: boolean }) {
  t = await createTestApp(options);
  const mine = await seedCreditor();
  ours = mine.ids;
  ownToken = mine.token;
  theirs = (await seedCreditor()).ids;
  document = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as OpenApiDocument;
}

/**
 * Write operations whose valid body cannot be generated from a JSON schema, each with the body it
 * is sent and why. (A file upload is multipart: the document describes no JSON body for it.)
 */
const FIXTURE_BODIES: Record<string, { reason: string; body: () => { payload: Buffer | string; headers: Record<string, string> } }> = {
  // None today: every write open to creditor users takes a JSON body (or none). Uploads by a
  // creditor user (POST /imports) name no id in their path and are covered by isolation.test.ts.
};

function sweptOperations(): Operation[] {
  return operationsOf(document).filter(
    (operation) =>
      operation.path.startsWith('/api/v1/') &&
      // `{format}` is a file extension, not an id (the exports read the caller's own rows: exports.test.ts).
      operation.path.replace(/\{format\}/g, '').includes('{') &&
      !/^\/api\/v1\/(portal|webhooks|invitations|local-pay|providers)\b/.test(operation.path) &&
      !operation.path.includes('/callbacks/'),
  );
}

/** Creditor users are let in (public operations let everyone in: their ids are checked the same way). */
const opensToCreditors = (operation: Operation) => operation.access === 'public' || (Array.isArray(operation.access) && operation.access.includes('creditor'));

/** Puts a creditor's ids (the other one's, unless told) where the path names them, a random id elsewhere. */
function concrete(path: string, ids = theirs): string {
  return path.replace(/\{(\w+)\}/g, (_match, name: string, offset: number) => {
    const before = path.slice(0, offset);
    if (name === 'id' && before.endsWith('/cases/')) return ids.caseId;
    if (name === 'id' && before.endsWith('/creditors/')) return ids.creditorId;
    if (name === 'id' && before.endsWith('/imports/')) return ids.importId;
    if (name === 'creditorId') return ids.creditorId;
    if (name === 'caseId') return ids.caseId;
    if (name === 'webhookId') return ids.webhookId;
    return randomUUID();
  });
}

/**
 * Generated values made plausible by the API's naming conventions only: dates near the app's
 * business day (a far date is refused by the business-date bounds), everyday amounts in `...Cents`.
 */
function plausible(value: unknown, today: string, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => plausible(item, today, key));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plausible(v, today, k)]));
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(Date.parse(today) + 7 * 86_400_000).toISOString().slice(0, 10);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return new Date(Date.parse(today) + 7 * 86_400_000 + 10 * 3_600_000).toISOString();
  if (typeof value === 'number' && key.endsWith('Cents') && value > 0) return 10_000;
  return value;
}

/** Valid JSON bodies to try, in order: the document's examples (written by people), then generated ones. */
function bodyCandidates(operation: Operation, today: string): unknown[] {
  const schema = (operation.spec.requestBody as { content?: Record<string, { schema?: unknown }> } | undefined)?.content?.['application/json']?.schema;
  if (!schema) return [undefined];
  const inlined = deref(schema, document) as JsonSchema;
  const generated: unknown[] = [];
  for (let seed = 1; seed <= 16; seed += 1) {
    try {
      const value = generateSync(inlined, { seed, optionalsProbability: seed % 2 === 0 ? 1 : 0, maxItems: 2, useDefaultValue: true, fillProperties: false } as Parameters<typeof generateSync>[1]);
      generated.push(plausible(value, today));
    } catch {
      // a schema the generator cannot satisfy: the examples and the other seeds remain
    }
  }
  return [...examplesOf(schema, document), ...generated];
}

/** Required query and header parameters (an Idempotency-Key, an asOf...), generated from their schema. */
function requiredParameters(operation: Operation, today: string): { query: string; headers: Record<string, string> } {
  const query = new URLSearchParams();
  const headers: Record<string, string> = {};
  for (const parameter of (operation.spec.parameters ?? []) as { in: string; name: string; required?: boolean; schema: unknown }[]) {
    if (!parameter.required || parameter.in === 'path') continue;
    const value = String(plausible(generateSync(deref(parameter.schema, document) as JsonSchema, { seed: 1 } as Parameters<typeof generateSync>[1]), today));
    if (parameter.in === 'query') query.set(parameter.name, value);
    if (parameter.in === 'header') headers[parameter.name] = parameter.name.toLowerCase() === 'idempotency-key' ? randomUUID() : value;
  }
  const search = query.toString();
  return { query: search ? `?${search}` : '', headers };
}

/** The answer, and what was sent: `payload` is the body that got past validation, to send again. */
type Outcome = { status: number; body: string; sent: string; payload?: Buffer | string | object; bodyHeaders?: Record<string, string> };

async function call(operation: Operation): Promise<Outcome> {
  const today = t.clock.now().toISOString().slice(0, 10);
  const { query, headers } = requiredParameters(operation, today);
  const url = concrete(operation.path) + query;
  const method = operation.method as 'GET';
  const key = `${operation.method} ${operation.path}`;
  const fixture = FIXTURE_BODIES[key];
  if (fixture) {
    const { payload, headers: bodyHeaders } = fixture.body();
    const response = await t.app.inject({ method, url, headers: { ...bearer(ownToken), ...headers, ...bodyHeaders }, payload });
    return { status: response.statusCode, body: response.body, sent: `fixture (${fixture.reason})`, payload, bodyHeaders };
  }
  let last: Outcome | undefined;
  const candidates = bodyCandidates(operation, today);
  for (const body of candidates) {
    const response = await t.app.inject({
      method,
      url,
      headers: { ...bearer(ownToken), ...headers },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    last = { status: response.statusCode, body: response.body, sent: JSON.stringify(body ?? null).slice(0, 200), ...(body === undefined ? {} : { payload: body as object }) };
    // A 400 is the body's fault (the access check answers 404 whatever a valid body says): try the next one.
    if (response.statusCode !== 400 || !opensToCreditors(operation)) return last;
  }
  return last as Outcome;
}

/** The sweep, run twice below: as in production, and with row-level security out of the way. */
function sweep() {
  it('answer 404 (403 where creditor users are not let in), with a valid body on writes', async () => {
    const all = sweptOperations();
    expect(all.length).toBeGreaterThan(40);
    const wrong: string[] = [];
    const writes: { operation: Operation; outcome: Outcome }[] = [];
    for (const operation of all) {
      const expected = opensToCreditors(operation) ? 404 : 403;
      const outcome = await call(operation);
      if (expected === 404 && operation.method !== 'GET') writes.push({ operation, outcome });
      if (outcome.status !== expected) {
        const hint = outcome.status === 400 ? ' (no valid body found: give the operation a fixture in FIXTURE_BODIES)' : '';
        wrong.push(`${operation.method} ${operation.path} -> ${outcome.status}, expected ${expected}${hint}: ${outcome.body.slice(0, 160)}\n    sent: ${outcome.sent}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(writes.length).toBeGreaterThanOrEqual(10);

    // The bodies were valid: the same body on the caller's OWN ids gets past validation (no 400 validation_failed),
    // so the 404 above came from the access check and not from a body refused before it.
    const refused: string[] = [];
    for (const { operation, outcome } of writes) {
      const { query, headers } = requiredParameters(operation, t.clock.now().toISOString().slice(0, 10));
      const response = await t.app.inject({
        method: operation.method as 'POST',
        url: concrete(operation.path, ours) + query,
        headers: { ...bearer(ownToken), ...headers, ...outcome.bodyHeaders },
        ...(outcome.payload === undefined ? {} : { payload: outcome.payload }),
      });
      // Past validation, a business refusal (a claim reference that is not this case's) is fine.
      if (response.statusCode === 400 && response.json().code === 'validation_failed') refused.push(`${operation.method} ${operation.path} -> 400 on own ids: ${response.body.slice(0, 200)}\n    sent: ${outcome.sent}`);
    }
    expect(refused).toEqual([]);
  });

  it("still lets a creditor's user read its own case (the sweep is not passing by refusing everything)", async () => {
    const own = await t.app.inject({ method: 'GET', url: '/api/v1/cases', headers: bearer(ownToken) });
    expect(own.statusCode).toBe(200);
    const [first] = own.json().items as { id: string }[];
    expect(first).toBeDefined();
    const detail = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${(first as { id: string }).id}`, headers: bearer(ownToken) });
    expect(detail.statusCode).toBe(200);
  });
}

describe("another creditor's ids, on every operation of the API (row-level security under the access checks, as in production)", () => {
  beforeAll(async () => setUp({}));
  afterAll(async () => t.close());
  sweep();
});

// The application's checks alone: a write route that forgot to ask plugins/access.ts would be
// masked by row-level security above (the row is not there for the caller); here it is not.
describe("another creditor's ids, on every operation of the API (the access checks alone)", () => {
  beforeAll(async () => setUp({ withoutRowLevelSecurity: true }));
  afterAll(async () => t.close());
  sweep();
});
