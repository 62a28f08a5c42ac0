import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateFor, loadGateFacts } from '../src/features/cases/legal-gate.ts';
import { refreshPrescriptionDates } from '../src/features/cases/prescription.ts';
import type { ServiceContext } from '../src/plugins/context.ts';
import { createCaseViaApi, postPayment, uniqueRef } from './case-factories.ts';
import { login, makeCreditor, makeUser } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

// The server door of the legal gate: the facts it loads from the rows, and the prescription dates
// kept per claim (a payment interrupts only the claims it was allocated to, C. civ. 2240).

let t: TestApp;
let token: string;
let staff: string;
const context = (): ServiceContext => ({ em: t.orm.em.fork(), clock: t.clock, config: t.config, secrets: t.secrets, locale: 'fr' });

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-12-08T09:00:00Z'); // a Tuesday, 10:00 in Paris
  const creditor = await makeCreditor(t, { kind: 'company' });
  token = await login(t, await makeUser(t, 'creditor', creditor.id));
  staff = await login(t, await makeUser(t, 'manager'));
});
afterAll(async () => {
  await t.close();
});

const consumerCase = async (claims: { ref: string; dueDate: string; amountCents: number; prescribedAtIntake?: boolean }[]) =>
  await createCaseViaApi(t, token, {
    debtor: { type: 'person', name: uniqueRef('Jeanne Martin'), email: `${uniqueRef('jeanne')}@example.test`, address: { line1: '1 rue de la Paix', postalCode: '75002', city: 'Paris' } },
    claims,
  });

describe('claim prescription dates on the server', () => {
  it('a consumer claim gets its 2-year date at intake; a payment allocated to it moves that claim only', async () => {
    const { id } = await consumerCase([
      { ref: 'PRE-OLD', dueDate: '2025-01-31', amountCents: 100_00 },
      { ref: 'PRE-NEW', dueDate: '2025-06-30', amountCents: 200_00 },
    ]);
    const before = await loadGateFacts(context(), id, t.clock.now());
    expect(before.claims).toEqual([
      { ref: 'PRE-OLD', prescriptionDate: '2027-01-31' },
      { ref: 'PRE-NEW', prescriptionDate: '2027-06-30' },
    ]);
    // Undesignated: C. civ. 1342-10 sends it to the oldest claim, which alone is acknowledged.
    const paid = await postPayment(t, staff, id, { date: '2026-12-01', amountCents: 50_00 });
    expect(paid.statusCode).toBe(201);
    await refreshPrescriptionDates(context(), [id]);
    const after = await loadGateFacts(context(), id, t.clock.now());
    expect(after.claims).toEqual([
      { ref: 'PRE-OLD', prescriptionDate: '2028-12-01' },
      { ref: 'PRE-NEW', prescriptionDate: '2027-06-30' },
    ]);
  });

  it('a consumer case whose only claim fell due more than two years ago is refused for any demand (claim_prescribed)', async () => {
    const { id } = await consumerCase([{ ref: 'PRE-GONE', dueDate: '2024-10-31', amountCents: 300_00, prescribedAtIntake: true }]);
    const { verdict, facts } = await gateFor(context(), id, { action: { kind: 'message', channel: 'email', purpose: 'demand' }, origin: 'agent', actorId: null });
    expect(facts.claims).toEqual([{ ref: 'PRE-GONE', prescriptionDate: '2026-10-31' }]);
    expect(verdict.decision).toBe('refused');
    expect(verdict.reasons[0]?.code).toBe('claim_prescribed');
  });

  it('the facts come from the rows: contact points, the cap over 7 days, the mandate and settings', async () => {
    const { id } = await consumerCase([{ ref: 'PRE-LIVE', dueDate: '2026-10-31', amountCents: 300_00 }]);
    const facts = await loadGateFacts(context(), id, t.clock.now());
    expect(facts).toMatchObject({
      status: 'new',
      disputeOpen: false,
      vulnerable: false,
      plan: null,
      promise: null,
      contactsInWindow: 0,
      callHoursMode: 'block',
      reachable: { email: true, sms: false, phone: false, postal: true },
    });
    expect(facts.demandableCents).toBeGreaterThanOrEqual(300_00);
    const { verdict } = await gateFor(context(), id, { action: { kind: 'message', channel: 'email', purpose: 'demand' }, origin: 'agent', actorId: null });
    expect(verdict.decision).toBe('allowed');
  });
});

describe('escalation asks the gate (legal_action)', () => {
  const propose = async (caseId: string) =>
    await t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/legal-actions`, headers: { authorization: `Bearer ${staff}` }, payload: { kind: 'injonction_de_payer' } });

  it('a mandate that does not cover judicial steps refuses a legal action, and nothing is proposed', async () => {
    const amicableOnly = await makeCreditor(t, { kind: 'company', mandateCoversJudicial: false });
    const creditorToken = await login(t, await makeUser(t, 'creditor', amicableOnly.id));
    const { id } = await createCaseViaApi(t, creditorToken, {
      debtor: { type: 'company', address: { line1: '1 rue de la Paix', postalCode: '75002', city: 'Paris' } },
      claims: [{ dueDate: '2026-10-31', amountCents: 900_00 }],
      miseEnDemeureDate: '2026-11-02',
    });
    const refused = await propose(id);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'mandate_excludes_judicial', details: { check: 'mandate_judicial' } });
    const [row] = await t.orm.em.fork().execute<{ count: number }[]>('select count(*)::int as count from legal_action where case_id = ?', [id]);
    expect(row?.count).toBe(0);
  });

  it('a case whose claims are all prescribed does not go to court or to the bailiff (the issue #16 case)', async () => {
    const { id } = await consumerCase([{ ref: uniqueRef('PRE-2019'), dueDate: '2019-03-31', amountCents: 800_00, prescribedAtIntake: true }]);
    for (const kind of ['injonction_de_payer', 'commissaire_enforcement']) {
      const refused = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/legal-actions`, headers: { authorization: `Bearer ${staff}` }, payload: { kind } });
      expect(refused.statusCode).toBe(422);
      expect(refused.json()).toMatchObject({ code: 'claim_prescribed' });
    }
  });
});
