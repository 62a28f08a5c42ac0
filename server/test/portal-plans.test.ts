import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/plugins/idempotency.ts';
import { bearer, login, makeCase, makeCreditor, makeUser, verifiedPortal } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * Plans and promises on the debtor's page (issue 18): the plans the creditor's rules let the debtor
 * take alone (accepted at once, with the electronic acceptance's proof), a proposal outside them
 * through the managers' approval inbox then accepted on the page with the terms' digest, the legal
 * gate at every door, and the debtor's promise within the creditor's limits.
 */
let t: TestApp;
let agentToken: string;
let managerToken: string;
let creditorId: string;

beforeAll(async () => {
  t = await createTestApp();
  creditorId = (await makeCreditor(t)).id;
  // Rules: 12 months at most, installments of 30 € at least, a manager decides above 5 000 € or
  // beyond 6 months; on the page a plan starts within 30 days, a promise is at least 20 € and due within 15 days.
  await sql(
    `update creditor set plan_max_duration_months = 12, plan_min_installment_cents = 3000, plan_max_agent_discount_basis_points = 1000,
            plan_manager_above_cents = 500000, plan_manager_above_months = 6, portal_first_due_within_days = 30,
            portal_min_payment_cents = 2000, promise_within_days = 15 where id = ?`,
    [creditorId],
  );
  agentToken = await login(t, await makeUser(t, 'agent'));
  managerToken = await login(t, await makeUser(t, 'manager'));
});
afterAll(async () => t.close());
beforeEach(() => t.clock.set('2026-11-23T10:00:00Z'));

async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return await t.orm.em.fork().execute<T[]>(text, params);
}
function post(url: string, payload: object, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url, headers, payload });
}
function get(url: string, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'GET', url, headers });
}

type Debtor = { caseId: string; token: string; headers: Record<string, string>; base: string };

