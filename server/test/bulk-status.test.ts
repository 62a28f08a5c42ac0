import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login, makeCase, makeCreditor, makeUser } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * The case list's bulk status change (issue 20): each case goes through the case screen's rules
 * (transition table, open dispute, escalation only through a legal action); the refused ones are
 * listed with their code in the caller's language, the others move with the reason on their
 * timeline; a retry changes nothing; one audit entry; managers and admins only.
 */
let t: TestApp;
let creditorId: string;
let manager: { id: string; token: string };
let agentToken: string;
let creditorToken: string;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-23T10:00:00Z');
  creditorId = (await makeCreditor(t)).id;
  const managerUser = await makeUser(t, 'manager');
  manager = { id: managerUser.id, token: await login(t, managerUser) };
  agentToken = await login(t, await makeUser(t, 'agent'));
  creditorToken = await login(t, await makeUser(t, 'creditor', creditorId));
});
afterAll(async () => t.close());

async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return await t.orm.em.fork().execute<T[]>(text, params);
}
function bulk(payload: object, token = manager.token, language = 'fr') {
  return t.app.inject({ method: 'POST', url: '/api/v1/cases/bulk/status', headers: { ...bearer(token), 'accept-language': language }, payload });
}
async function statusOf(caseId: string) {
  const [row] = await sql<{ status: string; closed_outcome: string | null }>('select status, closed_outcome from collection_case where id = ?', [caseId]);
  return row;
}

describe('bulk status change', () => {
  it('moves the allowed cases, lists the refused ones with their code, and a retry changes nothing', async () => {
    const [open1, open2, disputed] = [await makeCase(t, creditorId), await makeCase(t, creditorId), await makeCase(t, creditorId)];
    const dispute = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${disputed.id}/disputes`, headers: bearer(manager.token), payload: { reason: 'Marchandise jamais livrée' } });
    expect(dispute.statusCode, dispute.body).toBe(201);
    const unknown = '00000000-0000-4000-8000-000000000002';
    const body = { caseIds: [open1.id, open2.id, disputed.id, unknown, open1.id], status: 'closed', outcome: 'irrecoverable', reason: 'Débiteurs introuvables, lot de novembre' };

    const first = await bulk(body);
    expect(first.statusCode, first.body).toBe(200);
    const result = first.json();
    expect(result.moved).toBe(2);
    expect(result.unchanged).toBe(0);
    expect(result.refused).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ caseId: disputed.id, reference: disputed.reference, code: 'dispute_open' }),
        expect.objectContaining({ caseId: unknown, reference: null, code: 'not_found' }),
      ]),
    );
    expect(result.refused).toHaveLength(2);
    expect(result.refused.find((r: { code: string }) => r.code === 'dispute_open').message).toMatch(/litige/i);
    expect(await statusOf(open1.id)).toEqual({ status: 'closed', closed_outcome: 'irrecoverable' });
    expect(await statusOf(open2.id)).toEqual({ status: 'closed', closed_outcome: 'irrecoverable' });
    expect((await statusOf(disputed.id))?.status).toBe('disputed');
    const [entry] = await sql<{ text: string; author_id: string; event: string }>(
      `select text, author_id, event from activity where case_id = ? and kind = 'status_change' order by occurred_at desc limit 1`,
      [open1.id],
    );
    expect(entry).toMatchObject({ author_id: manager.id, event: 'status_changed' });
    expect(entry?.text).toContain('Débiteurs introuvables, lot de novembre');

    const retry = await bulk(body, manager.token, 'en');
    expect(retry.json()).toMatchObject({ moved: 0, unchanged: 2 });
    expect(retry.json().refused.find((r: { code: string }) => r.code === 'dispute_open').message).toMatch(/dispute/i);
    const entries = await sql<{ n: number }>(`select count(*)::int as n from activity where case_id = ? and kind = 'status_change'`, [open1.id]);
    expect(entries[0]?.n).toBe(1);

    const audits = await sql<{ actor_id: string; details: { moved: string[]; refused: { caseId: string; code: string }[]; reason: string } }>(
      `select actor_id, details from audit_event where action = 'cases_bulk_status_changed' order by id`,
    );
    expect(audits).toHaveLength(2);
    expect(audits[0]?.actor_id).toBe(manager.id);
    expect(audits[0]?.details.moved.sort()).toEqual([open1.id, open2.id].sort());
    expect(audits[0]?.details.refused).toEqual(expect.arrayContaining([{ caseId: disputed.id, code: 'dispute_open' }]));
  });

  it('a retry that finds every case already moved adds nothing to the audit trail', async () => {
    const one = await makeCase(t, creditorId);
    const body = { caseIds: [one.id], status: 'amicable', reason: 'Reprise du recouvrement amiable' };
    const audits = async () => (await sql<{ n: number }>(`select count(*)::int as n from audit_event where action = 'cases_bulk_status_changed'`))[0]?.n ?? 0;
    const before = await audits();
    expect((await bulk(body)).json()).toMatchObject({ moved: 1, unchanged: 0, refused: [] });
    expect(await audits()).toBe(before + 1);
    expect((await bulk(body)).json()).toMatchObject({ moved: 0, unchanged: 1, refused: [] });
    expect(await audits()).toBe(before + 1);
  });

  it('never escalates: a move to legal is refused for every case, pointing to the legal action', async () => {
    const one = await makeCase(t, creditorId);
    const response = await bulk({ caseIds: [one.id], status: 'legal', reason: 'Tentative de passage en contentieux' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ moved: 0, refused: [{ caseId: one.id, code: 'escalation_through_legal_action' }] });
    expect((await statusOf(one.id))?.status).not.toBe('legal');
  });

  it('closing needs an outcome; at most 500 cases; managers and admins only', async () => {
    const one = await makeCase(t, creditorId);
    const noOutcome = await bulk({ caseIds: [one.id], status: 'closed', reason: 'Sans issue' });
    expect(noOutcome.statusCode).toBe(400);
    expect(noOutcome.json()).toMatchObject({ code: 'outcome_required', details: { field: 'outcome' } });
    const tooMany = await bulk({ caseIds: Array.from({ length: 501 }, () => one.id), status: 'amicable', reason: 'Trop' });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().code).toBe('validation_failed');
    for (const token of [agentToken, creditorToken]) {
      const refused = await bulk({ caseIds: [one.id], status: 'amicable', reason: 'Pas le droit' }, token);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe('forbidden');
    }
    expect((await statusOf(one.id))?.status).toBe('new');
  });
});
