/**
 * The page under test is hostile: it owns every global, prototype and timer the injected code
 * touches, and can navigate at any moment. Each test here drives one hostile page (from
 * test/e2e/hostile/, served at the simulator's origin) or one hostile move, and checks that the
 * extension neither believes, stores, hangs on nor leaks anything because of it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../simulator/server.mjs';
import { act, addEnvironment, type Lab, launchLab, nextOutcome, received, setSdkTimeout, until } from './harness';

let lab: Lab;
let sim: Awaited<ReturnType<typeof startSimulator>>;
/** The same simulator under another origin: another environment's site. */
let otherOrigin: string;
const SDK_TIMEOUT_S = 2;
const HOSTILE = join(import.meta.dirname, 'hostile');

beforeAll(async () => {
  sim = await startSimulator();
  otherOrigin = sim.url.replace('127.0.0.1', 'localhost');
  lab = await launchLab();
  // The hostile pages, served at both of the simulator's origins as if the sites had them.
  for (const origin of [sim.url, otherOrigin]) {
    await lab.context.route(`${origin}/hostile/**`, (route) => {
      const name = new URL(route.request().url()).pathname.replace('/hostile/', '');
      if (!/^[a-z-]+\.(html|js)$/.test(name)) return route.fulfill({ status: 404 });
      return route.fulfill({ body: readFileSync(join(HOSTILE, name), 'utf8'), contentType: name.endsWith('.js') ? 'text/javascript' : 'text/html' });
    });
  }
  await addEnvironment(lab, { name: 'Acme staging', sites: sim.url, secret: sim.secret });
  await addEnvironment(lab, { name: 'Beta staging', sites: otherOrigin, secret: sim.secret });
  await setSdkTimeout(lab, SDK_TIMEOUT_S);
});

afterAll(async () => {
  await lab?.close();
  await sim?.close();
});

const storageBytes = async () => JSON.stringify((await lab.storage()).local).length;
const ready = (page: Page) => until(async () => (await page.locator('#sdk-state').textContent()) === 'ready', 'the chat to start');

describe('1. what the page resolves with is checked, never believed', () => {
  async function loginOnForged(forge: string, externalId: string) {
    const site = await lab.openSite(`${sim.url}/hostile/forged-result.html?forge=${forge}`);
    await ready(site.page);
    const popup = await lab.popup(site.tabId);
    // A saved identity: its last result is what a forged answer would bloat.
    await popup.getByRole('textbox', { name: 'External ID' }).fill(externalId);
    await popup.getByRole('textbox', { name: 'Label' }).fill(`Forged ${forge}`);
    await popup.getByRole('button', { name: 'Save identity' }).click();
    await until(async () => ((await popup.getByRole('status').textContent()) ?? '').includes('Saved identity'), 'the save');
    const before = await storageBytes();
    const started = Date.now();
    const status = await act(popup, 'Log in');
    return { status, grew: (await storageBytes()) - before, took: Date.now() - started, popup };
  }

  it('a 5,000,000-character customer id: refused, shown as untrusted, and storage grows by under 64 KB', async () => {
    const { status, grew, popup } = await loginOnForged('huge', 'cust-forged-huge');
    expect(status).toContain('The page returned an answer the extension cannot trust: it is');
    expect(status).not.toContain('Logged in');
    expect(grew).toBeLessThan(64 * 1024);
    expect(status.length).toBeLessThan(2000);
    expect(await popup.getByRole('button', { name: 'Log in', exact: true }).isEnabled()).toBe(true);
  });

  it('conversations.items = null: refused with a message, no exception', async () => {
    const { status } = await loginOnForged('null-items', 'cust-forged-null');
    expect(status).toContain('cannot trust: the conversations is not a list');
    expect(status).not.toContain('Cannot read properties');
  });

  it('a result that never settles: the popup settles within the SDK timeout plus 2 s', async () => {
    const { status, took } = await loginOnForged('never', 'cust-forged-never');
    expect(status).toContain(`The page did not answer within ${SDK_TIMEOUT_S + 2} s`);
    expect(took).toBeLessThan((SDK_TIMEOUT_S + 2) * 1000 + 1500);
  });
});

