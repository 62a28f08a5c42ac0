import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { MonthlyReportPageData } from '@relance/contracts/reports';
import puppeteer, { type Browser, type HTTPRequest } from 'puppeteer-core';
import { chromiumExecutablePath } from '../../plugins/chromium.ts';

// Printing the monthly report (issue 19): the web app's own report page (web/report.html, its
// KPI components) printed to PDF by one headless Chromium per process, launched on the first
// report and reused (a new page per report, closed after; launched again if it crashed or
// disconnected; closed on shutdown). The page is served from web/dist through request
// interception on a fake origin: no HTTP server, no session; every other request is refused.

const ORIGIN = 'https://report.invalid';
const PAGE_TIMEOUT_MS = 30_000;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.json': 'application/json',
};

/** How many browsers this process launched (tests check the reuse). */
export const printerStats = { launches: 0 };

let current: Promise<Browser> | null = null;

function launch(): Promise<Browser> {
  printerStats.launches += 1;
  const launching = puppeteer.launch({
    executablePath: chromiumExecutablePath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--font-render-hinting=none'],
  });
  current = launching;
  launching.then(
    (browser) => browser.on('disconnected', () => {
      if (current === launching) current = null;
    }),
    () => {
      if (current === launching) current = null;
    },
  );
  return launching;
}

/** The process's browser: the running one, or a new one if there is none or it died. */
async function browser(): Promise<Browser> {
  const running = current ? await current.catch(() => null) : null;
  if (running?.connected) return running;
  return await launch();
}

/** The running browser's process id, or null (tests kill it to check the relaunch). */
export async function reportBrowserPid(): Promise<number | null> {
  const running = current ? await current.catch(() => null) : null;
  return running?.process()?.pid ?? null;
}

/** Closes the process's browser (worker shutdown, tests). */
export async function closeReportPrinter(): Promise<void> {
  const running = current;
  current = null;
  const open = running ? await running.catch(() => null) : null;
  await open?.close().catch(() => {});
}

/** A file of web/dist for the page, or null (outside dist, unknown, missing). */
async function distFile(distDir: string, url: string): Promise<{ body: Buffer; contentType: string } | null> {
  if (!url.startsWith(`${ORIGIN}/`)) return null;
  const pathname = decodeURIComponent(new URL(url).pathname);
  const root = resolve(distDir);
  const path = resolve(root, `.${pathname}`);
  const contentType = contentTypes[extname(path)];
  if (!path.startsWith(`${root}${sep}`) || !contentType) return null;
  try {
    return { body: await readFile(path), contentType };
  } catch {
    return null;
  }
}

async function answer(request: HTTPRequest, distDir: string): Promise<void> {
  if (request.url().startsWith('data:')) return await request.continue();
  const file = request.method() === 'GET' ? await distFile(distDir, request.url()) : null;
  if (!file) return await request.abort('blockedbyclient');
  await request.respond({ status: 200, contentType: file.contentType, body: file.body });
}

const footer =
  '<div style="width:100%;font-size:8px;color:#666;text-align:center;font-family:sans-serif">Page <span class="pageNumber"></span> / <span class="totalPages"></span></div>';

/** The report's PDF: A4, backgrounds printed, "Page X / Y" at the foot of each page. */
export async function printMonthlyReport(distDir: string, data: MonthlyReportPageData): Promise<Buffer> {
  const page = await (await browser()).newPage();
  try {
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      answer(request, distDir).catch(() => {});
    });
    await page.evaluateOnNewDocument((injected) => {
      (window as unknown as { __RELANCE_REPORT__: unknown }).__RELANCE_REPORT__ = injected;
    }, data);
    await page.goto(`${ORIGIN}/report.html`, { waitUntil: 'load', timeout: PAGE_TIMEOUT_MS });
    await page.waitForSelector('body[data-ready="1"]', { timeout: PAGE_TIMEOUT_MS });
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: footer,
      margin: { top: '14mm', bottom: '16mm', left: '12mm', right: '12mm' },
      timeout: PAGE_TIMEOUT_MS,
    });
    return Buffer.from(pdf);
  } finally {
    await page.close().catch(() => {});
  }
}
