import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login } from '../../server/test/factories.ts';
import { type Journey, shot, signIn, startJourney, textOf } from './browser-harness.ts';

// Issue 20, managers: a portfolio made on screen, two agents in it, a rebalance previewed then
// applied, and the queue then serves its agents that portfolio's cases; an admin deactivates an
// agent, who can no longer sign in.

let journey: Journey;

beforeAll(async () => {
  journey = await startJourney();
});
afterAll(async () => {
  await journey?.close();
});

async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
  return await journey.t.orm.em.fork().execute<T[]>(text, params);
}

describe('managers, in Chromium', () => {
  it('a manager creates a portfolio with two agents, previews and applies a rebalance; the queue serves its cases', async () => {
    const { t, base } = journey;
    const [creditor] = await sql<{ id: string; legal_name: string }>(`select id, legal_name from creditor order by legal_name limit 1`);
    const agents = await sql<{ id: string; name: string }>(`select id, name from app_user where email in ('agent1@relance.test', 'agent2@relance.test') order by email`);
    const page = await journey.newPage();
    await signIn(page, base, 'manager@relance.test', 'demo');
    await page.waitForSelector('[data-testid="nav-portfolios"]');
    await page.click('[data-testid="nav-portfolios"]');
    await page.waitForSelector('[data-testid="portfolio-add"]');
    await page.click('[data-testid="portfolio-add"]');
    await page.waitForSelector('[data-testid="portfolio-form"]');
    await page.type('[data-testid="portfolio-name"]', 'Portefeuille du parcours');
    await page.waitForFunction((id: string) => Boolean(document.querySelector(`[data-testid="portfolio-creditor"] option[value="${id}"]`)), {}, creditor?.id as string);
    await page.select('[data-testid="portfolio-creditor"]', creditor?.id as string);
    for (const agent of agents) {
      await page.click('[data-testid="portfolio-members"]');
      await page.type('[data-testid="portfolio-members"]', agent.name);
      await page.waitForSelector('[role="option"]');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
    }
    const chosen = await page.$eval('[data-testid="portfolio-form"]', (form) => form.textContent ?? '');
    for (const agent of agents) expect(chosen).toContain(agent.name);
    await shot(page, 'manager-01-portfolio-form');
    // Leave the agents' field (its list closes), then submit from the keyboard.
    await page.click('[data-testid="portfolio-name"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="portfolio-row"][data-name="Portefeuille du parcours"]');
    const [portfolio] = await sql<{ id: string }>(`select id from portfolio where name = 'Portefeuille du parcours'`);
    const members = await sql<{ agent_id: string }>('select agent_id::text from portfolio_member where portfolio_id = ? order by agent_id', [portfolio?.id]);
    expect(members.map((m) => m.agent_id).sort()).toEqual(agents.map((a) => a.id).sort());

    // Setup: the portfolio's cases start with no agent, so the rebalance has work to deal out.
    await sql(`update collection_case set assigned_agent_id = null where portfolio_id = ?`, [portfolio?.id]);
    const [open] = await sql<{ n: number }>(`select count(*)::int as n from collection_case where portfolio_id = ? and status <> 'closed'`, [portfolio?.id]);
    expect(open?.n).toBeGreaterThan(1);
    await page.reload({ waitUntil: 'networkidle0' });
    await page.click('[data-testid="portfolio-row"][data-name="Portefeuille du parcours"] [data-testid="portfolio-rebalance"]');
    await page.waitForSelector('[data-testid="rebalance-preview"]');
    expect(await textOf(page, 'rebalance-summary')).toContain(`${open?.n} dossiers sans chargé distribués`);
    expect(await page.$$eval('[data-testid="rebalance-agent-row"]', (rows) => rows.length)).toBe(2);
    // The preview changed nothing.
    const [stillUnassigned] = await sql<{ n: number }>(`select count(*)::int as n from collection_case where portfolio_id = ? and assigned_agent_id is null`, [portfolio?.id]);
    expect(stillUnassigned?.n).toBe(open?.n);
    await shot(page, 'manager-02-rebalance-preview');
    await page.click('[data-testid="rebalance-confirm"]');
    await page.waitForFunction(() => !document.querySelector('[data-testid="rebalance-preview"]'));
    const [nowUnassigned] = await sql<{ n: number }>(`select count(*)::int as n from collection_case where portfolio_id = ? and assigned_agent_id is null and status <> 'closed'`, [portfolio?.id]);
    expect(nowUnassigned?.n).toBe(0);
    await page.close();

    // The first agent's next case is one of the portfolio's.
    const token = await login(t, { email: 'agent1@relance.test', password: 'demo' });
    const served = await t.app.inject({ method: 'POST', url: '/api/v1/queue/next', headers: bearer(token) });
    expect(served.statusCode, served.body).toBe(200);
    const [servedCase] = await sql<{ portfolio_id: string }>('select portfolio_id::text from collection_case where id = ?', [served.json().case.id]);
    expect(servedCase?.portfolio_id).toBe(portfolio?.id);
  });

  it('a manager filters the case list by agent and reassigns two cases in bulk', async () => {
    const { base } = journey;
    const [agent1] = await sql<{ id: string; name: string }>(`select id, name from app_user where email = 'agent1@relance.test'`);
    const page = await journey.newPage();
    await signIn(page, base, 'manager@relance.test', 'demo');
    await page.goto(`${base}/cases?assignedTo=none`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="case-row"]');
    expect(await page.$$eval('[data-testid="case-agent"]', (cells) => cells.every((c) => c.textContent === '—'))).toBe(true);
    const picked = await page.$$eval('[data-testid="case-row"]', (rows) => rows.slice(0, 2).map((r) => r.getAttribute('data-case-id') as string));
    const boxes = await page.$$('[data-testid="case-select"]');
    await boxes[0]?.click();
    await boxes[1]?.click();
    expect(await textOf(page, 'bulk-count')).toContain('2 dossier');
    await page.select('[data-testid="bulk-agent"]', agent1?.id as string);
    await shot(page, 'manager-04-bulk-assign');
    await page.click('[data-testid="bulk-assign"]');
    await page.waitForFunction(() => !document.querySelector('[data-testid="bulk-bar"]'));
    const moved = await sql<{ a: string }>('select assigned_agent_id::text as a from collection_case where id = any(?::uuid[])', [`{${picked.join(',')}}`]);
    expect(moved.map((m) => m.a)).toEqual([agent1?.id, agent1?.id]);
    await page.select('[data-testid="cases-assigned-filter"]', agent1?.id as string);
    await page.waitForFunction(() => location.search.includes('assignedTo='));
    await page.waitForFunction((id: string) => Boolean(document.querySelector(`[data-testid="case-row"][data-case-id="${id}"]`)), {}, picked[0] as string);
    await page.close();
  });

  it('a manager closes cases in bulk with a reason; a disputed one stays and is listed by reference', async () => {
    const { t, base } = journey;
    const page = await journey.newPage();
    await signIn(page, base, 'manager@relance.test', 'demo');
    await page.goto(`${base}/cases?status=amicable`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="case-row"]');
    const picked = await page.$$eval('[data-testid="case-row"]', (rows) => rows.slice(0, 2).map((r) => r.getAttribute('data-case-id') as string));
    const boxes = await page.$$('[data-testid="case-select"]');
    await boxes[0]?.click();
    await boxes[1]?.click();
    // Meanwhile an agent records a dispute on the second case: the bulk change must leave it alone.
    const token = await login(t, { email: 'agent1@relance.test', password: 'demo' });
    const dispute = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${picked[1]}/disputes`, headers: bearer(token), payload: { reason: 'Le débiteur conteste la livraison' } });
    expect(dispute.statusCode, dispute.body).toBe(201);
    await page.click('[data-testid="bulk-status-open"]');
    await page.waitForSelector('[data-testid="bulk-status-form"]');
    await page.select('[data-testid="bulk-status-select"]', 'closed');
    await page.select('[data-testid="bulk-status-outcome"]', 'irrecoverable');
    await page.type('[data-testid="bulk-status-reason"]', 'Sociétés radiées, lot de décembre');
    await shot(page, 'manager-05-bulk-status');
    await page.click('[data-testid="bulk-status-submit"]');
    await page.waitForSelector('[data-testid="bulk-status-result"]');
    expect(await textOf(page, 'bulk-status-summary')).toContain('1 dossier(s) changé(s), 0 déjà dans ce statut, 1 refusé(s)');
    const [reference] = await sql<{ reference: string }>('select reference from collection_case where id = ?', [picked[1]]);
    const refused = await textOf(page, 'bulk-status-refused');
    expect(refused).toContain(reference?.reference as string);
    expect(refused).toMatch(/litige/i);
    await shot(page, 'manager-06-bulk-status-result');
    const rows = await sql<{ id: string; status: string; closed_outcome: string | null }>(
      'select id::text, status, closed_outcome from collection_case where id = any(?::uuid[])',
      [`{${picked.join(',')}}`],
    );
    expect(rows.find((r) => r.id === picked[0])).toMatchObject({ status: 'closed', closed_outcome: 'irrecoverable' });
    expect(rows.find((r) => r.id === picked[1])?.status).toBe('disputed');
    await page.close();
  });

  it('an admin deactivates an agent, who then cannot sign in', async () => {
    const { base } = journey;
    const page = await journey.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await signIn(page, base, 'admin@relance.test', 'demo');
    await page.waitForSelector('[data-testid="nav-staff"]');
    await page.click('[data-testid="nav-staff"]');
    const row = '[data-testid="staff-row"][data-email="agent2@relance.test"]';
    await page.waitForSelector(row);
    await page.click(`${row} [data-testid="staff-toggle"]`);
    await page.waitForFunction((selector: string) => document.querySelector(selector)?.textContent?.includes('Désactivé'), {}, row);
    await shot(page, 'manager-03-staff-deactivated');
    await page.close();

    const agent = await journey.newPage();
    await signIn(agent, base, 'agent2@relance.test', 'demo');
    expect(await textOf(agent, 'login-error')).toContain('désactivé');
    await agent.close();
  });
});
