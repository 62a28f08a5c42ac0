import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login } from '../../server/test/factories.ts';
import { normalise, pdfText } from '../../templates/test/pdf-text.ts';
import { type Journey, shot, signIn, startJourney, textOf } from './browser-harness.ts';

// The monthly report from the creditor's dashboard on the demo data: the KPIs of last month on the
// screen, the same in the API and in the PDF the worker's Chromium printed; the e-mail switch.

let journey: Journey;

beforeAll(async () => {
  journey = await startJourney();
});
afterAll(async () => {
  await journey?.close();
});

function lastMonth(now: Date): { month: string; from: string; to: string } {
  const paris = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit' }).format(now);
  const [year, month] = paris.split('-').map(Number) as [number, number];
  const previous = month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
  const [y, m] = previous.split('-').map(Number) as [number, number];
  return { month: previous, from: `${previous}-01`, to: `${previous}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}` };
}

describe('the monthly report, from the dashboard to the PDF, in Chromium', () => {
  it('prints the same recovery, dispute and cost figures as the screen and the API', async () => {
    const { t, base } = journey;
    const { month, from, to } = lastMonth(journey.now());
    const token = await login(t, { email: 'creditor1@relance.test', password: 'demo' });
    const api = (await t.app.inject({ method: 'GET', url: `/api/v1/reports/kpis?from=${from}&to=${to}`, headers: bearer(token) })).json();
    const page = await journey.newPage();
    await signIn(page, base, 'creditor1@relance.test', 'demo');
    await page.goto(`${base}/dashboard?period=month&from=${from}`, { waitUntil: 'networkidle0' });
    const screen: Record<string, string> = {};
    for (const key of ['recoveryRate', 'disputeRate', 'costRatio']) screen[key] = await textOf(page, `kpi-${key}-value`);
    const percent = (ratio: number | null) => (ratio === null ? '—' : new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 }).format(ratio));
    for (const key of Object.keys(screen)) expect(screen[key], key).toBe(percent(api.figures.find((figure: { key: string }) => figure.key === key).value));

    // The card: last month is offered first; generate, the status is polled until the download.
    await page.waitForSelector('[data-testid="monthly-report-card"]');
    await page.click('[data-testid="monthly-generate"]');
    await page.waitForSelector('[data-testid="monthly-download"]', { timeout: 90_000 });
    await page.waitForSelector(`[data-testid="monthly-download-${month}"]`, { timeout: 10_000 });
    await shot(page, 'monthly-report-01-ready');

    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/reports/monthly', headers: bearer(token) })).json();
    const report = list.items.find((item: { month: string }) => item.month === month);
    const pdf = await t.app.inject({ method: 'GET', url: report.pdfUrl, headers: bearer(token) });
    expect(pdf.statusCode).toBe(200);
    const { text } = await pdfText(pdf.rawPayload);
    for (const key of Object.keys(screen)) if (screen[key] !== '—') expect(text, key).toContain(normalise(screen[key] as string));
    expect(text).toContain(normalise(api.creditorName));

    // The e-mail choice, from the keyboard.
    await page.focus('[data-testid="monthly-email-opt-in"]');
    // The choice is saved when its PATCH answers (the page keeps polling other figures: no idle network to wait for).
    const saved = page.waitForResponse((response) => response.url().includes('/api/v1/reports/monthly/email') && response.request().method() === 'PATCH');
    await page.keyboard.press('Space');
    expect((await saved).status()).toBe(200);
    await page.waitForFunction(() => (document.querySelector('[data-testid="monthly-email-opt-in"]') as HTMLInputElement | null)?.checked === true);
    const after = (await t.app.inject({ method: 'GET', url: '/api/v1/reports/monthly', headers: bearer(token) })).json();
    expect(after.emailOptIn).toBe(true);
    await page.close();
  }, 180_000);
});
