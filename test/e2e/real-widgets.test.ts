/**
 * What the real widgets' own code does (shared/chat-vendors.md, "What the real widgets' own code
 * shows"), played by the simulator, and the tool coping with each:
 * - Intercom's boot merges window.intercomSettings under its arguments: on a page that names its
 *   own user, the ping names only the token's user, and Intercom accepts it.
 * - Intercom installed with @intercom/messenger-js-sdk (no boot call, the _intercom_npm_loader
 *   script, auto-boot from intercomSettings).
 * - Intercom does not resend an identical ping within 60 s: two identical logins in a row both
 *   end on the server's answer.
 * - Zendesk's login is a Bearer token to /sc/sdk/v2/apps/APP/login, its logout a request of its
 *   own, and an external_id linked to another identity gets 409 Conflict: named as that.
 * - Kustomer's login carries the token in a JSON body, and an answer carrying `errors` is a
 *   refusal whatever its HTTP status.
 * The popup and the Node package are driven as a tester would; what the simulator received is
 * checked. Waits are for states, never for times.
 */
import jwt from 'jsonwebtoken';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM } from '../../scripts/chromium.mjs';
import { startSimulator } from '../../simulator/server.mjs';
import { chatLogin } from '../../src/node/playwright';
import { addEnvironment, addZendeskAndIntercom, type Lab, launchLab, nextOutcome, until } from './harness';

let lab: Lab;
let sim: Awaited<ReturnType<typeof startSimulator>>;
let browser: Browser | undefined;
const local = (url: string) => url.replace('127.0.0.1', 'localhost');
const hostOf = (url: string | undefined) => new URL(url ?? 'http://invalid').host;

beforeAll(async () => {
  sim = await startSimulator();
  lab = await launchLab();
  await addZendeskAndIntercom(lab, sim);
  // On localhost, so no site is in two environments.
  await addEnvironment(lab, { name: 'Acme Kustomer', sites: `${local(sim.url)}/*`, secret: sim.secret });
});

afterAll(async () => {
  await browser?.close();
  await lab?.close();
  await sim?.close();
});

