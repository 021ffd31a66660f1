#!/usr/bin/env node
/**
 * npm run bench:wire — what watching the wire (the vendor server's answer, through webRequest)
 * costs a login: click on "Log in" → outcome shown, Kustomer on the simulator, with the shipped
 * build against the same build without the webRequest permission (which watches nothing), in
 * two browsers side by side, runs interleaved. Prints the figures and writes them into
 * BENCHMARKS.md between its markers.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { startSimulator } from '../simulator/server.mjs';
import { median, pct, until } from './bench-kit.mjs';
import { launchExtension } from './chromium.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const dist = resolve('dist');
const baselineDist = resolve('dist-bench-nowire');


if (!process.env.BENCH_NO_BUILD || !existsSync(dist)) {
  console.log('Building (vite build)…');
  await build({ logLevel: 'warn' });
}
// The baseline: the same build, without the permission that lets it watch requests.
rmSync(baselineDist, { recursive: true, force: true });
cpSync(dist, baselineDist, { recursive: true });
const manifestPath = join(baselineDist, 'manifest.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
manifest.permissions = manifest.permissions.filter((p) => p !== 'webRequest');
writeFileSync(manifestPath, JSON.stringify(manifest));

const sim = await startSimulator({ latencyMs: 0 });

/** One browser with one extension build, a site tab and its popup, ready to log in. */
async function setUp(buildDir) {
  const profileDir = mkdtempSync(join(os.tmpdir(), 'cil-bench-wire-'));
  const { context, worker, base, firstRun } = await launchExtension({ dist: buildDir, profileDir });
  await firstRun?.close();
  await worker.evaluate(
    async (env) => {
      await chrome.storage.local.clear();
      await chrome.storage.local.set({ schemaVersion: 3, environments: [env] });
    },
    { id: 'bench-env', name: 'Acme staging', sites: [`${sim.url}/*`], apiOrigins: sim.apiOrigins.kustomer, secret: sim.secret },
  );
  const site = await context.newPage();
  await site.goto(`${sim.url}/?bench=wire`);
  await until(async () => (await site.locator('#sdk-state').textContent()) === 'ready', 'the chat');
  const tabId = (await worker.evaluate(() => chrome.tabs.query({}))).find((t) => t.url?.includes('bench=wire'))?.id;
  const popup = await context.newPage();
  await popup.goto(`${base}/src/popup/index.html?tabId=${tabId}`);
  await popup.locator('#app[data-loaded]').waitFor();
  await popup.getByRole('textbox', { name: 'External ID' }).fill('cust-vip');
  const status = popup.getByRole('status');
  /** One login: click → outcome settled, in ms on the popup's own clock. */
  const login = async () => {
    const before = await status.getAttribute('data-outcome');
    await popup.evaluate(() => {
      const region = document.querySelector('[role="status"]');
      const start = region.getAttribute('data-outcome');
      window.__benchDone = undefined;
      const observer = new MutationObserver(() => {
        if (region.getAttribute('data-outcome') !== start && !region.hasAttribute('aria-busy')) {
          window.__benchDone = performance.now();
          observer.disconnect();
        }
      });
      observer.observe(region, { attributes: true });
    });
    await popup.getByRole('button', { name: 'Log in', exact: true }).click();
    await until(async () => (await status.getAttribute('data-outcome')) !== before && (await status.getAttribute('aria-busy')) === null, 'the outcome');
    await until(() => popup.evaluate(() => window.__benchDone !== undefined), 'the observed outcome');
    return popup.evaluate(() => {
      const marks = performance.getEntriesByName('login-click');
      return window.__benchDone - marks[marks.length - 1].startTime;
    });
  };
  const outcome = () => status.textContent();
  return { context, profileDir, login, outcome };
}

const watched = await setUp(dist);
const unwatched = await setUp(baselineDist);
try {
  // One warm-up each, and the evidence each build reports.
  await watched.login();
  await unwatched.login();
  const watchedSays = await watched.outcome();
  const unwatchedSays = await unwatched.outcome();
  const a = [];
  const b = [];
  for (let i = 0; i < RUNS; i++) {
    a.push(await watched.login());
    b.push(await unwatched.login());
  }
  const diffs = a.map((t, i) => t - b[i]);
  const fmt = (xs) => `${median(xs).toFixed(1)} ms (p10–p90 ${pct(xs, 0.1).toFixed(1)}–${pct(xs, 0.9).toFixed(1)})`;
  const lines = [
    `Wire evidence (${RUNS} interleaved logins each, Kustomer on the simulator, click on "Log in" → outcome shown):`,
    `- watching the wire:      ${fmt(a)}`,
    `- without webRequest:     ${fmt(b)}`,
    `- difference, pair by pair: median ${median(diffs).toFixed(1)} ms (p10–p90 ${pct(diffs, 0.1).toFixed(1)}–${pct(diffs, 0.9).toFixed(1)}); budget ≤ 5 ms: ${median(diffs) <= 5 ? 'yes' : 'no'}`,
    `- what each says: "${watchedSays?.slice(0, 140)}…" / "${unwatchedSays?.slice(0, 140)}…"`,
  ];
  console.log(lines.join('\n'));
  const file = resolve('BENCHMARKS.md');
  const section = `<!-- bench:wire -->\n## Wire evidence\n\nWritten by \`npm run bench:wire\` on ${new Date().toISOString()}.\n\n${lines.join('\n')}\n<!-- /bench:wire -->`;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const next = current.includes('<!-- bench:wire -->')
    ? current.replace(/<!-- bench:wire -->[\s\S]*<!-- \/bench:wire -->/, section)
    : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
} finally {
  for (const side of [watched, unwatched]) {
    await side.context.close();
    rmSync(side.profileDir, { recursive: true, force: true });
  }
  rmSync(baselineDist, { recursive: true, force: true });
  await sim.close();
}