describe('2. the extension owns its deadlines', () => {
  it('a page that stubs setTimeout and never answers login: a message within the SDK timeout plus 2 s', async () => {
    const site = await lab.openSite(`${sim.url}/hostile/stubbed-timers.html`);
    await until(async () => (await site.page.locator('#timers').textContent()) === 'stubbed', 'the timers to be stubbed');
    const popup = await lab.popup(site.tabId);
    const started = Date.now();
    const status = await act(popup, 'Log in', { externalId: 'cust-no-timers' });
    const took = Date.now() - started;
    expect(status).toMatch(/did not answer within \d+ s/);
    expect(took).toBeLessThan((SDK_TIMEOUT_S + 2) * 1000 + 1500);
  });

  it('the popup offers Cancel the whole time it is busy, and Cancel ends it', async () => {
    const site = await lab.openSite(`${sim.url}/hostile/stubbed-timers.html`);
    await until(async () => (await site.page.locator('#timers').textContent()) === 'stubbed', 'the timers to be stubbed');
    const popup = await lab.popup(site.tabId);
    await popup.getByRole('textbox', { name: 'External ID' }).fill('cust-cancel-busy');
    const settled = await nextOutcome(popup, 'the cancel');
    await popup.getByRole('button', { name: 'Log in', exact: true }).click();
    await popup.getByRole('button', { name: 'Cancel' }).click();
    expect(await settled()).toContain('Cancelled');
    expect(await popup.getByRole('button', { name: 'Log in', exact: true }).isEnabled()).toBe(true);
  });
});

describe('3 and 4. a customer and a token stay with their site', () => {
  it("B's page never hears of A's customer after the tab moves from A's site to B's", async () => {
    const site = await lab.openSite(sim.url);
    const popupA = await lab.popup(site.tabId);
    expect(await act(popupA, 'Log in', { email: 'a@x.test' })).toContain('Logged in as a@x.test');
    await site.page.goto(`${otherOrigin}/?moved=1`);
    await ready(site.page);
    const popupB = await lab.popup(site.tabId);
    const status = await act(popupB, 'Log in', { email: 'b@y.test' });
    expect(status).toContain('Logged in as b@y.test');
    expect(status).not.toContain('a@x.test');
    expect(JSON.stringify(await received(site.page))).not.toContain('a@x.test');
  });

  it('a tab that navigated to another site after the popup opened gets no token, and no success is reported', async () => {
    const site = await lab.openSite(sim.url);
    const popup = await lab.popup(site.tabId);
    await until(async () => ((await popup.getByRole('region', { name: 'Page under test' }).textContent()) ?? '').includes('Acme staging'), 'the environment');
    // The page moves to another environment's site before the click.
    await site.page.goto(`${otherOrigin}/?elsewhere=1`);
    await ready(site.page);
    const status = await act(popup, 'Log in', { externalId: 'cust-for-acme' });
    expect(status).toContain('The page navigated away before the login; nothing was sent.');
    const tokens = (await received(site.page)).filter((r) => r.call === 'login');
    expect(tokens).toEqual([]);
  });

  it('on a page that navigates to another site every 300 ms, no token ever lands on a site it was not checked for', async () => {
    const site = await lab.openSite(`${sim.url}/hostile/hopping.html?to=${encodeURIComponent(otherOrigin)}`);
    const checked = new Map<string, string>();
    const outcomes: string[] = [];
    for (let i = 0; i < 20; i++) {
      const popup = await lab.popup(site.tabId);
      const region = (await popup.getByRole('region', { name: 'Page under test' }).textContent()) ?? '';
      const id = `cust-hop-${i}`;
      checked.set(id, region.includes(otherOrigin) ? otherOrigin : sim.url);
      outcomes.push(await act(popup, 'Log in', { externalId: id }));
      await popup.close();
    }
    // Every login the server received came from a page of the origin its popup had checked.
    const logins = sim.requests.filter((r) => r.url.startsWith('/api/chat/login'));
    for (const request of logins) {
      const token = (JSON.parse(request.body) as { token: string }).token;
      const { externalId } = jwt.verify(token, sim.secret) as { externalId?: string };
      if (!externalId?.startsWith('cust-hop-')) continue;
      expect(String(request.headers.origin), `${externalId}'s token`).toBe(checked.get(externalId));
    }
    // Nothing reports a success that happened elsewhere; the rest say what went wrong.
    for (const outcome of outcomes) {
      expect(outcome).toMatch(/Logged in as External ID cust-hop-\d+|navigated away|reloaded or navigated|not ready|did not answer|No Kustomer|did not finish|not started/);
    }
  });
});

