import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Where infra/chromium.mjs unpacks the Chromium the npm registry ships (infra/bootstrap.mjs runs it when the machine has none). */
export const npmChromiumPath = resolve(import.meta.dirname, '..', '..', '..', '.tools', 'chromium', 'chromium');

/**
 * Where Chromium is (puppeteer-core downloads none), for everyone (report printer, browser tests):
 * PUPPETEER_EXECUTABLE_PATH, else the usual package paths (Debian's chromium, other distributions'
 * chromium-browser, Chrome), else the npm-provided one in `.tools/`.
 */
export function chromiumExecutablePath(env: NodeJS.ProcessEnv = process.env, exists: (path: string) => boolean = existsSync): string {
  const candidates = [
    env.PUPPETEER_EXECUTABLE_PATH,
    '/usr/bin/chromium',
    '/usr/lib/chromium/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    npmChromiumPath,
  ].filter((path): path is string => Boolean(path));
  const found = candidates.find((path) => exists(path));
  if (!found) {
    throw new Error(
      `Chromium not found: install it, set PUPPETEER_EXECUTABLE_PATH or run \`node infra/chromium.mjs\` (npm start/test do) (tried ${candidates.join(', ')})`,
    );
  }
  return found;
}
