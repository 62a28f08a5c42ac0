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
});