/** A case of `amountCents` and its debtor's verified session on the page. */
async function debtorOf(amountCents: number): Promise<Debtor> {
  const found = await makeCase(t, creditorId, [{ amountCents }]);
  const link = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${found.id}/portal-link`, headers: bearer(agentToken), payload: {} });
  const token = (link.json().url as string).split('/pay/')[1] as string;
  const { cookie } = await verifiedPortal(t, token);
  return { caseId: found.id, token, headers: { cookie }, base: `/api/v1/portal/${token}` };
}

type Option = { id: string; installments: number; totalCents: number; payments: { dueOn: string; amountCents: number }[]; terms: { commitment: string; digest: string } };

async function plansOf(debtor: Debtor, query = '') {
  const response = await get(`${debtor.base}/plans${query}`, debtor.headers);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}
async function timeline(caseId: string): Promise<string> {
  const rows = await sql<{ text: string }>('select text from activity where case_id = ? order by occurred_at, id', [caseId]);
  return plain(rows.map((row) => row.text).join('\n'));
}
/** Amounts are formatted with narrow and no-break spaces: compared as plain spaces. */
const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');
const key = (name: string) => ({ 'idempotency-key': `${name}-${Math.random().toString(36).slice(2)}` });

describe('the verified session and the link', () => {
  it('every route asks for the check (401) and a dead link is 404', async () => {
    const debtor = await debtorOf(1_200_00);
    const [plan] = await sql<{ id: string }>('select gen_random_uuid() as id');
    const calls = [
      () => get(`${debtor.base}/plans`),
      () => post(`${debtor.base}/plans`, { choice: 'proposal', installments: { count: 3 }, frequency: 'monthly', firstDate: '2026-12-05' }),
      () => post(`${debtor.base}/plans/${plan?.id}/accept`, { termsDigest: 'a'.repeat(64) }),
      () => post(`${debtor.base}/promises`, { amountCents: 50_00, dueOn: '2026-11-30' }),
    ];
    for (const call of calls) {
      const response = await call();
      expect(response.statusCode, response.body).toBe(401);
      expect(response.json().code).toBe('portal_verification_required');
    }
    expect((await get(`/api/v1/portal/${'x'.repeat(43)}/plans`, debtor.headers)).statusCode).toBe(404);
  });
});

describe('the plans the debtor may take alone', () => {
  it("offers 2 to 7 monthly installments of the balance, from the suggested 5th of next month or the date chosen in the window", async () => {
    const debtor = await debtorOf(1_200_00);
    const body = await plansOf(debtor);
    expect(body.items).toEqual([]);
    expect(body.choice).toMatchObject({
      unavailable: null,
      balanceCents: 1_200_00,
      firstDate: { earliest: '2026-11-23', latest: '2026-12-23', suggested: '2026-12-05', chosen: '2026-12-05' },
      rules: { minInstallmentCents: 30_00, maxDurationMonths: 12, firstDueWithinDays: 30 },
    });
    const options = body.choice.options as Option[];
    expect(options.map((option) => option.id)).toEqual(['monthly-2', 'monthly-3', 'monthly-4', 'monthly-5', 'monthly-6', 'monthly-7']);
    for (const option of options) {
      expect(option.payments.reduce((sum, payment) => sum + payment.amountCents, 0)).toBe(1_200_00);
      expect(option.payments.every((payment) => payment.amountCents >= 30_00)).toBe(true);
      expect(option.terms.digest).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(plain(options[1]?.terms.commitment ?? '')).toContain('1 200,00 € en 3 échéance(s) mensuelles');
    expect(options[1]?.terms.commitment).toContain('article 2240 du Code civil');
    const chosen = await plansOf(debtor, '?firstDate=2026-12-20');
    expect(chosen.choice.firstDate.chosen).toBe('2026-12-20');
    expect(chosen.choice.options[0].payments.map((payment: { dueOn: string }) => payment.dueOn)).toEqual(['2026-12-20', '2027-01-20']);
    // Outside the window: the suggested day.
    expect((await plansOf(debtor, '?firstDate=2027-02-01')).choice.firstDate.chosen).toBe('2026-12-05');
    // In English, the commitment (and so its digest) is in English.
    const english = await get(`${debtor.base}/plans`, { ...debtor.headers, 'accept-language': 'en' });
    expect(english.json().choice.options[1].terms.commitment).toContain('article 2240 of the French Civil Code');
    expect(english.json().choice.options[1].terms.digest).not.toBe(options[1]?.terms.digest);
  });

  it('offers none above the manager threshold: the debtor may still propose', async () => {
    const debtor = await debtorOf(6_000_00);
    const body = await plansOf(debtor);
    expect(body.choice).toMatchObject({ unavailable: null, options: [] });
  });

  it('choosing one activates it at once: acknowledgment, plan.agreed, letter, proof of the terms; a double tap makes one plan', async () => {
    const debtor = await debtorOf(1_200_00);
    const option = (await plansOf(debtor)).choice.options[1] as Option;
    const idempotency = key('choose');
    const payload = { choice: 'option', optionId: option.id, firstDate: '2026-12-05', termsDigest: option.terms.digest };
    const chosen = await post(`${debtor.base}/plans`, payload, { ...debtor.headers, ...idempotency, 'user-agent': 'Mozilla/5.0 (test phone)' });
    expect(chosen.statusCode, chosen.body).toBe(201);
    expect(chosen.json()).toMatchObject({ status: 'active', totalCents: 1_200_00, proposedByDebtor: true, terms: { digest: option.terms.digest } });
    expect(chosen.json().acceptedAt).toBe('2026-11-23T10:00:00.000Z');
    expect(chosen.json().installments.map((installment: { dueOn: string; amountCents: number }) => [installment.dueOn, installment.amountCents])).toEqual([
      ['2026-12-05', 400_00],
      ['2027-01-05', 400_00],
      ['2027-02-05', 400_00],
    ]);
    const again = await post(`${debtor.base}/plans`, payload, { ...debtor.headers, ...idempotency });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(chosen.json().id);
    expect(await sql('select count(*)::int as n from payment_plan where case_id = ?', [debtor.caseId])).toEqual([{ n: 1 }]);
    // A second tap with a fresh key: the plan is open, the gate refuses.
    const second = await post(`${debtor.base}/plans`, payload, { ...debtor.headers, ...key('choose') });
    expect(second.statusCode).toBe(422);
    expect(second.json().code).toBe('plan_already_open');

    const planId = chosen.json().id as string;
    expect(await sql(`select status from collection_case where id = ?`, [debtor.caseId])).toEqual([{ status: 'payment_plan' }]);
    expect(await sql('select kind, source, source_id from case_legal_event where case_id = ?', [debtor.caseId])).toEqual([
      { kind: 'acknowledgment', source: 'plan_acceptance', source_id: planId },
    ]);
    const [event] = await sql<{ data: { acceptedVia: string; installments: unknown[] } }>(
      `select data from creditor_event where creditor_id = ? and type = 'plan.agreed' and data->>'planId' = ?`,
      [creditorId, planId],
    );
    expect(event?.data).toMatchObject({ acceptedVia: 'portal' });
    expect(event?.data.installments).toHaveLength(3);
    // The plan agreement letter, downloadable from the page.
    const letter = await get(chosen.json().agreementDownloadUrl as string, debtor.headers);
    expect(letter.statusCode).toBe(200);
    expect(letter.headers['content-type']).toContain('application/pdf');
    // The staff see the proof: when, from where, the terms shown and their SHA-256.
    const staff = (await t.app.inject({ method: 'GET', url: `/api/v1/plans/${planId}`, headers: bearer(agentToken) })).json();
    expect(staff).toMatchObject({ proposedVia: 'debtor', proposedBy: null, acceptedVia: 'portal', acknowledged: true });
    expect(staff.electronicAcceptance).toMatchObject({ acceptedAt: '2026-11-23T10:00:00.000Z', ip: '127.0.0.1', userAgent: 'Mozilla/5.0 (test phone)', termsSha256: option.terms.digest });
    expect(staff.electronicAcceptance.terms).toMatchObject({ totalCents: 1_200_00, locale: 'fr', commitment: option.terms.commitment });
    expect(createHash('sha256').update(canonicalJson(staff.electronicAcceptance.terms)).digest('hex')).toBe(option.terms.digest);
    const texts = await timeline(debtor.caseId);
    expect(texts).toContain('Échéancier choisi par le débiteur sur sa page');
    expect(texts).toContain('Acceptation électronique par le débiteur sur sa page');
    // The page now shows the running plan, and no option.
    const after = await plansOf(debtor);
    expect(after.items).toMatchObject([{ id: planId, status: 'active', terms: { digest: option.terms.digest } }]);
    expect(after.choice).toMatchObject({ unavailable: { code: 'plan_already_open' }, options: [] });
  });

  it('terms other than those shown are refused (409) and nothing is kept; an option the rules do not allow is 422', async () => {
    const debtor = await debtorOf(1_200_00);
    const option = (await plansOf(debtor)).choice.options[0] as Option;
    const stale = await post(`${debtor.base}/plans`, { choice: 'option', optionId: option.id, firstDate: '2026-12-06', termsDigest: option.terms.digest }, debtor.headers);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('plan_terms_changed');
    expect(await sql('select count(*)::int as n from payment_plan where case_id = ?', [debtor.caseId])).toEqual([{ n: 0 }]);
    for (const optionId of ['monthly-12', 'monthly-1']) {
      const outside = await post(`${debtor.base}/plans`, { choice: 'option', optionId, firstDate: '2026-12-05', termsDigest: option.terms.digest }, debtor.headers);
      expect(outside.statusCode).toBe(422);
      expect(outside.json().code).toBe('plan_option_unavailable');
    }
    const late = await post(`${debtor.base}/plans`, { choice: 'option', optionId: 'monthly-3', firstDate: '2027-01-10', termsDigest: option.terms.digest }, debtor.headers);
    expect(late.json()).toMatchObject({ code: 'plan_option_unavailable', details: { violations: [{ code: 'first_due_outside_window' }] } });
    expect(await sql('select count(*)::int as n from payment_plan where case_id = ?', [debtor.caseId])).toEqual([{ n: 0 }]);
  });
});

describe("a proposal outside the rules, through the managers' inbox", () => {
  it('waits for a manager, then the debtor accepts it on the page with the digest of the terms shown', async () => {
    const debtor = await debtorOf(1_200_00);
    const proposal = { choice: 'proposal', installments: { amountCents: 100_00 }, frequency: 'monthly', firstDate: '2027-01-10', reason: 'Je touche mon salaire le 10' };
    const proposed = await post(`${debtor.base}/plans`, proposal, { ...debtor.headers, ...key('propose') });
    expect(proposed.statusCode, proposed.body).toBe(201);
    expect(proposed.json()).toMatchObject({ status: 'pending_approval', proposedByDebtor: true, terms: null });
    const planId = proposed.json().id as string;
    const inbox = (await t.app.inject({ method: 'GET', url: '/api/v1/approvals', headers: bearer(managerToken) })).json().items;
    const waiting = inbox.find((plan: { id: string }) => plan.id === planId);
    expect(waiting).toMatchObject({ proposedVia: 'debtor', proposedBy: null, note: 'Je touche mon salaire le 10', totalCents: 1_200_00 });
    expect(waiting.violations.map((violation: { code: string }) => violation.code)).toEqual(['duration_needs_manager', 'first_due_outside_window']);
    expect(await timeline(debtor.caseId)).toContain("Échéancier proposé par le débiteur sur sa page (1 200,00 € en 12 échéance(s) mensuelles) : soumis à l'accord d'un responsable");
    // Nothing to accept before the decision; the page shows it waiting, with no option.
    const waitingPage = await plansOf(debtor);
    expect(waitingPage.items).toMatchObject([{ id: planId, status: 'pending_approval' }]);
    expect(waitingPage.choice.unavailable).toEqual({ code: 'plan_already_open' });
    const early = await post(`${debtor.base}/plans/${planId}/accept`, { termsDigest: 'a'.repeat(64) }, debtor.headers);
    expect(early.json().code).toBe('plan_not_awaiting_acceptance');

    const approved = await t.app.inject({ method: 'POST', url: `/api/v1/approvals/${planId}/approve`, headers: bearer(managerToken), payload: { comment: 'Salaire le 10, accordé' } });
    expect(approved.statusCode).toBe(200);
    const offered = (await plansOf(debtor)).items[0];
    expect(offered).toMatchObject({ id: planId, status: 'agreed_pending_acceptance' });
    expect(offered.terms.commitment).toContain('12 échéance(s) mensuelles');
    expect(offered.agreementDownloadUrl).toMatch(/\/documents\/.+\/download$/);

    const wrong = await post(`${debtor.base}/plans/${planId}/accept`, { termsDigest: 'b'.repeat(64) }, debtor.headers);
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json()).toMatchObject({ code: 'plan_terms_changed', details: { termsDigest: offered.terms.digest } });
    const idempotency = key('accept');
    const accepted = await post(`${debtor.base}/plans/${planId}/accept`, { termsDigest: offered.terms.digest }, { ...debtor.headers, ...idempotency });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'active', acceptedAt: '2026-11-23T10:00:00.000Z' });
    const replay = await post(`${debtor.base}/plans/${planId}/accept`, { termsDigest: offered.terms.digest }, { ...debtor.headers, ...idempotency });
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const staff = (await t.app.inject({ method: 'GET', url: `/api/v1/plans/${planId}`, headers: bearer(agentToken) })).json();
    expect(staff.electronicAcceptance).toMatchObject({ termsSha256: offered.terms.digest, ip: '127.0.0.1' });
  });

  it('a proposal inside the rules is agreed and awaits the acceptance on the page', async () => {
    const debtor = await debtorOf(1_200_00);
    const proposed = await post(`${debtor.base}/plans`, { choice: 'proposal', installments: { count: 4 }, frequency: 'monthly', firstDate: '2026-12-10' }, debtor.headers);
    expect(proposed.json()).toMatchObject({ status: 'agreed_pending_acceptance', proposedByDebtor: true });
    expect(proposed.json().terms.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it("another case's plan through this link is 404", async () => {
    const mine = await debtorOf(1_200_00);
    const theirs = await makeCase(t, creditorId, [{ amountCents: 1_200_00 }]);
    const plan = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${theirs.id}/plans`,
      headers: bearer(agentToken),
      payload: { installments: { count: 3 }, frequency: 'monthly', firstDate: '2026-12-01' },
    });
    expect(plan.json().status).toBe('agreed_pending_acceptance');
    const response = await post(`${mine.base}/plans/${plan.json().id}/accept`, { termsDigest: 'a'.repeat(64) }, mine.headers);
    expect(response.statusCode).toBe(404);
  });
});

