/**
 * The page under test is hostile: it owns every global, prototype and timer the injected code
 * touches, and can navigate at any moment. Each test here drives one hostile page (from
 * test/e2e/hostile/, served at the simulator's origin) or one hostile move, and checks that the
 * extension neither believes, stores, hangs on nor leaks anything because of it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import jwt from 'jsonwebtoken';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../simulator/server.mjs';
import { parseSite } from '../../src/sites/site-patterns';
import { activeOutsideCode, REPORT_HEADINGS } from '../markdown-inert';
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
    const logins = sim.requests.filter((r) => r.url.startsWith('/c/v1/identity'));
    for (const request of logins) {
      const token = (JSON.parse(request.body) as { externalToken: string }).externalToken;
      const { externalId } = jwt.verify(token, sim.secret) as { externalId?: string };
      if (!externalId?.startsWith('cust-hop-')) continue;
      expect(String(request.headers.origin), `${externalId}'s token`).toBe(checked.get(externalId));
    }
    // Nothing reports a success that happened elsewhere; the rest say what went wrong.
    for (const outcome of outcomes) {
      expect(outcome).toMatch(/Logged in as External ID cust-hop-\d+|navigated away|reloaded or navigated|not ready|did not answer|No Kustomer|did not finish|not started/);
    }
    // Twenty logins on a page that never holds still: each waits for its own state, so a slow
    // machine needs more than the default minute in all.
  }, 180_000);
});

describe('5. a long URL does not freeze the popup', () => {
  it('a 400 KB URL that a three-star pattern misses: the popup shows its environment within 1 s (or 3× the same popup on a short address)', async () => {
    // Another environment's pattern, which a backtracking matcher takes minutes to miss.
    await addEnvironment(lab, { name: 'Deep paths', sites: `${sim.url}/*/app/*/*.html`, secret: sim.secret });
    const site = await lab.openSite(`${sim.url}/no-sdk.html`);
    /** Popup opened → its environment shown, in ms. */
    const shown = async () => {
      const page = await lab.context.newPage();
      const started = Date.now();
      await page.goto(`chrome-extension://${lab.extensionId}/src/popup/index.html?tabId=${site.tabId}`);
      await until(async () => ((await page.getByRole('region', { name: 'Page under test' }).textContent()) ?? '').includes('Acme staging'), 'the environment', 10_000);
      await page.close();
      return Date.now() - started;
    };
    // The baseline, side by side: the same popup on the same tab with a short address. A slow
    // machine slows both; a backtracking matcher (minutes) stands out either way.
    const short = await shown();
    await site.page.evaluate(() => history.replaceState(null, '', `/${'a/'.repeat(200_000)}b.htm`));
    const long = await shown();
    expect(long, `400 KB address: ${long} ms; short address: ${short} ms`).toBeLessThan(Math.max(1000, 3 * short));
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

/*
 * Round two (issue 19): page text is data everywhere, storage stays bounded, one bad entry
 * breaks nothing else. Each figure the issue asks for is printed as "[figure] …".
 */
const figure = (what: string, value: unknown) => console.info(`[figure] ${what}: ${value}`);

/** Opens the integration check from the popup of a tab showing `url`, as a tester would. */
async function openCheckOn(url: string): Promise<{ check: Page; site: Page; tabId: number }> {
  const site = await lab.openSite(url);
  await ready(site.page);
  const popup = await lab.popup(site.tabId);
  const [check] = await Promise.all([lab.context.waitForEvent('page'), popup.getByRole('button', { name: 'Run integration check' }).click()]);
  await popup.close();
  await check.getByRole('button', { name: 'Run check' }).waitFor();
  return { check, site: site.page, tabId: site.tabId };
}

/** Runs the check to its end; returns each check's result by title. */
async function runCheck(check: Page): Promise<Record<string, string>> {
  await check.getByRole('button', { name: 'Run check' }).click();
  const status = check.getByRole('status');
  await until(async () => (await status.getAttribute('aria-busy')) === null && /passed, \d+ failed/.test((await status.textContent()) ?? ''), 'the check to finish', 90_000);
  const results: Record<string, string> = {};
  for (const item of await check.getByRole('list', { name: 'Checks' }).getByRole('listitem').all()) {
    const name = await item.getAttribute('aria-label');
    if (name) results[name] = (await item.locator('.result').first().textContent()) ?? '';
  }
  return results;
}

