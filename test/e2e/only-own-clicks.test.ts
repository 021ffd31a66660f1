import { resolve } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../simulator/server.mjs';
import { addEnvironment, clickBeforeAnyScript, type Lab, launchLab, received, until } from './harness';

/**
 * Only the tester starts a command. Another extension, installed beside ours with no
 * permissions at all, can find tab ids (chrome.tabs.query) and open any address of ours in a
 * background tab (chrome.tabs.create): the popup with a command in its address, the
 * integration check for a tab. None of it may log anyone in, sign anything or log out; the
 * tester's own click before any script has run still logs in, once. On the Intercom page (what
 * its Messenger was given) and the Kustomer page (what its SDK was given, and what reached the
 * simulator's login API).
 */
const OTHER_EXTENSION = resolve(import.meta.dirname, 'other-extension');

let lab: Lab;
let sim: Awaited<ReturnType<typeof startSimulator>>;
let other: Worker;

beforeAll(async () => {
  sim = await startSimulator();
  lab = await launchLab({ alongside: [OTHER_EXTENSION] });
  const isOther = (w: Worker) => w.url().endsWith('/background.js');
  other = lab.context.serviceWorkers().find(isOther) ?? (await lab.context.waitForEvent('serviceworker', { predicate: isOther }));
  await addEnvironment(lab, {
    name: 'Initech Intercom',
    vendor: 'Intercom',
    sites: `${sim.url}/intercom/*`,
    setting: { label: 'App ID', value: sim.intercom.appId },
    secret: sim.intercom.secret,
  });
  await addEnvironment(lab, { name: 'Acme Kustomer', sites: `${sim.url}/`, secret: sim.secret });
});

afterAll(async () => {
  await lab?.close();
  await sim?.close();
});

interface Case {
  vendor: string;
  path: string;
  environment: string;
  /** The label of the identity field in the popup. */
  idLabel: string;
  /** The user ids of every token the page's chat widget was given. */
  usersGiven: (page: Page) => Promise<string[]>;
}

const CASES: Case[] = [
  {
    vendor: 'Intercom',
    path: '/intercom/',
    environment: 'Initech Intercom',
    idLabel: 'User ID',
    usersGiven: async (page) => {
      const tokens = await page.evaluate(() => ((window as unknown as { __intercomSimReceived?: { token?: string }[] }).__intercomSimReceived ?? []).flatMap((r) => (r.token ? [r.token] : [])));
      return tokens.map(userOf);
    },
  },
  {
    vendor: 'Kustomer',
    path: '/',
    environment: 'Acme Kustomer',
    idLabel: 'External ID',
    usersGiven: async (page) => (await received(page)).flatMap((r) => (r.call === 'login' && r.token ? [userOf(r.token)] : [])),
  },
];

/** The claims of every token in any request the simulator's site and Kustomer API received (Intercom's API hosts keep no log). */
function claimsSentToServers(): Record<string, unknown>[] {
  return [...JSON.stringify(sim.requests).matchAll(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/g)].map((m) => claimsOf(m[0]));
}

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;

function userOf(token: string): string {
  const claims = claimsOf(token);
  return String(claims.user_id ?? claims.externalId ?? claims.email ?? '');
}

const NOTE = 'A link asked this popup to log in; only your own click does.';

/** The commands a popup started (each marks "<kind>-click" as it starts, before anything is signed). */
const started = (popup: Page) => popup.evaluate(() => performance.getEntriesByType('mark').flatMap((m) => (m.name.endsWith('-click') ? [m.name] : [])));

/** The extension page the other extension opened, by the address it shows once settled. */
async function pageAt(address: string): Promise<Page> {
  let found: Page | undefined;
  await until(async () => {
    found = lab.context.pages().find((p) => p.url() === address);
    return found !== undefined;
  }, `a page at ${address}`);
  return found as Page;
}

