import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { seedDemoData } from '../../server/src/db/seed.ts';
import { closeEmailTransports } from '../../server/src/features/messages/channels.ts';
import { type DemoSmtpServer, keepInDemoMailbox, startDemoSmtpServer } from '../../server/src/features/messages/demo-smtp.ts';
import { chromiumExecutablePath } from '../../server/src/plugins/chromium.ts';
import { startWorker } from '../../server/src/worker/runner.ts';
import { createTestApp, type TestApp } from '../../server/test/harness.ts';
import { journeyInstant } from './journey-instant.ts';

/**
 * What every browser journey needs: the real server (built web app, API, worker) on a database
 * of its own with the demo data, one headless Chromium, and helpers that act like a person
 * (each person in a browser context of their own). Screenshots go to test-artifacts/screenshots.
 */
const screenshots = resolve(import.meta.dirname, '..', '..', 'test-artifacts', 'screenshots');
const distIndex = resolve(import.meta.dirname, '..', 'dist', 'index.html');

export type Journey = {
  t: TestApp;
  /** The journey's "now" (see journeyInstant): dates typed by the tests are counted from it. */
  now: () => Date;
  mailbox: DemoSmtpServer;
  base: string;
  newPage: () => Promise<Page>;
  close: () => Promise<void>;
};

export async function startJourney(): Promise<Journey> {
  if (!existsSync(distIndex)) throw new Error('web/dist is missing: `npm test` builds it first (pnpm --filter @relance/web build)');
  mkdirSync(screenshots, { recursive: true });
  // Journeys run on today's real date when agents may work now, else on the next working morning:
  // the server's clock is the test clock set to it, and pages see it too (newPage).
  const t = await createTestApp({ listen: true });
  const realStart = Date.now();
  const start = journeyInstant(new Date(realStart));
  const offsetMs = start.getTime() - realStart;
  t.clock.set(start);
  await seedDemoData(t.orm, { clock: t.clock, config: t.config, secrets: t.secrets });
  // As `npm start` without SMTP_URL: the in-app SMTP server receives the e-mails and the Outbox shows them.
  const mailbox = await startDemoSmtpServer({ onMail: keepInDemoMailbox(t.orm) });
  (t.config as { smtpUrl?: string }).smtpUrl = mailbox.url;
  const worker = await startWorker({
    databaseUrl: t.databaseUrl,
    concurrency: 2,
    secrets: t.secrets,
    clock: t.clock,
    orm: t.orm,
    config: t.config,
    messagesSmtpUrl: mailbox.url,
    quiet: true,
  });
  const userDataDir = mkdtempSync(join(tmpdir(), 'relance-chromium-'));
  const browser: Browser = await puppeteer.launch({
    executablePath: chromiumExecutablePath(),
    headless: true,
    userDataDir,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  return {
    t,
    now: () => new Date(Date.now() + offsetMs),
    mailbox,
    base: t.config.publicUrl,
    /** Each person gets a browser context of their own: separate cookies, like separate machines. */
    newPage: async () => {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      if (offsetMs !== 0) {
        // The page's Date runs at the journey's instant (date pickers, "today", relative times).
        await page.evaluateOnNewDocument((offset: number) => {
          const RealDate = Date;
          class JourneyDate extends RealDate {
            constructor(...args: ConstructorParameters<typeof Date> | []) {
              if (args.length === 0) super(RealDate.now() + offset);
              else super(...(args as ConstructorParameters<typeof Date>));
            }
            static override now() {
              return RealDate.now() + offset;
            }
          }
          globalThis.Date = JourneyDate as DateConstructor;
        }, offsetMs);
      }
      await page.setViewport({ width: 1366, height: 900 });
      page.setDefaultTimeout(15_000);
      return page;
    },
    close: async () => {
      await browser.close();
      rmSync(userDataDir, { recursive: true, force: true });
      await worker.stop();
      closeEmailTransports();
      await mailbox.close();
      await t.close();
    },
  };
}

export async function shot(page: Page, name: string) {
  // A full-page capture resizes the viewport for an instant, and charts that measure their box
  // (recharts) are caught redrawing, blank. Grow the viewport to the page first, let the layout
  // settle, capture, then put it back.
  const viewport = page.viewport() ?? { width: 1366, height: 900 };
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  if (height > viewport.height) {
    await page.setViewport({ ...viewport, height });
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  await page.screenshot({ path: join(screenshots, `${name}.png`) });
  if (height > viewport.height) await page.setViewport(viewport);
}

/**
 * Clicks an element once it is visible and on screen: a button in a drawer that is still sliding in
 * (slower on a loaded machine) is outside the viewport, and puppeteer reports it "not clickable";
 * try again for up to 5 s. A button that never becomes clickable still fails the test.
 */
export async function clickWhenReady(page: Page, selector: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    await page.waitForSelector(selector, { visible: true });
    try {
      await page.click(selector);
      return;
    } catch (error) {
      if (attempt >= 20 || !String(error).includes('not clickable')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

export async function signIn(page: Page, base: string, email: string, password: string) {
  await page.goto(`${base}/login`, { waitUntil: 'networkidle0' });
  await page.type('[data-testid="login-email"]', email);
  await page.type('[data-testid="login-password"]', password);
  await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }).catch(() => undefined), page.click('[data-testid="login-submit"]')]);
}

export async function signOut(page: Page) {
  await page.click('[data-testid="logout"]');
  await page.waitForSelector('[data-testid="login-email"]');
}

/** Replaces what a text field holds, typing like a person. */
export async function setValue(page: Page, testId: string, value: string) {
  const selector = `[data-testid="${testId}"]`;
  await page.waitForSelector(selector);
  await page.click(selector, { count: 3 });
  await page.keyboard.press('Backspace');
  await page.type(selector, value);
}

/** Native date inputs take typed digits in the browser's locale order; set the value as React expects instead. */
export async function setDate(page: Page, testId: string, isoDate: string) {
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

export async function textOf(page: Page, testId: string): Promise<string> {
  await page.waitForSelector(`[data-testid="${testId}"]`);
  return await page.$eval(`[data-testid="${testId}"]`, (el) => (el as HTMLElement).textContent);
}

/** The debtor answers the page's check (a postcode or the case reference) and waits for their file. */
export async function verifyOnPortal(page: Page, answer: string) {
  await setValue(page, 'portal-verify-answer', answer);
  await page.click('[data-testid="portal-verify-submit"]');
  await page.waitForSelector('[data-testid="portal-amounts"]');
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serious and critical violations axe-core finds on the page as it is now (rule id and the elements). */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const found = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[]; html: string }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    // The element's own markup too: a generated id alone does not say which component it is.
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      targets: violation.nodes.map((node) => `${node.target.join(' ')} ${node.html.slice(0, 160)}`),
    }));
  });
  return found.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => `${violation.id}: ${violation.targets.join(', ')}`);
}
