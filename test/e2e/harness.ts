/**
 * Loads the built extension into Debian's Chromium and drives it like a tester: pages are
 * found by their accessible names, and results are read from the page under test.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { CHROMIUM, launchExtension } from '../../scripts/chromium.mjs';

export const DIST = resolve(import.meta.dirname, '../../dist');
export { CHROMIUM };

export interface Lab {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  profileDir: string;
  /** The popup page the toolbar button opens on `tabId` (each vendor has its own prerendered page). */
  popupPageOf(tabId: number): Promise<string>;
  /** Opens the popup as a tab acting on `tabId`, as a pop-out window would. */
  popup(tabId: number): Promise<Page>;
  options(query?: string): Promise<Page>;
  /** Opens a site page and returns it with its Chrome tab id. */
  openSite(url: string): Promise<{ page: Page; tabId: number }>;
  /** Everything in the extension's storage.local and storage.sync. */
  storage(): Promise<{ local: Record<string, unknown>; sync: Record<string, unknown> }>;
  tabIds(): Promise<number[]>;
  close(): Promise<void>;
}

let siteCounter = 0;

/** Polls until `check` holds (usable in hooks, where expect.poll is not). */
export async function until(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
}

export interface LabOptions {
  /** An X display to run headed Chromium on (the keyboard-shortcut test needs real key events). */
  display?: string;
  /** Unpacked extensions to load beside ours (a test's other extension, such as test/e2e/other-extension). */
  alongside?: string[];
}

export async function launchLab(options: LabOptions = {}): Promise<Lab> {
  const profileDir = await mkdtemp(join(tmpdir(), 'cil-profile-'));
  // Returns once the first-run options page has loaded: from here on nothing opens or
  // navigates a tab unless a test does.
  const { context, worker, extensionId, base, firstRun } = await launchExtension({
    dist: DIST,
    profileDir,
    headless: options.display === undefined,
    display: options.display,
    alongside: options.alongside,
  });
  let unclaimedFirstRun: Page | undefined = firstRun;

  /** The page Chrome opens for the tab's toolbar button: the service worker points it at the environment's vendor's. */
  const popupPageOf = async (tabId: number) => new URL(await worker.evaluate((id) => chrome.action.getPopup({ tabId: id }), tabId), `${base}/`).href;

  const lab: Lab = {
    context,
    popupPageOf,
    extensionId,
    worker,
    profileDir,
    async popup(tabId) {
      const page = await context.newPage();
      await page.goto(`${await popupPageOf(tabId)}?tabId=${tabId}`);
      await until(() => page.getByRole('button', { name: 'Log in', exact: true }).isEnabled(), 'the popup to be ready');
      // Usable from its first paint; what it shows is final once storage and the tab have answered.
      await page.locator('#app[data-loaded]').waitFor();
      return page;
    },
    async options(query = '') {
      // The first call takes the page the extension opened on install; later calls open tabs.
      const page = unclaimedFirstRun ?? (await context.newPage());
      unclaimedFirstRun = undefined;
      await page.goto(`${base}/src/options/index.html${query}`);
      await page.getByRole('button', { name: 'Save', exact: true }).waitFor();
      return page;
    },
    async openSite(url) {
      siteCounter += 1;
      const marked = new URL(url);
      marked.searchParams.set('lab', String(siteCounter));
      const before = new Set(((await worker.evaluate(() => chrome.tabs.query({}))) as chrome.tabs.Tab[]).map((t) => t.id));
      const page = await context.newPage();
      await page.goto(marked.href);
      const tabs = (await worker.evaluate(() => chrome.tabs.query({}))) as chrome.tabs.Tab[];
      // By its address; a page that navigates itself at once may have left it already: then the one new tab.
      const fresh = tabs.filter((t) => !before.has(t.id));
      const tab = tabs.find((t) => t.url === marked.href) ?? (fresh.length === 1 ? fresh[0] : undefined);
      if (!tab?.id) throw new Error(`No tab found for ${marked.href}`);
      return { page, tabId: tab.id };
    },
    async storage() {
      return worker.evaluate(async () => ({
        local: await chrome.storage.local.get(null),
        sync: await chrome.storage.sync.get(null),
      }));
    },
    async tabIds() {
      const tabs = (await worker.evaluate(() => chrome.tabs.query({}))) as chrome.tabs.Tab[];
      return tabs.map((t) => t.id ?? -1);
    },
    async close() {
      await context.close();
      await rm(profileDir, { recursive: true, force: true });
    },
  };
  return lab;
}

