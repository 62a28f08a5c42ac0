import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login } from '../../server/test/factories.ts';
import { normalise, pdfText } from '../../templates/test/pdf-text.ts';
import { type Journey, setValue, shot, signIn, startJourney, textOf } from './browser-harness.ts';

// Issue 19, "Done when": the creditor's week on the demo data, in Chromium. Julie Roux (Fibrea,
// creditor1) filters her case list (the filters in the URL), exports it, declares a payment she
// received directly (the balance drops), recalls another case, exports her KPIs, and never reaches
// another creditor's case.

let journey: Journey;
let page: Page;
let token: string;
type Item = { id: string; reference: string; status: string };
let filtered: Item[] = [];

const FILTER = 'debtorKind=company&minAmountCents=50000&maxAmountCents=199999';

/** The export's `;`-separated CSV (quoted cells may hold `;` or quotes) as records by header. */
function parseCsv(text: string): Record<string, string>[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) => (line.match(/("([^"]|"")*"|[^;]*)(;|$)/g) ?? []).filter((cell) => cell !== '').map((cell) => cell.replace(/;$/, '').replace(/^"(.*)"$/, '$1').replace(/""/g, '"')));
  const [header = [], ...rows] = lines;
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i] ?? ''])));
}

/** "1 234,56 €" (French, narrow spaces) in cents. */
const centsOf = (text: string) => Math.round(Number(text.replace(/[^\d,-]/g, '').replace(',', '.')) * 100);

/** What the browser asked for, fetched again with the same person's session (the body of a streamed download is not kept by Chromium). */
async function file(url: string) {
  const { pathname, search } = new URL(url);
  const response = await journey.t.app.inject({ method: 'GET', url: `${pathname}${search}`, headers: bearer(token) });
  expect(response.statusCode, response.body).toBe(200);
  return response.body;
}

