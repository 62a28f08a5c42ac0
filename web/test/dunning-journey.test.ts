import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Journey, setValue, shot, signIn, signOut, startJourney } from './browser-harness.ts';

/**
 * The dunning screen in real Chromium (issue 6): a manager sees the default strategy on its timeline,
 * the counts per step and tomorrow's preview, runs the pass now and sees the result and the history,
 * edits a step with validation; an agent reads the same screen without the editing controls.
 */
let journey: Journey;
let base: string;
let newPage: () => Promise<Page>;

beforeAll(async () => {
  journey = await startJourney();
  base = journey.base;
  newPage = journey.newPage;
});
afterAll(async () => journey?.close());

async function waitForJobs(timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [row] = await journey.t.orm.em
      .fork()
      .execute<{ n: number }[]>(`select count(*)::int as n from graphile_worker.jobs where attempts < max_attempts and run_at <= now()`);
    if ((row?.n ?? 0) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe('dunning, in Chromium', () => {
  it('the manager sees the default strategy, runs the pass now, and edits a step', async () => {
    const page = await newPage();
    await signIn(page, base, 'manager@relance.test', 'demo');
    await page.waitForSelector('[data-testid="nav-dunning"]');
    await page.click('[data-testid="nav-dunning"]');
    await page.waitForSelector('[data-testid="dunning-timeline"]');
    expect(await page.$$('[data-testid="dunning-step"]')).toHaveLength(8);
    await page.waitForSelector('[data-testid="dunning-preview"] h3');
    await page.waitForFunction(() => !document.querySelector('[data-testid="dunning-preview"] [data-testid="loading"]'));
    await shot(page, '60-dunning-strategy-and-preview');

    // Keyboard: focus the button and press Enter.
    await page.focus('[data-testid="dunning-run-now"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="dunning-run-result"]');
    const result = await page.$eval('[data-testid="dunning-run-result"]', (el) => (el as HTMLElement).textContent);
    expect(result).toMatch(/envoi\(s\) programmé\(s\)/);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="dunning-runs"] tbody tr').length > 0);
    await shot(page, '61-dunning-run-done');

    // Edit the J+5 SMS: an empty delay is refused on the spot, J+6 is saved.
    const editButtons = await page.$$('[data-testid="dunning-step"] button');
    const smsEdit = editButtons[4]; // steps 0 and 1 have two buttons each (edit, remove): the third step's edit is the 5th
    expect(smsEdit).toBeDefined();
    await smsEdit?.click();
    await page.waitForSelector('[data-testid="step-form"]');
    await setValue(page, 'step-offset', '');
    await page.click('[data-testid="step-save"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="step-form"]')?.textContent?.includes('Un nombre entier de jours'));
    await shot(page, '62-dunning-step-validation');
    await setValue(page, 'step-offset', '6');
    await page.click('[data-testid="step-save"]');
    await page.waitForFunction(() => !document.querySelector('[data-testid="step-form"]'));
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="dunning-step"]')].some((el) => el.textContent?.includes('J+6')));
    await shot(page, '63-dunning-step-edited');

    // The case screen says where a case stands: the J+0 letter and e-mail decided by the run.
    const [decided] = await journey.t.orm.em.fork().execute<{ case_id: string }[]>(
      `select case_id from dunning_step_execution where day = 0 and status in ('pending', 'done') group by case_id having count(*) = 2 limit 1`,
    );
    expect(decided).toBeDefined();
    await page.goto(`${base}/cases/${decided?.case_id}`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="case-dunning"] [data-testid="case-dunning-step"]');
    const steps = await page.$$eval('[data-testid="case-dunning-step"]', (rows) => rows.map((row) => row.textContent ?? ''));
    expect(steps).toHaveLength(2);
    expect(steps.every((text) => text.startsWith('J+0'))).toBe(true);
    const card = await page.$('[data-testid="case-dunning"]');
    await card?.screenshot({ path: 'test-artifacts/screenshots/65-case-dunning-card.png' });
    await signOut(page);
    await page.close();
  });

  it('an agent reads the screen without editing controls', async () => {
    // The run queued letters: the worker (same process as the API here) renders them first.
    await waitForJobs(60_000);
    const page = await newPage();
    page.setDefaultTimeout(60_000);
    await signIn(page, base, 'agent1@relance.test', 'demo');
    await page.goto(`${base}/dunning`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="dunning-timeline"]').catch(async (error) => {
      await shot(page, '64-dunning-agent-failure');
      throw error;
    });
    expect(await page.$('[data-testid="dunning-run-now"]')).toBeNull();
    await page.waitForSelector('.recharts-bar-rectangle');
    expect(await page.$$('[data-testid="dunning-step"] button')).toHaveLength(0);
    await shot(page, '64-dunning-agent-read-only');
    await page.close();
  });
});
