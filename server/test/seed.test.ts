import { demoUsers } from '@relance/seeds/demo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDatabaseEmpty, seedDemoData } from '../src/db/seed.ts';
import { bearer, login } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

/** The demo data behind `npm start`: realistic, deterministic, and every décompte computes. */
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  expect(await isDatabaseEmpty(t.orm)).toBe(true);
  await seedDemoData(t.orm, { clock: t.clock, config: t.config, secrets: t.secrets });
});
afterAll(async () => t.close());

async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  return await t.orm.em.fork().execute<T[]>(sql, params);
}

describe('demo data', () => {
  it('has an agency with its R124-2 records, three branded creditors with mandates, and a few hundred cases', async () => {
    expect(await isDatabaseEmpty(t.orm)).toBe(false);
    const [agency] = await query<{ insurer: string; client_funds_iban: string; procureur_declared_on: string }>('select * from agency');
    expect(agency?.insurer).toBeTruthy();
    expect(agency?.client_funds_iban).toMatch(/^FR76/);
    expect(agency?.procureur_declared_on).toBeTruthy();
    const creditors = await query<{ kind: string; brand_primary_color: string; brand_logo_content_type: string; mandate_reference: string }>(
      'select kind, brand_primary_color, brand_logo_content_type, mandate_reference from creditor order by legal_name',
    );
    expect(creditors.map((c) => c.kind).sort()).toEqual(['company', 'company', 'private_individual']);
    expect(new Set(creditors.map((c) => c.brand_primary_color)).size).toBe(3);
    expect(creditors.every((c) => c.brand_logo_content_type === 'image/svg+xml' && c.mandate_reference)).toBe(true);
    const [counts] = await query<{ cases: number; min_claims: number; max_claims: number; kinds: number }>(
      `select count(*)::int as cases, min(n)::int as min_claims, max(n)::int as max_claims,
              (select count(distinct kind)::int from debtor) as kinds
         from (select count(*) as n from claim group by case_id) per_case`,
    );
    expect(counts).toEqual({ cases: 300, min_claims: 1, max_claims: 5, kinds: 2 });
  });

  it('has its payments in the books with receipts, and today\'s bank statement: two credits matched, one waiting with its case suggested', async () => {
    const token = await login(t, { email: 'compta@relance.test', password: 'demo' });
    const balance = (await t.app.inject({ method: 'GET', url: '/api/v1/ledger/trial-balance', headers: bearer(token) })).json();
    expect(balance.totalDebitCents).toBe(balance.totalCreditCents);
    expect(balance.clientFunds.differenceCents).toBe(0);
    expect(balance.clientFunds.suspenseCents).toBe(9_000);
    const [unbooked] = await query<{ n: number }>(
      `select count(*)::int as n from payment p where p.method not in ('credit_note') and not exists (select 1 from receipt r where r.payment_id = p.id)`,
    );
    expect(unbooked?.n).toBe(0);
    const statuses = await query<{ status: string; n: number }>('select status, count(*)::int as n from bank_entry group by status order by status');
    expect(statuses).toEqual([
      { status: 'matched', n: 2 },
      { status: 'unmatched', n: 1 },
    ]);
    const waiting = (await t.app.inject({ method: 'GET', url: '/api/v1/bank-entries?status=unmatched', headers: bearer(token) })).json();
    expect(waiting.items[0].suggestions[0].reasons).toContain('invoice_in_text');
  });

  it('has R124-2 records that let intake run (no blocking alert on a fresh demo)', async () => {
    const token = await login(t, { email: 'admin@relance.test', password: 'demo' });
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/agency', headers: bearer(token) });
    expect(response.statusCode).toBe(200);
    expect(response.json().status).toMatchObject({ compliant: true, problems: [] });
  });

  it("carries the demo agency's brand (name, colour, logo stored as a PNG), the 'propulsé par' line on", async () => {
    const brand = (await t.app.inject({ method: 'GET', url: '/api/v1/agency/brand' })).json();
    expect(brand).toMatchObject({ name: 'Cap Atlantique', primaryColor: '#0e5a7a', poweredByVisible: true });
    expect(brand.logoUrl).toMatch(/^\/api\/v1\/agency\/logo\?v=/);
    const logo = await t.app.inject({ method: 'GET', url: brand.logoUrl });
    expect(logo.statusCode).toBe(200);
    expect(logo.headers['content-type']).toBe('image/png');
  });

  it('lets each of the eight demo users sign in with the password demo', async () => {
    for (const user of demoUsers) {
      const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: 'demo' } });
      expect([user.email, response.statusCode]).toEqual([user.email, 200]);
      expect(response.json().user.role).toBe(user.role);
    }
  });

  it('computes the décompte of every demo case today, with totals equal to the sums of the lines', async () => {
    const token = await login(t, { email: 'manager@relance.test', password: 'demo' });
    const cases = await query<{ id: string }>('select id from collection_case');
    for (const { id } of cases) {
      const response = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${id}/statement`, headers: bearer(token) });
      expect([id, response.statusCode]).toEqual([id, 200]);
      const statement = response.json();
      const sumOf = (kind: string) =>
        statement.lines.filter((l: { kind: string }) => l.kind === kind).reduce((s: number, l: { amountCents: number }) => s + l.amountCents, 0);
      expect(statement.totals.principalCents).toBe(sumOf('principal'));
      expect(statement.totals.interestCents).toBe(sumOf('interest'));
      expect(statement.totals.indemnityCents).toBe(sumOf('indemnity'));
      expect(statement.totals.paidCents).toBe(sumOf('payment'));
    }
  });

  it("puts every open demo case in the agents' queue, so 'next case' works right after npm start", async () => {
    // Every open case with a claim still demandable: one whose claims are all prescribed is ranked
    // on nothing (prescribed claims add nothing) and never served.
    const today = t.clock.now().toISOString().slice(0, 10);
    const [unranked] = await query<{ n: number }>(
      `select count(*)::int as n from collection_case c where c.status <> 'closed' and coalesce(c.queue_rank, 0) = 0
          and exists (select 1 from claim cl where cl.case_id = c.id and cl.prescription_date >= ?::date)`,
      [today],
    );
    expect(unranked?.n).toBe(0);
    const token = await login(t, { email: 'agent1@relance.test', password: 'demo' });
    const next = await t.app.inject({ method: 'POST', url: '/api/v1/queue/next', headers: bearer(token) });
    expect(next.statusCode).toBe(200);
    expect(next.json().reasons.length).toBeGreaterThan(0);
  });

  it('has a court directory for every commune its debtors live in, and commissaires for every district', async () => {
    const [missing] = await query<{ tj: number; commercial: number; districts: number }>(
      `with communes as (select distinct a.postal_code, a.city from debtor_address a)
       select (select count(*)::int from communes m where not exists (
                 select 1 from court_competence cc join court c on c.id = cc.court_id where cc.postal_code = m.postal_code and c.kind = 'tribunal_judiciaire')) as tj,
              (select count(*)::int from communes m where m.postal_code not like '67%' and not exists (
                 select 1 from court_competence cc join court c on c.id = cc.court_id where cc.postal_code = m.postal_code and c.kind <> 'tribunal_judiciaire')) as commercial,
              (select count(*)::int from (select distinct cour_appel from court) d where not exists (
                 select 1 from commissaire k where k.active and d.cour_appel = any(k.cour_appel_districts))) as districts`,
    );
    expect(missing).toEqual({ tj: 0, commercial: 0, districts: 0 });
    const token = await login(t, { email: 'manager@relance.test', password: 'demo' });
    const found = await t.app.inject({ method: 'GET', url: '/api/v1/courts/lookup?postalCode=42000&city=St-Etienne', headers: bearer(token) });
    expect(found.json().court.name).toBe('Tribunal judiciaire de Saint-Étienne');
  });

  it('shows the judicial phase: three injonctions de payer on B2B cases, awaiting the creditor, order rendered, served', async () => {
    const token = await login(t, { email: 'manager@relance.test', password: 'demo' });
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/legal-actions?stage=all', headers: bearer(token) });
    const items: { id: string; stage: string; awaiting: string[]; nextDeadline: { name: string; daysLeft: number } | null }[] = list.json().items;
    expect(items.map((item) => item.stage).sort()).toEqual(['order_rendered', 'proposed', 'served']);
    const byStage = new Map(items.map((item) => [item.stage, item]));
    expect(byStage.get('proposed')?.awaiting).toEqual(['creditor']);
    expect(byStage.get('order_rendered')?.nextDeadline).toMatchObject({ name: 'service' });
    expect(byStage.get('order_rendered')?.nextDeadline?.daysLeft).toBeGreaterThan(0);
    expect(byStage.get('order_rendered')?.nextDeadline?.daysLeft).toBeLessThanOrEqual(30);
    expect(byStage.get('served')?.nextDeadline).toMatchObject({ name: 'opposition' });
    expect(byStage.get('served')?.nextDeadline?.daysLeft).toBeGreaterThan(0);
    const facts = await query<{ stage: string; status: string; debtor_kind: string; presented: boolean; prescribed: number; court_kind: string }>(
      `select la.stage, c.status, d.kind as debtor_kind, c.mise_en_demeure_on <= (la.proposed_at at time zone 'Europe/Paris')::date - 8 as presented,
              (select count(*)::int from claim cl where cl.case_id = c.id and cl.prescription_date < (la.proposed_at at time zone 'Europe/Paris')::date) as prescribed,
              la.court->>'kind' as court_kind
         from legal_action la join collection_case c on c.id = la.case_id join debtor d on d.id = c.debtor_id order by la.stage`,
    );
    for (const fact of facts) {
      expect(fact).toMatchObject({ debtor_kind: 'company', presented: true, prescribed: 0, status: fact.stage === 'proposed' ? 'amicable' : 'legal' });
      expect(fact.court_kind).not.toBeNull();
    }
    const served = await t.app.inject({ method: 'GET', url: `/api/v1/legal-actions/${byStage.get('served')?.id}`, headers: bearer(token) });
    expect(served.json().events.map((e: { event: string }) => e.event)).toEqual(['filed', 'order_rendered', 'served']);
    expect(served.json().approvals).toHaveLength(2);
  });

  it('is the same data on every run (deterministic)', async () => {
    const other = await createTestApp();
    try {
      await seedDemoData(other.orm, { clock: other.clock, config: other.config, secrets: other.secrets });
      const fingerprint = `select string_agg(invoice_ref || ':' || amount_cents || ':' || due_date, ',' order by invoice_ref) as f from claim`;
      const [mine] = await query<{ f: string }>(fingerprint);
      const [theirs] = await other.orm.em.fork().execute<{ f: string }[]>(fingerprint);
      expect(theirs?.f).toBe(mine?.f);
    } finally {
      await other.close();
    }
  });
});
