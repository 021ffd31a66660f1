#!/usr/bin/env node
/**
 * Builds the Node package into dist-node/ (`npm pack` runs this as prepack; the extension's
 * build is untouched): the ES modules with vite.node.config.ts, then the types of
 * chat-identity-lab/playwright with tsc. The emitted .d.ts files import each other without
 * extensions (the source's bundler resolution); Node's own resolution (module: nodenext) wants
 * `.js` on relative imports, so they get it here.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const run = (args) => {
  const result = spawnSync('npx', args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

run(['vite', 'build', '--config', 'vite.node.config.ts', '--logLevel', 'warn']);
run(['tsc', '-p', 'tsconfig.types.json']);

const types = join(root, 'dist-node', 'types');
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
console.log('dist-node: cli.js, playwright.js, types/node/playwright.d.ts');
