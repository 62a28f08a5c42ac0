import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickWhenReady, type Journey, setDate, setValue, shot, signIn, startJourney } from './browser-harness.ts';

/**
 * An agent's day in real Chromium against the real server (issue 5): next case from the
 * queue with its reasons, a call with a promise to pay, a payment plan outside the creditor's
 * rules that goes to the manager, who approves it; the agent is notified.
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

/** The demo debtor the queue served may have only an e-mail: a call needs a phone, as an agent would have noted it. */
async function givePhone(page: Page) {
  await journey.t.orm.em
    .fork()
    .execute(`insert into debtor_phone (debtor_id, phone) select debtor_id, '+33612345678' from collection_case where id = ? on conflict do nothing`, [
      page.url().split('/').at(-1),
    ]);
  await page.reload({ waitUntil: 'networkidle0' });
  await page.waitForSelector('[data-testid="queue-lease"]');
}

describe("an agent's day, in Chromium", () => {
  let planCaseUrl = '';

  it('the agent takes the next case, logs a call with a promise, and proposes a plan that needs approval', async () => {
    const page = await newPage();
    await signIn(page, base, 'agent1@relance.test', 'demo');
    await page.waitForSelector('[data-testid="queue-next"]');
    await page.click('[data-testid="queue-next"]');
    await page.waitForSelector('[data-testid="queue-lease"]');
    expect((await page.$$('[data-testid="queue-reason"]')).length).toBeGreaterThan(0);
    planCaseUrl = page.url();
    expect(planCaseUrl).toMatch(/\/cases\/[0-9a-f-]{36}/);
    await givePhone(page);
    await page.select('[data-testid="call-outcome"]', 'promise_to_pay');
    await page.type('[data-testid="call-note"]', 'Débiteur joint : règle 150 € sous trois jours, demande un échéancier pour le reste.');
    await page.click('[data-testid="call-submit"]');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="timeline-item"]')].some((item) => item.textContent?.includes('sous trois jours')),
    );
    // The promise and the plan open in the case screen's side panel (issue 20).
    await page.click('[data-testid="open-promise"]');
    await page.waitForSelector('[data-testid="promise-form"]', { visible: true });
    await setValue(page, 'promise-amount', '150,00');
    const inThreeDays = new Date(journey.now().getTime() + 3 * 86_400_000).toISOString().slice(0, 10);
    await setDate(page, 'promise-date', inThreeDays);
    await clickWhenReady(page, '[data-testid="promise-submit"]');
    await page.waitForSelector('[data-testid="promise-row"][data-status="pending"]');
    await page.keyboard.press('Escape');
    // Closed once the side panel (its overlay included) has left the page.
    await page.waitForFunction(() => document.querySelector('[role="dialog"]') === null);
    expect(page.url()).toBe(planCaseUrl);
    await page.click('[data-testid="open-plan"]');
    await page.waitForSelector('[data-testid="plan-panel"]', { visible: true });
    await setValue(page, 'plan-count', '36');
    await page.waitForSelector('[data-testid="plan-needs-approval"]');
    expect(await page.$$('[data-testid="plan-installment-row"]')).toHaveLength(36);
    expect(await page.$$('[data-testid="plan-violation"]')).not.toHaveLength(0);
    await shot(page, '10-agent-plan-needs-approval');
    await clickWhenReady(page, '[data-testid="plan-submit"]');
    await page.waitForSelector('[data-testid="plan-row"][data-status="pending_approval"]');
    await page.close();
  });

  it('"Terminé, dossier suivant" with nothing logged asks what happened; the keyboard answers', async () => {
    const page = await newPage();
    await signIn(page, base, 'agent1@relance.test', 'demo');
    await page.waitForSelector('[data-testid="queue-next"]');
    await page.click('[data-testid="queue-next"]');
    await page.waitForSelector('[data-testid="queue-lease"]');
    const first = page.url();
    await givePhone(page);
    await page.click('[data-testid="queue-done"]');
    await page.waitForSelector('[data-testid="queue-outcome-dialog"] [data-testid="queue-outcome-no_answer"]', { visible: true });
    await shot(page, '14-agent-done-asks-outcome');
    // The first choice has the focus: Space picks it, then the submit button with Enter.
    await page.keyboard.press('Space');
    await page.focus('[data-testid="queue-outcome-submit"]');
    await page.keyboard.press('Enter');
    await page.waitForFunction((previous) => location.href !== previous, {}, first);
    await page.waitForSelector('[data-testid="queue-lease"]');
    await page.close();
  });

  it('the manager approves it from the approval inbox, and the agent is notified', async () => {
    const manager = await newPage();
    await signIn(manager, base, 'manager@relance.test', 'demo');
    await manager.waitForSelector('[data-testid="nav-approvals"]');
    await manager.click('[data-testid="nav-approvals"]');
    await manager.waitForSelector('[data-testid="approval-row"]');
    await manager.type('[data-testid="approval-row"] [data-testid="approval-comment"]', 'Accord exceptionnel : débiteur de bonne foi.');
    await shot(manager, '11-manager-approvals');
    await manager.click('[data-testid="approval-row"] [data-testid="approval-approve"]');
    await manager.waitForFunction(() => document.querySelectorAll('[data-testid="approval-row"]').length === 0);
    // The team board and the queue health: every open demo case is in a band, per creditor too.
    await manager.goto(`${base}/team`, { waitUntil: 'networkidle0' });
    await manager.waitForSelector('[data-testid="queue-health-row"]');
    const healthRows = await manager.$$eval('[data-testid="queue-health-row"]', (rows) => rows.length);
    expect(healthRows).toBe(3);
    // The bars are drawn once the chart has measured its box.
    await manager.waitForSelector('[data-testid="queue-health"] .recharts-bar-rectangle path');
    await shot(manager, '13-manager-team-and-queue-health');
    await manager.close();

    const agent = await newPage();
    await signIn(agent, base, 'agent1@relance.test', 'demo');
    await agent.goto(planCaseUrl, { waitUntil: 'networkidle0' });
    await agent.waitForSelector('[data-testid="open-plan"]');
    await agent.click('[data-testid="open-plan"]');
    await agent.waitForSelector('[data-testid="plan-row"][data-status="agreed_pending_acceptance"]');
    await agent.waitForSelector('[data-testid="notifications-bell"][data-unread="1"]');
    await shot(agent, '12-agent-plan-approved');
    await agent.close();
  });
});
