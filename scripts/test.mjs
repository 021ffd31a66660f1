#!/usr/bin/env node
/**
 * Runs every test: type check, lint (Biome, whose layer overrides scripts/layers.mjs writes), the
 * import graph (no circle between modules or folders, every import as scripts/layers.mjs allows),
 * unit tests, and the end-to-end tests in headless Chromium
 * (which build the extension first). Ends with a "N passed, N failed" line.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { ensurePackages, TEST_TOOLS } from './chromium.mjs';

const extra = process.argv.slice(2);
try {
  ensurePackages(TEST_TOOLS);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

const npx = (args) => spawnSync('npx', args, { stdio: 'inherit' }).status ?? 1;

console.log('Type check (tsc --noEmit)…');
if (npx(['tsc', '--noEmit']) !== 0) {
  console.error('Type check failed.');
  process.exit(1);
}

console.log('Lint (biome lint)…');
if (npx(['biome', 'lint']) !== 0) {
  console.error('Lint failed: fix what biome reports above.');
  process.exit(1);
}

console.log('Import graph (no circle in src/, every import as the layers of scripts/layers.mjs allow)…');
if (spawnSync('node', ['scripts/import-graph.mjs'], { stdio: 'inherit' }).status !== 0) {
  console.error('Import graph: fix what it reports above (docs/architecture.md, How it is built).');
  process.exit(1);
}

mkdirSync('test-results', { recursive: true });
const report = 'test-results/vitest.json';
const status = npx(['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra]);
try {
  const result = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = result.numPendingTests + (result.numTodoTests ?? 0);
  console.log(`\ntests: ${result.numPassedTests} passed, ${result.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
} catch {
  console.error('No test report was written.');
}
process.exit(status);