describe('the legal gate at the page', () => {
  it('under a dispute: no option, no plan, no promise (422 with the gate code)', async () => {
    const debtor = await debtorOf(1_200_00);
    const option = (await plansOf(debtor)).choice.options[0] as Option;
    await sql(`insert into case_dispute (case_id, creditor_id, reason, opened_at, status_before) values (?, ?, 'Facture contestée', now(), 'new')`, [debtor.caseId, creditorId]);
    const body = await plansOf(debtor);
    expect(body.choice).toMatchObject({ unavailable: { code: 'contact_refused_dispute' }, options: [] });
    expect(body.promiseRules.unavailable).toEqual({ code: 'contact_refused_dispute' });
    const chosen = await post(`${debtor.base}/plans`, { choice: 'option', optionId: option.id, firstDate: '2026-12-05', termsDigest: option.terms.digest }, debtor.headers);
    expect(chosen.statusCode).toBe(422);
    expect(chosen.json().code).toBe('contact_refused_dispute');
    const promised = await post(`${debtor.base}/promises`, { amountCents: 100_00, dueOn: '2026-11-30' }, debtor.headers);
    expect(promised.statusCode).toBe(422);
    expect(promised.json().code).toBe('contact_refused_dispute');
    expect(await sql('select count(*)::int as n from payment_plan where case_id = ?', [debtor.caseId])).toEqual([{ n: 0 }]);
  });
});

