import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { chromiumExecutablePath, npmChromiumPath } from '../../server/src/plugins/chromium.ts';

// Issue 21 §1: on a machine without Chromium, the bootstrap unpacks the one the npm registry ships
// into .tools/chromium/ (infra/chromium.mjs). This test proves that browser works even where
// Debian's is installed: it provides it (idempotent; `npm test` on CI has done it already), then
// launches that very binary with puppeteer-core, renders a page and prints a PDF.
const root = resolve(import.meta.dirname, '..', '..');

describe('the npm-provided Chromium', () => {
  it('is where chromiumExecutablePath looks last, after PUPPETEER_EXECUTABLE_PATH and the system paths', () => {
    expect(chromiumExecutablePath({}, (path) => path === npmChromiumPath)).toBe(npmChromiumPath);
    expect(chromiumExecutablePath({}, (path) => path === npmChromiumPath || path === '/usr/bin/chromium')).toBe('/usr/bin/chromium');
    expect(chromiumExecutablePath({ PUPPETEER_EXECUTABLE_PATH: '/opt/chrome' }, () => true)).toBe('/opt/chrome');
    expect(() => chromiumExecutablePath({}, () => false)).toThrow(/Chromium not found/);
  });

  it('is unpacked into .tools/ by infra/chromium.mjs, then renders a page and prints a PDF', async () => {
    const provided = spawnSync(process.execPath, [join(root, 'infra', 'chromium.mjs')], { cwd: root, encoding: 'utf8', timeout: 300_000 });
    expect(provided.status, provided.stderr).toBe(0);
    expect(provided.stdout.trim()).toBe(npmChromiumPath);

    const userDataDir = mkdtempSync(join(tmpdir(), 'relance-npm-chromium-'));
    const browser = await puppeteer.launch({
      executablePath: npmChromiumPath,
      headless: true,
      userDataDir,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'],
    });
    try {
      expect(await browser.version()).toMatch(/^HeadlessChrome\/\d+/);
      const page = await browser.newPage();
      await page.setContent('<main><h1>Décompte de créance</h1><p id="total">1 234,56 €</p></main>');
      expect(await page.$eval('#total', (element) => element.textContent)).toBe('1 234,56 €');
      // Text has glyphs: a font was found (the system's or the package's own).
      const width = await page.$eval('h1', (element) => element.getBoundingClientRect().width);
      expect(width).toBeGreaterThan(50);
      const pdf = Buffer.from(await page.pdf({ format: 'A4' }));
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.toString('latin1')).toMatch(/\/FontFile2|\/FontDescriptor/);
    } finally {
      await browser.close();
      rmSync(userDataDir, { recursive: true, force: true });
    }
  });
});