describe('5. a long URL does not freeze the popup', () => {
  it('a 400 KB URL that a three-star pattern misses: the popup shows its environment within 1 s', async () => {
    // Another environment's pattern, which a backtracking matcher takes minutes to miss.
    await addEnvironment(lab, { name: 'Deep paths', sites: `${sim.url}/*/app/*/*.html`, secret: sim.secret });
    const site = await lab.openSite(`${sim.url}/no-sdk.html`);
    await site.page.evaluate(() => history.replaceState(null, '', `/${'a/'.repeat(200_000)}b.htm`));
    const page = await lab.context.newPage();
    const started = Date.now();
    await page.goto(`chrome-extension://${lab.extensionId}/src/popup/index.html?tabId=${site.tabId}`);
    await until(async () => ((await page.getByRole('region', { name: 'Page under test' }).textContent()) ?? '').includes('Acme staging'), 'the environment', 10_000);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('6. a flood of fake "seen" tokens', () => {
  it('10,000 events of 16 KB: the service worker answers within 1 s, and the list stays small', async () => {
    const site = await lab.openSite(`${sim.url}/hostile/seen-flood.html`);
    const flooding = site.page.evaluate(() => (window as unknown as { __flood: (n: number, bytes: number) => void }).__flood(10_000, 16_000));
    const popup = await lab.popup(site.tabId);
    const roundTrips: number[] = [];
    for (let i = 0; i < 5; i++) {
      roundTrips.push(await popup.evaluate(async () => {
        const t = performance.now();
        await chrome.runtime.sendMessage({ kind: 'ping' });
        return performance.now() - t;
      }));
    }
    await flooding;
    expect(Math.max(...roundTrips)).toBeLessThan(1000);
    const session = (await lab.worker.evaluate(() => chrome.storage.session.get(null))) as Record<string, unknown>;
    const seen = session[`seen:${site.tabId}`] as unknown[] | undefined;
    expect((seen ?? []).length).toBeLessThanOrEqual(20);
    expect(JSON.stringify(seen ?? []).length).toBeLessThanOrEqual(64 * 1024);
  });
});

describe('7. a forgotten passphrase is not a lockout', () => {
  it('"Forgot passphrase" removes the lock and the sealed secrets only; a new secret then logs in', async () => {
    const options = await lab.options();
    await options.getByLabel('Passphrase', { exact: true }).fill('a long passphrase');
    await options.getByRole('button', { name: 'Lock', exact: true }).click();
    await until(async () => ((await options.getByRole('status').textContent()) ?? '').includes('encrypted with the passphrase'), 'the lock');
    await options.getByRole('button', { name: 'Lock', exact: true }).click();
    await options.getByRole('button', { name: 'Forgot passphrase' }).waitFor();
    await options.getByRole('button', { name: 'Forgot passphrase' }).click();
    const dialog = options.getByRole('alertdialog');
    expect(await dialog.textContent()).toMatch(/deletes the encrypted secrets of \d+ environments and\s+removes the lock, and nothing else/);
    await dialog.getByRole('button', { name: 'Delete secrets and remove lock' }).click();
    await until(async () => ((await options.getByRole('status').textContent()) ?? '').includes('enter each environment'), 'the reset');
    const local = (await lab.storage()).local;
    expect(local.lock).toBeNull();
    const environments = local.environments as { name: string; secret: string; secretSealed?: unknown }[];
    expect(environments.map((e) => e.name)).toEqual(expect.arrayContaining(['Acme staging', 'Beta staging']));
    expect(environments.every((e) => e.secret === '' && e.secretSealed === undefined)).toBe(true);
    await options.close();

    // Enter the secret again, as a tester would, and log in with it.
    const edit = await lab.options();
    await edit.getByRole('listitem', { name: 'Acme staging' }).getByRole('button', { name: 'Edit' }).click();
    await edit.getByLabel('Secret', { exact: true }).fill(sim.secret);
    await edit.getByRole('button', { name: 'Save', exact: true }).click();
    await until(async () => ((await edit.getByRole('status').textContent()) ?? '').includes('Saved "Acme staging"'), 'the save');
    await edit.close();
    const site = await lab.openSite(sim.url);
    const popup = await lab.popup(site.tabId);
    expect(await act(popup, 'Log in', { externalId: 'cust-after-reset' })).toContain('Logged in as External ID cust-after-reset');
  });
});

describe('8. the extension cannot be fingerprinted', () => {
  it('no page can fetch its files: nothing is web-accessible', async () => {
    const site = await lab.openSite(sim.url);
    const url = `chrome-extension://${lab.extensionId}/src/page/login-observer.iife.js`;
    const fetched = await site.page.evaluate(async (u) => {
      try {
        await fetch(u);
        return 'fetched';
      } catch {
        return 'refused';
      }
    }, url);
    expect(fetched).toBe('refused');
    const manifest = (await lab.worker.evaluate(() => chrome.runtime.getManifest())) as Record<string, unknown>;
    expect(manifest.web_accessible_resources).toBeUndefined();
  });
});
