import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs tool of the repository, without types
import { functionSizes } from '../../infra/tools/function-sizes.mjs';

type Size = { file: string; line: number; name: string; lines: number };

// docs/architecture.md, "Sizes": a function does one thing a reader can hold; the long ones are
// split along the phases their own comments name. Migrations keep their SQL in a constant.
describe('function sizes in server/src and web/src', () => {
  const sizes = functionSizes() as Size[];
  const where = (list: Size[]) => list.map((f) => `${f.lines} lines: ${f.file}:${f.line} ${f.name}`);

  it('has no function over 120 lines', () => {
    expect(where(sizes.filter((f) => f.lines > 120))).toEqual([]);
  });

  it('has at most 15 functions over 80 lines', () => {
    const long = sizes.filter((f) => f.lines > 80);
    expect(long.length, where(long).join('\n')).toBeLessThanOrEqual(15);
  });
});