describe('only the tester starts a command', () => {
  for (const { vendor, path, environment, idLabel, usersGiven } of CASES) {
    it(`${vendor}: another extension's tabs.create of the popup with ?command=login does nothing (a note); the tester's own early click still logs in, once`, async () => {
      const site = await lab.openSite(`${sim.url}${path}`);
      const popupPage = await lab.popupPageOf(site.tabId);
      const tester = `${vendor.toLowerCase()}-tester`;

      // The other extension finds the tab: ids, but no addresses (it has no permission).
      const seen = (await other.evaluate(() => chrome.tabs.query({}).then((tabs) => tabs.map((t) => ({ id: t.id, url: t.url }))))) as { id: number; url?: string }[];
      expect(seen.map((t) => t.id)).toContain(site.tabId);
      expect(seen.every((t) => t.url === undefined)).toBe(true);

      // …and opens our popup for it in background tabs, with a command in the address: the
      // query and the fragment spellings of the tab, and none (the popup's window's active tab);
      // and a logout.
      await site.page.bringToFront();
      const asked = 'command=login&externalId=evil-admin&email=evil%40example.test';
      const opened = [
        { address: `${popupPage}?tabId=${site.tabId}&${asked}`, settled: `${popupPage}?tabId=${site.tabId}`, note: NOTE },
        { address: `${popupPage}?${asked}#tabId=${site.tabId}`, settled: `${popupPage}#tabId=${site.tabId}`, note: NOTE },
        { address: `${popupPage}?${asked}`, settled: popupPage, note: NOTE },
        {
          address: `${popupPage}?command=logout#tabId=${site.tabId}&logout`,
          settled: `${popupPage}#tabId=${site.tabId}&logout`,
          note: 'A link asked this popup to log out; only your own click does.',
        },
      ];
      // And the integration check for the tab (the environment's id is no secret to an attacker here).
      const envId = ((await lab.storage()).local.environments as { id: string; name: string }[]).find((e) => e.name === environment)?.id;
      const checkAddress = `chrome-extension://${lab.extensionId}/src/check/index.html?tabId=${site.tabId}&env=${envId}`;
      for (const url of [...opened.map((o) => o.address), checkAddress]) {
        await other.evaluate((address) => chrome.tabs.create({ url: address, active: false }).then(() => undefined), url);
      }

      const popups: { popup: Page; note: string }[] = [];
      for (const { settled, note } of opened) {
        const popup = await pageAt(settled);
        popups.push({ popup, note });
        await popup.locator('#app[data-loaded]').waitFor();
        // Said, not done: a short note (its first outcome), the address cleaned, no command started (so nothing signed).
        const status = popup.getByRole('status');
        await until(async () => Number(await status.getAttribute('data-outcome')) > 0 && (await status.getAttribute('aria-busy')) === null, 'the popup’s first outcome');
        expect(await status.textContent()).toBe(note);
        expect(await status.getAttribute('class')).toContain('status--info');
        expect(await started(popup)).toEqual([]);
        // The identity it asked for is not put into the form either.
        expect(await popup.getByRole('textbox', { name: idLabel, exact: true }).inputValue()).toBe('');
      }
      // The integration check opened for the tab waits for the tester's "Run check".
      const check = await pageAt(checkAddress);
      await check.getByRole('button', { name: 'Run check' }).waitFor();

      // The control: the tester's own click on "Log in", before any of the popup's script ran.
      const own = await lab.context.newPage();
      await clickBeforeAnyScript(own, 'Log in', { 'external-id': tester });
      await own.goto(`${popupPage}?tabId=${site.tabId}`);
      await until(async () => ((await own.getByRole('status').textContent()) ?? '').includes(`Logged in as ${idLabel} ${tester}`), 'the tester’s early login');
      // The popup stayed where it was (the form submitted into its own frame): its address unchanged.
      expect(own.url()).toBe(`${popupPage}?tabId=${site.tabId}`);

      // What the page under test got: the tester's login, once; nothing else. The servers: no evil-admin.
      expect(await usersGiven(site.page)).toEqual([tester]);
      if (vendor === 'Kustomer') expect((await received(site.page)).map((r) => r.call)).not.toContain('logout');
      const sent = claimsSentToServers();
      expect(JSON.stringify(sent)).not.toContain('evil');
      if (vendor === 'Kustomer') expect(sent.map((c) => c.externalId)).toContain(tester);
      // The other extension's pages still just say their note, or wait for a click: none started since.
      for (const { popup, note } of popups) {
        expect(await popup.getByRole('status').textContent()).toBe(note);
        expect(await started(popup)).toEqual([]);
      }
      expect(await check.getByRole('button', { name: 'Run check' }).isVisible()).toBe(true);
      // Whom the extension remembers as logged in on the tab: never evil-admin.
      expect(JSON.stringify(await lab.worker.evaluate(() => chrome.storage.session.get(null)))).not.toContain('evil');

      for (const page of [...popups.map((p) => p.popup), check, own]) await page.close();
      await site.page.close();
    });
  }
});