/** A page of a plain headless Chromium (no extension), for the Node package. */
async function plainPage(path: string): Promise<Page> {
  browser ??= await chromium.launch({ executablePath: CHROMIUM, headless: true });
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${sim.url}${path}`);
  return page;
}

async function click(popup: Page, name: string): Promise<string> {
  const settled = await nextOutcome(popup, `"${name}"`);
  await popup.getByRole('button', { name, exact: true }).click();
  return settled();
}

async function logIn(popup: Page, field: string, value: string): Promise<string> {
  await popup.getByRole('textbox', { name: field, exact: true }).fill(value);
  return click(popup, 'Log in');
}

/** The Session panel's list of requests that carried the token. */
async function requestsShown(popup: Page): Promise<string> {
  const list = popup.getByRole('list', { name: 'Requests that carried the token' });
  await list.waitFor();
  return (await list.allTextContents()).join('\n');
}

/** The tokens the page's Intercom was booted with, oldest first. */
const intercomTokens = (page: Page) =>
  page.evaluate(() => ((window as unknown as { __intercomSimReceived?: { token?: string }[] }).__intercomSimReceived ?? []).flatMap((r) => (r.token ? [r.token] : [])));

const pageText = (page: Page, id: string) => page.locator(`#${id}`).textContent();

async function pageShows(page: Page, id: string, expected: string) {
  await until(async () => (await pageText(page, id)) === expected, `#${id} to show ${expected}`);
}

describe('Intercom', () => {
  it("boot merges the page's intercomSettings: on a page that names its own user, the ping names only ours, and Intercom accepts it", async () => {
    const site = await lab.openSite(`${sim.url}/intercom/?own=settings`);
    // The page's server named its user in window.intercomSettings; the Messenger booted with it.
    await pageShows(site.page, 'chat-user', sim.intercom.siteUser.userId);
    const own = sim.intercom.pings.find((p) => p.userData.user_id === sim.intercom.siteUser.userId);
    expect(own).toMatchObject({ status: 200, userData: { email: sim.intercom.siteUser.email } });
    const since = sim.intercom.pings.length;

    const popup = await lab.popup(site.tabId);
    const text = await logIn(popup, 'User ID', 'ic-ours');
    expect(text).toContain(`Logged in as User ID ic-ours: Intercom's server accepted the token (HTTP 200 from ${hostOf(sim.intercom.api.us)}, this environment's API origin).`);
    await pageShows(site.page, 'chat-user', 'ic-ours');
    const ours = (await intercomTokens(site.page)).at(-1) ?? '';
    expect(jwt.verify(ours, sim.intercom.secret, { algorithms: ['HS256'] })).toMatchObject({ user_id: 'ic-ours' });

    // What Intercom's API received: our token, and no one else named beside it.
    const pings = sim.intercom.pings.slice(since);
    const carried = pings.filter((p) => p.jwt === ours);
    expect(carried).toHaveLength(1);
    expect(carried[0]).toMatchObject({ status: 200, source: 'apiBoot', appId: sim.intercom.appId });
    expect(Object.keys(carried[0]?.userData ?? {})).toEqual(['anonymous_id']);
    expect(pings.some((p) => p.userData.user_id === sim.intercom.siteUser.userId || p.userData.email === sim.intercom.siteUser.email)).toBe(false);
    // The page's own settings object is untouched.
    const settings = await site.page.evaluate(() => (window as unknown as { intercomSettings: Record<string, unknown> }).intercomSettings);
    expect(settings).toMatchObject({ app_id: sim.intercom.appId, user_id: sim.intercom.siteUser.userId, email: sim.intercom.siteUser.email });

    // Control: a boot that leaves the identity to the merge sends the page's user beside the
    // token, and Intercom refuses it (what the tool's boot avoids).
    await site.page.evaluate((token) => {
      const Intercom = (window as unknown as { Intercom: (...args: unknown[]) => void }).Intercom;
      Intercom('shutdown');
      Intercom('boot', { app_id: (window as unknown as { intercomSettings: { app_id: string } }).intercomSettings.app_id, intercom_user_jwt: token });
    }, ours);
    await until(async () => sim.intercom.pings.filter((p) => p.jwt === ours).length === 2 && sim.intercom.pings.at(-1)?.status !== 0, 'the control ping');
    expect(sim.intercom.pings.at(-1)).toMatchObject({ jwt: ours, status: 401, userData: { user_id: sim.intercom.siteUser.userId } });
    await popup.close();
    await site.page.close();
  });

  it('@intercom/messenger-js-sdk: no boot call, the _intercom_npm_loader script; the tool recognises it and logs in', async () => {
    const since = sim.intercom.pings.length;
    const site = await lab.openSite(`${sim.url}/intercom/?install=npm`);
    await pageShows(site.page, 'messenger-state', 'booted');
    const install = await site.page.evaluate(() => ({
      loader: document.querySelector('script#_intercom_npm_loader')?.getAttribute('src') ?? null,
      snippet: document.querySelector('script[src*="widget.intercom.io"]') !== null,
      settings: (window as unknown as { intercomSettings: Record<string, unknown> }).intercomSettings,
      calls: ((window as unknown as { __intercomSimReceived: unknown[] }).__intercomSimReceived ?? []).length,
    }));
    // Loaded from the app's own widgetUrl: only the script's id says Intercom.
    expect(install).toMatchObject({ loader: `/intercom/messenger/${sim.intercom.appId}`, snippet: false, calls: 0 });
    expect(install.settings).toEqual({ app_id: sim.intercom.appId, api_base: sim.intercom.api.us, installation_type: 'npm-package' });
    // It booted itself from intercomSettings: an anonymous ping with no boot call.
    expect(sim.intercom.pings.slice(since)).toEqual([expect.objectContaining({ source: 'apiBoot', jwt: undefined, appId: sim.intercom.appId, status: 200 })]);

    const popup = await lab.popup(site.tabId);
    const text = await logIn(popup, 'User ID', 'ic-npm');
    expect(text).toContain(`Logged in as User ID ic-npm: Intercom's server accepted the token (HTTP 200 from ${hostOf(sim.intercom.api.us)}, this environment's API origin).`);
    await pageShows(site.page, 'chat-user', 'ic-npm');
    const [token] = await intercomTokens(site.page);
    expect(sim.intercom.pings.filter((p) => p.jwt === token).map((p) => p.status)).toEqual([200]);
    await popup.close();
    await site.page.close();

    // The Node package on the same install.
    const page = await plainPage('/intercom/?install=npm');
    const result = await chatLogin(page, { vendor: 'intercom', apiOrigins: sim.apiOrigins.intercom, secret: sim.intercom.secret, appId: sim.intercom.appId, externalId: 'ic-npm-node' });
    expect(result).toMatchObject({ loggedIn: true, evidence: { server: { status: 200, path: '/messenger/web/ping' }, widget: 'none' } });
    await page.context().close();
  });

  it('two identical logins in a row (inside the 60 s in which the Messenger sends no identical ping): both end on the server\'s answer', async () => {
    const site = await lab.openSite(`${sim.url}/intercom/`);
    await pageShows(site.page, 'messenger-state', 'booted');
    const popup = await lab.popup(site.tabId);
    for (const _ of [1, 2]) {
      const text = await logIn(popup, 'User ID', 'ic-twice');
      expect(text).toContain(`Logged in as User ID ic-twice: Intercom's server accepted the token (HTTP 200 from ${hostOf(sim.intercom.api.us)}, this environment's API origin).`);
    }
    const tokens = await intercomTokens(site.page);
    expect(tokens).toHaveLength(2);
    for (const token of tokens) expect(sim.intercom.pings.some((p) => p.jwt === token && p.status === 200)).toBe(true);
    await popup.close();
    await site.page.close();

    // The Node package, back to back (the two tokens may well be the same, signed in one second).
    const page = await plainPage('/intercom/');
    const options = { vendor: 'intercom' as const, apiOrigins: sim.apiOrigins.intercom, secret: sim.intercom.secret, appId: sim.intercom.appId, externalId: 'ic-twice-node' };
    const first = await chatLogin(page, options);
    const second = await chatLogin(page, options);
    for (const result of [first, second]) expect(result).toMatchObject({ loggedIn: true, evidence: { server: { status: 200 }, widget: 'none' } });
    expect(sim.intercom.pings.filter((p) => p.jwt === second.token && p.status === 200).length).toBeGreaterThan(0);

    // The Messenger's rule is real: the same boot again, without shutdown, sends nothing.
    const sent = sim.intercom.pings.length;
    await page.evaluate(
      ([app, token]) => (window as unknown as { Intercom: (...args: unknown[]) => void }).Intercom('boot', { app_id: app, intercom_user_jwt: token }),
      [sim.intercom.appId, second.token],
    );
    await pageShows(page, 'pings-skipped', '1');
    expect(sim.intercom.pings.length).toBe(sent);
    await page.context().close();
  });
});

describe('Zendesk Messaging', () => {
  it('logs in with a Bearer token to /sc/sdk/v2/apps/APP/login; its logout request is the sign the logout took effect', async () => {
    const since = sim.requests.length;
    const site = await lab.openSite(`${sim.url}/zendesk/`);
    const popup = await lab.popup(site.tabId);
    const text = await logIn(popup, 'External ID', 'zd-bearer');
    expect(text).toContain(`Logged in as External ID zd-bearer: Zendesk Messaging's server accepted the token (HTTP 200 from ${hostOf(sim.vendorUrl)}, this environment's API origin).`);
    expect(await requestsShown(popup)).toContain(`POST ${hostOf(sim.vendorUrl)}/sc/sdk/v2/apps/${sim.zendesk.appId}/login → HTTP 200`);
    await pageShows(site.page, 'chat-user', 'zd-bearer');

    const logins = sim.requests.slice(since).filter((r) => r.method === 'POST' && r.url.startsWith(`/sc/sdk/v2/apps/${sim.zendesk.appId}/login`));
    expect(logins).toHaveLength(1);
    const [login] = logins;
    const token = String(login?.headers.authorization ?? '').replace(/^Bearer /, '');
    expect(jwt.verify(token, sim.zendesk.secret, { algorithms: ['HS256'] })).toMatchObject({ external_id: 'zd-bearer', scope: 'user' });
    expect(login?.headers).toMatchObject({ 'content-type': 'application/json', 'x-smooch-appid': sim.zendesk.appId, 'x-smooch-clientid': expect.any(String), 'x-smooch-sdk': expect.any(String) });
    // The token travels in the header only.
    expect(`${login?.url} ${login?.body}`).not.toContain(token.split('.')[2] ?? '');
    expect(JSON.parse(login?.body ?? '')).toMatchObject({ client: { platform: 'web' } });

    const out = await click(popup, 'Log out');
    expect(out).toContain("Logged out: zE('messenger', 'logoutUser') was called and the request it caused was answered.");
    const logout = sim.requests.slice(since).find((r) => r.method === 'POST' && /^\/sc\/sdk\/v2\/apps\/[^/]+\/appusers\/[^/]+\/logout$/.test(r.url));
    expect(logout?.url).toContain(`/sc/sdk/v2/apps/${sim.zendesk.appId}/appusers/`);
    expect(sim.zendesk.backend.session(String(login?.headers['x-smooch-clientid']))).toEqual({ signedIn: false });
    await pageShows(site.page, 'chat-user', 'anonymous');
    await popup.close();
    await site.page.close();
  });

  it('an External ID already linked to another identity: HTTP 409 Conflict, named as that, not as a wrong secret', async () => {
    const site = await lab.openSite(`${sim.url}/zendesk/`);
    const popup = await lab.popup(site.tabId);
    const text = await logIn(popup, 'External ID', sim.zendesk.linkedExternalId);
    expect(text).toContain(`Zendesk Messaging refused the token (HTTP 409 from ${hostOf(sim.vendorUrl)}, this environment's API origin): LoginFailedError: conflict:`);
    expect(text).toContain('Most often the External ID is already linked to another identity in this Zendesk account (HTTP 409 Conflict)');
    expect(text).not.toContain('Logged in');
    expect(text).not.toMatch(/secret of environment|is not this signing key's secret/);
    expect(await requestsShown(popup)).toContain(`/sc/sdk/v2/apps/${sim.zendesk.appId}/login → HTTP 409`);
    expect(await pageText(site.page, 'chat-user')).not.toBe(sim.zendesk.linkedExternalId);
    await popup.close();
    await site.page.close();
  });
});

describe('Kustomer', () => {
  it('sends the token in a JSON body, { externalToken }, to POST /c/v1/identity on its API host', async () => {
    const since = sim.requests.length;
    const page = await plainPage('/');
    const result = await chatLogin(page, { vendor: 'kustomer', apiOrigins: sim.apiOrigins.kustomer, secret: sim.secret, externalId: 'cust-json' });
    expect(result).toMatchObject({ loggedIn: true, evidence: { server: { status: 200, method: 'POST', host: hostOf(sim.vendorUrl), path: '/c/v1/identity', carried: 'body' } } });
    const identity = sim.requests.slice(since).filter((r) => r.method === 'POST' && r.url.startsWith('/c/v1/identity'));
    expect(identity).toHaveLength(1);
    expect(JSON.parse(identity[0]?.body ?? '')).toEqual({ externalToken: result.token });
    expect(identity[0]?.headers).toMatchObject({ 'content-type': 'application/json', 'x-kustomer-tracking-token': expect.stringMatching(/^dev_/) });
    expect(identity[0]?.headers.authorization).toBeUndefined();
    await until(async () => ((await pageText(page, 'chat-customer')) ?? '').startsWith('cust-json'), 'the page to show the customer');
    await page.context().close();
  });

  it('an answer whose errors come with HTTP 200 is a refusal: never "Logged in", in the popup or the Node package', async () => {
    const site = await lab.openSite(`${local(sim.url)}/?fault=errors-200`);
    await pageShows(site.page, 'sdk-state', 'ready');
    const popup = await lab.popup(site.tabId);
    const text = await logIn(popup, 'External ID', 'cust-errors');
    expect(text).toContain('Kustomer.login answered with an error: its answer carries errors, a refusal whatever its HTTP status: Unauthorized');
    expect(text).not.toContain('Logged in');
    expect(await requestsShown(popup)).toContain(`POST ${hostOf(sim.vendorUrl)}/c/v1/identity → HTTP 200`);
    await pageShows(site.page, 'chat-customer', 'anonymous');
    await popup.close();
    await site.page.close();

    const page = await plainPage('/?fault=errors-200');
    const result = await chatLogin(page, { vendor: 'kustomer', apiOrigins: sim.apiOrigins.kustomer, secret: sim.secret, externalId: 'cust-errors-node' });
    expect(result).toMatchObject({ loggedIn: false, evidence: { server: { status: 200, path: '/c/v1/identity' } } });
    expect(result.message).not.toMatch(/^Logged in/);
    expect(result.message).toContain('its answer carries errors');
    await page.context().close();
  });
});
