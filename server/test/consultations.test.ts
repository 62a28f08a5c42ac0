import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login, makeCase, makeCreditor, makeUser, multipart } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * Issue 19, dispute consultations (features/consultations): an agent asks the creditor about an
 * open dispute, the creditor answers once with files of the case; the scoping per creditor, the
 * roles, the idempotent retry, the closing by the dispute's resolution, the timeline, the
 * notification to the agent and the webhook event.
 */

let t: TestApp;
let creditorA: string;
let agent: { id: string; token: string };
let managerToken: string;
let creditorAToken: string;
let viewerAToken: string;
let creditorBToken: string;

beforeAll(async () => {
  // Webhook receivers on this machine are let in: the test checks a delivery is queued, nothing is sent.
  t = await createTestApp({ env: { WEBHOOK_ALLOW_PRIVATE_URLS: 'true' } });
  creditorA = (await makeCreditor(t)).id;
  const creditorB = (await makeCreditor(t)).id;
  const agentUser = await makeUser(t, 'agent');
  agent = { id: agentUser.id, token: await login(t, agentUser) };
  managerToken = await login(t, await makeUser(t, 'manager'));
  creditorAToken = await login(t, await makeUser(t, 'creditor', creditorA));
  viewerAToken = await login(t, await makeUser(t, 'creditor', creditorA, { creditorRole: 'viewer' }));
  creditorBToken = await login(t, await makeUser(t, 'creditor', creditorB));
});
afterAll(async () => t.close());

