#!/usr/bin/env node
/**
 * The import graph of src/: every relative import (static, dynamic, type-only and re-exports),
 * read from the source text (no TypeScript API). Fails on a circle between modules or between
 * folders, on an import the one table of layers does not allow (scripts/layers.mjs, with the
 * entry points' listed debt), and when biome.json's layer overrides are not the table's.
 * `--layers` also prints which folder imports which.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { biomeWithLayers, DEBT, LAYERS, refusal } from './layers.mjs';

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

/**
 * Circles: Tarjan's strongly connected components of `nodes` and `edgesOf`; any component of more
 * than one node (or a node that reaches itself) is a circle.
 */
export function circlesOf(nodes, edgesOf) {
  let index = 0;
  const stack = [];
  const info = new Map();
  const circles = [];
  function connect(node) {
    info.set(node, { index, low: index, onStack: true });
    index++;
    stack.push(node);
    for (const next of edgesOf(node)) {
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
      if (component.length > 1 || edgesOf(node).has(node)) circles.push(component);
    }
  }
  for (const node of nodes) if (!info.has(node)) connect(node);
  return circles;
}

const circles = circlesOf(graph.keys(), (file) => graph.get(file) ?? new Set());

// The folders' graph: a folder imports another when any of its modules does.
const folderOf = (f) => relative(root, f).split('/')[0].replace(/\.tsx?$/, '');
const folders = new Map();
for (const [from, edges] of graph) {
  if (!folders.has(folderOf(from))) folders.set(folderOf(from), new Set());
  for (const to of edges) if (folderOf(from) !== folderOf(to) && relative(root, to).split('/')[0] !== '..') folders.get(folderOf(from)).add(folderOf(to));
}
const folderCircles = circlesOf(folders.keys(), (folder) => folders.get(folder) ?? new Set());

// Every import against the one table of layers (scripts/layers.mjs), and the entry points' debt.
const refusals = [];
const debtUsed = new Map(Object.keys(DEBT).map((file) => [file, new Set()]));
for (const [from, edges] of graph) {
  for (const to of edges) {
    const path = relative('.', to);
    const why = refusal(from, path);
    if (why) refusals.push(`${from} → ${path}: ${why}`);
    const strict = refusal(from, path, { debt: false });
    if (!why && strict && debtUsed.has(from)) debtUsed.get(from).add(DEBT[from].find((use) => !refusal(from, path, { debt: false, extra: [use] })));
  }
}
// A debt paid off leaves the list: an allowance nothing uses any more is an error.
const stale = [...debtUsed].flatMap(([file, used]) => (DEBT[file] ?? []).filter((use) => !used.has(use)).map((use) => `${file}: ${use}`));
// Every folder of src/ has its row: a new folder is placed in the table before it is used.
for (const folder of folders.keys()) if (!LAYERS.some((l) => l.folder === folder)) refusals.push(`src/${folder}/ is in no layer: add it to the table in scripts/layers.mjs`);
const biomeText = readFileSync('biome.json', 'utf8');
const biomeDrift = biomeWithLayers(biomeText) !== biomeText;

const edgeCount = [...graph.values()].reduce((n, e) => n + e.size, 0);
if (process.argv.includes('--layers')) {
  for (const [from, to] of [...folders].sort()) console.log(`${from} → ${[...to].sort().join(', ')}`);
}
let failed = false;
if (circles.length > 0) {
  console.error(`import-graph: ${circles.length} import circle(s) in src/:`);
  for (const c of circles) console.error(`  ${c.join(' → ')}`);
  failed = true;
}
if (folderCircles.length > 0) {
  console.error(`import-graph: ${folderCircles.length} circle(s) between folders of src/:`);
  for (const c of folderCircles) console.error(`  ${c.join(' → ')}`);
  failed = true;
}
if (refusals.length > 0) {
  console.error(`import-graph: ${refusals.length} import(s) the layers do not allow (scripts/layers.mjs):`);
  for (const r of refusals) console.error(`  ${r}`);
  failed = true;
}
if (stale.length > 0) {
  console.error('import-graph: debt paid off: remove these from DEBT in scripts/layers.mjs:');
  for (const s of stale) console.error(`  ${s}`);
  failed = true;
}
if (biomeDrift) {
  console.error("import-graph: biome.json's layer overrides differ from scripts/layers.mjs: run node scripts/layers.mjs --write");
  failed = true;
}
if (failed) process.exit(1);
console.log(`import-graph: ${graph.size} modules, ${edgeCount} imports, ${folders.size} folders, no circle, every import as the layers allow.`);
