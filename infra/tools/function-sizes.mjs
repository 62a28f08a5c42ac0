#!/usr/bin/env node
// Lists functions (declarations, arrows, methods, React components) by length in lines, so the
// size rule of docs/architecture.md ("no function over 120 lines, at most 15 over 80 in
// server/src and web/src together") can be checked: `node infra/tools/function-sizes.mjs [--over N]`.
// Nested functions count inside their parent and on their own.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const root = new URL('../..', import.meta.url).pathname;
const roots = ['server/src', 'web/src'];

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) yield path;
  }
}

export function functionSizes() {
  const sizes = [];
  for (const base of roots) {
    for (const path of files(join(root, base))) {
      const text = readFileSync(path, 'utf8');
      const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
      const visit = (node) => {
        if (ts.isFunctionDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isMethodDeclaration(node)) {
          const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
          const end = source.getLineAndCharacterOfPosition(node.getEnd()).line + 1;
          let name = node.name?.getText(source);
          if (!name && ts.isVariableDeclaration(node.parent)) name = node.parent.name.getText(source);
          if (!name && ts.isPropertyAssignment(node.parent)) name = node.parent.name.getText(source);
          sizes.push({ file: relative(root, path), line: start, name: name ?? '(anonymous)', lines: end - start + 1 });
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
  }
  return sizes.sort((a, b) => b.lines - a.lines);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const overIndex = process.argv.indexOf('--over');
  const over = overIndex > 0 ? Number(process.argv[overIndex + 1]) : 80;
  const list = functionSizes().filter((f) => f.lines > over);
  for (const f of list) console.log(`${String(f.lines).padStart(4)}  ${f.file}:${f.line}  ${f.name}`);
  console.log(`${list.length} functions over ${over} lines`);
}