async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return await t.orm.em.fork().execute<T[]>(text, params);
}
function post(url: string, token: string, payload: object = {}) {
  return t.app.inject({ method: 'POST', url, headers: bearer(token), payload });
}
function get(url: string, token: string) {
  return t.app.inject({ method: 'GET', url, headers: bearer(token) });
}
async function upload(caseId: string, token: string, name = 'releve.pdf'): Promise<string> {
  const body = multipart({ pieceKind: 'correspondence' }, { name, content: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'), type: 'application/pdf' });
  const response = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/documents`, headers: { ...bearer(token), ...body.headers }, payload: body.payload });
  expect(response.statusCode).toBe(201);
  return response.json().id as string;
}

/** A case of creditor A with an open dispute and a question asked about it. */
async function disputedCase(question = 'Avez-vous reçu un paiement en septembre ?') {
  const found = await makeCase(t, creditorA);
  const dispute = (await post(`/api/v1/cases/${found.id}/disputes`, agent.token, { reason: 'Le débiteur dit avoir payé' })).json();
  const asked = await post(`/api/v1/cases/${found.id}/disputes/${dispute.id}/consultations`, agent.token, { question });
  expect(asked.statusCode).toBe(201);
  return { caseId: found.id, disputeId: dispute.id as string, consultation: asked.json() as { id: string; status: string } };
}

describe('dispute consultations', () => {
  it('an agent asks; the creditor is told (webhook event, timeline); a retry asks nothing twice', async () => {
    const hook = await post(`/api/v1/creditors/${creditorA}/webhooks`, creditorAToken, { url: 'http://127.0.0.1:9/relance', events: ['dispute.consultation_requested'] });
    expect(hook.statusCode).toBe(201);
    const { caseId, disputeId, consultation } = await disputedCase();
    expect(consultation).toMatchObject({ status: 'open', question: 'Avez-vous reçu un paiement en septembre ?', disputeReason: 'Le débiteur dit avoir payé', answer: null, documents: [] });
    const again = await post(`/api/v1/cases/${caseId}/disputes/${disputeId}/consultations`, agent.token, { question: 'Avez-vous reçu un paiement en septembre ?' });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(consultation.id);
    const events = await sql<{ data: { consultationId: string; question: string } }>(
      `select data from creditor_event where type = 'dispute.consultation_requested' and creditor_id = ? and data->>'caseId' = ?`,
      [creditorA, caseId],
    );
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({ consultationId: consultation.id, disputeId });
    const deliveries = await sql<{ n: number }>(
      `select count(*)::int as n from webhook_delivery wd join creditor_event e on e.id = wd.event_id
        where wd.endpoint_id = ? and e.type = 'dispute.consultation_requested'`,
      [hook.json().id],
    );
    expect(deliveries[0]?.n).toBe(1);
    const timeline = (await get(`/api/v1/cases/${caseId}`, creditorAToken)).json().activities as { text: string }[];
    expect(timeline.some((entry) => entry.text.includes('Question posée au créancier'))).toBe(true);
  });

  it('creditors cannot ask, agents cannot answer, a viewer cannot answer; no question on a resolved dispute', async () => {
    const { caseId, disputeId, consultation } = await disputedCase();
    expect((await post(`/api/v1/cases/${caseId}/disputes/${disputeId}/consultations`, creditorAToken, { question: 'Une question ?' })).statusCode).toBe(403);
    expect((await post(`/api/v1/consultations/${consultation.id}/answer`, agent.token, { answer: 'Oui' })).statusCode).toBe(403);
    expect((await post(`/api/v1/consultations/${consultation.id}/answer`, viewerAToken, { answer: 'Oui' })).statusCode).toBe(403);
    expect((await post(`/api/v1/cases/${caseId}/disputes/${caseId}/consultations`, agent.token, { question: 'Une question ?' })).statusCode).toBe(404);
    await post(`/api/v1/cases/${caseId}/disputes/${disputeId}/resolve`, managerToken, { resolution: 'rejected', note: 'Aucun paiement' });
    const late = await post(`/api/v1/cases/${caseId}/disputes/${disputeId}/consultations`, agent.token, { question: 'Encore une ?' });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('dispute_not_open');
  });

  it('lists per creditor: another creditor neither sees nor answers it (404); staff filter by creditor', async () => {
    const { caseId, consultation } = await disputedCase('Question visible de A seulement ?');
    const mine = (await get('/api/v1/consultations?status=open', creditorAToken)).json().items as { id: string; creditorId: string }[];
    expect(mine.map((item) => item.id)).toContain(consultation.id);
    expect(mine.every((item) => item.creditorId === creditorA)).toBe(true);
    expect((await get('/api/v1/consultations', creditorBToken)).json().items).toEqual([]);
    expect((await get(`/api/v1/consultations?creditorId=${creditorA}`, creditorBToken)).json().items).toEqual([]);
    expect((await post(`/api/v1/consultations/${consultation.id}/answer`, creditorBToken, { answer: 'Je réponds' })).statusCode).toBe(404);
    const staff = (await get(`/api/v1/consultations?creditorId=${creditorA}&caseId=${caseId}`, agent.token)).json().items as { id: string }[];
    expect(staff.map((item) => item.id)).toEqual([consultation.id]);
    const answeredOnly = (await get('/api/v1/consultations?status=answered', creditorAToken)).json().items as { id: string }[];
    expect(answeredOnly.map((item) => item.id)).not.toContain(consultation.id);
  });

  it('the creditor answers with a file of the case; a file of another case is refused; a retry is the same, another answer 409', async () => {
    const { caseId, consultation } = await disputedCase();
    const other = await makeCase(t, creditorA);
    const otherFile = await upload(other.id, creditorAToken, 'ailleurs.pdf');
    const refused = await post(`/api/v1/consultations/${consultation.id}/answer`, creditorAToken, { answer: 'Voici', documentIds: [otherFile] });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'consultation_document_not_in_case', details: { documentIds: [otherFile] } });

    const file = await upload(caseId, creditorAToken);
    const body = { answer: 'Aucun paiement reçu, voici le relevé.', documentIds: [file] };
    const answered = await post(`/api/v1/consultations/${consultation.id}/answer`, creditorAToken, body);
    expect(answered.statusCode).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'answered', answer: body.answer, documents: [{ id: file, fileName: 'releve.pdf' }] });
    const retried = await post(`/api/v1/consultations/${consultation.id}/answer`, creditorAToken, body);
    expect(retried.statusCode).toBe(200);
    expect(retried.json().answeredAt).toBe(answered.json().answeredAt);
    const different = await post(`/api/v1/consultations/${consultation.id}/answer`, creditorAToken, { answer: 'Autre chose' });
    expect(different.statusCode).toBe(409);
    expect(different.json().code).toBe('consultation_already_answered');

    const timeline = (await get(`/api/v1/cases/${caseId}`, agent.token)).json().activities as { text: string }[];
    expect(timeline.filter((entry) => entry.text.startsWith('Réponse du créancier'))).toHaveLength(1);
    expect(timeline.some((entry) => entry.text.includes('releve.pdf'))).toBe(true);
    const notices = await sql<{ user_id: string }>(`select user_id from notification where kind = 'consultation_answered' and case_id = ?`, [caseId]);
    expect(notices.map((notice) => notice.user_id)).toEqual([agent.id]);
    const bell = await get('/api/v1/notifications', agent.token);
    expect(bell.statusCode).toBe(200);
    expect(bell.json().items).toContainEqual(expect.objectContaining({ kind: 'consultation_answered', caseId }));
    const staffView = (await get(`/api/v1/consultations?caseId=${caseId}`, agent.token)).json().items;
    expect(staffView[0]).toMatchObject({ status: 'answered', documents: [{ id: file }] });
  });

  it('resolving the dispute closes an open consultation: listed as closed, an answer is refused', async () => {
    const { caseId, disputeId, consultation } = await disputedCase();
    await post(`/api/v1/cases/${caseId}/disputes/${disputeId}/resolve`, managerToken, { resolution: 'settled', note: 'Accord trouvé' });
    const closed = (await get('/api/v1/consultations?status=closed', creditorAToken)).json().items as { id: string }[];
    expect(closed.map((item) => item.id)).toContain(consultation.id);
    const late = await post(`/api/v1/consultations/${consultation.id}/answer`, creditorAToken, { answer: 'Trop tard' });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('consultation_closed');
  });
});
