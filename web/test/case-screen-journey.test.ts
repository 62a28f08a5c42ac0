import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, type Journey, shot, signIn, startJourney } from './browser-harness.ts';

/**
 * The agent's case screen built for all-day use (issue 20), in Chromium at 1440x900 on the demo
 * data: the essentials (debtor, balance and the décompte summary, the call form, the timeline) are
 * on screen without scrolling; every shortcut does what the "?" overlay says; the timeline says
 * statuses, dates and amounts by label in French and in English; axe finds nothing serious.
 */
let journey: Journey;
let caseUrl = '';

beforeAll(async () => {
  journey = await startJourney();
  // A demo case with history: payments, notes, the placement.
  const [row] = await journey.t.orm.em
    .fork()
    .execute<{ id: string }[]>(
      `select c.id from collection_case c where c.status <> 'closed' and exists (select 1 from payment p where p.case_id = c.id) order by c.reference limit 1`,
    );
  caseUrl = `${journey.base}/cases/${row?.id}`;
});
afterAll(async () => journey?.close());

async function agentPage(): Promise<Page> {
  const page = await journey.newPage();
  await page.setViewport({ width: 1440, height: 900 });
  await signIn(page, journey.base, 'agent1@relance.test', 'demo');
  await page.goto(caseUrl, { waitUntil: 'networkidle0' });
  await page.waitForSelector('[data-testid="timeline-item"]');
  return page;
}

/** The element's box relative to the top of the window, as first shown (no scrolling). */
async function box(page: Page, selector: string): Promise<{ top: number; bottom: number; left: number }> {
  return await page.$eval(selector, (el) => {
    const rect = el.getBoundingClientRect();
    return { top: rect.top, bottom: rect.bottom, left: rect.left };
  });
}

/** Presses a key with the focus on the page itself (not in a field, where shortcuts are ignored). */
async function press(page: Page, key: string) {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press(key as Parameters<Page['keyboard']['press']>[0]);
}

async function closeDialog(page: Page) {
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.querySelector('[role="dialog"]') === null);
}

// Raw codes (snake_case, a provider's dotted event) and ISO dates never reach the timeline; nor, in
// French, a dot-decimal amount.
const RAW = [/\b[a-z]+_[a-z_]+\b/, /\b(letter|message|email)\.[a-z]+\b/, /\d{4}-\d{2}-\d{2}/];

async function timelineTexts(page: Page): Promise<string[]> {
  return await page.$$eval('[data-testid="timeline-item"]', (items) => items.map((item) => item.textContent ?? ''));
}

describe('the case screen, at 1440x900', () => {
  it('shows the essentials without scrolling: debtor, balance and décompte summary, the call form, the timeline beside them', async () => {
    const page = await agentPage();
    await page.waitForSelector('[data-testid="decompte-summary"]');
    for (const selector of ['[data-testid="case-debtor-name"]', '[data-testid="case-detail-balance"]', '[data-testid="decompte-summary"]', '[data-testid="call-submit"]', '[data-testid="work-panels"]', '[data-testid="timeline-item"]']) {
      const found = await box(page, selector);
      expect(found.bottom, selector).toBeLessThanOrEqual(900);
      expect(found.top, selector).toBeGreaterThanOrEqual(0);
    }
    // The timeline is beside the forms, not under them.
    const timeline = await box(page, '[data-testid="timeline"]');
    const form = await box(page, '[data-testid="call-submit"]');
    expect(timeline.left).toBeGreaterThan(form.left);
    expect(timeline.top).toBeLessThan(form.bottom);
    // The full décompte is one click away.
    await page.click('[data-testid="decompte-link"]');
    await page.waitForFunction(() => {
      const section = document.getElementById('decompte');
      return section !== null && section.getBoundingClientRect().top < window.innerHeight;
    });
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, '40-agent-case-screen');
    await page.close();
  });

  it('every shortcut does what the help overlay says', async () => {
    const page = await agentPage();
    await press(page, '?');
    await page.waitForSelector('[data-testid="shortcuts-help"]', { visible: true });
    const listed = await page.$$eval('[data-testid="shortcuts-help"] kbd', (keys) => keys.map((key) => key.textContent));
    expect(listed).toEqual(expect.arrayContaining(['c', 'p', 'e', 'm', 'r', 'd', 'a', 'n', '?']));
    await shot(page, '41-agent-shortcuts');
    await closeDialog(page);
    expect(page.url()).toBe(caseUrl);

    for (const [key, testId] of [
      ['p', 'promise-form'],
      ['m', 'payment-form'],
      ['e', 'plan-panel'],
      ['l', 'portal-link-generate'],
    ] as const) {
      await press(page, key);
      await page.waitForSelector(`[data-testid="${testId}"]`, { visible: true });
      await closeDialog(page);
    }
    await press(page, 'r');
    await page.waitForSelector('[data-testid="callback-form"]', { visible: true });
    await closeDialog(page);
    await press(page, 'a');
    await page.waitForSelector('[data-testid="case-actions-menu"]', { visible: true });
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('[data-testid="case-actions-menu"]'));
    await press(page, 'c');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('call-note');
    // Esc with nothing open goes back to the list.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => location.pathname === '/cases');

    // n takes the next case from the queue; d ends it (nothing logged: the outcome is asked).
    await press(page, 'n');
    await page.waitForSelector('[data-testid="queue-lease"]');
    await press(page, 'd');
    await page.waitForSelector('[data-testid="queue-outcome-dialog"] [data-testid="queue-outcome-no_answer"]', { visible: true });
    await page.close();
  });

  it('the timeline says statuses, dates and amounts by label, in French and in English', async () => {
    const page = await agentPage();
    const french = await timelineTexts(page);
    expect(french.length).toBeGreaterThan(1);
    for (const text of french) for (const pattern of [...RAW, /\b\d+\.\d{2}\b/]) expect(text, text).not.toMatch(pattern);
    expect(french.join(' ')).toMatch(/\d{2}\/\d{2}\/\d{4}/);
    await page.evaluate(() => {
      const en = [...document.querySelectorAll('[data-testid="language-toggle"] label')].find((label) => label.textContent === 'EN');
      (en as HTMLElement).click();
    });
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    const english = await timelineTexts(page);
    for (const text of english) for (const pattern of RAW) expect(text, text).not.toMatch(pattern);
    expect(english.join(' ')).toMatch(/Payment received on|Case placed/);
    expect(english.join(' ')).not.toMatch(/Paiement reçu|Dossier confié/);
    await shot(page, '42-agent-case-screen-en');
    await page.close();
  });

  it('axe finds no serious or critical problem on the case screen', async () => {
    const page = await agentPage();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
