#!/usr/bin/env node
/**
 * The demo: builds the extension, starts the Kustomer staging simulator and opens Chromium
 * with the extension loaded, an environment for the simulator already configured and the
 * staging page open. Without a display it prints what a tester needs to do it by hand.
 *
 *   npm run demo                 headed Chromium when a display exists
 *   npm run demo -- --check      headless: configure, log a customer in once, report, exit
 *   SIM_PORT=4100                the simulator's port
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { startSimulator } from '../simulator/server.mjs';
import { ensureChromium, launchExtension } from './chromium.mjs';

const check = process.argv.includes('--check');
const port = Number(process.env.SIM_PORT ?? 4100);
const dist = resolve('dist');
const profile = resolve('.demo-profile');
const ENV_NAME = 'Acme staging (simulator)';

console.log('Building the extension (vite build)…');
await build({ logLevel: 'warn' });

const sim = await startSimulator({ port, latencyMs: Number(process.env.SIM_LATENCY_MS ?? 0) });
const page = `${sim.url}/`;
const stop = async (code = 0) => {
  await sim.close();
  process.exit(code);
};
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

function printManualSteps(reason) {
  console.log(`
${reason}
The staging simulator is running. To try the extension by hand in Chrome or Chromium:

  1. Open chrome://extensions, turn on Developer mode, click "Load unpacked" and pick:
       ${dist}
  2. In the extension's Options, add an environment:
       Name:    ${ENV_NAME}
       Sites:   ${sim.url}
       Secret:  ${sim.secret}
  3. Open the staging page:  ${page}
  4. Click the Chat Identity Lab toolbar icon, type an External ID (say cust-1001), click "Log in".

Press Ctrl+C to stop the simulator.`);
}

const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
let executablePath;
try {
  executablePath = ensureChromium();
} catch (error) {
  if (check) {
    console.error(error.message);
    await stop(1);
  }
  printManualSteps(error.message);
}

if (executablePath && (hasDisplay || check)) {
  // --check uses a throwaway profile so it never touches the tester's demo profile.
  const profileDir = check ? mkdtempSync(join(tmpdir(), 'cil-demo-check-')) : profile;
  // Returns once the extension has settled (on a fresh profile, its first-run options page
  // has loaded), so the steps below never race it.
  const { context, worker, base, firstRun } = await launchExtension({ dist, profileDir, headless: check, gpu: !check, viewport: null });

  // Configure the simulator's environment through the options page, as a tester would.
  const options = firstRun ?? (await context.newPage());
  await options.goto(`${base}/src/options/index.html`);
  await options.getByRole('button', { name: 'Save', exact: true }).waitFor();
  if ((await options.getByRole('listitem', { name: ENV_NAME }).count()) === 0) {
    await options.getByRole('textbox', { name: 'Name', exact: true }).fill(ENV_NAME);
    await options.getByRole('textbox', { name: 'Sites' }).fill(`${sim.url}\n${sim.url.replace('127.0.0.1', 'localhost')}`);
    await options.getByLabel('Secret', { exact: true }).fill(sim.secret);
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await options.getByRole('listitem', { name: ENV_NAME }).waitFor();
  }
  for (const p of context.pages()) if (p !== options && p.url().startsWith(base)) await p.close();

  const site = await context.newPage();
  await site.goto(page);
  await site.bringToFront();

  if (check) {
    const tabs = await worker.evaluate(() => chrome.tabs.query({}));
    const tab = tabs.find((t) => t.url === page);
    const popup = await context.newPage();
    await popup.goto(`${base}/src/popup/index.html?tabId=${tab?.id}`);
    await popup.getByRole('textbox', { name: 'External ID' }).fill('cust-1001');
    await popup.getByRole('button', { name: 'Log in', exact: true }).click();
    const status = popup.getByRole('status');
    await status.filter({ hasText: /Logged in|error|No |not/ }).waitFor({ timeout: 20_000 });
    const text = (await status.locator('p').first().textContent()) ?? '';
    const shown = await site.locator('#chat-customer').textContent();
    console.log(`Popup: ${text}\nStaging page shows chat customer: ${shown}`);
    await context.close();
    rmSync(profileDir, { recursive: true, force: true });
    await stop(text.startsWith('Logged in') ? 0 : 1);
  } else {
    console.log(`
Chromium is open with Chat Identity Lab loaded and the environment "${ENV_NAME}" configured.
  Staging page: ${page}
  Click the extension's toolbar icon (puzzle piece → pin "Chat Identity Lab"), type an
  External ID or Email and click "Log in". Close Chromium or press Ctrl+C to stop.`);
    context.on('close', () => stop(0));
  }
} else if (executablePath) {
  printManualSteps('No display found (DISPLAY is not set), so no browser window was opened.');
}
