import type { Activity } from '@relance/contracts/cases';
import { timelineEventCodes } from '@relance/contracts/timeline-events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login, makeCase, makeCreditor, makeUser } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * The timeline as data (issue 20): the writers store, next to the French record, an event code and
 * its parameters, which the case detail returns for the screen to say in French or English. The
 * French record itself names statuses and dates in French, never as codes or ISO dates.
 */
let t: TestApp;
let agentToken: string;
let creditorId: string;

beforeAll(async () => {
  t = await createTestApp();
  creditorId = (await makeCreditor(t)).id;
  agentToken = await login(t, await makeUser(t, 'agent'));
});
afterAll(async () => t.close());

const post = (url: string, payload: unknown) => t.app.inject({ method: 'POST', url, headers: bearer(agentToken), payload: payload as object });

async function activitiesOf(caseId: string): Promise<Activity[]> {
  const response = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}`, headers: bearer(agentToken) });
  expect(response.statusCode).toBe(200);
  return response.json().activities as Activity[];
}

describe('timeline events', () => {
  it('a recorded payment and a status change carry their event, and their French text has no code or ISO date', async () => {
    const created = await makeCase(t, creditorId, [{ amountCents: 443_000 }]);
    expect((await post(`/api/v1/cases/${created.id}/status`, { status: 'amicable', reason: 'Premier contact établi' })).statusCode).toBe(200);
    const paid = await post(`/api/v1/cases/${created.id}/payments`, { amountCents: 100_000, date: '2026-11-02', method: 'cheque' });
    expect(paid.statusCode).toBe(201);

    const activities = await activitiesOf(created.id);
    const move = activities.find((entry) => entry.kind === 'status_change');
    expect(move?.event).toEqual({ code: 'status_changed', params: { fromStatus: 'new', toStatus: 'amicable', outcome: null, reason: 'Premier contact établi' } });
    expect(move?.text).toBe('Statut : nouveau → amiable. Premier contact établi');

    const payment = activities.find((entry) => entry.kind === 'payment');
    expect(payment?.event?.code).toBe('payment_recorded');
    expect(payment?.event?.params).toMatchObject({ amountCents: 100_000, currency: 'EUR', receivedOn: '2026-11-02', method: 'cheque' });
    expect(payment?.text).toContain('02/11/2026');
    expect(payment?.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(payment?.text).toContain('1\u202f000,00\u00a0€');
  });

  it('a payment that settles the whole décompte closes the case as paid; a partial one leaves it open', async () => {
    const created = await makeCase(t, creditorId, [{ amountCents: 50_000 }]);
    const today = t.clock.now().toISOString().slice(0, 10);
    const partial = await post(`/api/v1/cases/${created.id}/payments`, { amountCents: 20_000, date: today, method: 'transfer' });
    expect(partial.statusCode).toBe(201);
    let detail = (await t.app.inject({ method: 'GET', url: `/api/v1/cases/${created.id}`, headers: bearer(agentToken) })).json();
    expect(detail.status).not.toBe('closed');
    // The rest of the décompte as of today (interest and the indemnity included).
    const statement = (await t.app.inject({ method: 'GET', url: `/api/v1/cases/${created.id}/statement`, headers: bearer(agentToken) })).json();
    const rest = statement.totals.balanceCents as number;
    expect(rest).toBeGreaterThan(0);
    expect((await post(`/api/v1/cases/${created.id}/payments`, { amountCents: rest, date: today, method: 'transfer' })).statusCode).toBe(201);
    detail = (await t.app.inject({ method: 'GET', url: `/api/v1/cases/${created.id}`, headers: bearer(agentToken) })).json();
    expect(detail.status).toBe('closed');
    expect(detail.closedOutcome).toBe('paid');
    const closing = (detail.activities as Activity[]).find((entry) => entry.event?.code === 'case_paid_in_full');
    expect(closing?.event?.params).toMatchObject({ toStatus: 'closed', outcome: 'paid' });
  });

  it('vulnerability, contacts and disputes carry their events (no entry left to its French text alone)', async () => {
    const created = await makeCase(t, creditorId);
    const manager = await login(t, await makeUser(t, 'manager'));
    expect((await post(`/api/v1/cases/${created.id}/vulnerability`, { note: 'Hospitalisé jusqu’en janvier' })).statusCode).toBe(200);
    const lifted = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${created.id}/vulnerability/lift`, headers: bearer(manager), payload: { note: 'Sorti de l’hôpital' } });
    expect(lifted.statusCode, lifted.body).toBe(200);
    expect((await post(`/api/v1/cases/${created.id}/contacts`, { kind: 'phone', phone: '06 11 22 33 44' })).statusCode).toBe(201);
    const opened = await post(`/api/v1/cases/${created.id}/disputes`, { reason: 'Facture déjà réglée' });
    expect(opened.statusCode).toBe(201);
    const resolved = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${created.id}/disputes/${opened.json().id}/resolve`, headers: bearer(manager), payload: { resolution: 'rejected', note: 'Aucun paiement trouvé' } });
    expect(resolved.statusCode, resolved.body).toBe(200);

    const events = new Map((await activitiesOf(created.id)).filter((entry) => entry.event).map((entry) => [entry.event?.code, entry.event?.params]));
    expect(events.get('vulnerability_flagged')).toEqual({ note: 'Hospitalisé jusqu’en janvier' });
    expect(events.get('vulnerability_lifted')).toMatchObject({ note: 'Sorti de l’hôpital' });
    expect(events.get('contact_added')).toEqual({ contactKind: 'phone', value: '+33611223344' });
    expect(events.get('dispute_opened')).toEqual({ reason: 'Facture déjà réglée' });
    expect(events.get('dispute_resolved')).toEqual({ resolution: 'rejected', note: 'Aucun paiement trouvé', outcome: null });
  });

  it('every event code written is one the contract lists', async () => {
    const rows = await t.orm.em.fork().execute<{ event: string }[]>('select distinct event from activity where event is not null');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(timelineEventCodes as readonly string[]).toContain(row.event);
  });
});
