import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Journey, shot, signIn, startJourney } from './browser-harness.ts';

/**
 * The nature of each claim on the case screen (issue 15), in real Chromium: the demo landlord's
 * claims take her default nature (rent, 3 years), shown with where it came from, the date each
 * claim prescribes and "prescrite" once past; an agent corrects a nature (audited, on the
 * timeline); the creditor's user sees it and cannot change it.
 */
let journey: Journey;
let base: string;
let newPage: () => Promise<Page>;
let caseId = '';

beforeAll(async () => {
  journey = await startJourney();
  base = journey.base;
  newPage = journey.newPage;
  // A landlord's case without payments whose first claim fell due over a year ago (nothing interrupted it).
  const [row] = await journey.t.orm.em.fork().execute<{ id: string }[]>(
    `select c.id from collection_case c join creditor cr on cr.id = c.creditor_id
      where cr.default_claim_nature = 'residential_rent' and not exists (select 1 from payment p where p.case_id = c.id)
        and (select min(due_date) from claim where case_id = c.id) < current_date - 400
      order by (select count(*) from claim where case_id = c.id) desc, c.reference limit 1`,
  );
  caseId = (row as { id: string }).id;
});
afterAll(async () => journey?.close());

const natures = (page: Page) => page.$$eval('[data-testid="claim-nature"]', (cells) => cells.map((cell) => cell.getAttribute('data-nature')));

describe('claim natures on the case screen, in Chromium', () => {
  it("a manager sees the landlord's default nature with its regime, and edits it in the creditor form", async () => {
    const page = await newPage();
    await signIn(page, base, 'manager@relance.test', 'demo');
    const [landlord] = await journey.t.orm.em.fork().execute<{ id: string }[]>(`select id from creditor where default_claim_nature = 'residential_rent'`);
    await page.goto(`${base}/creditors/${landlord?.id}`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="creditor-default-nature"]');
    expect(await page.$eval('[data-testid="creditor-default-nature"]', (el) => el.textContent)).toBe(
      'Loyer d’habitation — 3 ans (Loi 89-462 du 6 juillet 1989, art. 7-1)',
    );
    await page.click('[data-testid="creditor-edit"]');
    await page.waitForSelector('[data-testid="edit-default-nature"]');
    expect(await page.$eval('[data-testid="edit-default-nature"]', (el) => (el as HTMLSelectElement).value)).toBe('residential_rent');
    await page.$eval('[data-testid="edit-default-nature"]', (el) => el.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: `${import.meta.dirname}/../../test-artifacts/screenshots/59-creditor-default-nature.png` });
    await page.close();
  });


  it('an agent sees each nature, its source and prescription date, and corrects one: a telecom bill prescribes in a year', async () => {
    const page = await newPage();
    await signIn(page, base, 'agent1@relance.test', 'demo');
    await page.goto(`${base}/cases/${caseId}`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="claims-table"] [data-testid="claim-nature"]');
    expect(new Set(await natures(page))).toEqual(new Set(['residential_rent']));
    const sources = await page.$$eval('[data-testid="claim-nature-source"]', (cells) => cells.map((cell) => cell.textContent));
    expect(sources.length).toBeGreaterThan(0);
    expect(sources.every((text) => text === 'par défaut du créancier')).toBe(true);
    const dates = await page.$$eval('[data-testid="claim-prescription-date"]', (cells) => cells.map((cell) => cell.textContent ?? ''));
    expect(dates.every((text) => /^\d{2}\/\d{2}\/\d{4}$/.test(text))).toBe(true);
    await page.$eval('[data-testid="claims-table"]', (el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: `${import.meta.dirname}/../../test-artifacts/screenshots/60-claims-natures.png` });

    await page.click('[data-testid="claim-nature-edit"]');
    await page.waitForSelector('[data-testid="claim-nature-select"]', { visible: true });
    expect(await page.$('[data-testid="claim-prescribed"]')).toBeNull();
    await page.select('[data-testid="claim-nature-select"]', 'telecom');
    await shot(page, '61-claim-nature-dialog');
    await page.click('[data-testid="claim-nature-save"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="claim-nature"]')?.getAttribute('data-nature') === 'telecom');
    // The oldest claim, due over a year ago, is now prescribed (CPCE L34-2): said on its row.
    await page.waitForSelector('[data-testid="claim-row"]:first-child [data-testid="claim-prescribed"]');
    await page.$eval('[data-testid="claims-table"]', (el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: `${import.meta.dirname}/../../test-artifacts/screenshots/62-claim-prescribed.png` });
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="timeline-item"]')].some((item) => item.textContent?.includes('Nature de la créance')),
    );
    const [audited] = await journey.t.orm.em.fork().execute<{ n: number }[]>(
      `select count(*)::int as n from audit_event where action = 'claim_nature_changed' and case_id = ?`,
      [caseId],
    );
    expect(audited?.n).toBe(1);
    await page.close();
  });

  it("the creditor's user reads the natures and has no way to change them", async () => {
    const page = await newPage();
    await signIn(page, base, 'creditor3@relance.test', 'demo');
    await page.goto(`${base}/cases/${caseId}`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="claims-table"] [data-testid="claim-nature"]');
    expect(await natures(page)).toContain('telecom');
    expect(await page.$('[data-testid="claim-nature-edit"]')).toBeNull();
    await page.close();
  });
});
