import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffDays } from '@relance/domain/dates';
import { type PriorityInput, priorityOf } from '@relance/domain/priority';
import { runOnce } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../../templates/test/pdf-text.ts';
import { silentWorkerLogger } from '../src/db/migrate.ts';
import { refreshQueue } from '../src/features/queue/service.ts';
import { rankFigures } from '../src/features/queue/sql.ts';
import { queueWeeklyLookups } from '../src/features/registry/lookup.ts';
import type { RegistryFixture } from '../src/features/registry/providers/local.ts';
import { pappersRegistry } from '../src/features/registry/providers/pappers.ts';
import type { RegistryProvider } from '../src/features/registry/providers/provider.ts';
import { emExec } from '../src/plugins/sql.ts';
import { taskList } from '../src/worker/runner.ts';
import { caseBody, postCase, randomSiren } from './case-factories.ts';
import { bearer, login, makeCreditor, makeUser } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * Issue 23, through the API with the LOCAL registry and REGISTRY_FIXTURES pointing to a temporary
 * file: a company in redressement judiciaire (published 2026-11-02) is paused for every door with
 * insolvency_proceedings, a claim declaration is due 2027-01-02 with its PDF, the creditor is told;
 * a ceased company is flagged; a registry that is down never blocks the intake and is retried.
 */
let t: TestApp;
let creditorId: string;
let managerToken: string;
let agentToken: string;
let creditorToken: string;
let otherCreditorToken: string;

const REDRESSEMENT = randomSiren();
const CEASED = randomSiren();
const MOVED = randomSiren();
const DOWN = randomSiren();

const fixtures: RegistryFixture[] = [
  {
    siren: REDRESSEMENT,
    name: 'BÂTI OUEST SAS',
    legalForm: 'Société par actions simplifiée',
    nafCode: '4120A',
    address: { line1: '4 rue des Forges', postalCode: '44000', city: 'Nantes' },
    status: 'active',
    createdOn: '2012-03-01',
    proceedings: [
      {
        type: 'redressement',
        judgmentDate: '2026-10-28',
        publicationDate: '2026-11-02',
        court: 'Tribunal de commerce de Nantes',
        mandataire: { name: 'SELARL Mandataires Atlantique', address: '8 quai de la Fosse, 44000 Nantes' },
      },
    ],
  },
  { siren: CEASED, name: 'ANCIENNE SARL', address: { line1: '1 rue Fermée', postalCode: '35000', city: 'Rennes' }, status: 'ceased', proceedings: [] },
  {
    siren: MOVED,
    name: 'NOUVEAU NOM SAS',
    address: { line1: '27 boulevard des Entrepreneurs', postalCode: '44300', city: 'Nantes' },
    addressSince: '2026-10-01',
    status: 'active',
    proceedings: [],
  },
  { siren: DOWN, name: 'PATIENTE SAS', address: { line1: '2 rue Calme', postalCode: '75011', city: 'Paris' }, status: 'active', proceedings: [] },
];

const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => (await t.orm.em.fork().execute(text, params)) as T[];

/** What the worker does with the queued jobs, with the configured registry unless one is given. */
async function runJobs(registry?: RegistryProvider) {
  await runOnce({
    connectionString: t.databaseUrl,
    taskList: taskList({ secrets: t.secrets, clock: t.clock, orm: t.orm, config: t.config, ...(registry ? { registry } : {}) }),
    logger: silentWorkerLogger,
  });
}

