import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { features } from '../src/features.ts';

// server/src/features.ts is the one list app.ts, worker/runner.ts and db/orm.ts read: a feature
// folder missing from it would have its routes, jobs and entities silently left out.

const FEATURES = resolve(dirname(fileURLToPath(import.meta.url)), '../src/features');

describe('server/src/features.ts', () => {
  it('names every feature folder once, each by its own feature.ts', () => {
    const folders = readdirSync(FEATURES).filter((name) => statSync(join(FEATURES, name)).isDirectory());
    for (const folder of folders) expect(existsSync(join(FEATURES, folder, 'feature.ts')), `${folder}/feature.ts`).toBe(true);
    expect(features.map((feature) => feature.name).sort()).toEqual(folders.sort());
  });
});
