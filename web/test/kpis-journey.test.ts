import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login } from '../../server/test/factories.ts';
import { type Journey, shot, signIn, startJourney, textOf } from './browser-harness.ts';

// The creditor's KPI dashboard on the demo data: the figures on the screen are the API's, each chart
// has its data table, reachable with the keyboard.

let journey: Journey;

beforeAll(async () => {
  journey = await startJourney();
});
afterAll(async () => {
  await journey?.close();
});

const percent = (ratio: number) => new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 }).format(ratio);

describe('the creditor KPI dashboard, in Chromium', () => {
  it('shows the API’s KPIs for the year, against their targets, with a data table for each chart', async () => {
    const { t, base } = journey;
    const year = journey.now().getUTCFullYear();
    const token = await login(t, { email: 'creditor1@relance.test', password: 'demo' });
    const api = (await t.app.inject({ method: 'GET', url: `/api/v1/reports/kpis?from=${year}-01-01&to=${year}-12-31`, headers: bearer(token) })).json();
    const recovery = api.figures.find((figure: { key: string }) => figure.key === 'recoveryRate');

    const page = await journey.newPage();
    await signIn(page, base, 'creditor1@relance.test', 'demo');
    await page.goto(`${base}/dashboard?period=year&from=${year}-01-01`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="kpi-recoveryRate-value"]');
    expect(await textOf(page, 'kpi-recoveryRate-value')).toBe(recovery.value === null ? '—' : percent(recovery.value));
    expect(await textOf(page, 'kpi-recoveryRate')).toContain('90');
    expect(await textOf(page, 'kpi-recoveryRate')).toContain('Montant encaissé');
    await shot(page, 'kpis-01-creditor-year');

    // The ageing chart's data table, switched on from the keyboard.
    await page.focus('[data-testid="kpi-ageing-table-toggle"]');
    await page.keyboard.press('Space');
    await page.waitForSelector('[data-testid="kpi-ageing-table"]');
    expect(await page.$$eval('[data-testid="kpi-ageing-table"] tbody tr', (els) => els.length)).toBe(6);

    // Previous period: last year's figures.
    await page.click('[data-testid="kpi-previous"]');
    await page.waitForFunction((y: number) => location.search.includes(`from=${y - 1}-01-01`), {}, year);
    await page.waitForSelector('[data-testid="kpi-recoveryRate-value"]');
    await shot(page, 'kpis-02-previous-year');
    await page.close();
  });

  it('staff open on every creditor, choose one, and export the KPIs of the period shown', async () => {
    const { t, base } = journey;
    const year = journey.now().getUTCFullYear();
    const token = await login(t, { email: 'manager@relance.test', password: 'demo' });
    const kpis = async (query: string) =>
      (await t.app.inject({ method: 'GET', url: `/api/v1/reports/kpis?from=${year}-01-01&to=${year}-12-31${query}`, headers: bearer(token) })).json();
    const all = await kpis('');
    const creditors = (await t.app.inject({ method: 'GET', url: '/api/v1/creditors?limit=200', headers: bearer(token) })).json().items as { id: string }[];
    const first = creditors[0]?.id as string;
    const one = await kpis(`&creditorId=${first}`);
    const recovery = (body: { figures: { key: string; value: number | null }[] }) => body.figures.find((figure) => figure.key === 'recoveryRate')?.value ?? null;

    const page = await journey.newPage();
    await signIn(page, base, 'manager@relance.test', 'demo');
    await page.goto(`${base}/dashboard?period=year&from=${year}-01-01`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="dashboard-all-creditors"]');
    expect(await page.$eval('[data-testid="dashboard-creditor"]', (el) => (el as HTMLSelectElement).value)).toBe('');
    expect(await textOf(page, 'kpi-recoveryRate-value')).toBe(recovery(all) === null ? '—' : percent(recovery(all) as number));
    await shot(page, 'kpis-03-staff-all-creditors');

    // The export of every creditor's KPIs: the file the browser receives holds the same placed count.
    const exported = page.waitForResponse((response) => response.url().includes('/api/v1/exports/kpis.csv'));
    await page.click('[data-testid="kpi-export-csv"]');
    // The body of a streamed download is not kept by Chromium: the same URL, fetched with the same person's session.
    const { pathname, search } = new URL((await exported).url());
    const csv = (await t.app.inject({ method: 'GET', url: `${pathname}${search}`, headers: bearer(token) })).body;
    expect((await exported).url()).toContain(`from=${year}-01-01`);
    expect((await exported).url()).not.toContain('creditorId');
    expect(csv).toContain('Tous les créanciers');
    expect(csv).toContain(`placedCases;Dossiers confiés sur la période;${all.placed.cases}`);

    // One creditor: its own figures, the choice kept in the URL with the period.
    await page.select('[data-testid="dashboard-creditor"]', first);
    await page.waitForFunction((id: string) => location.search.includes(`creditorId=${id}`) && location.search.includes('period=year'), {}, first);
    await page.waitForSelector('[data-testid="dashboard-collected"]');
    await page.waitForFunction(
      (expected: string) => document.querySelector('[data-testid="kpi-recoveryRate-value"]')?.textContent === expected,
      {},
      recovery(one) === null ? '—' : percent(recovery(one) as number),
    );
    const xlsx = page.waitForResponse((response) => response.url().includes('/api/v1/exports/kpis.xlsx'));
    await page.click('[data-testid="kpi-export-xlsx"]');
    expect((await xlsx).status()).toBe(200);
    expect((await xlsx).url()).toContain(`creditorId=${first}`);
    await page.close();
  });
});
