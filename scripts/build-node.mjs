#!/usr/bin/env node
/**
 * Builds the Node package into dist-node/ (`npm pack` runs this as prepack; the
 * extension's build is untouched), so that CommonJS and ES module projects both load it:
 *
 *   dist-node/            ES modules: playwright.js, cli.js (the executable), chunks/
 *   dist-node/types/      the types of chat-identity-lab/playwright, for `import`
 *   dist-node/cjs/        CommonJS: playwright.js, chunks/, and the same types, for `require`;
 *                         its package.json says "commonjs", which is what makes Node and
 *                         TypeScript read the .js and .d.ts files in it as CommonJS
 *
 * The emitted .d.ts files import each other without extensions (the source's bundler
 * resolution); Node's own resolution (module: nodenext) wants `.js` on relative imports, so
 * they get it here. The same files serve both folders: only the folder's package.json differs.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const run = (args) => {
  const result = spawnSync('npx', args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

// The ES build empties dist-node/ first; the CommonJS one then adds dist-node/cjs/.
run(['vite', 'build', '--config', 'vite.node.config.ts', '--logLevel', 'warn']);
run(['vite', 'build', '--config', 'vite.node.config.ts', '--mode', 'cjs', '--logLevel', 'warn']);
run(['tsc', '-p', 'tsconfig.types.json']);

const dist = join(root, 'dist-node');
const types = join(dist, 'types');
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.d.ts')) {
      const text = readFileSync(path, 'utf8').replace(/(from\s+|import\()(['"])(\.{1,2}\/[^'"]+)\2/g, (whole, head, quote, spec) => {
        if (/\.(js|json)$/.test(spec)) return whole;
        const base = join(dirname(path), spec);
        const target = existsSync(`${base}.d.ts`) ? `${spec}.js` : existsSync(join(base, 'index.d.ts')) ? `${spec}/index.js` : spec;
        return `${head}${quote}${target}${quote}`;
      });
      writeFileSync(path, text);
    }
  }
}
walk(types);

// tsc declares every module the entry reaches, types or not; the package ships only the
// declarations chat-identity-lab/playwright's own types import.
const entry = join(types, 'node', 'playwright.d.ts');
const needed = new Set();
(function follow(path) {
  if (needed.has(path) || !existsSync(path)) return;
  needed.add(path);
  for (const [, spec] of readFileSync(path, 'utf8').matchAll(/(?:from\s+|import\()['"](\.{1,2}\/[^'"]+)\.js['"]/g)) {
    follow(join(dirname(path), `${spec}.d.ts`));
  }
})(entry);
(function prune(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      prune(path);
      if (readdirSync(path).length === 0) rmSync(path, { recursive: true });
    } else if (!needed.has(path)) rmSync(path);
  }
})(types);
cpSync(types, join(dist, 'cjs', 'types'), { recursive: true });
writeFileSync(join(dist, 'cjs', 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
console.log('dist-node: cli.js, playwright.js (ESM), cjs/playwright.js (CommonJS), types for each');
