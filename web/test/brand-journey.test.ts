import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Journey, setValue, shot, signIn, signOut, startJourney } from './browser-harness.ts';

/**
 * Issue 19, white label, in Chromium: an administrator gives the agency its display name, a colour
 * too light for white text, a logo, and turns the "propulsé par" line off; the sign-in page and the
 * creditor's area then carry the agency's brand (header, logo, tab title, the theme's colour made
 * readable) and the software's name appears nowhere in the shell.
 */
let journey: Journey;
let base: string;

beforeAll(async () => {
  journey = await startJourney();
  base = journey.base;
});
afterAll(async () => {
  await journey?.close();
});

async function shellText(page: Page): Promise<string> {
  return await page.$eval('body', (body) =>
    [...body.querySelectorAll('header, nav, [data-testid="brand-mark"], [data-testid="powered-by"]')].map((el) => el.textContent ?? '').join('\n'),
  );
}

describe("the agency's brand in Chromium", () => {
  it('an administrator sets the brand from the agency page', async () => {
    const page = await journey.newPage();
    await signIn(page, base, 'admin@relance.test', 'demo');
    await page.goto(`${base}/agency`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="brand-form"]');
    await setValue(page, 'brand-display-name', 'Recouvra Ouest');
    await page.click('[data-testid="brand-powered-by"]');
    // The colour last, and the form sent with Enter: the colour picker opens under the field, over the button.
    await setValue(page, 'brand-colour', '#ffeb3b');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid="brand-name"]')?.textContent === 'Recouvra Ouest');

    const dir = mkdtempSync(join(tmpdir(), 'brand-logo-'));
    const file = join(dir, 'logo.png');
    // A valid 1 x 1 PNG: the server decodes and re-encodes it.
    writeFileSync(file, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'));
    const input = (await page.waitForSelector('[data-testid="agency-logo-input"]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(file);
    await page.waitForSelector('[data-testid="agency-logo-preview"]');
    await page.waitForSelector('[data-testid="brand-logo"]');
    await shot(page, 'agency-brand-settings');
    await signOut(page);

    // The sign-in page, before any session.
    await page.waitForFunction(() => document.title === 'Recouvra Ouest');
    await page.waitForFunction(() => document.querySelector('[data-testid="brand-name"]')?.textContent === 'Recouvra Ouest');
    expect(await page.$('[data-testid="brand-logo"]')).not.toBeNull();
    expect(await page.$('[data-testid="powered-by"]')).toBeNull();
    expect(await shellText(page)).not.toContain('Relance');
    await page.close();
  });

  it("the creditor's area carries the agency's brand, its colour made readable", async () => {
    const page = await journey.newPage();
    await signIn(page, base, 'creditor1@relance.test', 'demo');
    await page.waitForSelector('[data-testid="current-user"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="brand-name"]')?.textContent === 'Recouvra Ouest');
    await page.waitForFunction(() => document.title === 'Recouvra Ouest');
    expect(await shellText(page)).not.toContain('Relance');
    const filled = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--mantine-color-brand-6').trim());
    expect(filled).toBe('#7b721d');
    await shot(page, 'creditor-area-agency-brand');
    await page.close();
  });
});