async function createCase(siren: string, debtor: { name?: string; address?: { line1: string; postalCode: string; city: string } } = {}) {
  const response = await postCase(
    t,
    managerToken,
    caseBody({
      creditorId,
      debtor: { type: 'company', siren, email: `compta-${siren}@example.fr`, ...(debtor.name ? { name: debtor.name } : {}), ...(debtor.address ? { address: debtor.address } : {}) },
      claims: [{ dueDate: '2026-09-15', amountCents: 2_400_00 }, { dueDate: '2026-10-15', amountCents: 1_200_00 }],
    }),
  );
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

const registryOf = async (caseId: string, token = agentToken) => await t.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}/registry`, headers: bearer(token) });

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'relance-registry-'));
  const path = join(dir, 'companies.json');
  writeFileSync(path, JSON.stringify(fixtures));
  t = await createTestApp({ env: { REGISTRY_PROVIDER: 'local', REGISTRY_FIXTURES: path } });
  creditorId = (await makeCreditor(t)).id;
  managerToken = await login(t, await makeUser(t, 'manager'));
  agentToken = await login(t, await makeUser(t, 'agent'));
  creditorToken = await login(t, await makeUser(t, 'creditor', creditorId));
  otherCreditorToken = await login(t, await makeUser(t, 'creditor', (await makeCreditor(t)).id));
});
afterAll(async () => t.close());

describe('a company in redressement judiciaire, published 2026-11-02 (C. com. L622-21, L622-24, R622-24)', () => {
  let caseId: string;

  beforeAll(async () => {
    caseId = await createCase(REDRESSEMENT);
    await runJobs();
  });

  it('stores what the registry says and pauses the case with insolvency_proceedings', async () => {
    const response = await registryOf(caseId);
    expect(response.statusCode, response.body).toBe(200);
    const registry = response.json();
    expect(registry.company).toMatchObject({ siren: REDRESSEMENT, name: 'BÂTI OUEST SAS', nafCode: '4120A', status: 'active', provider: 'local' });
    expect(registry.company.proceedings).toEqual([
      {
        type: 'redressement',
        judgmentDate: '2026-10-28',
        publicationDate: '2026-11-02',
        court: 'Tribunal de commerce de Nantes',
        mandataire: { name: 'SELARL Mandataires Atlantique', address: '8 quai de la Fosse, 44000 Nantes' },
      },
    ]);
    expect(registry.paused).toEqual({ reason: 'insolvency_proceedings' });
    expect(registry.flag).toBe('insolvency_proceedings');
  });

  it('POST /cases/{id}/messages answers 422 insolvency_proceedings, and a call is refused too', async () => {
    const send = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/messages`, headers: bearer(managerToken), payload: { channel: 'email', template: 'first_letter' } });
    expect(send.statusCode, send.body).toBe(422);
    expect(send.json().code).toBe('insolvency_proceedings');
    expect(send.json().details.reasons[0]).toMatchObject({ code: 'insolvency_proceedings', params: { type: 'redressement', judgmentDate: '2026-10-28', publicationDate: '2026-11-02' } });
    // The other doors: a call logged, a promise, a link to the debtor's page.
    const doors = [
      { url: `/api/v1/cases/${caseId}/activities`, payload: { kind: 'call', text: 'Appel', callOutcome: 'no_answer' } },
      { url: `/api/v1/cases/${caseId}/promises`, payload: { amountCents: 100_00, dueOn: '2026-12-01' } },
      { url: `/api/v1/cases/${caseId}/portal-link`, payload: {} },
    ];
    for (const door of doors) {
      const refused = await t.app.inject({ method: 'POST', url: door.url, headers: bearer(managerToken), payload: door.payload });
      expect(refused.statusCode, `${door.url} ${refused.body}`).toBe(422);
      expect(refused.json().code).toBe('insolvency_proceedings');
    }
    const check = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}/contact-check`, headers: bearer(agentToken) });
    expect(check.json()).toMatchObject({ allowed: false, decision: 'refused' });
    expect(check.json().reasons.map((reason: { code: string }) => reason.code)).toContain('insolvency_proceedings');
  });

  it('shows a claim-declaration task due 2027-01-02 with its déclaration de créance PDF', async () => {
    const { declarations } = (await registryOf(caseId)).json();
    expect(declarations).toHaveLength(1);
    const [declaration] = declarations;
    expect(declaration).toMatchObject({ dueOn: '2027-01-02', status: 'to_declare', declaredOn: null, amountCents: 3_600_00 });
    expect(declaration.documentId).toEqual(expect.any(String));
    const pdf = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}/documents/${declaration.documentId}/download`, headers: bearer(creditorToken) });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const { text } = await pdfText(pdf.rawPayload);
    for (const expected of [
      'Déclaration de créance',
      'redressement judiciaire',
      'SELARL Mandataires Atlantique',
      '8 quai de la Fosse, 44000 Nantes',
      '28/10/2026',
      '02/11/2026',
      '02/01/2027',
      'Néant : créance chirographaire',
      'Pouvoir spécial',
      REDRESSEMENT,
    ]) {
      expect(text, expected).toContain(expected);
    }
    expect(text).toMatch(/3\s?600,00\s?€/);
  });

  it('tells the creditor (webhook debtor.insolvency_opened), the timeline and the managers, once', async () => {
    const events = await sql<{ data: { caseId: string; claimDeclaration: { dueOn: string } } }>(
      `select data from creditor_event where creditor_id = ? and type = 'debtor.insolvency_opened'`,
      [creditorId],
    );
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({ caseId, proceeding: { type: 'redressement', publicationDate: '2026-11-02' }, claimDeclaration: { dueOn: '2027-01-02' } });
    const entries = await sql<{ event: string }>(`select event from activity where case_id = ? and event = 'insolvency_recorded'`, [caseId]);
    expect(entries).toHaveLength(1);
    const notices = await sql(`select 1 from notification where case_id = ? and kind = 'registry_insolvency'`, [caseId]);
    expect(notices.length).toBeGreaterThan(0);
  });

  it('the weekly refresh asks again and changes nothing (idempotent)', async () => {
    const queued = await queueWeeklyLookups(emExec(t.orm.em.fork()), '2026-11-30');
    expect(queued).toBeGreaterThan(0);
    await runJobs();
    expect(await sql(`select 1 from claim_declaration where case_id = ?`, [caseId])).toHaveLength(1);
    expect(await sql(`select 1 from creditor_event where creditor_id = ? and type = 'debtor.insolvency_opened'`, [creditorId])).toHaveLength(1);
  });

  it('the creditor sees it; another creditor gets 404', async () => {
    expect((await registryOf(caseId, creditorToken)).json().declarations).toHaveLength(1);
    expect((await registryOf(caseId, otherCreditorToken)).statusCode).toBe(404);
  });

  it('tracks the declaration to "declared" with its date, once', async () => {
    const { declarations } = (await registryOf(caseId)).json();
    const url = `/api/v1/cases/${caseId}/claim-declarations/${declarations[0].id}/declared`;
    const future = await t.app.inject({ method: 'POST', url, headers: bearer(agentToken), payload: { declaredOn: '2026-12-01' } });
    expect(future.statusCode).toBe(400);
    const done = await t.app.inject({ method: 'POST', url, headers: bearer(agentToken), payload: { declaredOn: '2026-11-23' } });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().declarations[0]).toMatchObject({ status: 'declared', declaredOn: '2026-11-23' });
    const again = await t.app.inject({ method: 'POST', url, headers: bearer(agentToken), payload: { declaredOn: '2026-11-23' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('claim_declaration_already_declared');
    expect(await sql(`select 1 from audit_event where case_id = ? and action = 'claim_declared'`, [caseId])).toHaveLength(1);
  });
});

