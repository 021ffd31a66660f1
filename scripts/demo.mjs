#!/usr/bin/env node
/**
 * The demo: builds the extension, starts the staging simulator and opens Chromium with the
 * extension loaded, an environment for each of the simulator's chat vendors (Kustomer,
 * Zendesk Messaging, Intercom) already configured and the Kustomer staging page open.
 * Without a display it prints what a tester needs to do it by hand.
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
/** One environment per vendor page of the simulator, as a tester would enter them. */
const ENVIRONMENTS = [
  { name: ENV_NAME, vendor: 'Kustomer', sites: `${sim.url}\n${sim.url.replace('127.0.0.1', 'localhost')}`, apiOrigins: sim.apiOrigins.kustomer, secret: sim.secret, page, field: 'External ID', id: 'cust-1001', shows: '#chat-customer' },
  { name: 'Globex staging (Zendesk simulator)', vendor: 'Zendesk Messaging', sites: `${sim.url}/zendesk/*`, settings: [['Key ID', sim.zendesk.keyId]], apiOrigins: sim.apiOrigins.zendesk, secret: sim.zendesk.secret, page: `${sim.url}/zendesk/`, field: 'External ID', id: 'zd-1001', shows: '#chat-user' },
  { name: 'Initech staging (Intercom simulator)', vendor: 'Intercom', sites: `${sim.url}/intercom/*`, settings: [['App ID', sim.intercom.appId]], apiOrigins: sim.apiOrigins.intercom, secret: sim.intercom.secret, page: `${sim.url}/intercom/`, field: 'User ID', id: 'ic-1001', shows: '#chat-user' },
  // Intercom's user_hash app: a more specific site than the JWT app's, so its page takes this environment.
  { name: 'Initech legacy (Intercom user_hash simulator)', vendor: 'Intercom', sites: `${sim.url}/intercom/?verification=hash*`, settings: [['App ID', sim.intercom.hashAppId], ['Identity verification', 'user_hash (HMAC of the user_id or email)', 'select']], apiOrigins: sim.apiOrigins.intercom, secret: sim.intercom.hashSecret, page: `${sim.url}/intercom/?verification=hash`, field: 'User ID', id: 'ic-2001', shows: '#chat-user' },
  { name: 'Hooli staging (Chatwoot simulator)', vendor: 'Chatwoot', sites: `${sim.url}/chatwoot/*`, settings: [['Base URL', sim.chatwoot.baseUrl], ['Website token', sim.chatwoot.websiteToken]], apiOrigins: sim.apiOrigins.chatwoot, secret: sim.chatwoot.secret, page: `${sim.url}/chatwoot/`, field: 'Identifier', id: 'cw-1001', more: [['Email', 'cw-1001@example.test']], shows: '#chat-user' },
  { name: 'Aviato staging (Front Chat simulator)', vendor: 'Front Chat', sites: `${sim.url}/front/*`, settings: [['Chat ID', sim.front.chatId]], apiOrigins: sim.apiOrigins.front, secret: sim.front.secret, page: `${sim.url}/front/`, field: 'User ID', id: 'front-1001', shows: '#chat-user' },
  { name: 'Vandelay staging (Help Scout simulator)', vendor: 'Help Scout Beacon', sites: `${sim.url}/helpscout/*`, settings: [['Beacon ID', sim.helpscout.beaconId]], apiOrigins: sim.apiOrigins.helpscout, secret: sim.helpscout.secret, page: `${sim.url}/helpscout/`, field: 'Email', id: 'hs-1001@example.test', shows: '#chat-user' },
  { name: 'Pied Piper staging (Sunshine Conversations simulator)', vendor: 'Sunshine Conversations', sites: `${sim.url}/sunshine/*`, settings: [['App ID', sim.sunshine.appId], ['Key ID', sim.sunshine.keyId]], apiOrigins: sim.apiOrigins.sunshine, secret: sim.sunshine.secret, page: `${sim.url}/sunshine/`, field: 'External ID', id: 'sun-1001', shows: '#chat-user' },
];
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
  2. In the extension's Options, add an environment for each page you want to try:
