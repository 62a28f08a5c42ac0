import { fileURLToPath } from 'node:url';
import type { ElementHandle } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Journey, setValue, shot, signIn, startJourney, textOf } from './browser-harness.ts';

/**
 * The settings of the judicial phase in Chromium (issue 16): the court directory (the demo's
 * courts, the Ministry's file imported with its line report, a court's communes, an address
 * looked up) and the commissaires de justice (added, deactivated).
 */
let journey: Journey;
let base: string;

const fixture = fileURLToPath(new URL('../../seeds/fixtures/courts-moj.csv', import.meta.url));

beforeAll(async () => {
  journey = await startJourney();
  base = journey.base;
});
afterAll(async () => {
  await journey?.close();
});

describe('court directory and commissaires, in Chromium', () => {
  it('an administrator imports the Ministry’s file, sees the rejected lines, opens a court and looks up an address', async () => {
    const page = await journey.newPage();
    await signIn(page, base, 'admin@relance.test', 'demo');
    await page.goto(`${base}/settings/courts`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="court-row"]');
    const input = (await page.$('[data-testid="court-import"] input[type="file"]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(fixture);
    await page.click('[data-testid="court-import-submit"]');
    await page.waitForSelector('[data-testid="court-import-report"]');
    expect(await page.$$eval('[data-testid="court-import-problem"]', (rows) => rows.map((row) => row.querySelector('td')?.textContent))).toEqual(['14', '15', '16']);
    expect(await textOf(page, 'court-import-report')).toContain('6 juridictions créées');

    await setValue(page, 'court-lookup-postal', '42000');
    await setValue(page, 'court-lookup-city', 'St-Etienne');
    await page.click('[data-testid="court-lookup-submit"]');
    expect(await textOf(page, 'court-lookup-result')).toContain('Tribunal judiciaire de Saint-Étienne');
    await setValue(page, 'court-search', 'Nantes');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="court-row"]').length >= 2 && [...document.querySelectorAll('[data-testid="court-row"]')].every((row) => row.textContent?.includes('Nantes')));
    await shot(page, 'legal-settings-courts');
    // The imported tribunal judiciaire of Nantes (the demo's row of the same name lost its communes to it).
    const rows = await page.$$('[data-testid="court-row"]');
    const texts = await Promise.all(rows.map((row) => row.evaluate((el) => el.textContent ?? '')));
    await rows[texts.findIndex((text) => text.includes('TJ44109'))]?.click();
    await page.waitForSelector('[data-testid="court-communes"]');
    expect(await textOf(page, 'court-communes')).toContain('SAINT HERBLAIN');
    await shot(page, 'legal-settings-court-detail');
  });

  it('a manager adds a commissaire for a district and deactivates one; the directory is read-only for them', async () => {
    const page = await journey.newPage();
    await signIn(page, base, 'manager@relance.test', 'demo');
    await page.goto(`${base}/settings/courts`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="court-row"]');
    expect(await page.$('[data-testid="court-import"]')).toBeNull();
    expect(await page.$('[data-testid="court-add"]')).toBeNull();

    await page.goto(`${base}/settings/commissaires`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="commissaire-row"]');
    const before = (await page.$$('[data-testid="commissaire-row"]')).length;
    await page.click('[data-testid="commissaire-add"]');
    await setValue(page, 'commissaire-form-etude', 'SELARL Journey Commissaires');
    await setValue(page, 'commissaire-form-name', 'Me Jeanne Essai');
    await setValue(page, 'commissaire-form-addressLine1', '3 rue du Test');
    await setValue(page, 'commissaire-form-postalCode', '35000');
    await setValue(page, 'commissaire-form-city', 'Rennes');
    await setValue(page, 'commissaire-form-email', 'etude@essai.example.fr');
    await page.click('[data-testid="commissaire-form-accepts-email"]');
    await page.type('[data-testid="commissaire-form-districts"]', 'Rennes,');
    await page.keyboard.press('Escape');
    await page.click('[data-testid="commissaire-form-submit"]');
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="commissaire-row"]').length === n + 1 && !document.querySelector('[data-testid="commissaire-form"]'),
      { timeout: 30_000 },
      before,
    );
    const [created] = await journey.t.orm.em
      .fork()
      .execute<{ accepts_email: boolean; cour_appel_districts: string[]; active: boolean }[]>(
        `select accepts_email, cour_appel_districts, active from commissaire where etude = 'SELARL Journey Commissaires'`,
      );
    expect(created).toEqual({ accepts_email: true, cour_appel_districts: ['Rennes'], active: true });
    // Deactivated, not deleted: the row stays, greyed, with "Réactiver".
    await page.waitForFunction(() => !document.querySelector('.mantine-Modal-overlay'));
    const journeyRow = async () => {
      for (const row of await page.$$('[data-testid="commissaire-row"]')) {
        if ((await row.evaluate((el) => el.textContent ?? '')).includes('SELARL Journey Commissaires')) return row;
      }
      throw new Error('row not found');
    };
    await (await (await journeyRow()).$('[data-testid="commissaire-toggle"]'))?.click();
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="commissaire-row"]')].some((row) => row.textContent?.includes('SELARL Journey') && row.textContent.includes('Réactiver')),
    );
    const [after] = await journey.t.orm.em.fork().execute<{ active: boolean }[]>(`select active from commissaire where etude = 'SELARL Journey Commissaires'`);
    expect(after?.active).toBe(false);
    await shot(page, 'legal-settings-commissaires');
  });
});
