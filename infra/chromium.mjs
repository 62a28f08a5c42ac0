#!/usr/bin/env node
// Chromium from the npm registry, for machines without a system one.
//
// Puppeteer-core downloads no browser, and downloads from anywhere but the package registries fail
// on the machines this project runs on. @sparticuz/chromium ships a headless Chromium (linux x64)
// inside the package, brotli-compressed: it is fetched into `.tools/` and unpacked once into
// `.tools/chromium/`, with a small launcher script (`.tools/chromium/chromium`) that points the
// binary at the libraries (NSS, expat) and fonts shipped beside it, so that it starts on a machine
// that has none of Chromium's dependencies.
//
// Used by infra/bootstrap.mjs (when no system Chromium is found and PUPPETEER_EXECUTABLE_PATH is
// unset) and, as `node infra/chromium.mjs`, by the test that proves the npm-provided browser works
// (it prints the launcher's path). server/src/plugins/chromium.ts resolves the path for everyone.
//
// Plain JavaScript on purpose: it runs before any TypeScript-capable Node exists.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync } from 'node:zlib';

export const NPM_CHROMIUM_PACKAGE = '@sparticuz/chromium';
export const NPM_CHROMIUM_VERSION = '153.0.0';

/** The same places server/src/plugins/chromium.ts looks at, before the npm-provided one. */
export const SYSTEM_CHROMIUM_PATHS = [
  '/usr/bin/chromium',
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

const defaultRoot = dirname(dirname(fileURLToPath(import.meta.url)));

/** The launcher of the npm-provided Chromium (exists once ensureNpmChromium has run). */
export function npmChromiumPath(root = defaultRoot) {
  return join(root, '.tools', 'chromium', 'chromium');
}

/** PUPPETEER_EXECUTABLE_PATH or a system Chromium, when there is one. */
export function systemChromium(env = process.env) {
  if (env.PUPPETEER_EXECUTABLE_PATH) return env.PUPPETEER_EXECUTABLE_PATH;
  return SYSTEM_CHROMIUM_PATHS.find((path) => existsSync(path)) ?? null;
}

function launcherScript() {
  return `#!/bin/sh
# Written by infra/chromium.mjs: the npm-provided headless Chromium with its own NSS and fonts.
dir=$(dirname "$0")
LD_LIBRARY_PATH="$dir/lib\${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" FONTCONFIG_FILE="$dir/fonts.conf" exec "$dir/headless-shell" "$@"
`;
}

function fontsConfig(dir) {
  return `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>/usr/share/fonts</dir>
  <dir>${join(dir, 'fonts')}</dir>
  <cachedir>${join(dir, 'fonts-cache')}</cachedir>
</fontconfig>
`;
}

function fetchPackage(toolsDir) {
  const status = spawnSync(
    'npm',
    ['install', '--prefix', toolsDir, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `${NPM_CHROMIUM_PACKAGE}@${NPM_CHROMIUM_VERSION}`],
    // npm's report goes to stderr: stdout is the launcher's path (what `node infra/chromium.mjs` prints).
    { stdio: ['ignore', 2, 'inherit'] },
  ).status;
  if (status !== 0) throw new Error(`could not fetch ${NPM_CHROMIUM_PACKAGE} from the npm registry`);
}

function untar(archive, into) {
  const result = spawnSync('tar', ['-xf', archive, '-C', into], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`could not unpack ${archive}`);
}

/**
 * Fetches and unpacks the npm-provided Chromium into `.tools/chromium/` unless it is there at this
 * version already; returns its launcher's path. Linux x64 only (what the package ships).
 */
export function ensureNpmChromium(root = defaultRoot, log = (message) => console.error(`[relance] ${message}`)) {
  const launcher = npmChromiumPath(root);
  const dir = dirname(launcher);
  const stamp = join(dir, 'version');
  if (existsSync(launcher) && existsSync(stamp) && readFileSync(stamp, 'utf8') === NPM_CHROMIUM_VERSION) return launcher;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`${NPM_CHROMIUM_PACKAGE} ships Chromium for linux x64 only: install Chromium or set PUPPETEER_EXECUTABLE_PATH`);
  }
  // A prefix of its own: `npm install --prefix .tools` would prune what the bootstrap put there
  // (Node and pnpm themselves, installed --no-save) and pull the Node binary from under the run.
  const toolsDir = join(root, '.tools', 'npm-chromium');
  mkdirSync(toolsDir, { recursive: true });
  const bin = join(toolsDir, 'node_modules', ...NPM_CHROMIUM_PACKAGE.split('/'), 'bin');
  const installed = join(toolsDir, 'node_modules', ...NPM_CHROMIUM_PACKAGE.split('/'), 'package.json');
  if (!existsSync(installed) || JSON.parse(readFileSync(installed, 'utf8')).version !== NPM_CHROMIUM_VERSION) {
    log(`fetching ${NPM_CHROMIUM_PACKAGE}@${NPM_CHROMIUM_VERSION} from the npm registry into .tools/npm-chromium/`);
    fetchPackage(toolsDir);
  }
  log('unpacking Chromium into .tools/chromium/');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'headless-shell'), brotliDecompressSync(readFileSync(join(bin, 'chromium.br'))));
  chmodSync(join(dir, 'headless-shell'), 0o755);
  for (const archive of ['al2023', 'fonts', 'swiftshader']) {
    const tar = join(dir, `${archive}.tar`);
    writeFileSync(tar, brotliDecompressSync(readFileSync(join(bin, `${archive}.tar.br`))));
    untar(tar, dir);
    rmSync(tar);
  }
  writeFileSync(join(dir, 'fonts.conf'), fontsConfig(dir));
  writeFileSync(launcher, launcherScript());
  chmodSync(launcher, 0o755);
  writeFileSync(stamp, NPM_CHROMIUM_VERSION);
  return launcher;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(ensureNpmChromium());
}