const reportKeys = (local: Record<string, unknown>) => Object.keys(local).filter((k) => k.startsWith('checkReports:'));
const environmentId = async (name: string) => ((await lab.storage()).local.environments as { id: string; name: string }[]).find((e) => e.name === name)?.id ?? '';
const MARKDOWN_ATTACK = '8 passed, 0 failed\n# Fake heading\n<!-- hide the rest --> [click](javascript:alert(1)) ![t](https://track.test/p.png) </details> **bold**';

describe('round two, 3. page text in the Markdown report is inert', () => {
  it('an org name and an SDK refusal full of Markdown and HTML: the copied report holds them only as code', async () => {
    // This page loads the chat from the site's own origin, so that is where its API answers.
    await addEnvironment(lab, { name: 'Key tricks', sites: `${sim.url}/hostile/chat-key.html`, secret: sim.secret, apiOrigins: sim.url });
    await lab.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: sim.url });
    const { check } = await openCheckOn(`${sim.url}/hostile/chat-key.html?org=${encodeURIComponent(MARKDOWN_ATTACK)}&refusal=${encodeURIComponent(MARKDOWN_ATTACK)}`);
    await runCheck(check);
    await check.getByRole('button', { name: 'Copy report' }).click();
    // Said next to the button (the integration check page's #report-result).
    await until(async () => ((await check.locator('#report-result').textContent()) ?? '').includes('Report copied'), 'the copy');
    const reader = await lab.context.newPage();
    await reader.goto(`${sim.url}/no-sdk.html`);
    const markdown = await reader.evaluate(() => navigator.clipboard.readText());
    await reader.close();
    await check.close();
    const active = activeOutsideCode(markdown, REPORT_HEADINGS);
    figure('3. active Markdown from the page in the report', active.length === 0 ? 'none' : active.join(' | '));
    // The refusal is there, as the evidence it is, but inert.
    expect(markdown).toContain('[click](javascript:alert(1))');
    expect(active).toEqual([]);
  });
});

describe('round two, 1 and 2. a chat key cannot fill storage or freeze the popup', () => {
  it('a 2,000,000-character orgName: the check report stays small', async () => {
    const before = await storageBytes();
    const { check } = await openCheckOn(`${sim.url}/hostile/chat-key.html?orgsize=2000000`);
    const results = await runCheck(check);
    await check.close();
    const grew = (await storageBytes()) - before;
    figure('1. storage.local growth after one check on a 2,000,000-character orgName (bytes)', grew);
    expect(results.Widget).toBe('passed');
    expect(grew).toBeLessThan(64 * 1024);
  });

  it('Options shows the storage used and clears reports; deleting an environment deletes its reports', async () => {
    const id = await environmentId('Key tricks');
    const report = (await lab.storage()).local[`checkReports:${id}`];
    expect(Array.isArray(report)).toBe(true);
    const options = await lab.options();
    const storage = options.getByRole('region', { name: 'Storage' });
    await until(async () => /Check reports: [\d.]+ (bytes|KB|MB)/.test((await storage.textContent()) ?? ''), 'the storage figures');
    figure('1. Options storage panel', ((await storage.textContent()) ?? '').replace(/\s+/g, ' '));
    await storage.getByRole('button', { name: 'Clear reports' }).click();
    await until(async () => reportKeys((await lab.storage()).local).length === 0, 'the reports to be cleared');
    // A report kept again, then the environment deleted: nothing of it is left.
    await lab.worker.evaluate(([key, value]) => chrome.storage.local.set({ [key as string]: value }), [`checkReports:${id}`, report] as const);
    await options.reload();
    await options.getByRole('listitem', { name: 'Key tricks' }).getByRole('button', { name: 'Delete' }).click();
    await until(async () => ((await options.getByRole('status').textContent()) ?? '').includes('Deleted "Key tricks"'), 'the delete');
    const left = Object.keys((await lab.storage()).local).filter((k) => k.includes(id));
    figure('1. keys left for a deleted environment', left.join(', ') || 'none');
    expect(left).toEqual([]);
    await options.close();
  });

  it('a 30 MB chat key: the popup answers every click within 5 s and draws no org', async () => {
    const site = await lab.openSite(`${sim.url}/hostile/chat-key.html?orgsize=30000000`);
    await ready(site.page);
    const popup = await lab.popup(site.tabId);
    const took: number[] = [];
    for (const button of ['Log in', 'Check login', 'Log out', 'Log in', 'Check login'] as const) {
      const started = Date.now();
      await act(popup, button, { externalId: 'cust-big-key' });
      took.push(Date.now() - started);
    }
    const region = (await popup.getByRole('region', { name: 'Page under test' }).innerHTML()) ?? '';
    figure('2. slowest popup action on a 30 MB chat key (ms)', Math.max(...took));
    figure('2. Page under test region size (characters)', region.length);
    expect(Math.max(...took)).toBeLessThan(5000);
    expect(region.length).toBeLessThan(2000);
    await popup.close();
    await site.page.close();
  });
});