${ENVIRONMENTS.map((e) => `       ${e.vendor}: Name "${e.name}", Chat vendor ${e.vendor}, Sites ${e.sites.split('\n')[0]}${(e.settings ?? []).map(([label, value]) => `, ${label} ${value}`).join('')}, API origin ${e.apiOrigins.join(' ')}, Secret ${e.secret}`).join('\n')}
  3. Open a staging page:  ${ENVIRONMENTS.map((e) => e.page).join('  ')}
  4. Click the Chat Identity Lab toolbar icon, type an ID (say cust-1001), click "Log in".

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

  // Configure the simulator's environments through the options page, as a tester would.
  const options = firstRun ?? (await context.newPage());
  await options.goto(`${base}/src/options/index.html`);
  await options.getByRole('button', { name: 'Save', exact: true }).waitFor();
  for (const env of ENVIRONMENTS) {
    if ((await options.getByRole('listitem', { name: env.name }).count()) > 0) continue;
    const form = options.getByRole('form', { name: 'Add environment' });
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill(env.name);
    await form.getByRole('combobox', { name: 'Chat vendor' }).selectOption({ label: env.vendor });
    for (const [label, value, kind] of env.settings ?? []) {
      // A setting with choices is a select: its value is the option's label.
      if (kind === 'select') await form.getByRole('combobox', { name: label, exact: true }).selectOption({ label: value });
      else await form.getByRole('textbox', { name: label, exact: true }).fill(value);
    }
    await form.getByRole('textbox', { name: 'Sites' }).fill(env.sites);
    // The simulator's vendors answer on ports of their own: the only answers that are their verdict.
    await form.getByRole('textbox', { name: 'API origin' }).fill(env.apiOrigins.join('\n'));
    await form.getByLabel('Secret', { exact: true }).fill(env.secret);
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await options.getByRole('listitem', { name: env.name }).waitFor();
  }
  for (const p of context.pages()) if (p !== options && p.url().startsWith(base)) await p.close();

  const site = await context.newPage();
  await site.goto(page);
  await site.bringToFront();

  if (check) {
    // One login on each vendor's page.
    let ok = true;
    for (const env of ENVIRONMENTS) {
      const tab = env.page === page ? site : await context.newPage();
      if (tab !== site) await tab.goto(env.page);
      const tabs = await worker.evaluate(() => chrome.tabs.query({}));
      const found = tabs.find((t) => t.url === env.page);
      const popup = await context.newPage();
      await popup.goto(`${base}/src/popup/index.html?tabId=${found?.id}`);
      await popup.getByRole('textbox', { name: env.field, exact: true }).fill(env.id);
      // Fields a widget needs besides the id (Chatwoot's setUser: an email or a name).
      for (const [label, value] of env.more ?? []) await popup.getByRole('textbox', { name: label, exact: true }).fill(value);
      await popup.getByRole('button', { name: 'Log in', exact: true }).click();
      const status = popup.getByRole('status');
      await status.filter({ hasText: /Logged in|error|No |not/ }).waitFor({ timeout: 20_000 });
      const text = (await status.locator('p').first().textContent()) ?? '';
      const shown = await tab.locator(env.shows).textContent();
      console.log(`${env.vendor} — popup: ${text}\n  staging page shows: ${shown}`);
      ok &&= text.startsWith('Logged in');
      await popup.close();
    }
    await context.close();
    rmSync(profileDir, { recursive: true, force: true });
    await stop(ok ? 0 : 1);
  } else {
    console.log(`
Chromium is open with Chat Identity Lab loaded and an environment configured for each page:
${ENVIRONMENTS.map((e) => `  ${e.vendor}: ${e.page}`).join('\n')}
  Click the extension's toolbar icon (puzzle piece → pin "Chat Identity Lab"), type an
  External ID or Email and click "Log in". Close Chromium or press Ctrl+C to stop.`);
    context.on('close', () => stop(0));
  }
} else if (executablePath) {
  printManualSteps('No display found (DISPLAY is not set), so no browser window was opened.');
}
