import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, claimsCsv, login, makeCase, makeCreditor, makeUser, multipart } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * Issue 13, item 12: a creditor's read-only user ('viewer') writes nothing, whatever the route.
 * The rule lives in one plugin (server/src/plugins/creditor-roles.ts) that refuses every non-GET
 * route to a viewer unless the route declares `viewerMayCall`; this sweep calls every write
 * operation of the OpenAPI document (so a route added later is covered without anyone
 * remembering to) as a viewer, with the viewer's OWN creditor's ids (isolation is not what stops
 * it), and only the declared routes may answer anything but 403.
 */
let t: TestApp;
let creditorId: string;
let caseId: string;
let importId: string;
let viewer: { id: string; token: string };
let uploaderToken: string;

/** Write routes a viewer may call, each for a reason (the route's `viewerMayCall`). */
const DECLARED_VIEWER_WRITES = [
  // Renders a PDF with the wording in the body and saves nothing.
  'POST /api/v1/creditors/{id}/letter-preview',
  // The caller's own second factor (enrol, confirm, turn off): their account, not the creditor's data.
  'POST /api/v1/auth/totp/enrolment',
  'POST /api/v1/auth/totp/enrolment/confirm',
  'POST /api/v1/auth/totp/disable',
  // The caller's own choice to receive the monthly report by e-mail.
  'PATCH /api/v1/reports/monthly/email',
  // The caller's own saved filters of the case list: their view, not the creditor's data.
  'POST /api/v1/saved-filters',
  'DELETE /api/v1/saved-filters/{id}',
];

beforeAll(async () => {
  t = await createTestApp();
  creditorId = (await makeCreditor(t)).id;
  caseId = (await makeCase(t, creditorId)).id;
  const uploader = await makeUser(t, 'creditor', creditorId);
  uploaderToken = await login(t, uploader);
  const viewerUser = await makeUser(t, 'creditor', creditorId, { creditorRole: 'viewer' });
  viewer = { id: viewerUser.id, token: await login(t, viewerUser) };
  const upload = multipart({}, { name: 'own.csv', type: 'text/csv', content: claimsCsv(['VW-1;01/01/2026;31/01/2026;100,00;particulier;Jean Viewer;;;;;;']) });
  const imported = await t.app.inject({ method: 'POST', url: '/api/v1/imports', headers: { ...bearer(uploaderToken), ...upload.headers }, payload: upload.payload });
  expect(imported.statusCode, imported.body).toBe(201);
  importId = imported.json().id;
});
afterAll(async () => t.close());

type Operation = { method: string; path: string };

type OpenApi = { paths: Record<string, Record<string, { responses?: Record<string, unknown> }>> };
let document: OpenApi;

async function writeOperations(): Promise<Operation[]> {
  document = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as OpenApi;
  const found: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    if (!path.startsWith('/api/v1/')) continue;
    // Signing out revokes the token the sweep goes on with (public route, no creditor data).
    if (path === '/api/v1/auth/logout') continue;
    for (const method of Object.keys(methods)) {
      if (['post', 'put', 'patch', 'delete'].includes(method)) found.push({ method: method.toUpperCase(), path });
    }
  }
  return found;
}

/** The viewer's own ids where the path names them, a random id elsewhere. */
function concrete(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_match, name: string, offset: number) => {
    const before = path.slice(0, offset);
    if (name === 'id' && before.endsWith('/cases/')) return caseId;
    if (name === 'id' && before.endsWith('/creditors/')) return creditorId;
    if (name === 'id' && before.endsWith('/imports/')) return importId;
    if (name === 'caseId') return caseId;
    if (name === 'creditorId') return creditorId;
    return randomUUID();
  });
}