describe('round two, 4. a seen token stays with its site and is checked', () => {
  it("a token signed AAAA: on A's site it is named as not signed with A's secret; on B's site it is not listed", async () => {
    const site = await lab.openSite(`${sim.url}/hostile/announce.html`);
    await until(async () => (await site.page.locator('#announced').textContent()) === 'yes', 'the page to announce its token');
    const popupA = await lab.popup(site.tabId);
    const seenA = popupA.getByRole('region', { name: 'Seen on this page' });
    await until(async () => ((await seenA.textContent()) ?? '').includes('cust-forged-sig'), "the page's token in the popup");
    const onA = (await seenA.textContent()) ?? '';
    figure("4. what A's popup says of a token signed AAAA", onA.replace(/\s+/g, ' '));
    expect(onA).toContain('signature does not match');
    await popupA.close();
    await site.page.goto(`${otherOrigin}/`);
    await ready(site.page);
    const popupB = await lab.popup(site.tabId);
    await until(async () => ((await popupB.getByRole('region', { name: 'Page under test' }).textContent()) ?? '').includes('Beta staging'), 'the environment');
    const listedOnB = await popupB.getByRole('region', { name: 'Seen on this page' }).count();
    figure("4. A's tokens listed on B's site", listedOnB);
    expect(listedOnB).toBe(0);
    await popupB.close();
  });
});

