import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import jwt from 'jsonwebtoken';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { build } from 'vite';
import { unzipSync } from 'fflate';
import webExt from 'web-ext';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { packageDir } from '../../scripts/package.mjs';
import { startSimulator } from '../../simulator/server.mjs';
import { GECKO } from '../../src/platform/browsers';
import { until } from './harness';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const DIST_FIREFOX = resolve(import.meta.dirname, '../../dist-firefox');
// A fixed internal UUID, so the test knows the moz-extension:// address of our pages.
const UUID = '6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
const base = `moz-extension://${UUID}`;

let browser: Browser;
/** The options page Firefox opened on install. */
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
  // The extension opens its options page on first install: wait until it has loaded and use
  // it, so nothing navigates under the test afterwards. BiDi names moz-extension:// tabs
  // about:blank, so ask each tab where it is.
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

/**
 * Controls are found by their visible label or button text, as a tester would (Puppeteer's
 * ARIA queries do not reach extension pages over BiDi).
 */
async function fill(page: Page, label: string, value: string): Promise<void> {
  const done = await page.evaluate(
    (name, text) => {
      const labelEl = [...document.querySelectorAll('label')].find((l) => l.textContent?.trim() === name);
      const input = labelEl?.htmlFor ? (document.getElementById(labelEl.htmlFor) as HTMLInputElement | null) : null;
      if (!input) return false;
      input.focus();
      input.value = text;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      return true;
    },
    label,
    value,
  );
  if (!done) throw new Error(`No field labelled "${label}"`);
}

async function press(page: Page, name: string): Promise<void> {
  const done = await page.evaluate((n) => {
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === n && !b.disabled);
    button?.click();
    return Boolean(button);
  }, name);
  if (!done) throw new Error(`No enabled button "${name}"`);
}

/** Picks an option of the select labelled `label`, by the option's visible text. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  const done = await page.evaluate(
    (name, wanted) => {
      const labelEl = [...document.querySelectorAll('label')].find((l) => l.textContent?.trim() === name);
      const select = labelEl?.htmlFor ? (document.getElementById(labelEl.htmlFor) as HTMLSelectElement | null) : null;
      const value = [...(select?.options ?? [])].find((o) => o.textContent?.trim() === wanted)?.value;
      if (!select || value === undefined) return false;
      select.value = value;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      return true;
    },
    label,
    option,
  );
  if (!done) throw new Error(`No option "${option}" in "${label}"`);
}

async function text(page: Page, selector: string): Promise<string> {
  return page.$eval(selector, (el) => el.textContent ?? '');
}

/** Opens one of our pages. BiDi does not report navigations to moz-extension:// pages, so wait for the document instead. */
async function openExtensionPage(path: string): Promise<Page> {
  const page = await browser.newPage();
  const url = `${base}/${path}`;
  page.goto(url, { timeout: 60_000 }).catch(() => undefined);
  await until(async () => (await page.evaluate(() => location.href + document.readyState)) === `${url}complete`, `${path} to load`, 45_000);
  return page;
}

