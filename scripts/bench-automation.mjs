#!/usr/bin/env node
/**
 * npm run bench:automation — what the Node package costs, printed (not a test):
 *
 * 1. chatLogin (its default: the server's answer is the evidence) against a hand-written
 *    page.evaluate that signs with jose and calls Kustomer.login directly, waiting for its
 *    callback: same page (the simulator's Kustomer page, headless Chromium),
 *    same run, interleaved pair by pair (the order alternating), each login after an untimed
 *    logout; the figure is the median of the pair ratios (target ≤ 1.1×).
 * 2. `chat-identity-lab sign` from a cold start (a new Node process each time), against
 *    `node -e 0` (Node's own start) as the baseline (target < 300 ms).
 *
 * Uses dist-node/ (built by scripts/build-node.mjs unless BENCH_NO_BUILD=1 and it exists).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { SignJWT } from 'jose';
import { chromium } from 'playwright-core';
import { startSimulator } from '../simulator/server.mjs';
import { median, spread, until } from './bench-kit.mjs';
import { CHROMIUM } from './chromium.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 15);
const root = resolve(import.meta.dirname, '..');
const cli = resolve(root, 'dist-node/cli.js');

if (!process.env.BENCH_NO_BUILD || !existsSync(cli)) {
  console.log('Building the Node package (scripts/build-node.mjs)…');
  if (spawnSync('node', ['scripts/build-node.mjs'], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);
}
const { chatLogin, chatLogout } = await import(resolve(root, 'dist-node/playwright.js'));

// 1. chatLogin against a hand-written login, on the same page.
const sim = await startSimulator({ latencyMs: 0 });
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
const page = await browser.newPage();
await page.goto(`${sim.url}/?bench=automation`);
await until(async () => (await page.locator('#sdk-state').textContent()) === 'ready', 'the chat');

const encoder = new TextEncoder();
/** What a test writes by hand: sign with jose, call the widget's login, wait for its callback. */
async function handWritten(externalId) {
  const token = await new SignJWT({ externalId }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuedAt().sign(encoder.encode(sim.secret));
  const ok = await page.evaluate(
    (jwtToken) => new Promise((done) => window.Kustomer.login({ jwtToken }, (_response, error) => done(!error))),
    token,
  );
  if (!ok) throw new Error('The hand-written login was refused');
}
async function withLab(externalId) {
  const result = await chatLogin(page, { vendor: 'kustomer', apiOrigins: sim.apiOrigins.kustomer, secret: sim.secret, externalId });
  if (!result.loggedIn) throw new Error(`chatLogin: ${result.message}`);
}
const logout = () => chatLogout(page, { vendor: 'kustomer' });
async function timed(login, externalId) {
  await logout();
  const started = performance.now();
  await login(externalId);
  return performance.now() - started;
}

// Warm-up: both paths once (page code, JIT, the simulator's first customers).
await timed(withLab, 'bench-warm-lab');
await timed(handWritten, 'bench-warm-hand');
const lab = [];
const hand = [];
const ratios = [];
for (let i = 0; i < RUNS; i++) {
  const id = `bench-${i}`;
  let a;
  let b;
  if (i % 2 === 0) {
    a = await timed(withLab, `${id}-lab`);
    b = await timed(handWritten, `${id}-hand`);
  } else {
    b = await timed(handWritten, `${id}-hand`);
    a = await timed(withLab, `${id}-lab`);
  }
  lab.push(a);
  hand.push(b);
  ratios.push(a / b);
}
await browser.close();
await sim.close();

// 2. sign from a cold start.
const env = { ...process.env, CHAT_IDENTITY_LAB_SECRET: 'bench-secret-not-a-real-one' };
function coldStart(args) {
  const times = [];
  for (let i = 0; i < COLD_RUNS + 1; i++) {
    const started = performance.now();
    const run = spawnSync('node', args, { env, encoding: 'utf8' });
    const took = performance.now() - started;
    if (run.status !== 0) throw new Error(`${args.join(' ')}: ${run.stderr}`);
    if (i > 0) times.push(took);
  }
  return times;
}
const sign = coldStart([cli, 'sign', '--vendor', 'kustomer', '--external-id', 'cust-bench']);
const nodeOnly = coldStart(['-e', '0']);

const ms = (xs) => `${median(xs).toFixed(1)} ms (p10–p90 ${spread(xs)})`;
console.log(`\nchatLogin vs hand-written page.evaluate (Kustomer, simulator, headless ${CHROMIUM}, ${RUNS} interleaved pairs)`);
console.log(`  chatLogin:     ${ms(lab)}`);
console.log(`  hand-written:  ${ms(hand)}`);
console.log(`  ratio (median of pair ratios): ${median(ratios).toFixed(2)}× (p10–p90 ${spread(ratios)}) — target ≤ 1.1×`);
console.log(`\nchat-identity-lab sign, cold start (${COLD_RUNS} runs, a new process each)`);
console.log(`  sign:          ${ms(sign)} — target < 300 ms`);
console.log(`  node -e 0:     ${ms(nodeOnly)} (Node's own start, the floor)`);
