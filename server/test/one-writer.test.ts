import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * One writer per shared table (issue 14): the case timeline (activity) is written only by
 * features/cases/timeline.ts, a case's status columns only by features/cases/status.ts. Migrations
 * are history and are left out.
 */
const root = join(import.meta.dirname, '../src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'migrations' ? [] : sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const files = sources(root).map((path) => ({ path: relative(root, path), text: readFileSync(path, 'utf8') }));

describe('one writer per shared table', () => {
  it('no `insert into activity` outside features/cases/timeline.ts', () => {
    const offenders = files.filter((file) => file.path !== join('features', 'cases', 'timeline.ts') && /insert\s+into\s+activity\b/i.test(file.text));
    expect(offenders.map((file) => file.path)).toEqual([]);
  });

  it('no update of collection_case status, closed_outcome or closed_at outside features/cases/status.ts', () => {
    // The SET list of every `update collection_case`: up to its WHERE, FROM or RETURNING (or the statement's end).
    const writesStatus = (text: string) =>
      [...text.matchAll(/update\s+collection_case\b[^`]*?\bset\b([\s\S]*?)(?:\bwhere\b|\bfrom\b|\breturning\b|`|;)/gi)].some((match) =>
        /(?:^|[\s,.])(?:status|closed_outcome|closed_at)\s*=/i.test(match[1] ?? ''),
      );
    const offenders = files.filter((file) => file.path !== join('features', 'cases', 'status.ts') && writesStatus(file.text));
    expect(offenders.map((file) => file.path)).toEqual([]);
  });

  it('the guards see what they guard', () => {
    const status = files.find((file) => file.path === join('features', 'cases', 'status.ts'));
    const timeline = files.find((file) => file.path === join('features', 'cases', 'timeline.ts'));
    expect(/insert\s+into\s+activity\b/i.test(timeline?.text ?? '')).toBe(true);
    expect(/update\s+collection_case\s+set\s+status\s*=/i.test(status?.text ?? '')).toBe(true);
  });
});