it('the Firefox build logs a customer in on the staging simulator', async () => {
  // Configure the environment through the options page, by the controls' accessible names.
  const options = firstRun ?? (await openExtensionPage('src/options/index.html'));
  await fill(options, 'Name', 'Acme staging');
  await fill(options, 'Sites', sim.url);
  await fill(options, 'API origin', sim.vendorUrl);
  await fill(options, 'Secret', sim.secret);
  await press(options, 'Save');
  await until(async () => (await text(options, '[role="status"]')).includes('Saved "Acme staging"'), 'the save', 30_000);

  const site = await browser.newPage();
  await site.goto(`${sim.url}/?firefox=1`);
  await until(async () => (await text(site, '#sdk-state')) === 'ready', 'the chat', 30_000);
  const tabs = (await options.evaluate(() => (globalThis as unknown as { browser: typeof chrome }).browser.tabs.query({}))) as chrome.tabs.Tab[];
  const tabId = tabs.find((t) => t.url?.includes('firefox=1'))?.id;
  expect(tabId).toBeDefined();

  const popup = await openExtensionPage(`src/popup/index.html?tabId=${tabId}`);
  await until(async () => (await text(popup, '.target')).includes('Acme staging'), 'the environment match', 30_000);
  await fill(popup, 'External ID', 'cust-firefox');
  await press(popup, 'Log in');
  await until(async () => (await text(popup, '[role="status"]')).includes('Logged in'), 'the login', 30_000);
  expect(await text(popup, '[role="status"]')).toMatch(/Logged in as External ID cust-firefox \(customer cus_\d+\): Kustomer's server accepted the token/);

  await until(async () => (await text(site, '#chat-customer')).startsWith('cust-firefox'), 'the page', 30_000);
  const token = await site.evaluate(() => {
    const calls = (window as unknown as { __kustomerSimReceived: { call: string; token?: string }[] }).__kustomerSimReceived;
    return calls.filter((c) => c.call === 'login').at(-1)?.token ?? '';
  });
  const payload = jwt.verify(token, sim.secret, { algorithms: ['HS256'] }) as Record<string, unknown>;
  expect(Object.keys(payload).sort()).toEqual(['externalId', 'iat']);
  expect(payload.externalId).toBe('cust-firefox');
  expect(JSON.stringify(sim.requests)).not.toContain(sim.secret);
}, 180_000);

it("the Firefox build never calls a refused token a login: it names Kustomer's HTTP 401", async () => {
  const options = await openExtensionPage('src/options/index.html');
  const other = sim.url.replace('127.0.0.1', 'localhost');
  await fill(options, 'Name', 'Acme wrong secret');
  await fill(options, 'Sites', other);
  await fill(options, 'API origin', sim.vendorUrl);
  await fill(options, 'Secret', 'not-the-org-secret');
  await press(options, 'Save');
  await until(async () => (await text(options, '[role="status"]')).includes('Saved "Acme wrong secret"'), 'the save', 30_000);

  const site = await browser.newPage();
  await site.goto(`${other}/?firefox=refused`);
  await until(async () => (await text(site, '#sdk-state')) === 'ready', 'the chat', 30_000);
  const tabs = (await options.evaluate(() => (globalThis as unknown as { browser: typeof chrome }).browser.tabs.query({}))) as chrome.tabs.Tab[];
  const tabId = tabs.find((t) => t.url?.includes('firefox=refused'))?.id;
  expect(tabId).toBeDefined();

  const popup = await openExtensionPage(`src/popup/index.html?tabId=${tabId}`);
  await until(async () => (await text(popup, '.target')).includes('Acme wrong secret'), 'the environment match', 30_000);
  await fill(popup, 'External ID', 'cust-refused-firefox');
  await press(popup, 'Log in');
  await until(async () => (await text(popup, '[role="status"]')).includes('refused'), 'the refusal', 30_000);
  const status = await text(popup, '[role="status"]');
  expect(status).toContain(`Kustomer refused the token (HTTP 401 from ${new URL(sim.vendorUrl).host}, this environment's API origin)`);
  expect(status).not.toContain('Logged in as');
  expect(await text(site, '#chat-customer')).toBe('anonymous');
}, 180_000);

it("the Firefox build never calls a refused Sunshine Conversations token a login: it names the API's HTTP 401", async () => {
  const options = await openExtensionPage('src/options/index.html');
  const sites = `${sim.url.replace('127.0.0.1', 'localhost')}/sunshine/*`;
  await fill(options, 'Name', 'Hooli wrong secret');
  await choose(options, 'Chat vendor', 'Sunshine Conversations');
  await until(async () => (await options.evaluate(() => [...document.querySelectorAll('label')].some((l) => l.textContent?.trim() === 'Key ID'))) === true, 'the vendor settings', 30_000);
  await fill(options, 'Sites', sites);
  await fill(options, 'App ID', sim.sunshine.appId);
  await fill(options, 'Key ID', sim.sunshine.keyId);
  await fill(options, 'API origin', sim.apiOrigins.sunshine.join('\n'));
  await fill(options, 'Secret', 'not-the-app-key-secret');
  await press(options, 'Save');
  await until(async () => (await text(options, '[role="status"]')).includes('Saved "Hooli wrong secret"'), 'the save', 30_000);

  const site = await browser.newPage();
  await site.goto(`${sites.replace(/\*$/, '')}?firefox=sunshine`);
  await until(async () => (await text(site, '#widget-state')) === 'ready', 'the Web Messenger', 30_000);
  const tabs = (await options.evaluate(() => (globalThis as unknown as { browser: typeof chrome }).browser.tabs.query({}))) as chrome.tabs.Tab[];
  const tabId = tabs.find((t) => t.url?.includes('firefox=sunshine'))?.id;
  expect(tabId).toBeDefined();

  const popup = await openExtensionPage(`src/popup/index.html?tabId=${tabId}`);
  await until(async () => (await text(popup, '.target')).includes('Hooli wrong secret'), 'the environment match', 30_000);
  await fill(popup, 'External ID', 'sun-refused-firefox');
  await press(popup, 'Log in');
  await until(async () => (await text(popup, '[role="status"]')).includes('refused'), 'the refusal', 30_000);
  const status = await text(popup, '[role="status"]');
  expect(status).toContain(`Sunshine Conversations refused the token (HTTP 401 from ${new URL(sim.apiOrigins.sunshine[0] ?? '').host}, this environment's API origin)`);
  expect(status).not.toContain('Logged in as');
  expect(await text(site, '#chat-user')).toBe('anonymous');
  expect(sim.sunshine.calls.filter((c) => c.path.endsWith('/login')).at(-1)).toMatchObject({ userId: 'sun-refused-firefox', status: 401 });
}, 180_000);
it("the Firefox build runs a widget's whole integration check: every check passes or does not apply", async () => {
  // "Acme staging" (the first test's environment) is this site's: its popup opens the check.
  const site = await browser.newPage();
  await site.goto(`${sim.url}/?firefox=check`);
  await until(async () => (await text(site, '#sdk-state')) === 'ready', 'the chat', 30_000);
  const options = await openExtensionPage('src/options/index.html');
  const tabs = (await options.evaluate(() => (globalThis as unknown as { browser: typeof chrome }).browser.tabs.query({}))) as chrome.tabs.Tab[];
  const tabId = tabs.find((t) => t.url?.includes('firefox=check'))?.id;
  expect(tabId).toBeDefined();
  const popup = await openExtensionPage(`src/popup/index.html?tabId=${tabId}`);
  await until(async () => (await text(popup, '.target')).includes('Acme staging'), 'the environment match', 30_000);
  await press(popup, 'Run integration check');
  // The popup opens the check on a page of its own; BiDi names it about:blank, so ask each page.
  let check: Page | undefined;
  await until(async () => {
    for (const page of await browser.pages()) {
      const ready = await page.evaluate(() => location.pathname.endsWith('/src/check/index.html') && [...document.querySelectorAll('button')].some((b) => b.textContent?.trim() === 'Run check')).catch(() => false);
      if (ready) check = page;
    }
    return check !== undefined;
  }, 'the check page', 30_000);
  const page = check as Page;
  await press(page, 'Run check');
  await until(async () => /passed, \d+ failed/.test(await text(page, '[role="status"]')) && (await page.$eval('[role="status"]', (el) => el.getAttribute('aria-busy'))) === null, 'the check to finish', 120_000);
  const results = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('ol.checks > li')].map((li) => [li.getAttribute('aria-label'), li.querySelector('.result')?.textContent])));
  expect(results).toEqual({
    Widget: 'passed',
    Login: 'passed',
    'Refusals are real': 'passed',
    'Identity verification is enforced': 'does not apply',
    'Logout forgets': 'passed',
    'A switch carries nothing of the previous customer': 'passed',
    // Nothing of the site's own logins was seen on this tab.
    "The site's own credentials": 'skipped',
    'Chats before login are kept': 'passed',
    'No leak between customers': 'passed',
    'History follows the customer': 'passed',
    'Email wins': 'passed',
  });
  expect(await text(page, '[role="status"]')).toMatch(/^9 passed, 0 failed, 1 skipped, 1 does not apply — Acme staging/);
  expect(JSON.stringify(sim.requests)).not.toContain(sim.secret);
}, 240_000);