describe('round two, 5. one bad site pattern breaks nothing else', () => {
  it('a site the browser cannot match is refused at save', async () => {
    const options = await lab.options();
    const form = options.getByRole('form', { name: 'Add environment' });
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Bad IP');
    await form.getByRole('textbox', { name: 'Sites' }).fill('http://10.0.0.300:8080');
    await form.getByLabel('Secret', { exact: true }).fill('s');
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    const problems = form.getByRole('list', { name: 'Site problems' });
    await until(async () => (await problems.count()) > 0 || ((await options.getByRole('status').textContent()) ?? '').includes('Saved "Bad IP"'), 'the save or a refusal');
    const names = ((await lab.storage()).local.environments as { name: string }[]).map((e) => e.name);
    figure('5. http://10.0.0.300:8080 at save', names.includes('Bad IP') ? 'saved' : `refused: ${await problems.textContent()}`);
    expect(names).not.toContain('Bad IP');
    expect(await problems.textContent()).toContain('10.0.0.300');
    await options.close();
  });

  it("a stored environment the browser refuses: every other environment's observer still runs", async () => {
    // One write: a bad entry (as older data or another tool could leave) and a good one beside it.
    const good = `${otherOrigin}/stored-good*`;
    await lab.worker.evaluate(async (goodSite) => {
      const { environments } = await chrome.storage.local.get('environments');
      const bad = { id: 'stored-bad', name: 'Stored bad', vendor: 'kustomer', sites: ['http://10.0.0.300:8080/*'], secret: 'x' };
      const fine = { id: 'stored-good', name: 'Stored good', vendor: 'kustomer', sites: [goodSite], secret: 'x' };
      await chrome.storage.local.set({ environments: [...(environments as unknown[]), bad, fine] });
    }, good);
    const covers = (pattern: string) => async () => {
      const scripts = (await lab.worker.evaluate(() => chrome.scripting.getRegisteredContentScripts())) as { matches?: string[] }[];
      return scripts.some((s) => s.matches?.includes(pattern));
    };
    await until(covers(good), 'the observer of the good environment saved beside the bad one', 10_000).catch(() => undefined);
    const registered = (await covers(good)()) && (await covers(`${sim.url}/*`)());
    figure('5. observers registered for the good environments next to a bad one', registered);
    expect(registered).toBe(true);
    const site = await lab.openSite(`${sim.url}/?own=good`);
    await until(async () => ((await site.page.locator('#site-login').textContent()) ?? '').startsWith('ok'), "the site's own login");
    const popup = await lab.popup(site.tabId);
    await popup.getByRole('region', { name: 'Seen on this page' }).waitFor();
    await popup.close();
    await lab.worker.evaluate(async () => {
      const { environments } = await chrome.storage.local.get('environments');
      await chrome.storage.local.set({ environments: (environments as { id: string }[]).filter((e) => !e.id.startsWith('stored-')) });
    });
  });

  it('every site pattern the options accept, Chromium registers (property, in the real browser)', async () => {
    const label = fc.oneof(fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/), fc.integer({ min: 0, max: 999 }).map(String), fc.constantFrom('xn--a', 'xn--bcher-kva', '0x10', '08', 'localhost', '-a', 'a-'));
    const host = fc.tuple(fc.boolean(), fc.array(label, { minLength: 1, maxLength: 5 })).map(([wild, labels]) => `${wild ? '*.' : ''}${labels.join('.')}`);
    const input = fc
      .tuple(fc.constantFrom('http', 'https', '*'), host, fc.option(fc.oneof(fc.integer({ min: 0, max: 70000 }).map(String), fc.constant('*'))), fc.stringMatching(/^(\/[a-z0-9*?=&%.~-]{0,8}){0,3}$/))
      .map(([scheme, h, port, path]) => `${scheme}://${h}${port === null ? '' : `:${port}`}${path}`);
    // A new sample each run; the seed is printed so a failure can be replayed.
    const seed = Date.now();
    const accepted = [...new Set(fc.sample(input, { numRuns: 3000, seed }).map(parseSite).flatMap((p) => (p.ok ? [p.pattern] : [])))];
    expect(accepted.length).toBeGreaterThan(200);
    const refused = (await lab.worker.evaluate(async (patterns) => {
      // The relay's built file: harmless anywhere, and present in every build.
      const js = ['src/page-bridge/observer-relay.iife.js'];
      const failures: string[] = [];
      for (const [i, pattern] of patterns.entries()) {
        try {
          await chrome.scripting.registerContentScripts([{ id: `pattern-probe-${i}`, js, matches: [pattern], persistAcrossSessions: false }]);
          await chrome.scripting.unregisterContentScripts({ ids: [`pattern-probe-${i}`] });
        } catch (caught) {
          failures.push(`${pattern}: ${(caught as Error).message}`);
        }
      }
      return failures;
    }, accepted)) as string[];
    figure(`5. accepted patterns Chromium refused (seed ${seed})`, `${refused.length} of ${accepted.length}${refused.length ? `: ${refused.slice(0, 5).join(' | ')}` : ''}`);
    expect(refused).toEqual([]);
  });
});

