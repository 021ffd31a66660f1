import jwt from 'jsonwebtoken';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../simulator/server.mjs';
import { act, addEnvironment, type Lab, launchLab, lastLoginToken, nextOutcome, pageFootprint, until } from './harness';

/**
 * "Say only what the chat vendor said": the vendor server's answer to the request that carried
 * the token is the evidence, against simulator pages that behave like the real widgets
 * (Intercom.booted set on install, Zendesk builds without loginCallback, Kustomer's documented
 * loader). Two simulators, so each vendor has a good environment (127.0.0.1) and one whose
 * secret is wrong (localhost), with no site in two environments.
 */
let lab: Lab;
let simA: Awaited<ReturnType<typeof startSimulator>>;
let simB: Awaited<ReturnType<typeof startSimulator>>;
const local = (url: string) => url.replace('127.0.0.1', 'localhost');
const hostOf = (url: string | undefined) => new URL(url ?? 'http://invalid').host;

beforeAll(async () => {
  [simA, simB] = await Promise.all([startSimulator(), startSimulator()]);
  lab = await launchLab();
  await addEnvironment(lab, { name: 'Acme good', sites: `${simA.url}/*`, secret: simA.secret });
  await addEnvironment(lab, { name: 'Acme wrong secret', sites: `${local(simA.url)}/*`, secret: 'not-the-org-secret' });
  const zendesk = { vendor: 'Zendesk Messaging' as const, setting: { label: 'Key ID', value: simB.zendesk.keyId } };
  await addEnvironment(lab, { name: 'Globex good', sites: `${simB.url}/zendesk/*`, secret: simB.zendesk.secret, ...zendesk });
  await addEnvironment(lab, { name: 'Globex wrong secret', sites: `${local(simB.url)}/zendesk/*`, secret: 'not-the-signing-secret', ...zendesk });
  const intercom = { vendor: 'Intercom' as const, setting: { label: 'App ID', value: simB.intercom.appId } };
  // Only the default region's host is listed: the EU page names its own in api_base.
  await addEnvironment(lab, { name: 'Initech good', sites: `${simB.url}/intercom/*`, secret: simB.intercom.secret, apiOrigins: simB.intercom.api.us, ...intercom });
  await addEnvironment(lab, { name: 'Initech wrong secret', sites: `${local(simB.url)}/intercom/*`, secret: 'not-the-messenger-secret', ...intercom });
});

afterAll(async () => {
  await lab?.close();
  await Promise.all([simA?.close(), simB?.close()]);
});

async function logIn(popup: Page, field: string, value: string): Promise<string> {
  await popup.getByRole('textbox', { name: field, exact: true }).fill(value);
  const settled = await nextOutcome(popup, 'the login');
  await popup.getByRole('button', { name: 'Log in', exact: true }).click();
  return settled();
}

/** The Session panel's list of requests that carried the token. */
async function requestsShown(popup: Page): Promise<string> {
  const list = popup.getByRole('list', { name: 'Requests that carried the token' });
  await list.waitFor();
  return (await list.allTextContents()).join('\n');
}

const signatureOf = (token: string) => token.split('.')[2] ?? '';

async function pageTokens(page: Page, global: '__zendeskSimReceived' | '__intercomSimReceived'): Promise<string[]> {
  return page.evaluate((name) => ((window as unknown as Record<string, { token?: string }[]>)[name] ?? []).flatMap((r) => (r.token ? [r.token] : [])), global);
}