describe("the debtor's promise", () => {
  it('inside the limits: the queue follows it, the page shows it; a double tap makes one', async () => {
    const debtor = await debtorOf(1_200_00);
    const rules = (await plansOf(debtor)).promiseRules;
    expect(rules).toEqual({ unavailable: null, minAmountCents: 20_00, maxAmountCents: 1_200_00, earliest: '2026-11-23', latest: '2026-12-08' });
    const idempotency = key('promise');
    const promised = await post(`${debtor.base}/promises`, { amountCents: 500_00, dueOn: '2026-12-08' }, { ...debtor.headers, ...idempotency });
    expect(promised.statusCode, promised.body).toBe(201);
    expect(promised.json()).toMatchObject({ amountCents: 500_00, dueOn: '2026-12-08', status: 'pending', madeByDebtor: true, currency: 'EUR' });
    const replay = await post(`${debtor.base}/promises`, { amountCents: 500_00, dueOn: '2026-12-08' }, { ...debtor.headers, ...idempotency });
    expect(replay.json().id).toBe(promised.json().id);
    expect(await sql('select count(*)::int as n, min(made_via) as via from promise_to_pay where case_id = ?', [debtor.caseId])).toEqual([{ n: 1, via: 'debtor' }]);
    expect(await sql('select status, promise_due_on::text as due from collection_case where id = ?', [debtor.caseId])).toEqual([{ status: 'promise', due: '2026-12-08' }]);
    expect(await timeline(debtor.caseId)).toContain('Promesse déclarée par le débiteur sur sa page : 500,00 € au plus tard le 08/12/2026');
    // The creditor hears of it once, whatever the retries.
    expect(await sql(`select data->>'amountCents' as amount, data->>'madeVia' as via from creditor_event where type = 'promise.made' and data->>'caseId' = ?`, [debtor.caseId])).toEqual([
      { amount: '50000', via: 'debtor' },
    ]);
    const page = await plansOf(debtor);
    expect(page.promise).toMatchObject({ id: promised.json().id, amountCents: 500_00, dueOn: '2026-12-08' });
    expect(page.promiseRules.unavailable).toEqual({ code: 'promise_already_pending' });
    const another = await post(`${debtor.base}/promises`, { amountCents: 100_00, dueOn: '2026-12-01' }, debtor.headers);
    expect(another.statusCode).toBe(409);
    expect(another.json().code).toBe('promise_already_pending');
    const staff = (await t.app.inject({ method: 'GET', url: `/api/v1/cases/${debtor.caseId}/promises`, headers: bearer(agentToken) })).json();
    expect(staff.items[0]).toMatchObject({ madeVia: 'debtor', madeBy: null });
  });

  it('outside the limits: too small, too large, too late, in the past', async () => {
    const debtor = await debtorOf(1_200_00);
    const cases: [object, number, string][] = [
      [{ amountCents: 19_99, dueOn: '2026-11-30' }, 400, 'promise_amount_too_low'],
      [{ amountCents: 1_200_01, dueOn: '2026-11-30' }, 400, 'amount_too_high'],
      [{ amountCents: 100_00, dueOn: '2026-12-09' }, 400, 'promise_due_too_late'],
      [{ amountCents: 100_00, dueOn: '2026-11-22' }, 400, 'date_in_past'],
    ];
    for (const [payload, status, code] of cases) {
      const response = await post(`${debtor.base}/promises`, payload, debtor.headers);
      expect(response.statusCode, JSON.stringify(payload)).toBe(status);
      expect(response.json().code).toBe(code);
    }
    expect(await sql('select count(*)::int as n from promise_to_pay where case_id = ?', [debtor.caseId])).toEqual([{ n: 0 }]);
  });

  it('the whole balance is accepted below the minimum; no promise while a plan runs', async () => {
    const small = await debtorOf(15_00);
    expect((await post(`${small.base}/promises`, { amountCents: 15_00, dueOn: '2026-11-30' }, small.headers)).statusCode).toBe(201);
    const planned = await debtorOf(1_200_00);
    const option = (await plansOf(planned)).choice.options[0] as Option;
    expect((await post(`${planned.base}/plans`, { choice: 'option', optionId: option.id, firstDate: '2026-12-05', termsDigest: option.terms.digest }, planned.headers)).statusCode).toBe(201);
    expect((await plansOf(planned)).promiseRules.unavailable).toEqual({ code: 'promise_plan_in_force' });
    const refused = await post(`${planned.base}/promises`, { amountCents: 100_00, dueOn: '2026-11-30' }, planned.headers);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('promise_plan_in_force');
  });
});
