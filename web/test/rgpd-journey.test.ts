import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Journey, setValue, shot, signIn, startJourney } from './browser-harness.ts';

/**
 * The RGPD screens in real Chromium (issue 13, item 14), as a manager: the retention period on the
 * creditor, the case's "Personal data" card (export, a request recorded), the requests list and
 * its decision (an erasure refused while the claim is collected, with the legal reason), and the
 * audit trail with its filters; in French, then in English.
 */
let journey: Journey;
let base: string;
let page: Page;
let caseId = '';

beforeAll(async () => {
  journey = await startJourney();
  base = journey.base;
  page = await journey.newPage();
  await signIn(page, base, 'manager@relance.test', 'demo');
});
afterAll(async () => journey?.close());

async function waitForText(text: string) {
  await page.waitForFunction((expected) => document.body.textContent?.includes(expected), {}, text);
}

async function useLocale(locale: 'fr' | 'en') {
  await page.evaluate((value) => localStorage.setItem('relance.locale', value), locale);
  await page.reload({ waitUntil: 'networkidle0' });
}

describe('RGPD screens, in Chromium', () => {
  it('a manager sets the retention period on the creditor', async () => {
    const [creditor] = await journey.t.orm.em.fork().execute<{ id: string }[]>(`select id from creditor order by legal_name limit 1`);
    await page.goto(`${base}/creditors/${(creditor as { id: string }).id}`, { waitUntil: 'networkidle0' });
    await page.click('[data-testid="creditor-edit"]');
    await page.click('[data-testid="edit-section-retention"]');
    await page.waitForSelector('[data-testid="edit-retention-years"]', { visible: true });
    await page.select('[data-testid="edit-retention-years"]', '3');
    await page.$eval('[data-testid="edit-section-retention"]', (el) => el.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: `${import.meta.dirname}/../../test-artifacts/screenshots/60-creditor-retention-fr.png` });
    await page.click('[data-testid="edit-submit"]');
    await waitForText('3 an(s) après la clôture');
    const [row] = await journey.t.orm.em.fork().execute<{ retention_years_after_close: number }[]>(
      'select retention_years_after_close from creditor where id = ?',
      [(creditor as { id: string }).id],
    );
    expect(row?.retention_years_after_close).toBe(3);
  });

  it('records a request from the case screen and exports the data', async () => {
    await page.goto(`${base}/cases`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="case-row"]');
    await page.click('[data-testid="case-row"]');
    await page.waitForSelector('[data-testid="case-rgpd"]');
    caseId = page.url().split('/cases/')[1]?.split(/[?#]/)[0] ?? '';
    expect(caseId).toMatch(/^[0-9a-f-]{36}$/);
    await page.click('[data-testid="rgpd-export-pdf"]');
    await waitForText('Export téléchargé');
    await page.click('[data-testid="rgpd-new-request"]');
    await page.waitForSelector('[data-testid="rgpd-form-requester"]', { visible: true });
    await page.select('[data-testid="rgpd-form-kind"]', 'erasure');
    await page.select('[data-testid="rgpd-form-channel"]', 'email');
    await setValue(page, 'rgpd-form-requester', 'Le débiteur lui-même');
    await page.type('[data-testid="rgpd-form-details"]', 'Demande la suppression de toutes ses données.');
    await page.screenshot({ path: `${import.meta.dirname}/../../test-artifacts/screenshots/61-case-rgpd-request-form-fr.png` });
    await page.click('[data-testid="rgpd-form-submit"]');
    await page.waitForSelector('[data-testid="case-rgpd-requests"]');
    await page.$eval('[data-testid="case-rgpd"]', (el) => el.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: `${import.meta.dirname}/../../test-artifacts/screenshots/62-case-rgpd-card-fr.png` });
  });

  it('decides the erasure in the requests list: refused, with the legal reason, while the claim is collected', async () => {
    await page.goto(`${base}/rgpd`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="rgpd-request-row"]');
    await shot(page, '63-rgpd-requests-fr');
    await page.click('[data-testid="rgpd-open"]');
    await page.waitForSelector('[data-testid="rgpd-claim-open"]');
    await page.click('[data-testid="rgpd-erase"]');
    await page.click('[data-testid="rgpd-erase-confirm"]');
    await page.waitForSelector('[data-testid="rgpd-refusal"]');
    expect(await page.$eval('[data-testid="rgpd-refusal"]', (el) => el.textContent)).toContain('17(3)(e)');
    await page.screenshot({ path: `${import.meta.dirname}/../../test-artifacts/screenshots/64-rgpd-erasure-refused-fr.png` });
    await page.keyboard.press('Escape');
  });

  it("shows the case's trail: the reads, the export, the request and its decision; filters by action", async () => {
    await page.goto(`${base}/audit?caseId=${caseId}`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="audit-row"]');
    const actions = await page.$$eval('[data-testid="audit-row"]', (rows) => rows.map((row) => row.textContent ?? ''));
    for (const label of ['Demande RGPD décidée', 'Demande RGPD enregistrée', 'Données du débiteur exportées', 'Dossier consulté']) {
      expect(actions.some((text) => text.includes(label))).toBe(true);
    }
    await shot(page, '65-audit-case-fr');
    await page.select('[data-testid="audit-action"]', 'debtor_data_exported');
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid="audit-row"]')];
      return rows.length > 0 && rows.every((row) => row.textContent?.includes('Données du débiteur exportées'));
    });
  });

  it('the same screens in English', async () => {
    await useLocale('en');
    await page.goto(`${base}/rgpd?status=all`, { waitUntil: 'networkidle0' });
    await waitForText('GDPR requests');
    await page.waitForSelector('[data-testid="rgpd-request-row"]');
    await shot(page, '66-rgpd-requests-en');
    await page.goto(`${base}/audit`, { waitUntil: 'networkidle0' });
    await waitForText('Audit trail');
    await page.waitForSelector('[data-testid="audit-row"]');
    await shot(page, '67-audit-en');
    await page.goto(`${base}/cases/${caseId}`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="case-rgpd"]');
    await waitForText('Personal data (GDPR)');
    await page.$eval('[data-testid="case-rgpd"]', (el) => el.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: `${import.meta.dirname}/../../test-artifacts/screenshots/68-case-rgpd-card-en.png` });
    await useLocale('fr');
  });
});