describe('a ceased company without proceedings', () => {
  it('is flagged for a manager and not paused', async () => {
    const caseId = await createCase(CEASED);
    await runJobs();
    const registry = (await registryOf(caseId)).json();
    expect(registry.flag).toBe('company_ceased');
    expect(registry.paused).toBeNull();
    expect(registry.declarations).toEqual([]);
    expect((await sql(`select 1 from notification where case_id = ? and kind = 'registry_company_ceased'`, [caseId])).length).toBeGreaterThan(0);
  });
});

describe('what the creditor sent and what the registry says', () => {
  it('shows the differences and adopts the newer registered address in one click (audit trail)', async () => {
    const caseId = await createCase(MOVED, { name: 'Ancien Nom SARL', address: { line1: '3 rue Ancienne', postalCode: '44000', city: 'Nantes' } });
    await runJobs();
    const before = (await registryOf(caseId)).json();
    expect(before.differences).toEqual([
      { field: 'name', sent: 'Ancien Nom SARL', registered: 'NOUVEAU NOM SAS' },
      { field: 'address', sent: '3 rue Ancienne, 44000 Nantes', registered: '27 boulevard des Entrepreneurs, 44300 Nantes' },
    ]);
    expect(before.canAdoptAddress).toBe(true);
    expect(before.company.addressSince).toBe('2026-10-01');
    const adopted = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/registry/adopt-address`, headers: bearer(agentToken) });
    expect(adopted.statusCode, adopted.body).toBe(200);
    expect(adopted.json().canAdoptAddress).toBe(false);
    expect(adopted.json().differences.map((difference: { field: string }) => difference.field)).toEqual(['name']);
    const addresses = await sql<{ line1: string; valid: boolean }>(
      `select a.line1, a.valid from debtor_address a join collection_case c on c.debtor_id = a.debtor_id where c.id = ? order by a.line1`,
      [caseId],
    );
    expect(addresses).toEqual([
      { line1: '27 boulevard des Entrepreneurs', valid: true },
      { line1: '3 rue Ancienne', valid: false },
    ]);
    expect(await sql(`select 1 from audit_event where case_id = ? and action = 'registry_address_adopted'`, [caseId])).toHaveLength(1);
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/registry/adopt-address`, headers: bearer(agentToken) });
    expect(again.statusCode).toBe(409);
  });
});

