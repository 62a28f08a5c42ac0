// Builds web/dist only when a source is newer than the last build stamp, so `pnpm start`
// and `pnpm test` do not pay for a Vite build on every run.
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = dirname(fileURLToPath(import.meta.url));
const distDir = join(webDir, 'dist');
const stampFile = join(distDir, '.build-stamp');
const force = process.argv.includes('--force');

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

const sources = [
  join(webDir, 'src'),
  join(webDir, 'vite.config.ts'),
  join(webDir, 'package.json'),
  join(webDir, '..', 'packages', 'contracts', 'src'),
  join(webDir, '..', 'packages', 'domain', 'src'),
  ...readdirSync(webDir)
    .filter((name) => name.endsWith('.html'))
    .map((name) => join(webDir, name)),
];

const stampTime = existsSync(stampFile) ? statSync(stampFile).mtimeMs : 0;
const sourceTime = Math.max(...sources.map(newestMtime));

if (!force && stampTime > 0 && sourceTime <= stampTime) {
  console.log('web: build is up to date (dist/.build-stamp is newer than the sources)');
} else {
  const { build } = await import('vite');
  await build({ root: webDir, configFile: join(webDir, 'vite.config.ts'), logLevel: 'warn' });
  writeFileSync(stampFile, `${new Date().toISOString()}\n`);
  console.log('web: built to dist/');
}
