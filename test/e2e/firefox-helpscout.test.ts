/**
 * Firefox ESR, one refused case of the HMAC kind: Help Scout's Beacon with a wrong secure-mode
 * key. The Firefox build signs the email, the simulated Beacon API (on the vendors' origin)
 * answers 401, and the popup names that 401 and never calls it a login.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { build } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSimulator } from '../../simulator/server.mjs';
import { GECKO } from '../../src/platform/browsers';
import { until } from './harness';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const DIST_FIREFOX = resolve(import.meta.dirname, '../../dist-firefox');
// A fixed internal UUID, so the test knows the moz-extension:// address of our pages.
const UUID = '7b2e1d3f-4c5a-4b6c-9d0e-1f2a3b4c5d6e';
const base = `moz-extension://${UUID}`;

let browser: Browser;
let firstRun: Page | undefined;
let sim: Awaited<ReturnType<typeof startSimulator>>;

beforeAll(async () => {
  if (!existsSync(FIREFOX)) throw new Error(`${FIREFOX} is missing: apt-get install firefox-esr (the README's test command installs it).`);
  await build({ mode: 'firefox', logLevel: 'warn' });
  sim = await startSimulator();
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    // Firefox 153+ lets WebDriver open moz-extension:// pages only with system access allowed.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO.id]: UUID }) },
  });
  await browser.installExtension(DIST_FIREFOX);
  // The options page the extension opens on first install: used once loaded, so nothing navigates under the test.
  const url = `${base}/src/options/index.html`;
  await until(async () => {
    for (const page of await browser.pages()) {
      const ready = await page
        .evaluate(() => location.href + (document.readyState === 'complete' && [...document.querySelectorAll('button')].some((b) => b.textContent?.trim() === 'Save') ? ' rendered' : ''))
        .catch(() => '');
      if (ready === `${url} rendered`) firstRun = page;
    }
    return firstRun !== undefined;
  }, 'the first-run options page to load', 60_000);
});

afterAll(async () => {
  await browser?.close();
  await sim?.close();
});

/** Sets the control a visible label names, as a tester would (Puppeteer's ARIA queries do not reach extension pages over BiDi). */
async function fill(page: Page, label: string, value: string): Promise<void> {
  const done = await page.evaluate(
    (name, text) => {
      const labelEl = [...document.querySelectorAll('label')].find((l) => l.textContent?.trim() === name);
      const control = labelEl?.htmlFor ? (document.getElementById(labelEl.htmlFor) as HTMLInputElement | HTMLSelectElement | null) : null;
      if (!control) return false;
      control.focus();
      control.value = text;
      control.dispatchEvent(new Event(control instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
      return true;
    },
    label,
    value,
  );
  if (!done) throw new Error(`No control labelled "${label}"`);
}

async function press(page: Page, name: string): Promise<void> {
  const done = await page.evaluate((n) => {
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === n && !b.disabled);
    button?.click();
    return Boolean(button);
  }, name);
  if (!done) throw new Error(`No enabled button "${name}"`);
}

const text = (page: Page, selector: string) => page.$eval(selector, (el) => el.textContent ?? '');

async function openExtensionPage(path: string): Promise<Page> {
  const page = await browser.newPage();
  const url = `${base}/${path}`;
  page.goto(url, { timeout: 60_000 }).catch(() => undefined);
  await until(async () => (await page.evaluate(() => location.href + document.readyState)) === `${url}complete`, `${path} to load`, 45_000);
  return page;
}

it("the Firefox build never calls a refused Beacon signature a login: it names Help Scout's HTTP 401", async () => {
  const options = firstRun ?? (await openExtensionPage('src/options/index.html'));
  await fill(options, 'Name', 'Beacon wrong key');
  await fill(options, 'Chat vendor', 'helpscout');
  await until(async () => (await options.evaluate(() => [...document.querySelectorAll('label')].some((l) => l.textContent?.trim() === 'Beacon ID'))) === true, "the Beacon's settings", 30_000);
  await fill(options, 'Beacon ID', sim.helpscout.beaconId);
  await fill(options, 'Sites', `${sim.url}/helpscout/*`);
  await fill(options, 'API origin', sim.apiOrigins.helpscout.join('\n'));
  await fill(options, 'Secret', 'not-this-beacons-key');
  await press(options, 'Save');
  await until(async () => (await text(options, '[role="status"]')).includes('Saved "Beacon wrong key"'), 'the save', 30_000);

  const site = await browser.newPage();
  await site.goto(`${sim.url}/helpscout/?firefox=refused`);
  await until(async () => (await text(site, '#widget-state')) === 'ready', 'the Beacon', 30_000);
  // The popup page the toolbar button opens on that tab (each vendor has its own).
  const { tabId, popup: popupUrl } = await options.evaluate(async () => {
    const api = (globalThis as unknown as { browser: typeof chrome }).browser;
    const tab = (await api.tabs.query({})).find((t) => t.url?.includes('firefox=refused'));
    return { tabId: tab?.id, popup: tab?.id === undefined ? '' : await api.action.getPopup({ tabId: tab.id }) };
  });
  expect(tabId).toBeDefined();
  const popup = await openExtensionPage(`${new URL(popupUrl || `${base}/src/popup/index.html`).pathname.slice(1)}?tabId=${tabId}`);
  await until(async () => (await text(popup, '.target')).includes('Beacon wrong key'), 'the environment match', 30_000);
  await fill(popup, 'Email', 'refused-firefox@example.test');
  await press(popup, 'Log in');
  await until(async () => (await text(popup, '[role="status"]')).includes('refused'), 'the refusal', 30_000);
  const status = await text(popup, '[role="status"]');
  expect(status).toContain(`Help Scout Beacon refused the token (HTTP 401 from ${new URL(sim.apiOrigins.helpscout[0] ?? '').host}, this environment's API origin)`);
  expect(status).not.toContain('Logged in as');
  expect(sim.helpscout.backend.events.at(-1)).toMatchObject({ signed: 'refused-firefox@example.test', status: 401 });
  expect(await text(site, '#chat-user')).toBe('anonymous');
}, 180_000);
