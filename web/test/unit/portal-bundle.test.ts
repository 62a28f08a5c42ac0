import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { errorMessages } from '@relance/contracts/errors';
import { beforeAll, describe, expect, it } from 'vitest';
import { commonMessages, type Messages } from '../../src/shared/i18n.ts';

// The debtor portal is a separate Vite entry that must carry its own messages and common.* only:
// no staff screen's wording may reach a debtor's browser, and the page stays light on a phone.
// This reads the real build (web/dist, rebuilt first when a source is newer than it).

const webDir = fileURLToPath(new URL('../..', import.meta.url));
const srcDir = join(webDir, 'src');
const assetsDir = join(webDir, 'dist', 'assets');
const maxPortalGzipBytes = 100 * 1024;
/** Shorter texts ("Montant", "Date") are ordinary words that both apps may well contain. */
const minLength = 12;

function messageModules(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return messageModules(path);
    return entry === 'messages.ts' || entry.endsWith('-messages.ts') ? [path] : [];
  });
}

/** The JS chunks portal.html loads, with every chunk they import. */
function portalChunks(): string[] {
  const html = readFileSync(join(webDir, 'dist', 'portal.html'), 'utf8');
  const pending = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((match) => match[1] as string);
  const seen = new Set<string>();
  while (pending.length > 0) {
    const chunk = pending.pop() as string;
    if (seen.has(chunk)) continue;
    seen.add(chunk);
    const code = readFileSync(join(assetsDir, chunk), 'utf8');
    for (const match of code.matchAll(/(?:from|import)\s*\(?\s*["'`]\.\/([^"'`]+\.js)["'`]/g)) pending.push(match[1] as string);
  }
  return [...seen];
}

/** The longest run of a message that a minifier writes as is (no quotes, escapes or {params}). */
function literalPiece(text: string): string {
  const pieces = text.split(/\{\w+\}|["'`\\$\n\u00a0\u202f]/);
  return pieces.reduce((longest, piece) => (piece.trim().length > longest.length ? piece.trim() : longest), '');
}

const valuesOf = (messages: Messages) => Object.values(messages).flatMap((message) => [message.fr, message.en]);

describe('the debtor portal bundle', () => {
  let portalCode = '';
  let chunks: string[] = [];

  beforeAll(() => {
    // vitest runs with NODE_ENV=test, which would make Vite build React's development runtime.
    const env = { ...process.env, NODE_ENV: 'production' };
    execFileSync(process.execPath, [join(webDir, 'build-if-stale.mjs')], { cwd: webDir, env, stdio: 'pipe' });
    chunks = portalChunks();
    portalCode = chunks.map((chunk) => readFileSync(join(assetsDir, chunk), 'utf8')).join('\n');
  }, 120_000);

  it('carries no staff message, in French or in English', async () => {
    const portalModule = join(srcDir, 'features', 'portal', 'messages.ts');
    expect(existsSync(portalModule)).toBe(true);
    // The page's own texts: messages.ts and the modules of its sections (messages-<section>.ts).
    const portalDir = join(srcDir, 'features', 'portal');
    const portalModules = readdirSync(portalDir).filter((entry) => /^messages(-[\w-]+)?\.ts$/.test(entry));
    const own: string[] = [];
    for (const entry of portalModules) {
      for (const messages of Object.values((await import(join(portalDir, entry))) as Record<string, Messages>)) own.push(...valuesOf(messages));
    }
    const allowed = [...valuesOf(commonMessages), ...own];
    // Error texts come from @relance/contracts, which both apps import on purpose (errors by code).
    const shipped = [...allowed, ...Object.values(errorMessages).flatMap((message) => [message.fr, message.en])];

    const staffPieces = new Map<string, string>();
    for (const path of messageModules(srcDir)) {
      if (path === portalModule) continue;
      const module = (await import(path)) as Record<string, Messages>;
      for (const [name, messages] of Object.entries(module)) {
        for (const value of valuesOf(messages)) {
          const piece = literalPiece(value);
          if (piece.length >= minLength && !shipped.some((text) => text.includes(piece))) {
            staffPieces.set(piece, `${relative(srcDir, path)} ${name}`);
          }
        }
      }
    }
    expect(staffPieces.size).toBeGreaterThan(1000);
    const leaked = [...staffPieces].filter(([piece]) => portalCode.includes(piece)).map(([piece, from]) => `${from}: ${piece}`);
    expect(leaked).toEqual([]);
  });

  it("carries its own messages (the search above would see them)", async () => {
    const { portalMessages } = (await import('../../src/features/portal/messages.ts')) as { portalMessages: Messages };
    const pieces = [...valuesOf(portalMessages), ...valuesOf(commonMessages)].map(literalPiece).filter((piece) => piece.length >= minLength);
    expect(pieces.length).toBeGreaterThan(20);
    expect(pieces.filter((piece) => !portalCode.includes(piece))).toEqual([]);
  });

  it('stays under 100 KB of JavaScript, gzipped', () => {
    const gzipped = chunks.reduce((total, chunk) => total + gzipSync(readFileSync(join(assetsDir, chunk)), { level: 9 }).length, 0);
    expect(chunks.length).toBeGreaterThan(0);
    expect(gzipped).toBeLessThan(maxPortalGzipBytes);
  });
});
