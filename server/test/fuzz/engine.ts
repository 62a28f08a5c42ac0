import { randomUUID } from 'node:crypto';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { generateSync, type JsonSchema } from 'json-schema-faker';

/**
 * A schema-driven fuzzer of the HTTP API (issue #13, item 5). It reads the OpenAPI document the
 * app serves at /docs/json, generates requests for every operation with json-schema-faker (valid
 * ones, then mutated with hostile values), and checks every answer against the same document with
 * ajv: no 5xx, the status is listed for the operation, the content type is one listed for that
 * status, and a JSON body matches its schema. Nothing here knows a route: what is route-specific
 * (seeded ids, signed webhooks) is given by the caller (server/test/fuzz.test.ts).
 */

type JsonObject = Record<string, unknown>;
export type OpenApiDocument = { paths: Record<string, Record<string, JsonObject>>; components?: { schemas?: Record<string, JsonSchema> } };

export type Operation = {
  method: string;
  path: string;
  spec: JsonObject;
  /** `config.access` of the route, as the document's `x-access` carries it. */
  access: readonly string[] | string | undefined;
};

export type Actor = { name: string; token: string | null };

/** A provider callback the fuzzer can sign (the route authorises by signature, not by token). */
export type SignedWebhook = {
  path: string;
  sign: (rawBody: string) => Record<string, string>;
  /** The event shape, to generate well-formed events too (a JSON schema). */
  bodySchema?: JsonSchema;
};

export type FuzzOptions = {
  app: FastifyInstance;
  document: OpenApiDocument;
  seed: number;
  casesPerOperation: number;
  /** Known ids by key (caseId, creditorId, importId, token...): path params and id fields pick from them. */
  ids: Map<string, Set<string>>;
  /** Aliases of a path parameter name: `contactId` may be any of `emailId`, `phoneId`, `addressId`. */
  idAliases?: Record<string, readonly string[]>;
  webhooks?: readonly SignedWebhook[];
  /** The app's business day: generated dates are often moved near it (promises, callbacks, plans). */
  today?: string;
};

export type Failure = { key: string; message: string };

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

// ---------------------------------------------------------------------------------------------
// Randomness: one seeded generator, so a failing run is repeated with FUZZ_SEED.

export type Random = { next: () => number; int: (max: number) => number; chance: (p: number) => boolean; pick: <T>(items: readonly T[]) => T };

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  return { next, int, chance: (p) => next() < p, pick: (items) => items[int(items.length)] as (typeof items)[number] };
}

// ---------------------------------------------------------------------------------------------
// Hostile values: what a careless or malicious client sends.

const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  'x'.repeat(20_000),
  '𝒳é漢字\u202eعربي🙂',
  '\ud800',
  "' or 1=1 --",
  '%_\\',
  'jtp',
  '-1',
  '0',
  '9007199254740993',
  '1e309',
  '0001-01-01',
  '9999-12-31',
  '2026-02-30',
  '+275760-09-13T00:00:00Z',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  'null',
];
const HOSTILE_NUMBERS = [0, -1, 1.5, 2 ** 31, 2 ** 53 - 1, 2 ** 53 + 2, -(2 ** 53), 1e308, -1e308, 1e-7];
const HOSTILE_OTHERS: unknown[] = [null, true, false, [], {}, [null], { '\u0000': 1 }];

function hostileValue(random: Random): unknown {
  const kind = random.int(10);
  if (kind < 5) return random.pick(HOSTILE_STRINGS);
  if (kind < 8) return random.pick(HOSTILE_NUMBERS);
  return structuredClone(random.pick(HOSTILE_OTHERS));
}

function hostilePathSegment(random: Random): string {
  return random.pick(['jtp', '0', '-1', 'x'.repeat(300), '%00', '%E9', 'é', '.x', '00000000-0000-0000-0000-000000000000', '9'.repeat(40), '%20', "'"]);
}

// ---------------------------------------------------------------------------------------------
// Schemas: the document's $refs inlined for the generator; ajv validates against the document itself.

export function deref(schema: unknown, document: OpenApiDocument, depth = 0): unknown {
  if (Array.isArray(schema)) return schema.map((item) => deref(item, document, depth));
  if (typeof schema !== 'object' || schema === null) return schema;
  const object = schema as JsonObject;
  if (typeof object.$ref === 'string') {
    const name = object.$ref.replace('#/components/schemas/', '');
    if (depth > 8) return {};
    return deref(document.components?.schemas?.[name] ?? {}, document, depth + 1);
  }
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(object)) {
    // Descriptions are for people; examples are used whole (examplesOf), not copied into generated values.
    if (key === 'examples' || key === 'example' || key === 'description') continue;
    result[key] = key === 'properties' ? Object.fromEntries(Object.entries(value as JsonObject).map(([k, v]) => [k, deref(v, document, depth)])) : deref(value, document, depth);
  }
  return result;
}

