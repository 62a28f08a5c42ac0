import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Journey, shot, signIn, startJourney } from './browser-harness.ts';

/**
 * Issue 20, the audit trail in real Chromium: a manager opens a case, follows the case screen's
 * link "Journal d'audit de ce dossier" to the trail filtered by that case (their own read of the
 * case is in it), and exports it as CSV.
 */
let journey: Journey;
let base: string;
let page: Page;

beforeAll(async () => {
  journey = await startJourney();
  base = journey.base;
  page = await journey.newPage();
  await signIn(page, base, 'manager@relance.test', 'demo');
});
afterAll(async () => journey?.close());

describe('the audit trail of a case, in Chromium', () => {
  it("a manager reads the case's trail from the case screen and exports it", async () => {
    // The list polls the queue's figures: wait for its rows, not for an idle network.
    await page.goto(`${base}/cases`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('[data-testid="case-row"]');
    await page.click('[data-testid="case-row"]');
    await page.waitForSelector('[data-testid="case-audit-link"]');
    const caseId = page.url().split('/cases/')[1]?.split(/[?#]/)[0] ?? '';
    expect(caseId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await page.$eval('[data-testid="case-audit-link"]', (el) => el.textContent)).toContain('Journal d’audit de ce dossier');
    await page.click('[data-testid="case-audit-link"]');
    await page.waitForSelector('[data-testid="audit-case-filter"]');
    expect(page.url()).toContain(`/audit?caseId=${caseId}`);
    await page.waitForSelector('[data-testid="audit-row"]');
    const rows = await page.$$eval('[data-testid="audit-row"]', (found) => found.map((row) => row.textContent ?? ''));
    expect(rows.some((text) => text.includes('Dossier consulté'))).toBe(true);
    await shot(page, '68-audit-case-link-fr');

    const answer = page.waitForResponse((response) => response.url().includes('/api/v1/audit.csv'));
    await page.click('[data-testid="audit-export-csv"]');
    const response = await answer;
    expect(response.status()).toBe(200);
    expect(response.url()).toContain(`caseId=${caseId}`);
    // The file's content is the server's (server/test/audit-export.test.ts): here, that this case's trail was asked for and sent.
    expect(response.headers()['content-type']).toContain('text/csv');
    expect(response.headers()['content-disposition']).toContain(`journal-audit-${caseId}.csv`);
  });

  it('the team board shows its figures per portfolio and its charts, each with a data table', async () => {
    await page.goto(`${base}/team?period=month`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="team-table"]');
    for (const id of ['team-chart', 'team-promise-rate', 'team-portfolio-chart']) await page.waitForSelector(`[data-testid="${id}"]`);
    const portfolios = await page.$$eval('[data-testid="team-portfolio-row"]', (rows) => rows.map((row) => row.textContent ?? ''));
    const [demo] = await journey.t.orm.em.fork().execute<{ count: number }[]>('select count(*)::int as count from portfolio');
    expect(portfolios.length).toBeGreaterThanOrEqual(demo?.count ?? 0);
    const toggle = await page.$('[data-testid="team-chart-table-toggle"]');
    if (toggle) {
      await toggle.click();
      await page.waitForSelector('[data-testid="team-chart-table"]');
    }
    await shot(page, '69-team-by-portfolio-fr');
  });
});