describe('a registry that is down', () => {
  it('never blocks the intake, and the lookup is retried until it answers', async () => {
    const caseId = await createCase(DOWN);
    // Pappers with the network down: every call fails with a connection error.
    const down = pappersRegistry({ apiKey: 'test', http: async () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:443')) });
    await runJobs(down);
    const [job] = await sql<{ attempts: number; last_error: string }>(
      `select j.attempts, j.last_error from graphile_worker._private_jobs j join graphile_worker._private_tasks k on k.id = j.task_id
        where k.identifier = 'registry__lookup' and (j.payload::jsonb)->'sirens' @> to_jsonb(?::text)`,
      [DOWN],
    );
    expect(job?.attempts).toBe(1);
    expect(job?.last_error).toContain('unavailable');
    expect((await registryOf(caseId)).json()).toMatchObject({ siren: DOWN, company: null });
    // The retry, when its backoff is over, with the registry back.
    await sql(`update graphile_worker._private_jobs set run_at = now() where (payload::jsonb)->'sirens' @> to_jsonb(?::text)`, [DOWN]);
    await runJobs();
    expect((await registryOf(caseId)).json().company).toMatchObject({ siren: DOWN, name: 'PATIENTE SAS' });
    expect(await sql(`select 1 from graphile_worker._private_jobs where (payload::jsonb)->'sirens' @> to_jsonb(?::text)`, [DOWN])).toHaveLength(0);
  });
});

describe('the queue score (packages/domain priorityOf = the stored rank)', () => {
  it('ranks with the registry signals: proceedings, ceased, a moved office, a young company', async () => {
    await refreshQueue(emExec(t.orm.em.fork()), { today: '2026-11-23' });
    const rows = await sql<{ siren: string; points: string; kind: 'company'; balance: string; days: number; days_to_prescription: number | null; contactable: boolean }>(
      `select d.siren, floor(c.queue_rank::numeric / 1000000000000)::text as points, f.kind, f.balance::text as balance, f.days, f.days_to_prescription, f.contactable
         from collection_case c join debtor d on d.id = c.debtor_id
         join (${rankFigures('2026-11-23', null).sql}) f on f.id = c.id
        where c.creditor_id = ? and d.siren in (?, ?, ?)`,
      [...rankFigures('2026-11-23', null).params, creditorId, REDRESSEMENT, CEASED, MOVED],
    );
    const registry: Record<string, Partial<PriorityInput>> = {
      [REDRESSEMENT]: { insolvencyProceedings: true, companyAgeDays: diffDays('2012-03-01', '2026-11-23') },
      [CEASED]: { companyCeased: true },
      [MOVED]: { daysSinceAddressChange: 53 },
    };
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      const expected = priorityOf({
        balanceCents: Number(row.balance),
        daysPastDue: row.days,
        debtorKind: row.kind,
        contactable: row.contactable,
        promiseDue: false,
        promiseBroken: false,
        callbackDue: false,
        ...(row.days_to_prescription === null ? {} : { daysToPrescription: row.days_to_prescription }),
        ...registry[row.siren],
      });
      expect(Number(row.points), row.siren).toBe(expected.score);
    }
  });
});
