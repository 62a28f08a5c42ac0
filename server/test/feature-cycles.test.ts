import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Features depend on each other in one direction only (cases at the bottom, the features that work
// on a case above it): a feature-level import cycle means two features cannot be read, changed or
// tested apart. Every relative import between two folders of server/src/features counts, type-only
// ones included (a type is a dependency on the other feature's model too).

const FEATURES = resolve(dirname(fileURLToPath(import.meta.url)), '../src/features');
const IMPORT = /(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g;

/** For each feature folder: the other features it imports, each with one importing file as the example. */
function featureGraph(root: string): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  const features = readdirSync(root).filter((name) => statSync(join(root, name)).isDirectory());
  for (const feature of features) {
    const edges = new Map<string, string>();
    graph.set(feature, edges);
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.tsx?$/.test(entry.name) && !/\.(test|spec)\./.test(entry.name)) {
          for (const [, specifier] of readFileSync(path, 'utf8').matchAll(IMPORT)) {
            if (!specifier?.startsWith('.')) continue;
            const target = relative(root, resolve(dirname(path), specifier));
            const other = target.split(sep)[0] as string;
            if (target.startsWith('..') || other === feature || !features.includes(other)) continue;
            if (!edges.has(other)) edges.set(other, relative(root, path));
          }
        }
      }
    };
    walk(join(root, feature));
  }
  return graph;
}

/** Strongly connected components of more than one feature (Tarjan): each one is a cycle. */
function cycles(graph: Map<string, Map<string, string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const connect = (v: string) => {
    index.set(v, next);
    low.set(v, next);
    next += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) connect(v);
  return found;
}

describe('server/src/features', () => {
  it('has no import cycle between features', () => {
    const graph = featureGraph(FEATURES);
    expect(graph.size).toBeGreaterThan(10);
    // Each cycle with its edges and one importing file per edge, so the failure says what to move.
    const explained = cycles(graph).map((component) =>
      component.flatMap((from) =>
        [...(graph.get(from) ?? new Map<string, string>())]
          .filter(([to]) => component.includes(to))
          .map(([to, file]) => `${from} -> ${to} (${file})`),
      ),
    );
    expect(explained).toEqual([]);
  });
});