async function api(url: string, as = token) {
  const response = await journey.t.app.inject({ method: 'GET', url, headers: bearer(as) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

beforeAll(async () => {
  journey = await startJourney();
  token = await login(journey.t, { email: 'creditor1@relance.test', password: 'demo' });
  page = await journey.newPage();
});
afterAll(async () => {
  await page?.close();
  await journey?.close();
});

describe("the creditor's journey, in Chromium", () => {
  it("signs in on the demo agency's page (its name, logo and colour; 'propulsé par Relance' on) and finds it in the shell", async () => {
    await page.goto(`${journey.base}/login`, { waitUntil: 'networkidle0' });
    expect(await textOf(page, 'brand-name')).toBe('Cap Atlantique');
    await page.waitForFunction(() => (document.querySelector('[data-testid="brand-logo"]') as HTMLImageElement | null)?.naturalWidth);
    expect(await textOf(page, 'powered-by')).toContain('Relance');
    await shot(page, 'creditor-00-login-agency-brand');
    await signIn(page, journey.base, 'creditor1@relance.test', 'demo');
    expect(await textOf(page, 'brand-name')).toBe('Cap Atlantique');
    expect(await page.$('[data-testid="brand-logo"]')).not.toBeNull();
  });

  it('filters the case list (kept in the URL) and sees exactly the API’s cases', async () => {
    await page.goto(`${journey.base}/cases`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="case-row"]');
    await page.select('[data-testid="cases-debtor-kind-filter"]', 'company');
    await page.select('[data-testid="cases-amount-filter"]', '500-2000');
    await page.waitForFunction(() => location.search.includes('debtorKind=company') && location.search.includes('amount=500-2000'));
    filtered = (await api(`/api/v1/cases?${FILTER}&limit=200`)).items;
    expect(filtered.length).toBeGreaterThan(2);
    expect(filtered.length).toBeLessThanOrEqual(50);
    await page
      .waitForFunction((count: number) => document.querySelectorAll('[data-testid="case-row"]').length === count, {}, filtered.length)
      .catch(async (error: unknown) => {
        await shot(page, 'creditor-01-filtered-list-failed');
        throw error;
      });
    const shown = await page.$$eval('[data-testid="case-row"]', (rows) => rows.map((row) => row.getAttribute('data-case-id')));
    expect(shown.sort()).toEqual(filtered.map((item) => item.id).sort());
    await shot(page, 'creditor-01-filtered-list');
  });

  it('exports the filtered list as CSV: the same cases', async () => {
    const exported = page.waitForResponse((response) => response.url().includes('/api/v1/exports/cases.csv'));
    await page.click('[data-testid="cases-export"]');
    await page.click('[data-testid="export-cases-csv"]');
    const response = await exported;
    expect(response.status()).toBe(200);
    expect(response.url()).toContain('debtorKind=company');
    expect(response.url()).toContain('minAmountCents=50000');
    const rows = parseCsv(await file(response.url()));
    expect(rows.map((row) => row.Référence).sort()).toEqual(filtered.map((item) => item.reference).sort());
    expect(new Set(rows.map((row) => row['Type de débiteur']))).toEqual(new Set(['company']));
  });

  it('opens a case and declares a payment received directly: the balance drops', async () => {
    const open = filtered.find((item) => item.status !== 'closed') as Item;
    await page.click(`[data-case-id="${open.id}"]`);
    await page.waitForSelector('[data-testid="creditor-actions"]');
    await page.waitForSelector('[data-testid="case-detail-balance"]');
    await new Promise((resolve) => setTimeout(resolve, 500)); // the statement's balance replaces the principal's
    const before = centsOf(await textOf(page, 'case-detail-balance'));
    await page.click('[data-testid="direct-payment-open"]');
    await setValue(page, 'direct-payment-amount', '10');
    await page.click('[data-testid="direct-payment-submit"]');
    await page.waitForSelector('[data-testid="direct-payment-form"]', { hidden: true });
    await page.waitForFunction(
      (expected: number) => {
        const text = document.querySelector('[data-testid="case-detail-balance"]')?.textContent ?? '';
        return Math.round(Number(text.replace(/[^\d,-]/g, '').replace(',', '.')) * 100) === expected;
      },
      { timeout: 15_000 },
      before - 1_000,
    );
    await shot(page, 'creditor-02-direct-payment');
  });

  it('recalls another case, after confirming: the case is closed as recalled', async () => {
    const other = filtered.filter((item) => item.status !== 'closed')[1] as Item;
    await page.goto(`${journey.base}/cases/${other.id}`, { waitUntil: 'networkidle0' });
    await page.click('[data-testid="recall-open"]');
    await page.waitForSelector('[data-testid="recall-form"]');
    await page.click('[data-testid="recall-submit"]');
    // No reason: the form asks for one and nothing is sent.
    await page.waitForFunction(() => document.querySelector('[data-testid="recall-form"]')?.textContent?.length);
    await setValue(page, 'recall-reason', 'Le client a réglé chez nous, nous reprenons le dossier.');
    await page.click('[data-testid="recall-submit"]');
    await page.waitForSelector('[data-testid="case-status"][data-status="closed"]');
    const [row] = await journey.t.orm.em.fork().execute<{ status: string; closed_outcome: string }[]>('select status, closed_outcome from collection_case where id = ?', [other.id]);
    expect(row).toEqual({ status: 'closed', closed_outcome: 'returned_to_creditor' });
    await shot(page, 'creditor-03-recalled');
  });

  it('exports the KPIs of the period shown, its own creditor only', async () => {
    const year = journey.now().getUTCFullYear();
    const kpis = await api(`/api/v1/reports/kpis?from=${year}-01-01&to=${year}-12-31`);
    await page.goto(`${journey.base}/dashboard?period=year&from=${year}-01-01`, { waitUntil: 'networkidle0' });
    const exported = page.waitForResponse((response) => response.url().includes('/api/v1/exports/kpis.csv'));
    await page.click('[data-testid="kpi-export-csv"]');
    const csv = await file((await exported).url());
    expect(csv).toContain(kpis.creditorName);
    expect(csv).toContain(`placedCases;Dossiers confiés sur la période;${kpis.placed.cases}`);
    const xlsx = page.waitForResponse((response) => response.url().includes('/api/v1/exports/kpis.xlsx'));
    await page.click('[data-testid="kpi-export-xlsx"]');
    expect((await xlsx).status()).toBe(200);
  });

  it('generates and downloads the monthly PDF report of last month, in its own name', async () => {
    const now = journey.now();
    const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
    await page.goto(`${journey.base}/dashboard`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="monthly-report-card"]');
    await page.click('[data-testid="monthly-generate"]');
    await page.waitForSelector('[data-testid="monthly-download"]', { timeout: 90_000 });
    const downloaded = page.waitForResponse((response) => /\/api\/v1\/reports\/monthly\/[0-9a-f-]+\/pdf/.test(response.url()));
    await page.click('[data-testid="monthly-download"]');
    const response = await downloaded;
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('application/pdf');
    // Chromium does not keep a fetched body: the same URL again, as the same user.
    const { pathname } = new URL(response.url());
    const pdf = await journey.t.app.inject({ method: 'GET', url: pathname, headers: bearer(token) });
    expect(pdf.statusCode).toBe(200);
    const { text } = await pdfText(pdf.rawPayload);
    const kpis = await api(`/api/v1/reports/kpis?from=${last}-01&to=${last}-28`);
    expect(text).toContain(normalise(kpis.creditorName));
    await shot(page, 'creditor-monthly-report');
  });

  it("never reaches another creditor's case, even by its URL", async () => {
    const managerToken = await login(journey.t, { email: 'manager@relance.test', password: 'demo' });
    const creditors = (await api('/api/v1/creditors?limit=200', managerToken)).items as { id: string }[];
    const year = journey.now().getUTCFullYear();
    const mine = (await api(`/api/v1/reports/kpis?from=${year}-01-01&to=${year}-12-31`)).creditorId as string;
    const elsewhere = creditors.find((creditor) => creditor.id !== mine) as { id: string };
    const foreign = (await api(`/api/v1/cases?creditorId=${elsewhere.id}&limit=1`, managerToken)).items[0] as Item;
    const ownIds = new Set(((await api('/api/v1/cases?limit=200')).items as Item[]).map((item) => item.id));
    expect(ownIds.has(foreign.id)).toBe(false);
    await page.goto(`${journey.base}/cases/${foreign.id}`, { waitUntil: 'networkidle0' });
    expect(await textOf(page, 'error-state')).toContain('Introuvable');
    expect(await page.$('[data-testid="case-detail"]')).toBeNull();
    await shot(page, 'creditor-04-foreign-case');
  });
});
