#!/usr/bin/env node
/**
 * The import graph of src/: every relative import (static, dynamic, type-only and re-exports),
 * read from the source text (no TypeScript API). Fails when the graph has a circle, and prints
 * each one. `--layers` also prints which folder imports which.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const root = 'src';
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) files.push(path);
  }
})(root);

function resolveImport(from, spec) {
  const base = join(dirname(from), spec.replace(/\?.*$/, ''));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]+)\1/g;
export const graph = new Map();
for (const file of files) {
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const edges = new Set();
  for (const [, , spec] of text.matchAll(pattern)) {
    const target = resolveImport(file, spec);
    if (target) edges.add(target);
  }
  graph.set(file, edges);
}

// Circles: Tarjan's strongly connected components; any component of more than one module (or
// a module importing itself) is a circle.
let index = 0;
const stack = [];
const info = new Map();
const circles = [];
function connect(node) {
  info.set(node, { index, low: index, onStack: true });
  index++;
  stack.push(node);
  for (const next of graph.get(node) ?? []) {
    if (!info.has(next)) {
      connect(next);
      info.get(node).low = Math.min(info.get(node).low, info.get(next).low);
    } else if (info.get(next).onStack) info.get(node).low = Math.min(info.get(node).low, info.get(next).index);
  }
  if (info.get(node).low === info.get(node).index) {
    const component = [];
    let member;
    do {
      member = stack.pop();
      info.get(member).onStack = false;
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || graph.get(node)?.has(node)) circles.push(component);
  }
}
for (const file of graph.keys()) if (!info.has(file)) connect(file);

const edgeCount = [...graph.values()].reduce((n, e) => n + e.size, 0);
if (process.argv.includes('--layers')) {
  const folderOf = (f) => relative(root, f).split('/')[0].replace(/\.tsx?$/, '');
  const folders = new Map();
  for (const [from, edges] of graph) {
    for (const to of edges) {
      if (folderOf(from) === folderOf(to)) continue;
      const key = folderOf(from);
      if (!folders.has(key)) folders.set(key, new Set());
      folders.get(key).add(folderOf(to));
    }
  }
  for (const [from, to] of [...folders].sort()) console.log(`${from} → ${[...to].sort().join(', ')}`);
}
if (circles.length > 0) {
  console.error(`import-graph: ${circles.length} import circle(s) in src/:`);
  for (const c of circles) console.error(`  ${c.join(' → ')}`);
  process.exit(1);
}
console.log(`import-graph: ${graph.size} modules, ${edgeCount} imports, no circle.`);