describe('Kustomer', () => {
  it("an accepted token: Kustomer's server answer and isLoggedIn are the evidence, the request is listed without its signature", async () => {
    const site = await lab.openSite(`${simA.url}/`);
    const popup = await lab.popup(site.tabId);
    const text = await logIn(popup, 'External ID', 'cust-wire');
    expect(text).toMatch(
      new RegExp(`Logged in as External ID cust-wire \\(customer cus_\\d+\\): Kustomer's server accepted the token \\(HTTP 200 from ${hostOf(simA.vendorUrl)}, this environment's API origin\\) and Kustomer\\.isLoggedIn confirms it\\.`),
    );
    const token = await lastLoginToken(site.page);
    expect(jwt.verify(token, simA.secret, { algorithms: ['HS256'] })).toMatchObject({ externalId: 'cust-wire' });
    expect(await requestsShown(popup)).toMatch(new RegExp(`POST ${hostOf(simA.vendorUrl)}/c/v1/identity → HTTP 200 \\(\\d+ ms\\)`));
    expect(await popup.locator('body').textContent()).not.toContain(signatureOf(token));
    await popup.close();
    await site.page.close();
  });

  it('a refused token is never a login: the HTTP status and the likely cause are named', async () => {
    const site = await lab.openSite(`${local(simA.url)}/`);
    const popup = await lab.popup(site.tabId);
    const text = await logIn(popup, 'External ID', 'cust-refused');
    expect(text).toContain(`Kustomer refused the token (HTTP 401 from ${hostOf(simA.vendorUrl)}, this environment's API origin): Invalid token signature`);
    expect(text).toContain('Most often the secret of environment "Acme wrong secret" is not this org\'s chat signing secret');
    expect(text).not.toContain('Logged in as');
    expect(await requestsShown(popup)).toContain('→ HTTP 401');
    const footprint = await pageFootprint(site.page);
    expect(footprint).not.toContain('not-the-org-secret');
    await popup.close();
    await site.page.close();
  });

  it("the documented loader (kustomerLoaded at once, Kustomer.start() with no options) logs in", async () => {
    const site = await lab.openSite(`${simA.url}/?loader=documented`);
    await until(async () => (await site.page.locator('#sdk-state').textContent()) === 'ready', 'the page to start its chat');
    const popup = await lab.popup(site.tabId);
    expect(await logIn(popup, 'External ID', 'cust-documented')).toMatch(/Logged in as External ID cust-documented \(customer cus_\d+\): Kustomer's server accepted the token/);
    await until(async () => ((await site.page.locator('#chat-customer').textContent()) ?? '').startsWith('cust-documented'), 'the page to show the customer');
    await popup.close();
    await site.page.close();
  });

  it('a Kustomer environment on a page that has only Zendesk names Zendesk, and sends nothing', async () => {
    const before = simA.requests.length;
    const site = await lab.openSite(`${simA.url}/zendesk/`);
    const popup = await lab.popup(site.tabId);
    const text = await logIn(popup, 'External ID', 'cust-lost');
    expect(text).toContain('This page has Zendesk Messaging, not the Kustomer chat SDK, but environment Acme good is for Kustomer.');
    expect(await pageTokens(site.page, '__zendeskSimReceived')).toEqual([]);
    expect(simA.requests.slice(before).some((r) => r.url.startsWith('/c/v1/identity') || r.url.startsWith('/sc/sdk/v2/'))).toBe(false);
    await popup.close();
    await site.page.close();
  });
});

describe('Zendesk Messaging', () => {
  it("an accepted token: Zendesk's server answer is the evidence, the callback a note", async () => {
    const site = await lab.openSite(`${simB.url}/zendesk/`);
    const popup = await lab.popup(site.tabId);
    const text = await logIn(popup, 'External ID', 'zd-wire');
    expect(text).toContain(`Logged in as External ID zd-wire: Zendesk Messaging's server accepted the token (HTTP 200 from ${hostOf(simB.vendorUrl)}, this environment's API origin).`);
    const [token] = await pageTokens(site.page, '__zendeskSimReceived');
    expect(jwt.verify(token ?? '', simB.zendesk.secret, { algorithms: ['HS256'] })).toMatchObject({ external_id: 'zd-wire', scope: 'user' });
    await popup.close();
    await site.page.close();
  });

  it('a refused token is never a login, and names HTTP 401', async () => {
    const site = await lab.openSite(`${local(simB.url)}/zendesk/`);
    const popup = await lab.popup(site.tabId);
    const text = await logIn(popup, 'External ID', 'zd-refused');
    expect(text).toContain(`Zendesk Messaging refused the token (HTTP 401 from ${hostOf(simB.vendorUrl)}, this environment's API origin): LoginFailedError: invalid_signature`);
    expect(text).not.toContain('Logged in as');
    await popup.close();
    await site.page.close();
  });

  it.each([
    ['accepted', simBUrl, 'Logged in as External ID zd-old-build'],
    ['refused', () => local(simBUrl()), 'Zendesk Messaging refused the token (HTTP 401'],
  ])('a widget build without loginCallback settles within 5 s of the click (%s)', async (_kind, base, expected) => {
    const site = await lab.openSite(`${base()}/zendesk/?build=no-callback`);
    const popup = await lab.popup(site.tabId);
    await popup.getByRole('textbox', { name: 'External ID', exact: true }).fill('zd-old-build');
    const settled = await nextOutcome(popup, 'the login');
    const clicked = Date.now();
    await popup.getByRole('button', { name: 'Log in', exact: true }).click();
    const text = await settled();
    expect(Date.now() - clicked).toBeLessThan(5_000);
    expect(text).toContain(expected);
    await popup.close();
    await site.page.close();
  });

  it("a switch logs the new user in only after the previous user's logout has taken effect", async () => {
    const since = simB.zendesk.backend.events.length;
    const site = await lab.openSite(`${simB.url}/zendesk/`);
    const popup = await lab.popup(site.tabId);
    expect(await logIn(popup, 'External ID', 'zd-first')).toContain('Logged in as External ID zd-first');
    const text = await logIn(popup, 'External ID', 'zd-second');
    expect(text).toContain('Logged in as External ID zd-second');
    expect(text).toContain("Before the switch, for External ID zd-first: Logged out: zE('messenger', 'logoutUser') was called and the request it caused was answered.");
    const deviceId = await site.page.evaluate(() => localStorage.getItem('ZD-deviceId') ?? '');
    // Zendesk's backend applied the logout before the second login arrived (a logout landing
    // later would have undone that login).
    const applied = simB.zendesk.backend.events.slice(since).filter((e) => e.deviceId === deviceId).map((e) => (e.kind === 'login' ? `login ${e.externalId}` : 'logout'));
    expect(applied).toEqual(['login zd-first', 'logout', 'login zd-second']);
    expect(simB.zendesk.backend.session(deviceId)).toEqual({ signedIn: true, externalId: 'zd-second' });
    await popup.close();
    await site.page.close();
  });
});

function simBUrl() {
  return simB.url;
}

describe('Intercom', () => {
  it("an accepted token: Intercom's server answer is the evidence", async () => {
    const site = await lab.openSite(`${simB.url}/intercom/`);
    const popup = await lab.popup(site.tabId);
    const text = await logIn(popup, 'User ID', 'ic-wire');
    expect(text).toContain(`Logged in as User ID ic-wire: Intercom's server accepted the token (HTTP 200 from ${hostOf(simB.intercom.api.us)}, this environment's API origin).`);
    expect(await requestsShown(popup)).toContain(`POST ${hostOf(simB.intercom.api.us)}/messenger/web/ping → HTTP 200`);
    await popup.close();
    await site.page.close();
  });

  it('a refused token is never a login, though Intercom.booted is true', async () => {
    const site = await lab.openSite(`${local(simB.url)}/intercom/`);
    const popup = await lab.popup(site.tabId);
    const text = await logIn(popup, 'User ID', 'ic-refused');
    expect(text).toContain(`Intercom refused the token (HTTP 401 from ${hostOf(simB.intercom.api.us)}, this environment's API origin). Most often the secret of environment "Initech wrong secret" is not this workspace's Messenger API secret`);
    expect(text).not.toContain('Logged in as');
    expect(await site.page.evaluate(() => (window as unknown as { Intercom: { booted?: boolean } }).Intercom.booted)).toBe(true);
    await popup.close();
    await site.page.close();
  });

  it("a page with api_base in its settings keeps it through the tool's boot (an EU workspace)", async () => {
    const site = await lab.openSite(`${simB.url}/intercom/?region=eu`);
    const popup = await lab.popup(site.tabId);
    const text = await logIn(popup, 'User ID', 'ic-eu');
    expect(text).toContain(`Logged in as User ID ic-eu: Intercom's server accepted the token (HTTP 200 from ${hostOf(simB.intercom.api.eu)}, the API origin the page names).`);
    const boots = await site.page.evaluate(() => (window as unknown as { __intercomSimReceived: { settings: string[] }[] }).__intercomSimReceived.map((r) => r.settings));
    expect(boots.at(-1)).toEqual(expect.arrayContaining(['app_id', 'api_base', 'alignment', 'horizontal_padding', 'intercom_user_jwt']));
    await popup.close();
    await site.page.close();
  });
});

describe('acts as the tester expects', () => {
  it('Check login still works after a wire-evidenced login (Kustomer)', async () => {
    const site = await lab.openSite(`${simA.url}/`);
    const popup = await lab.popup(site.tabId);
    await logIn(popup, 'External ID', 'cust-check');
    expect(await act(popup, 'Check login', { externalId: 'cust-check' })).toContain('External ID cust-check is logged in on this page.');
    await popup.close();
    await site.page.close();
  });
});