/** Each vendor's name in the options form, and its id (the simulator's key for it): one line each. */
const VENDOR_KEYS = {
  Kustomer: 'kustomer',
  'Zendesk Messaging': 'zendesk',
  Intercom: 'intercom',
  Chatwoot: 'chatwoot',
  'Front Chat': 'front',
  'Help Scout Beacon': 'helpscout',
  'Sunshine Conversations': 'sunshine',
} as const;

export type VendorLabel = keyof typeof VENDOR_KEYS;

/**
 * Where the simulator serving `sites` has its vendor's API (GET /__sim/api-origins), as a tester
 * would copy it from the simulator's banner into "API origin"; empty for a site that is not one.
 */
export async function simulatorApiOrigins(sites: string, vendor: keyof typeof VENDOR_KEYS = 'Kustomer'): Promise<string[]> {
  const first = sites.split('\n')[0]?.trim() ?? '';
  try {
    const origin = new URL(first.replace(/\*$/, '')).origin.replace('//localhost:', '//127.0.0.1:');
    const response = await fetch(`${origin}/__sim/api-origins`);
    if (!response.ok) return [];
    const all = (await response.json()) as Record<string, string[]>;
    return all[VENDOR_KEYS[vendor]] ?? [];
  } catch {
    return [];
  }
}

/**
 * Adds an environment through the options page, as a tester would. `apiOrigins` (one per line)
 * defaults to where the simulator serving the sites has the vendor's API: only answers from
 * there are the vendor's (pass '' to leave the field empty).
 */
export async function addEnvironment(
  lab: Lab,
  env: {
    name: string;
    sites: string;
    secret: string;
    vendor?: VendorLabel;
    setting?: { label: string; value: string };
    /** `select`: a setting with choices, `value` the label of the option to pick. */
    settings?: { label: string; value: string; select?: boolean }[];
    apiOrigins?: string;
  },
): Promise<void> {
  const page = await lab.options();
  const form = page.getByRole('form', { name: 'Add environment' });
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill(env.name);
  if (env.vendor) await form.getByRole('combobox', { name: 'Chat vendor' }).selectOption({ label: env.vendor });
  for (const setting of [...(env.setting ? [env.setting] : []), ...(env.settings ?? [])]) {
    if ('select' in setting && setting.select) await form.getByRole('combobox', { name: setting.label, exact: true }).selectOption({ label: setting.value });
    else await form.getByRole('textbox', { name: setting.label, exact: true }).fill(setting.value);
  }
  await form.getByRole('textbox', { name: 'Sites' }).fill(env.sites);
  const apiOrigins = env.apiOrigins ?? (await simulatorApiOrigins(env.sites, env.vendor)).join('\n');
  if (apiOrigins) await form.getByRole('textbox', { name: 'API origin' }).fill(apiOrigins);
  await form.getByLabel('Secret', { exact: true }).fill(env.secret);
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await until(async () => ((await page.getByRole('status').textContent()) ?? '').includes(`Saved "${env.name}"`), 'the save');
  await page.close();
}

/** A Zendesk Messaging and an Intercom environment for the simulator's pages of those vendors. */
export async function addZendeskAndIntercom(lab: Lab, sim: { url: string; zendesk: { keyId: string; secret: string }; intercom: { appId: string; secret: string } }): Promise<void> {
  await addEnvironment(lab, {
    name: 'Globex Zendesk',
    vendor: 'Zendesk Messaging',
    sites: `${sim.url}/zendesk/*`,
    setting: { label: 'Key ID', value: sim.zendesk.keyId },
    secret: sim.zendesk.secret,
  });
  await addEnvironment(lab, {
    name: 'Initech Intercom',
    vendor: 'Intercom',
    sites: `${sim.url}/intercom/*`,
    setting: { label: 'App ID', value: sim.intercom.appId },
    secret: sim.intercom.secret,
  });
}

/** Sets the SDK timeout under Settings, as a tester would (short timeouts keep fault tests quick). */
export async function setSdkTimeout(lab: Lab, seconds: number): Promise<void> {
  const options = await lab.options();
  await options.getByRole('spinbutton', { name: 'SDK timeout (seconds)' }).fill(String(seconds));
  await options.getByRole('button', { name: 'Save settings' }).click();
  await until(async () => ((await options.getByRole('status').textContent()) ?? '').includes('Settings saved'), 'settings');
  await options.close();
}