describe("a creditor's viewer, on every write operation of the API", () => {
  it('is refused everywhere (403) except on the routes that declare a viewer may call them', async () => {
    const operations = await writeOperations();
    expect(operations.length).toBeGreaterThan(50);
    // The routes open to creditor users, as the plugin saw them registered (route config.access).
    const forCreditors = new Map(t.app.creditorWriteRoutes.map((route) => [`${route.method} ${route.url.replace(/:(\w+)/g, '{$1}')}`, route]));
    expect(forCreditors.size).toBeGreaterThan(10);
    const notRefused: string[] = [];
    const undocumented: string[] = [];
    for (const operation of operations) {
      const key = `${operation.method} ${operation.path}`;
      const url = concrete(operation.path);
      const payload = operation.method === 'DELETE' ? {} : { payload: {} };
      const response = await t.app.inject({ method: operation.method as 'POST', url, headers: bearer(viewer.token), ...payload });
      const code = response.statusCode === 403 ? response.json().code : null;
      if (forCreditors.has(key)) {
        if (code !== 'read_only_access') notRefused.push(key);
        // A route open to creditor users says in its document that it may answer 403.
        const responses = document.paths[operation.path]?.[operation.method.toLowerCase()]?.responses ?? {};
        if (code === 'read_only_access' && !('403' in responses)) undocumented.push(key);
      } else {
        // Not open to creditor users: staff routes refuse by role; public, portal and provider routes have no signed-in actor.
        const anonymous = await t.app.inject({ method: operation.method as 'POST', url, ...payload });
        const forSignedInUsers = anonymous.statusCode === 401 && anonymous.json().code === 'unauthenticated' && response.statusCode !== 401;
        if (forSignedInUsers && code !== 'forbidden') notRefused.push(key);
      }
    }
    expect(notRefused.sort()).toEqual([...DECLARED_VIEWER_WRITES].sort());
    expect(undocumented).toEqual([]);
    expect(
      [...forCreditors.values()]
        .filter((route) => route.viewerMayCall)
        .map((route) => `${route.method} ${route.url.replace(/:(\w+)/g, '{$1}')}`)
        .sort(),
    ).toEqual([...DECLARED_VIEWER_WRITES].sort());
  });

  it('cannot change the letter wording (PUT /creditors/{id}/letter-wording), and the wording stays as it was', async () => {
    const url = `/api/v1/creditors/${creditorId}/letter-wording`;
    const before = await t.app.inject({ method: 'GET', url, headers: bearer(viewer.token) });
    expect(before.statusCode).toBe(200);
    const wording = { ...before.json(), fr: { ...before.json().fr, closing: 'Changé par un lecteur' } };
    const refused = await t.app.inject({ method: 'PUT', url, headers: bearer(viewer.token), payload: wording });
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'read_only_access']);
    const after = await t.app.inject({ method: 'GET', url, headers: bearer(viewer.token) });
    expect(after.json()).toEqual(before.json());
  });

  it("lets the creditor's uploader change it (the rule is not refusing every creditor user)", async () => {
    const url = `/api/v1/creditors/${creditorId}/letter-wording`;
    const current = (await t.app.inject({ method: 'GET', url, headers: bearer(uploaderToken) })).json();
    const saved = await t.app.inject({ method: 'PUT', url, headers: bearer(uploaderToken), payload: { ...current, fr: { ...current.fr, closing: 'Bien cordialement,' } } });
    // Issue 15: the uploader's wording is a proposal awaiting a manager's approval.
    expect(saved.statusCode, saved.body).toBe(202);
  });

  it('applies a downgrade at once, with the token already issued', async () => {
    const user = await makeUser(t, 'creditor', creditorId);
    const token = await login(t, user);
    const url = `/api/v1/creditors/${creditorId}/letter-wording`;
    const current = (await t.app.inject({ method: 'GET', url, headers: bearer(token) })).json();
    expect((await t.app.inject({ method: 'PUT', url, headers: bearer(token), payload: current })).statusCode).toBe(202);
    await t.orm.em.fork().execute(`update app_user set creditor_role = 'viewer' where id = ?`, [user.id]);
    const refused = await t.app.inject({ method: 'PUT', url, headers: bearer(token), payload: current });
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'read_only_access']);
  });

  it('still reads: every GET of its own case answers', async () => {
    for (const url of [`/api/v1/cases/${caseId}`, `/api/v1/creditors/${creditorId}/letter-wording`, `/api/v1/imports/${importId}`]) {
      expect((await t.app.inject({ method: 'GET', url, headers: bearer(viewer.token) })).statusCode).toBe(200);
    }
  });
});