/** The examples a request schema carries (following its $ref), as written in the document. */
export function examplesOf(schema: unknown, document: OpenApiDocument): unknown[] {
  const object = schema as JsonObject;
  const target = typeof object?.$ref === 'string' ? (document.components?.schemas?.[object.$ref.replace('#/components/schemas/', '')] as JsonObject | undefined) : object;
  return Array.isArray(target?.examples) ? (target.examples as unknown[]) : [];
}

function generate(schema: unknown, random: Random): unknown {
  try {
    return generateSync(schema as JsonSchema, {
      seed: random.int(2 ** 31),
      optionalsProbability: random.pick([0, 0.5, 1]),
      maxItems: 3,
      useDefaultValue: random.chance(0.3),
      minDateTime: '1985-01-01T00:00:00Z',
      maxDateTime: '2045-12-31T23:59:59Z',
    } as Parameters<typeof generateSync>[1]);
  } catch {
    return {};
  }
}

function pointerToken(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

// ---------------------------------------------------------------------------------------------
// Ids: path parameters and id fields sometimes name real objects so handlers go deep.

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function singular(word: string): string {
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses') || word.endsWith('shes')) return word.slice(0, -2);
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

function camel(word: string): string {
  return word.replace(/-([a-z])/g, (_m, letter: string) => letter.toUpperCase());
}

/** The id key of a path parameter: `{caseId}` is caseId; `{id}` after `/cases/` is caseId too. */
export function idKeyOf(path: string, parameter: string): string {
  if (parameter !== 'id') return parameter;
  const before = path.slice(0, path.indexOf(`{${parameter}}`)).split('/').filter(Boolean);
  const collection = before.at(-1) ?? 'item';
  return `${camel(singular(collection))}Id`;
}

/** The id key of the objects a response lists: the last plain segment of the path, singular. */
function collectionKeyOf(path: string): string {
  const segments = path.split('/').filter((segment) => segment && !segment.startsWith('{'));
  return `${camel(singular(segments.at(-1) ?? 'item'))}Id`;
}

function remember(ids: Map<string, Set<string>>, key: string, value: string) {
  const set = ids.get(key) ?? new Set<string>();
  ids.set(key, set);
  if (set.size < 50) set.add(value);
}

/** Collects the ids and link tokens an answer reveals, for later requests. */
export function harvestIds(ids: Map<string, Set<string>>, value: unknown, ownKey: string) {
  if (Array.isArray(value)) {
    for (const item of value) harvestIds(ids, item, ownKey);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, child] of Object.entries(value)) {
    if (typeof child === 'string') {
      if (key === 'id' && UUID_PATTERN.test(child)) remember(ids, ownKey, child);
      else if (/Id$/.test(key) && UUID_PATTERN.test(child)) remember(ids, key, child);
      else if (key === 'url' || key.endsWith('Url')) {
        const last = child.split(/[/?#]/).filter(Boolean).at(-1) ?? '';
        if (/^[A-Za-z0-9_-]{20,200}$/.test(last)) remember(ids, 'token', last);
      }
    } else if (key === 'items' || key === 'item') {
      harvestIds(ids, child, ownKey);
    } else {
      harvestIds(ids, child, `${camel(singular(key))}Id`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The fuzzer.

export function operationsOf(document: OpenApiDocument): Operation[] {
  const found: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    if (!path.startsWith('/api/')) continue;
    for (const method of HTTP_METHODS) {
      const spec = methods[method];
      if (spec) found.push({ method: method.toUpperCase(), path, spec, access: spec['x-access'] as Operation['access'] });
    }
  }
  return found;
}

/**
 * The numbers and dates a request may carry without a business bound (issue #13): an integer or
 * number without a `maximum` within MAX_AMOUNT_CENTS, a date or instant not built from the bounded
 * `dateInput` / `instantInput` (they carry `x-business-date-bounds`). Paths like
 * `POST /api/v1/cases body.claims[].amountCents`.
 */
export function unboundedRequestFields(document: OpenApiDocument, maximum: number): string[] {
  const found: string[] = [];
  const walk = (schema: unknown, at: string, seen: ReadonlySet<string>) => {
    if (typeof schema !== 'object' || schema === null) return;
    const object = schema as JsonObject;
    if (typeof object.$ref === 'string') {
      const name = object.$ref.replace('#/components/schemas/', '');
      if (!seen.has(name)) walk(document.components?.schemas?.[name], at, new Set([...seen, name]));
      return;
    }
    if ((object.format === 'date' || object.format === 'date-time') && !object['x-business-date-bounds']) found.push(`${at} (${object.format})`);
    if ((object.type === 'integer' || object.type === 'number') && !(Number(object.maximum) <= maximum || Number(object.exclusiveMaximum) <= maximum)) {
      found.push(`${at} (${object.type} up to ${object.maximum ?? '∞'})`);
    }
    for (const [name, child] of Object.entries((object.properties ?? {}) as JsonObject)) walk(child, `${at}.${name}`, seen);
    for (const key of ['items', 'additionalProperties']) if (typeof object[key] === 'object') walk(object[key], `${at}[]`, seen);
    for (const key of ['anyOf', 'oneOf', 'allOf']) if (Array.isArray(object[key])) for (const child of object[key] as unknown[]) walk(child, at, seen);
  };
  for (const operation of operationsOf(document)) {
    const name = `${operation.method} ${operation.path}`;
    for (const parameter of (operation.spec.parameters ?? []) as { in: string; name: string; schema: unknown }[]) walk(parameter.schema, `${name} ${parameter.in}:${parameter.name}`, new Set());
    const body = (operation.spec.requestBody as { content?: Record<string, { schema?: unknown }> } | undefined)?.content?.['application/json']?.schema;
    if (body) walk(body, `${name} body`, new Set());
  }
  return found;
}

type BuiltRequest = { url: string; headers: Record<string, string>; payload?: string; summary: string };

export function createFuzzer(options: FuzzOptions) {
  const { app, document } = options;
  const random = seededRandom(options.seed);
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
  const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => void;
  addFormats(ajv);
  ajv.addSchema(document as object, 'openapi');
  const validators = new Map<string, ValidateFunction | null>();
  const failures = new Map<string, { message: string; count: number }>();
  const statusCounts = new Map<number, number>();
  const succeeded = new Set<string>();
  const millisecondsByOperation = new Map<string, number>();
  const tried = new Set<string>();
  let requests = 0;

  function pickId(key: string): string | undefined {
    const keys = [key, ...(options.idAliases?.[key] ?? [])];
    const pool = keys.flatMap((candidate) => [...(options.ids.get(candidate) ?? [])]);
    return pool.length > 0 ? random.pick(pool) : undefined;
  }

  function pathValue(path: string, parameter: string): string {
    const roll = random.next();
    if (roll < 0.65) {
      const known = pickId(idKeyOf(path, parameter));
      if (known) return known;
    }
    if (roll < 0.85) return parameter === 'token' ? randomUUID().replaceAll('-', '') : randomUUID();
    return hostilePathSegment(random);
  }

  /**
   * Makes generated values plausible more often, by the API's naming conventions only: known ids
   * in id fields (creditorId, caseId, memberIds...), and everyday amounts in `...Cents` fields
   * (a random integer up to 1e11 is above every balance, so payments and plans would never pass).
   */
  function withKnownIds(value: unknown, key = ''): unknown {
    if (Array.isArray(value)) return value.map((item) => withKnownIds(item, key.endsWith('Ids') ? key.slice(0, -1) : key));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withKnownIds(v, k)]));
    }
    if (typeof value === 'number' && key.endsWith('Cents') && value > 0 && random.chance(0.6)) return 1 + random.int(50_000);
    if (typeof value === 'string' && options.today && /^\d{4}-\d{2}-\d{2}$/.test(value) && random.chance(0.5)) {
      const near = new Date(Date.parse(options.today) + (random.int(121) - 60) * 86_400_000);
      return near.toISOString().slice(0, 10);
    }
    if (typeof value === 'string' && UUID_PATTERN.test(value) && /Id$/.test(key) && random.chance(0.7)) {
      const alias = key === 'memberId' ? 'agentId' : key;
      return pickId(key) ?? pickId(alias) ?? value;
    }
    return value;
  }

  function mutate(value: unknown): unknown {
    const paths: (string | number)[][] = [[]];
    const walk = (node: unknown, at: (string | number)[]) => {
      if (Array.isArray(node)) node.forEach((item, index) => { paths.push([...at, index]); walk(item, [...at, index]); });
      else if (typeof node === 'object' && node !== null) for (const [k, v] of Object.entries(node)) { paths.push([...at, k]); walk(v, [...at, k]); }
    };
    walk(value, []);
    const target = random.pick(paths);
    if (target.length === 0) return hostileValue(random);
    const copy = structuredClone(value) as JsonObject;
    let parent: JsonObject = copy;
    for (const segment of target.slice(0, -1)) parent = parent[segment as string] as JsonObject;
    parent[target.at(-1) as string] = hostileValue(random);
    return copy;
  }

  function build(operation: Operation, actor: Actor): BuiltRequest {
    const parameters = (operation.spec.parameters ?? []) as { in: string; name: string; required?: boolean; schema: unknown }[];
    let url = operation.path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(pathValue(operation.path, name)).replaceAll('%25', '%'));
    const query = new URLSearchParams();
    const headers: Record<string, string> = {};
    for (const parameter of parameters) {
      if (parameter.in === 'path') continue;
      if (!parameter.required && random.chance(0.5)) continue;
      let value: unknown = generate(deref(parameter.schema, document), random);
      if (/Id$/.test(parameter.name) && random.chance(0.6)) value = pickId(parameter.name) ?? value;
      if (random.chance(0.15)) value = hostileValue(random);
      if (value === undefined || value === null || typeof value === 'object') value = typeof value === 'object' ? JSON.stringify(value) : '';
      if (parameter.in === 'query') query.set(parameter.name, String(value));
      else if (parameter.in === 'header' && parameter.name !== 'authorization') headers[parameter.name] = String(value).replace(/[^\x20-\x7e]/g, '?').slice(0, 500);
    }
    if (random.chance(0.1)) query.set(random.pick(['cursor', 'limit', 'q', 'asOf', 'creditorId']), String(hostileValue(random)));
    const search = query.toString();
    if (search) url += `?${search}`;
    if (actor.token) headers.authorization = `Bearer ${actor.token}`;

    const webhook = options.webhooks?.find((candidate) => candidate.path === operation.path);
    const bodySchema = (operation.spec.requestBody as { content?: Record<string, { schema?: unknown }> } | undefined)?.content?.['application/json']?.schema;
    let body: unknown;
    let hasBody = false;
    if (bodySchema) {
      // The document's own examples are valid requests written by people: sometimes start from one.
      const examples = examplesOf(bodySchema, document);
      const example = examples.length > 0 && random.chance(0.3) ? structuredClone(random.pick(examples)) : undefined;
      body = withKnownIds(example ?? generate(deref(bodySchema, document), random));
      hasBody = true;
      if (random.chance(0.4)) body = mutate(body);
    } else if (webhook || operation.access === 'webhook') {
      body = webhook?.bodySchema && random.chance(0.6) ? generate(webhook.bodySchema, random) : generate({ type: 'object' }, random);
      if (random.chance(0.3)) body = mutate(body);
      hasBody = true;
    } else if (operation.method !== 'GET' && random.chance(0.2)) {
      body = random.chance(0.5) ? {} : hostileValue(random);
      hasBody = true;
    }
    let payload: string | undefined;
    if (hasBody) {
      payload = JSON.stringify(body ?? null);
      headers['content-type'] = 'application/json';
      if (operation.access === 'webhook') {
        const roll = random.next();
        if (webhook && roll < 0.5) Object.assign(headers, webhook.sign(payload));
        else if (webhook && roll < 0.8) {
          for (const [name, value] of Object.entries(webhook.sign(payload))) headers[name] = value.replace(/v1=[0-9a-f]{8}/, 'v1=00000000');
        }
      }
    }
    const shownUrl = url.length > 200 ? `${url.slice(0, 200)}…(${url.length} chars)` : url;
    const summary = `${operation.method} ${shownUrl}${payload === undefined ? '' : ` body=${payload.length > 300 ? `${payload.slice(0, 300)}…(${payload.length} chars)` : payload}`}`;
    return { url, headers, ...(payload === undefined ? {} : { payload }), summary };
  }

  function validatorFor(operation: Operation, status: string, contentType: string): ValidateFunction | null {
    const key = `${operation.method} ${operation.path} ${status} ${contentType}`;
    if (!validators.has(key)) {
      const pointer = ['paths', operation.path, operation.method.toLowerCase(), 'responses', status, 'content', contentType, 'schema'].map(pointerToken).join('/');
      let validate: ValidateFunction | null = null;
      try {
        validate = ajv.getSchema(`openapi#/${pointer.replaceAll('{', '%7B').replaceAll('}', '%7D')}`) ?? null;
      } catch (error) {
        throw new Error(`ajv cannot compile the schema of ${key}: ${(error as Error).message}`);
      }
      validators.set(key, validate);
    }
    return validators.get(key) ?? null;
  }

  function fail(operation: Operation, actor: Actor, kind: string, message: string) {
    const key = `${operation.method} ${operation.path} [${kind}]`;
    const existing = failures.get(key);
    if (existing) existing.count += 1;
    else failures.set(key, { message: `${key} as ${actor.name}: ${message}`, count: 1 });
  }

  async function runCase(operation: Operation, actor: Actor) {
    const request = build(operation, actor);
    requests += 1;
    let response: Awaited<ReturnType<FastifyInstance['inject']>>;
    const started = performance.now();
    try {
      response = await app.inject({ method: operation.method as InjectOptions['method'], url: request.url, headers: request.headers, ...(request.payload === undefined ? {} : { payload: request.payload }) });
    } catch (error) {
      fail(operation, actor, 'inject threw', `${(error as Error).message}\n    request: ${request.summary}`);
      return;
    }
    const status = response.statusCode;
    const operationKey = `${operation.method} ${operation.path}`;
    millisecondsByOperation.set(operationKey, (millisecondsByOperation.get(operationKey) ?? 0) + performance.now() - started);
    // FUZZ_TRACE=<part of a path>: every request to matching operations and its answer, to see why they are refused.
    if (process.env.FUZZ_TRACE && operation.path.includes(process.env.FUZZ_TRACE)) console.info(`${actor.name} ${request.summary}\n  -> ${status} ${response.body.slice(0, 300)}`);
    statusCounts.set(status, (statusCounts.get(status) ?? 0) + 1);
    tried.add(`${operation.method} ${operation.path}`);
    if (status < 300) succeeded.add(`${operation.method} ${operation.path}`);
    const excerpt = () => `\n    request: ${request.summary}\n    response: ${status} ${response.headers['content-type'] ?? ''} ${response.body.slice(0, 200)}`;
    if (status >= 500) {
      fail(operation, actor, `${status}`, `answered ${status}${excerpt()}`);
      return;
    }
    const responses = (operation.spec.responses ?? {}) as Record<string, { content?: Record<string, unknown> }>;
    const listed = responses[String(status)] ?? responses.default;
    if (!listed) {
      fail(operation, actor, `unlisted ${status}`, `answered ${status}, which the document does not list (${Object.keys(responses).join(', ')})${excerpt()}`);
      return;
    }
    const contentType = String(response.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const contentTypes = Object.keys(listed.content ?? {});
    if (contentTypes.length === 0) {
      if (response.rawPayload.length > 0) fail(operation, actor, `body on ${status}`, `answered ${status} with a body, but the document describes none${excerpt()}`);
      return;
    }
    const matching = contentTypes.find((type) => type === contentType || (type.endsWith('/*') && contentType.startsWith(type.slice(0, -1))));
    if (!matching) {
      fail(operation, actor, `content type ${status}`, `answered ${status} as "${contentType}", the document lists ${contentTypes.join(', ')}${excerpt()}`);
      return;
    }
    if (matching === 'application/json') {
      let body: unknown;
      try {
        body = response.json();
      } catch {
        fail(operation, actor, `json ${status}`, `answered ${status} with a body that is not JSON${excerpt()}`);
        return;
      }
      const validate = validatorFor(operation, String(status), matching);
      if (validate && !validate(body)) {
        fail(operation, actor, `schema ${status}`, `body does not match the documented schema: ${ajv.errorsText(validate.errors)}${excerpt()}`);
        return;
      }
      if (status < 300) harvestIds(options.ids, body, collectionKeyOf(operation.path));
    }
  }

  return {
    async run(operations: readonly Operation[], actor: Actor, cases = options.casesPerOperation) {
      for (const operation of operations) {
        for (let index = 0; index < cases; index += 1) await runCase(operation, actor);
      }
    },
    report() {
      return {
        requests,
        statusCounts: Object.fromEntries([...statusCounts].sort(([a], [b]) => a - b)),
        /** Operations no request got through (always refused): the fuzzer did not reach their handler's end. */
        neverSucceeded: [...tried].filter((operation) => !succeeded.has(operation)).sort(),
        slowest: [...millisecondsByOperation]
          .sort(([, a], [, b]) => b - a)
          .slice(0, 5)
          .map(([operation, ms]) => `${operation} ${Math.round(ms)} ms`),
        failures: [...failures.values()].map((failure) => (failure.count > 1 ? `${failure.message}\n    (${failure.count} times)` : failure.message)),
      };
    },
  };
}