it('the Firefox build renders body text at 14 px on every extension page, as Chromium does', async () => {
  const sizes: Record<string, string> = {};
  for (const name of ['popup', 'options', 'inspector', 'check']) {
    const page = await openExtensionPage(`src/${name}/index.html`);
    await until(async () => (await page.evaluate(() => document.querySelector('h1') !== null)) === true, `${name} to render`, 30_000);
    sizes[name] = await page.evaluate(() => getComputedStyle(document.body).fontSize);
    await page.close();
  }
  expect(sizes).toEqual({ popup: '14px', options: '14px', inspector: '14px', check: '14px' });
}, 120_000);

it('the Firefox build passes web-ext lint with no errors', async () => {
  const result = (await webExt.cmd.lint({ sourceDir: DIST_FIREFOX, output: "json", boring: true }, { shouldExitProgram: false })) as {
    summary: { errors: number; warnings: number };
    warnings: { code: string; file?: string }[];
  };
  expect(result.summary.errors).toBe(0);
  // The one warning left is Preact's own innerHTML support (dangerouslySetInnerHTML), which this code never uses.
  expect(result.warnings.map((w) => w.code)).toEqual(['UNSAFE_VAR_ASSIGNMENT']);
});

it('packages hold what the extension loads, and nothing else', () => {
  for (const dir of [DIST_FIREFOX, resolve(import.meta.dirname, '../../dist')]) {
    const { zip, files } = packageDir(dir);
    const entries = Object.keys(unzipSync(zip));
    expect(entries.sort()).toEqual([...files].sort());
    expect(entries).toContain('manifest.json');
    expect(entries).toContain('src/popup/index.html');
    expect(entries.filter((f) => f.endsWith('.map') || f.includes('.iife.ts-') || f.includes('test') || f.endsWith('.ts'))).toEqual([]);
    const manifest = JSON.parse(new TextDecoder().decode(unzipSync(zip)['manifest.json']));
    expect(manifest.version).toBe(JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')).version);
  }
});
