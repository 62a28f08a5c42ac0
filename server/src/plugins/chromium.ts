import { existsSync } from 'node:fs';

/**
 * Where Chromium is (puppeteer-core downloads none): PUPPETEER_EXECUTABLE_PATH, else the usual
 * package paths (Debian's chromium, other distributions' chromium-browser, Chrome).
 */
export function chromiumExecutablePath(env: NodeJS.ProcessEnv = process.env): string {
  const candidates = [
    env.PUPPETEER_EXECUTABLE_PATH,
    '/usr/bin/chromium',
    '/usr/lib/chromium/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ].filter((path): path is string => Boolean(path));
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new Error(`Chromium not found: install it or set PUPPETEER_EXECUTABLE_PATH (tried ${candidates.join(', ')})`);
  return found;
}