describe('round two, 6. imported text is normalised', () => {
  it('an imported org "Acme-Staging" matches the page\'s "acme-staging"; a name with a bidi override is refused', async () => {
    const file = (name: string, orgName: string, sites: string[]) =>
      Buffer.from(JSON.stringify({ format: 'chat-identity-lab', schemaVersion: 4, environments: [{ name, vendor: 'kustomer', orgName, sites, secret: sim.secret, identities: [] }] }));
    const options = await lab.options();
    await options.getByLabel('File to import', { exact: true }).setInputFiles({ name: 'caps.json', mimeType: 'application/json', buffer: file('Imported caps', 'Acme-Staging', [`${sim.url}/?caps=1`]) });
    // Import asks first (a preview), then says what it did next to the control.
    await options.getByRole('alertdialog', { name: /with this file\?|into what is here\?/ }).getByRole('button', { name: 'Import', exact: true }).click();
    await until(async () => ((await options.locator('#import-result').textContent()) ?? '').includes('Imported'), 'the import');
    await options.getByLabel('File to import', { exact: true }).setInputFiles({ name: 'bidi.json', mimeType: 'application/json', buffer: file('Acme \u202Egnigats', 'acme', [`${sim.url}/?bidi=1`]) });
    // A file with a problem is refused before any preview: its problems are listed.
    await until(async () => (await options.getByRole('list', { name: 'Import problems' }).count()) > 0 || (await options.getByRole('alertdialog', { name: /with this file\?|into what is here\?/ }).count()) > 0, 'the second import');
    const bidi = (await options.getByRole('list', { name: 'Import problems' }).count()) > 0 ? ((await options.getByRole('list', { name: 'Import problems' }).textContent()) ?? '') : 'imported';
    figure('6. a name with U+202E at import', bidi);
    expect(bidi).toContain('right-to-left');
    await options.close();

    const site = await lab.openSite(`${sim.url}/?caps=1`);
    await ready(site.page);
    const popup = await lab.popup(site.tabId);
    const region = popup.getByRole('region', { name: 'Page under test' });
    await until(async () => ((await region.textContent()) ?? '').includes('org acme-staging'), "the page's org");
    const text = (await region.textContent()) ?? '';
    figure('6. popup on an org imported as Acme-Staging', text.includes('will be refused') ? 'false "another org" warning' : 'no warning');
    expect(text).toContain('Imported caps');
    expect(text).not.toContain('will be refused');
    await popup.close();
  });
});

describe('round two, 7. the refusal check cannot be predicted', () => {
  it('a fake SDK with no backend that refuses what it guesses is a refusal test does not pass "Refusals are real"', async () => {
    const { check } = await openCheckOn(`${sim.url}/hostile/fake-sdk.html`);
    const results = await runCheck(check);
    const refusals = (await check.getByRole('listitem', { name: 'Refusals are real' }).textContent()) ?? '';
    figure('7. "Refusals are real" on a 50-line fake SDK', `${results['Refusals are real']}: ${refusals.replace(/\s+/g, ' ').slice(0, 400)}`);
    // No server ever answered: the login itself is not proved, so no refusal can be.
    const login = (await check.getByRole('listitem', { name: 'Login', exact: true }).textContent()) ?? '';
    await check.close();
    expect(results.Login).toBe('failed');
    expect(login).toContain('nothing Kustomer said proves the login');
    expect(results['Refusals are real']).toBe('skipped');
    expect(refusals).toContain('it needs "Login"');
  });
});

describe('round two, 8. the page cannot tell the extension is there before any click', () => {
  it("a page that looks for symbols, accessors and the observer's event finds none, and its own login is still seen", async () => {
    const site = await lab.openSite(`${sim.url}/hostile/fingerprint.html?own=good`);
    const traces = site.page.locator('#fingerprint');
    await until(async () => ((await traces.textContent()) ?? '') !== '', 'the page to look for traces');
    const found = (await traces.textContent()) ?? '';
    figure('8. traces a page finds before any click', found);
    expect(found).toBe('none');
    // The observer was there all along: the site's own login is listed.
    const popup = await lab.popup(site.tabId);
    await until(async () => ((await popup.getByRole('region', { name: 'Seen on this page' }).textContent()) ?? '').includes('externalId'), "the site's own login in the popup");
    await popup.close();
  });
});