/**
 * Notes the status region's outcome count now (`data-outcome`); the returned function waits for
 * the next outcome to settle (a new count, no longer busy) and returns the status text. Take
 * it before the action that leads to the outcome.
 */
export async function nextOutcome(page: Page, what = 'the outcome'): Promise<() => Promise<string>> {
  const status = page.getByRole('status');
  const before = await status.getAttribute('data-outcome');
  return async () => {
    await until(async () => (await status.getAttribute('data-outcome')) !== before && (await status.getAttribute('aria-busy')) === null, what, 30_000);
    return (await status.textContent()) ?? '';
  };
}

/** Fills the popup's identity fields and clicks a button; returns the status text when it settles. */
export async function act(popup: Page, button: 'Log in' | 'Log out' | 'Check login', identity: { externalId?: string; email?: string } = {}) {
  if (identity.externalId !== undefined) await popup.getByRole('textbox', { name: 'External ID' }).fill(identity.externalId);
  if (identity.email !== undefined) await popup.getByRole('textbox', { name: 'Email' }).fill(identity.email);
  const settled = await nextOutcome(popup, `the outcome of "${button}"`);
  await popup.getByRole('button', { name: button, exact: true }).click();
  const text = await settled();
  await until(() => popup.getByRole('button', { name: button, exact: true }).isEnabled(), 'the popup to be ready again');
  return text;
}

export interface Received {
  call: string;
  at: number;
  token?: string;
  query?: Record<string, string>;
}

/** The calls the page's Kustomer SDK received, in order (its answers, recorded too, left out). */
export async function received(page: Page): Promise<Received[]> {
  const all: Received[] = await page.evaluate(() =>
    JSON.parse(JSON.stringify((window as unknown as { __kustomerSimReceived?: unknown[] }).__kustomerSimReceived ?? [])),
  );
  return all.filter((r) => !r.call.endsWith('-answer'));
}

export async function lastLoginToken(page: Page): Promise<string> {
  const calls = (await received(page)).filter((r) => r.call === 'login');
  const token = calls.at(-1)?.token;
  if (!token) throw new Error('The page received no login');
  return token;
}

/**
 * Everything the page under test can see: DOM, globals, localStorage, sessionStorage, cookies.
 * Used to prove the secret never reached it.
 */
export function pageFootprint(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [document.documentElement.outerHTML, document.cookie];
    for (const store of [localStorage, sessionStorage]) {
      for (let i = 0; i < store.length; i++) {
        const key = store.key(i) ?? '';
        parts.push(key, store.getItem(key) ?? '');
      }
    }
    for (const name of Object.getOwnPropertyNames(window)) {
      try {
        const value = (window as unknown as Record<string, unknown>)[name];
        if (typeof value === 'string') parts.push(value);
        else if (value && typeof value === 'object' && !(value instanceof Node) && value !== window) {
          parts.push(JSON.stringify(value) ?? '');
        }
      } catch {
        // cyclic or inaccessible globals carry nothing we put there
      }
    }
    return parts.join('\n');
  });
}

/**
 * Clicks `button` in the popup's identity form the moment its HTML is parsed, as a click that
 * lands before any of the popup's script has run: only the HTML form sees it (the first
 * script's and the app's listeners never hear it, as if they did not exist yet), so the form
 * does what it does with no script. Typed `fields` (by element id) first. Once per page: the
 * script is registered for every document of the page, the form's own frame included.
 */
export async function clickBeforeAnyScript(page: Page, button: 'Log in' | 'Log out', fields: Record<string, string> = {}): Promise<void> {
  await page.addInitScript(
    ({ button, fields }) => {
      document.addEventListener('DOMContentLoaded', () => {
        const form = document.querySelector('form[aria-label="Identity"]');
        if (!form || sessionStorage.getItem('clicked-before-any-script')) return;
        sessionStorage.setItem('clicked-before-any-script', '1');
        for (const type of ['click', 'submit']) window.addEventListener(type, (event) => event.stopImmediatePropagation(), { capture: true, once: true });
        for (const [id, value] of Object.entries(fields)) (document.getElementById(id) as HTMLInputElement).value = value;
        [...form.querySelectorAll('button')].find((b) => (b.textContent ?? '').trim() === button)?.click();
      });
    },
    { button, fields },
  );
}
