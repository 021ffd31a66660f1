#!/usr/bin/env node
/**
 * npm run package: builds Chrome and Firefox from the same source and writes upload-ready
 * zips to packages/: chat-identity-lab-chrome-VERSION.zip (Chrome Web Store) and
 * chat-identity-lab-firefox-VERSION.zip (addons.mozilla.org). Only what the extension loads
 * goes in: no source maps (unless SOURCEMAP=1), no tests, no build leftovers.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { zipSync } from 'fflate';
import { build } from 'vite';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const keepMaps = process.env.SOURCEMAP === '1';

/** Files the build writes that nothing loads: crxjs's intermediate chunks of the IIFE scripts. */
const leftover = (path) => /^assets\/[^/]*\.iife\.ts-[^/]*\.js$/.test(path) || path.startsWith('.vite/');

function filesUnder(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full));
    else out.push(full);
  }
  return out;
}

export function packageDir(dir) {
  const entries = {};
  for (const file of filesUnder(dir).sort()) {
    const path = relative(dir, file).split('\\').join('/');
    if (leftover(path) || (!keepMaps && path.endsWith('.map'))) continue;
    // A fixed date keeps the zip identical for identical builds.
    entries[path] = [readFileSync(file), { mtime: new Date('2020-01-01T00:00:00Z') }];
  }
  return { zip: zipSync(entries, { level: 9 }), files: Object.keys(entries) };
}

export async function packageAll() {
  mkdirSync('packages', { recursive: true });
  for (const [browser, mode, outDir] of [
    ['chrome', 'production', 'dist'],
    ['firefox', 'firefox', 'dist-firefox'],
  ]) {
    await build({ mode, logLevel: 'warn' });
    const { zip, files } = packageDir(outDir);
    const target = `packages/chat-identity-lab-${browser}-${pkg.version}.zip`;
    writeFileSync(target, zip);
    console.log(`${target}: ${files.length} files, ${(zip.length / 1024).toFixed(1)} KB`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await packageAll();
