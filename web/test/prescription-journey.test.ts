import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Journey, shot, signIn, startJourney } from './browser-harness.ts';

/**
 * The managers' prescription screen (issue 15), in real Chromium on the demo data: the open cases
 * whose every claim is prescribed are proposed for closure, and closing one with the suggested
 * outcome and reason takes it off the list and closes the case; the claims prescribing within
 * 90 days are listed beside it (or its empty state says there are none).
 */
let journey: Journey;
let page: Page;

beforeAll(async () => {
  journey = await startJourney();
  page = await journey.newPage();
  await signIn(page, journey.base, 'manager@relance.test', 'demo');
});
afterAll(async () => journey?.close());

const rowIds = () => page.$$eval('[data-testid="closure-row"]', (rows) => rows.map((row) => row.getAttribute('data-case-id')));

describe('prescription, for managers', () => {
  it('lists the cases to close and the claims about to prescribe, and closes a case with its reason', async () => {
    await page.goto(`${journey.base}/prescription`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="closure-row"]');
    await page.waitForSelector('[data-testid="imminent-row"], [data-testid="imminent-empty"]');
    const before = await rowIds();
    expect(before.length).toBeGreaterThan(0);
    await shot(page, '70-prescription-lists');

    const first = before[0] as string;
    await page.click(`[data-testid="closure-row"][data-case-id="${first}"] [data-testid="closure-close"]`);
    await page.waitForSelector('[data-testid="closure-reason"]');
    const reason = await page.$eval('[data-testid="closure-reason"]', (el) => (el as HTMLTextAreaElement).value);
    expect(reason).toContain('Prescription acquise');
    await shot(page, '71-prescription-close');
    await page.click('[data-testid="closure-submit"]');
    await page.waitForFunction(
      (id) => ![...document.querySelectorAll('[data-testid="closure-row"]')].some((row) => row.getAttribute('data-case-id') === id),
      {},
      first,
    );
    const [row] = await journey.t.orm.em.fork().execute<{ status: string }[]>('select status from collection_case where id = ?', [first]);
    expect(row?.status).toBe('closed');
  });
});
