import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Journey, shot, signIn, startJourney } from './browser-harness.ts';

/**
 * The company registry on the case screen (issue 23), in real Chromium, on the demo data looked up
 * by the worker in the local registry (seeds/demo-registry.ts): a debtor in redressement judiciaire
 * shows collection stopped and its claim declaration with its deadline, which the agent marks as
 * declared; a debtor whose registered office moved shows the difference, adopted in one click.
 */
let journey: Journey;
let base: string;
let newPage: () => Promise<Page>;

const sql = async <T>(text: string, params: unknown[] = []) => (await journey.t.orm.em.fork().execute(text, params)) as T[];

/** The worker looks the demo's companies up as it starts: wait for what it makes. */
async function waitForRows<T>(text: string, params: unknown[] = []): Promise<T[]> {
  for (let attempt = 0; attempt < 120; attempt += 1) {
    const rows = await sql<T>(text, params);
    if (rows.length > 0) return rows;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no rows for ${text}`);
}

beforeAll(async () => {
  journey = await startJourney();
  base = journey.base;
  newPage = journey.newPage;
});
afterAll(async () => journey?.close());

describe('the registry card, in Chromium', () => {
  it('a debtor in redressement judiciaire: collection stopped, the claim to declare by its deadline, marked declared', async () => {
    const [declared] = await waitForRows<{ case_id: string }>(
      `select x.case_id from claim_declaration x join registry_proceeding p on p.id = x.proceeding_id where p.type = 'redressement' and x.document_id is not null`,
    );
    const page = await newPage();
    await signIn(page, base, 'agent1@relance.test', 'demo');
    await page.goto(`${base}/cases/${declared?.case_id}`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="registry-card"][data-flag="insolvency_proceedings"]');
    await page.waitForSelector('[data-testid="registry-paused"]');
    await page.waitForSelector('[data-testid="claim-declaration"][data-status="to_declare"] [data-testid="claim-declaration-pdf"]');
    const row = await page.$eval('[data-testid="claim-declaration"]', (el) => el.textContent ?? '');
    expect(row).toContain('30/01/2027');
    expect(row).toContain('SELARL Mandataires Atlantique');
    await page.$eval('[data-testid="registry-card"]', (el) => el.scrollIntoView({ block: 'start' }));
    await shot(page, '90-registry-insolvency');
    await page.click('[data-testid="claim-declaration-mark"]');
    await page.waitForSelector('[data-testid="claim-declaration"][data-status="declared"]');
    await page.close();
  });

  it('a registered office that moved: the difference, and the address adopted in one click', async () => {
    const [moved] = await waitForRows<{ id: string }>(
      `select c.id from collection_case c join debtor d on d.id = c.debtor_id join registry_company rc on rc.siren = d.siren
        where rc.address_since is not null and rc.status = 'active' order by c.reference limit 1`,
    );
    const page = await newPage();
    await signIn(page, base, 'agent1@relance.test', 'demo');
    await page.goto(`${base}/cases/${moved?.id}`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="registry-difference-address"] [data-testid="registry-adopt-address"]');
    expect(await page.$eval('[data-testid="registry-difference-address"]', (el) => el.textContent ?? '')).toContain('27 boulevard des Entrepreneurs');
    await page.$eval('[data-testid="registry-card"]', (el) => el.scrollIntoView({ block: 'start' }));
    await shot(page, '91-registry-moved');
    await page.click('[data-testid="registry-adopt-address"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="registry-difference-address"]') === null);
    const [audited] = await sql<{ n: number }>(`select count(*)::int as n from audit_event where case_id = ? and action = 'registry_address_adopted'`, [moved?.id]);
    expect(audited?.n).toBe(1);
    await page.close();
  });
});
