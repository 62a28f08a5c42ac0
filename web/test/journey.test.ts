import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimsCsv } from '../../server/test/factories.ts';
import { clickWhenReady, type Journey, setDate, setValue, shot, signIn, signOut, startJourney, textOf, verifyOnPortal } from './browser-harness.ts';

/**
 * The thin path through all four kinds of user, in real Chromium against the real server
 * (built web app, API, worker) on a database of its own.
 */
let journey: Journey;
let base: string;
let newPage: () => Promise<Page>;
const timestamp = Date.now().toString(36);
const creditorName = `Boutique Lumière ${timestamp}`;
const creditorUserEmail = `comptable-${timestamp}@lumiere.test`;
const creditorUserPassword = 'lumiere-password-2026';
let portalUrl = '';
/** The files the journey uploads (a logo, a claims file), removed at the end. */
const uploads = mkdtempSync(join(tmpdir(), 'relance-journey-'));

beforeAll(async () => {
  journey = await startJourney();
  base = journey.base;
  newPage = journey.newPage;
});
afterAll(async () => {
  await journey?.close();
  rmSync(uploads, { recursive: true, force: true });
});

describe('the thin path, in Chromium', () => {
  it('1. an admin creates a creditor with its brand and a creditor user', async () => {
    const page = await newPage();
    await signIn(page, base, 'admin@relance.test', 'demo');
    await page.goto(`${base}/creditors/new`, { waitUntil: 'networkidle0' });
    await setValue(page, 'creditor-legal-name', `${creditorName} SAS`);
    await page.select('[data-testid="creditor-kind"]', 'company');
    await setValue(page, 'creditor-siren', '732829320');
    await setValue(page, 'creditor-line1', '5 rue de la Paix');
    await setValue(page, 'creditor-postal-code', '75002');
    await setValue(page, 'creditor-city', 'Paris');
    await setValue(page, 'creditor-display-name', creditorName);
    await setValue(page, 'creditor-color', '#8e24aa');
    await setValue(page, 'creditor-mandate-ref', `MAND-${timestamp}`);
    await setDate(page, 'creditor-mandate-signed', '2026-01-15');
    await shot(page, '01-admin-creditor-form');
    await page.click('[data-testid="creditor-submit"]');
    await page.waitForSelector('[data-testid="logo-input"]');
    const logoPath = join(uploads, `logo-${timestamp}.svg`);
    writeFileSync(
      logoPath,
      '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><circle cx="32" cy="32" r="30" fill="#8e24aa"/></svg>',
    );
    const input = (await page.$('[data-testid="logo-input"]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(logoPath);
    await page.waitForSelector('[data-testid="logo-preview"]');
    await setValue(page, 'user-email', creditorUserEmail);
    await setValue(page, 'user-name', 'Claire Comptable');
    await setValue(page, 'user-password', creditorUserPassword);
    await page.click('[data-testid="user-submit"]');
    await page.waitForFunction(
      (email) => [...document.querySelectorAll('[data-testid="creditor-user-row"]')].some((row) => row.textContent?.includes(email)),
      {},
      creditorUserEmail,
    );
    await shot(page, '02-admin-creditor-created');
    // Editing the creditor reuses the same fields (PATCH): the new city shows on its page.
    await page.click('[data-testid="creditor-edit"]');
    await setValue(page, 'edit-city', 'Lyon');
    await page.click('[data-testid="edit-submit"]');
    await page.waitForFunction(() => !document.querySelector('[data-testid="creditor-edit-form"]') && document.body.textContent.includes('Lyon'));
    await signOut(page);
    await page.close();
  });

  it('2. the creditor user uploads a CSV: good rows go in, the bad row is reported by line', async () => {
    const page = await newPage();
    await signIn(page, base, creditorUserEmail, creditorUserPassword);
    await page.goto(`${base}/imports`, { waitUntil: 'networkidle0' });
    const csvPath = join(uploads, `claims-${timestamp}.csv`);
    writeFileSync(
      csvPath,
      claimsCsv([
        `LUM-${timestamp}-1;10/09/2026;10/10/2026;480,00;particulier;Odile Journey;;odile.journey@example.fr;06 11 22 33 44;2 rue Haute;75011;Paris`,
        `LUM-${timestamp}-2;15/09/2026;15/10/2026;120,50;particulier;Odile Journey;;odile.journey@example.fr;;;;`,
        `LUM-${timestamp}-3;15/09/2026;15/10/2026;pas un montant;particulier;Bad Row;;;;;;`,
      ]),
    );
    const input = (await page.$('[data-testid="import-file"]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(csvPath);
    await page.click('[data-testid="import-submit"]');
    // Preview: the columns are recognised, the bad row is already flagged before anything is written.
    await page.waitForSelector('[data-testid="import-preview-row"]');
    expect(await page.$$('[data-testid="import-preview-row"][data-rejected="true"]')).toHaveLength(1);
    await shot(page, '03a-creditor-import-preview');
    await page.waitForFunction(() => {
      const button = document.querySelector('[data-testid="import-commit"]') as HTMLButtonElement | null;
      return button !== null && !button.disabled;
    });
    await page.click('[data-testid="import-commit"]');
    await page.waitForSelector('[data-testid="rejection-row"]', { timeout: 30_000 });
    expect(await textOf(page, 'import-created')).toContain('2');
    expect(await textOf(page, 'import-rejected')).toContain('1');
    const rejection = await page.$eval('[data-testid="rejection-row"]', (el) => (el as HTMLElement).textContent);
    expect(rejection).toContain('4');
    expect(rejection).toMatch(/amount|Montant/i);
    await shot(page, '03-creditor-import');
    await signOut(page);
    await page.close();
  });

  it('3. an agent finds the case, opens it, logs a call that appears in the timeline, and gets the debtor link', async () => {
    const page = await newPage();
    await signIn(page, base, 'agent1@relance.test', 'demo');
    await page.waitForSelector('[data-testid="case-row"]');
    await shot(page, '04-agent-case-list');
    await page.type('[data-testid="cases-search"]', 'Odile Journey');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="case-row"]')].some((row) => row.textContent?.includes('Odile Journey')),
    );
    await page.evaluate(() => {
      const row = [...document.querySelectorAll('[data-testid="case-row"]')].find((r) => r.textContent?.includes('Odile Journey'));
      (row as HTMLElement).click();
    });
    await page.waitForSelector('[data-testid="case-detail-balance"]');
    expect(await textOf(page, 'case-detail-balance')).toMatch(/600,50/);
    await page.select('[data-testid="call-outcome"]', 'promise_to_pay');
    await page.type('[data-testid="call-note"]', 'Débitrice jointe, va payer en ligne ce jour.');
    await page.click('[data-testid="call-submit"]');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="timeline-item"]')].some((item) => item.textContent?.includes('va payer en ligne')),
    );
    // The debtor's link is in the case screen's side panel (issue 20).
    await clickWhenReady(page, '[data-testid="open-portal"]');
    await clickWhenReady(page, '[data-testid="portal-link-generate"]');
    await page.waitForSelector('[data-testid="portal-link-url"]');
    portalUrl = await page.$eval('[data-testid="portal-link-url"]', (el) =>
      (el as HTMLInputElement).value || (el as HTMLElement).textContent,
    );
    expect(portalUrl).toMatch(/\/pay\/[A-Za-z0-9_-]{40,}/);
    await shot(page, '05-agent-case');
    // Esc closes the side panel (the case stays open), then the header is reachable again.
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.querySelector('[role="dialog"]') === null);
    await signOut(page);
    await page.close();
  });

  it("4. the debtor opens their link in the creditor's brand and pays by card; the balance drops", async () => {
    const page = await newPage();
    await page.goto(portalUrl, { waitUntil: 'networkidle0' });
    expect(await textOf(page, 'portal-creditor-name')).toContain(creditorName);
    // Before the check, the balance and the brand only; the postcode the letter went to opens the file.
    expect(await textOf(page, 'portal-balance')).toMatch(/600,50/);
    expect(await page.$$('[data-testid="portal-claim-row"]')).toHaveLength(0);
    await verifyOnPortal(page, '75011');
    const logo = await page.$eval('[data-testid="portal-logo"]', (el) => (el as HTMLImageElement).src);
    expect(logo).toContain('/api/v1/brand-assets/');
    expect(await page.$$('[data-testid="portal-claim-row"]')).toHaveLength(2);
    expect(await textOf(page, 'portal-balance')).toMatch(/600,50/);
    const html = await page.content();
    expect(html).not.toContain('Relance');
    // The creditor's colour is on the page (no agency look).
    const colored = await page.evaluate(() =>
      [...document.querySelectorAll('*')].some((el) => {
        const style = getComputedStyle(el);
        return style.backgroundColor === 'rgb(142, 36, 170)' || style.color === 'rgb(142, 36, 170)';
      }),
    );
    expect(colored).toBe(true);
    await shot(page, '06-debtor-portal');
    await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.click('[data-testid="portal-pay"]')]);
    expect(page.url()).toContain('/local-pay/checkout/');
    await page.type('#card', '4242 4242 4242 4242');
    await page.type('#exp', '12/30');
    await page.type('#cvc', '123');
    await shot(page, '07-hosted-checkout');
    await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.click('[data-testid="checkout-pay"]')]);
    expect(page.url()).toContain('checkout=success');
    await page.waitForSelector('[data-testid="portal-banner"]');
    // The worker delivers the signed webhook; the page polls until the balance changes.
    await page.waitForFunction(
      () => /0,00/.test((document.querySelector('[data-testid="portal-balance"]') as HTMLElement | null)?.textContent ?? ''),
      { timeout: 30_000 },
    );
    await shot(page, '08-debtor-paid');
    await page.close();
  });

  it('5. the creditor user sees their dashboard, with the payment collected', async () => {
    const page = await newPage();
    await signIn(page, base, creditorUserEmail, creditorUserPassword);
    await page.goto(`${base}/dashboard`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="dashboard-collected"]');
    expect(await textOf(page, 'dashboard-placed')).toMatch(/600,50/);
    expect(await textOf(page, 'dashboard-collected')).toMatch(/600,50/);
    expect(await textOf(page, 'dashboard-rate')).toMatch(/100/);
    await shot(page, '09-creditor-dashboard');
    // Only their creditor's cases are listed.
    await page.goto(`${base}/cases`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="case-row"]');
    const rows = await page.$$eval('[data-testid="case-row"]', (els) => els.map((el) => (el as HTMLElement).textContent));
    expect(rows.length).toBe(1);
    expect(rows[0]).toContain('Odile Journey');
    await page.close();
  });
});
