import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login, makeCase, makeCreditor, makeUser } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

/** The audit trail as CSV (GET /audit.csv), and the case screen's read recorded in it. */
let t: TestApp;
let manager: { id: string };
let managerToken: string;
let caseId: string;
let creditorId: string;

const lines = (body: string) => body.replace(/^\uFEFF/, '').split('\r\n').filter((line) => line.length > 0);

beforeAll(async () => {
  t = await createTestApp();
  creditorId = (await makeCreditor(t)).id;
  const managerUser = await makeUser(t, 'manager');
  manager = managerUser;
  managerToken = await login(t, managerUser);
  caseId = (await makeCase(t, creditorId)).id;
});
afterAll(async () => t.close());

describe('GET /audit.csv', () => {
  it("records the staff's reads of a case screen (once per person, case and minute) and exports them filtered by case", async () => {
    for (let i = 0; i < 2; i++) {
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}`, headers: bearer(managerToken) })).statusCode).toBe(200);
    }
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/audit.csv?caseId=${caseId}`, headers: bearer(managerToken) });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toContain(`journal-audit-${caseId}.csv`);
    const [header, ...rows] = lines(response.body);
    expect(header).toBe('Date (UTC);Auteur;Rôle;Action;Objet;Id de l\'objet;Dossier;Créancier;Détails (avant/après)');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(';manager;case_viewed;case;');
  });

  it('streams every matching record, in batches, newest first, with typed text neutralised against formulas', async () => {
    const em = t.orm.em.fork();
    await em.execute(
      `insert into audit_event (actor_id, occurred_at, action, entity, entity_id, details, case_id, creditor_id)
       select ?, timestamptz '2026-11-20 09:00:00+00' + (i || ' seconds')::interval, 'portfolio_updated', 'portfolio', null,
              jsonb_build_object('before', jsonb_build_object('name', '=HYPERLINK("x")'), 'after', jsonb_build_object('name', 'Nord ' || i)), null, null
         from generate_series(1, 450) i`,
      [manager.id],
    );
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/audit.csv?action=portfolio_updated&from=2026-11-20&to=2026-11-20', headers: bearer(managerToken) });
    expect(response.statusCode).toBe(200);
    const rows = lines(response.body).slice(1);
    expect(rows).toHaveLength(450);
    expect(rows[0]).toContain('Nord 450');
    expect(rows[449]).toContain('Nord 1"');
    // The details cell is the record's JSON (before/after): it starts with {, the formula stays inside it.
    expect(rows[0]).toMatch(/;"\{""after"":\{""name"":""Nord 450""\},""before"":\{""name"":""=HYPERLINK/);
  });

  it('neutralises a name typed as a formula', async () => {
    const em = t.orm.em.fork();
    await em.execute(`update app_user set name = '=cmd|calc' where id = ?`, [manager.id]);
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/audit.csv?caseId=${caseId}`, headers: bearer(managerToken) });
    expect(lines(response.body)[1]).toContain(";'=cmd|calc;");
  });

  it('is for managers and admins only, and refuses a period the wrong way round', async () => {
    const agentToken = await login(t, await makeUser(t, 'agent'));
    const creditorToken = await login(t, await makeUser(t, 'creditor', creditorId));
    const adminToken = await login(t, await makeUser(t, 'admin'));
    for (const [headers, code] of [[bearer(agentToken), 403], [bearer(creditorToken), 403], [{}, 401], [bearer(adminToken), 200]] as const) {
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit.csv', headers })).statusCode).toBe(code);
    }
    const reversed = await t.app.inject({ method: 'GET', url: '/api/v1/audit.csv?from=2026-11-24&to=2026-11-23', headers: bearer(managerToken) });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().code).toBe('validation_failed');
  });
});
