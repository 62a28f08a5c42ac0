import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../server/src/db/seed.ts';
import { startWorker } from '../../server/src/worker/runner.ts';
import { createTestApp, type TestApp } from '../../server/test/harness.ts';

/**
 * An agent's day in real Chromium against the real server (issue 5): next case from the
 * queue with its reasons, a call with a promise to pay, a payment plan outside the creditor's
 * rules that goes to the manager, who approves it; the agent is notified.
 */
const screenshots = resolve(import.meta.dirname, '..', '..', 'test-artifacts', 'screenshots');
const distIndex = resolve(import.meta.dirname, '..', 'dist', 'index.html');

function chromiumPath(): string {
  const candidates = [
    process.env.PUPPETEER_EXECUTABLE_PATH,
    '/usr/bin/chromium',
    '/usr/lib/chromium/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`Chromium not found: install it or set PUPPETEER_EXECUTABLE_PATH (tried ${candidates.join(', ')})`);
  return found;
}

let t: TestApp;
let worker: Awaited<ReturnType<typeof startWorker>>;
let browser: Browser;
let base: string;
const timestamp = Date.now().toString(36);

beforeAll(async () => {
  if (!existsSync(distIndex)) throw new Error('web/dist is missing: `npm test` builds it first (pnpm --filter @relance/web build)');
  mkdirSync(screenshots, { recursive: true });
  // The journey runs on today's real date: the server's clock is the test clock set to now.
  t = await createTestApp({ listen: true });
  t.clock.set(new Date());
  base = t.config.publicUrl;
  await seedDemoData(t.orm, { clock: t.clock });
  worker = await startWorker({ databaseUrl: t.databaseUrl, concurrency: 2, secrets: t.secrets, clock: t.clock, orm: t.orm, config: t.config, quiet: true });
  browser = await puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    userDataDir: mkdtempSync(join(tmpdir(), 'relance-chromium-')),
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  await t?.close();
});

/** Each person gets a browser context of their own: separate cookies, like separate machines. */
async function newPage(): Promise<Page> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1366, height: 900 });
  page.setDefaultTimeout(15_000);
  return page;
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto(`${base}/login`, { waitUntil: 'networkidle0' });
  await page.type('[data-testid="login-email"]', email);
  await page.type('[data-testid="login-password"]', password);
  await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }).catch(() => undefined), page.click('[data-testid="login-submit"]')]);
}

async function signOut(page: Page) {
  await page.click('[data-testid="logout"]');
  await page.waitForSelector('[data-testid="login-email"]');
}

async function setValue(page: Page, testId: string, value: string) {
  const selector = `[data-testid="${testId}"]`;
  await page.waitForSelector(selector);
  await page.$eval(selector, (el) => {
    (el as HTMLInputElement).focus();
  });
  await page.click(selector, { count: 3 });
  await page.keyboard.press('Backspace');
  await page.type(selector, value);
}

/** Native date inputs take typed digits in the browser's locale order; set the value as React expects instead. */
async function setDate(page: Page, testId: string, isoDate: string) {
  await page.$eval(
    `[data-testid="${testId}"]`,
    (el, value) => {
      const input = el as HTMLInputElement;
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
      setter?.call(input, value);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
    isoDate,
  );
}

async function textOf(page: Page, testId: string): Promise<string> {
  await page.waitForSelector(`[data-testid="${testId}"]`);
  return await page.$eval(`[data-testid="${testId}"]`, (el) => (el as HTMLElement).innerText);
}

describe("an agent's day, in Chromium", () => {
  let planCaseUrl = '';

  it('the agent takes the next case, logs a call with a promise, and proposes a plan that needs approval', async () => {
    const page = await newPage();
    await signIn(page, 'agent1@relance.test', 'demo');
    await page.waitForSelector('[data-testid="queue-next"]');
    await page.click('[data-testid="queue-next"]');
    await page.waitForSelector('[data-testid="queue-lease"]');
    expect((await page.$$('[data-testid="queue-reason"]')).length).toBeGreaterThan(0);
    planCaseUrl = page.url();
    expect(planCaseUrl).toMatch(/\/cases\/[0-9a-f-]{36}/);
    await page.select('[data-testid="call-outcome"]', 'promise_to_pay');
    await page.type('[data-testid="call-note"]', 'Débiteur joint : règle 150 € sous trois jours, demande un échéancier pour le reste.');
    await page.click('[data-testid="call-submit"]');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="timeline-item"]')].some((item) => item.textContent?.includes('sous trois jours')),
    );
    await setValue(page, 'promise-amount', '150,00');
    const inThreeDays = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    await setDate(page, 'promise-date', inThreeDays);
    await page.click('[data-testid="promise-submit"]');
    await page.waitForSelector('[data-testid="promise-row"][data-status="pending"]');
    await setValue(page, 'plan-count', '36');
    await page.waitForSelector('[data-testid="plan-needs-approval"]');
    expect(await page.$$('[data-testid="plan-installment-row"]')).toHaveLength(36);
    expect(await page.$$('[data-testid="plan-violation"]')).not.toHaveLength(0);
    await shot(page, '10-agent-plan-needs-approval');
    await page.click('[data-testid="plan-submit"]');
    await page.waitForSelector('[data-testid="plan-row"][data-status="pending_approval"]');
    await page.close();
  });

  it('the manager approves it from the approval inbox, and the agent is notified', async () => {
    const manager = await newPage();
    await signIn(manager, 'manager@relance.test', 'demo');
    await manager.waitForSelector('[data-testid="nav-approvals"]');
    await manager.click('[data-testid="nav-approvals"]');
    await manager.waitForSelector('[data-testid="approval-row"]');
    await manager.type('[data-testid="approval-row"] [data-testid="approval-comment"]', 'Accord exceptionnel : débiteur de bonne foi.');
    await shot(manager, '11-manager-approvals');
    await manager.click('[data-testid="approval-row"] [data-testid="approval-approve"]');
    await manager.waitForFunction(() => document.querySelectorAll('[data-testid="approval-row"]').length === 0);
    await manager.close();

    const agent = await newPage();
    await signIn(agent, 'agent1@relance.test', 'demo');
    await agent.goto(planCaseUrl, { waitUntil: 'networkidle0' });
    await agent.waitForSelector('[data-testid="plan-row"][data-status="agreed_pending_acceptance"]');
    await agent.waitForSelector('[data-testid="notifications-bell"][data-unread="1"]');
    await shot(agent, '12-agent-plan-approved');
    await agent.close();
  });
});
