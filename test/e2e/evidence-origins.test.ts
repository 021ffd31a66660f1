/**
 * Only the vendor's server is evidence: pages that make another host answer for the vendor.
 * - An analytics script that forwards each request it sees (the token too) to the site's own
 *   /collect, answered 200 as the vendor's request goes out (?analytics=forward): the extension
 *   and the Node package judge only the vendor's API origins, and list the leak.
 * - An "offline-first" service worker answering the vendor's request with a fallback 200
 *   (?sw=offline): no server saw the token, so it is no login.
 * Each attack has a control: the same login without it.
 */
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatLogin } from '../../src/node/playwright';
import { startSimulator } from '../../simulator/server.mjs';
import { CHROMIUM } from '../../scripts/chromium.mjs';
import { addEnvironment, type Lab, launchLab, nextOutcome } from './harness';

type Sim = Awaited<ReturnType<typeof startSimulator>>;
let sim: Sim;
const local = (url: string) => url.replace('127.0.0.1', 'localhost');
const hostOf = (url: string | undefined) => new URL(url ?? 'http://invalid').host;
/** The forwarded copies the site's own /collect received, carrying `signature`. */
const collected = (signature: string) => sim.requests.filter((r) => r.url === '/collect' && r.body.includes(signature));

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim?.close();
});

describe('in the popup: a 200 from the site\'s own /collect is not the vendor\'s', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await launchLab();
    const intercom = { vendor: 'Intercom' as const, setting: { label: 'App ID', value: sim.intercom.appId } };
    await addEnvironment(lab, { name: 'Initech good', sites: `${sim.url}/intercom/*`, secret: sim.intercom.secret, ...intercom });
    await addEnvironment(lab, { name: 'Initech wrong secret', sites: `${local(sim.url)}/intercom/*`, secret: 'not-the-messenger-secret', ...intercom });
    const zendesk = { vendor: 'Zendesk Messaging' as const, setting: { label: 'Key ID', value: sim.zendesk.keyId } };
    await addEnvironment(lab, { name: 'Globex wrong secret', sites: `${local(sim.url)}/zendesk/*`, secret: 'not-the-signing-secret', ...zendesk });
  });
  afterAll(async () => {
    await lab?.close();
  });

  /** Logs in through the popup; returns it, the outcome, and the tokens the page's widget was given. */
  async function logIn(url: string, field: string, value: string, global: '__intercomSimReceived' | '__zendeskSimReceived') {
    const site = await lab.openSite(url);
    const popup = await lab.popup(site.tabId);
    await popup.getByRole('textbox', { name: field, exact: true }).fill(value);
    const settled = await nextOutcome(popup, 'the login');
    await popup.getByRole('button', { name: 'Log in', exact: true }).click();
    const text = await settled();
    const tokens = await site.page.evaluate((name) => ((window as unknown as Record<string, { token?: string }[]>)[name] ?? []).flatMap((r) => (r.token ? [r.token] : [])), global);
    return { popup, text, signature: tokens.at(-1)?.split('.')[2] ?? 'none' };
  }

  it('Intercom: a refused token stays refused though /collect answered 200; the leak is listed', async () => {
    const { popup, text, signature } = await logIn(`${local(sim.url)}/intercom/?analytics=forward`, 'User ID', 'ic-victim', '__intercomSimReceived');
    expect(text).toContain(`Intercom refused the token (HTTP 401 from ${hostOf(sim.intercom.api.us)}, this environment's API origin)`);
    expect(text).not.toContain('Logged in');
    expect(text).toContain(`The token was also sent to ${hostOf(local(sim.url))}/collect: not Intercom's server.`);
    // The analytics copy really carried the token to the site's host.
    expect(collected(signature).length).toBeGreaterThan(0);
    const elsewhere = popup.getByRole('list', { name: 'The token also went elsewhere' });
    expect((await elsewhere.allTextContents()).join('\n')).toContain('/collect → HTTP 200');
    await popup.close();
  });

  it('Intercom, control: the same page with the right secret logs in on the vendor\'s 200', async () => {
    const { popup, text } = await logIn(`${sim.url}/intercom/?analytics=forward`, 'User ID', 'ic-control', '__intercomSimReceived');
    expect(text).toContain(`Logged in as User ID ic-control: Intercom's server accepted the token (HTTP 200 from ${hostOf(sim.intercom.api.us)}, this environment's API origin).`);
    expect(text).toContain(`The token was also sent to ${hostOf(sim.url)}/collect: not Intercom's server.`);
    await popup.close();
  });

  it('Zendesk, a build without loginCallback: /collect\'s 200 does not outvote the 401', async () => {
    const { popup, text, signature } = await logIn(`${local(sim.url)}/zendesk/?build=no-callback&analytics=forward`, 'External ID', 'zd-victim', '__zendeskSimReceived');
    expect(collected(signature).length).toBeGreaterThan(0);
    expect(text).toContain(`Zendesk Messaging refused the token (HTTP 401 from ${hostOf(sim.vendorUrl)}, this environment's API origin)`);
    expect(text).not.toContain('Logged in');
    expect(text).toContain(`The token was also sent to ${hostOf(local(sim.url))}/collect: not Zendesk Messaging's server.`);
    await popup.close();
  });
});

describe('in the Node package', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  });
  afterAll(async () => {
    await browser?.close();
  });
  async function open(url: string): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    await page.goto(url);
    return page;
  }
  const intercom = () => ({ vendor: 'intercom' as const, apiOrigins: sim.apiOrigins.intercom, secret: sim.intercom.secret, appId: sim.intercom.appId });

  it('Intercom: refused by its server, forwarded to /collect (200): loggedIn false, the leak in notes and evidence', async () => {
    const page = await open(`${sim.url}/intercom/?analytics=forward`);
    const result = await chatLogin(page, { ...intercom(), secret: 'not-the-messenger-secret', externalId: 'ic-victim' });
    expect(result.loggedIn).toBe(false);
    expect(result.message).toContain(`Intercom refused the token (HTTP 401 from ${hostOf(sim.intercom.api.us)}`);
    expect(result.evidence.server?.status).toBe(401);
    expect(result.evidence.elsewhere.map((e) => `${e.host}${e.path} ${e.status}`)).toContain(`${hostOf(sim.url)}/collect 200`);
    expect(result.notes).toContain(`The token was also sent to ${hostOf(sim.url)}/collect: not Intercom's server.`);
    expect(collected(result.token.split('.')[2] ?? '').length).toBeGreaterThan(0);
    await page.context().close();
  });

  it('Kustomer with confirm: a refused token is never "accepted by the server" though /collect said 200', async () => {
    const page = await open(`${sim.url}/?analytics=forward`);
    const result = await chatLogin(page, { vendor: 'kustomer', apiOrigins: sim.apiOrigins.kustomer, secret: 'not-the-org-secret', externalId: 'cust-victim', confirm: true });
    expect(result.loggedIn).toBe(false);
    expect(result.message).not.toContain('accepted the token');
    expect(result.message).toContain(`Kustomer refused the token (HTTP 401 from ${hostOf(sim.vendorUrl)}`);
    expect(result.evidence.elsewhere.length).toBeGreaterThan(0);
    await page.context().close();
  });

  it('control: without the API origin listed, the simulator\'s answer is no vendor\'s, so no login is claimed', async () => {
    const page = await open(`${sim.url}/intercom/`);
    const result = await chatLogin(page, { ...intercom(), apiOrigins: undefined, externalId: 'ic-unlisted', timeoutSeconds: 3 });
    expect(result.loggedIn).toBe(false);
    expect(result.evidence.server).toBeUndefined();
    expect(result.message).toContain('no request carrying the token went to Intercom\'s API origins');
    await page.context().close();
  });

  it('a service worker of the page answering the vendor\'s request is no server: loggedIn false, and it says so', async () => {
    // A simulator of its own: the worker controls every page of its origin once installed.
    const own = await startSimulator();
    try {
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${own.url}/intercom/?sw=offline`);
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      const result = await chatLogin(page, { vendor: 'intercom', apiOrigins: own.apiOrigins.intercom, secret: own.intercom.secret, appId: own.intercom.appId, externalId: 'ic-offline', timeoutSeconds: 3 });
      expect(result.loggedIn).toBe(false);
      expect(result.evidence.server).toBeUndefined();
      expect(result.evidence.requests.some((r) => r.serviceWorker === true && r.status === 200)).toBe(true);
      expect(result.message).toContain('a service worker of the page answered the request that carried the token');
      await page.context().close();

      // Control: the same page without the worker, in a fresh context, logs in on the server's 200.
      const clean = await (await browser.newContext()).newPage();
      await clean.goto(`${own.url}/intercom/`);
      const control = await chatLogin(clean, { vendor: 'intercom', apiOrigins: own.apiOrigins.intercom, secret: own.intercom.secret, appId: own.intercom.appId, externalId: 'ic-online' });
      expect(control.loggedIn).toBe(true);
      expect(control.evidence.server?.serviceWorker).toBeUndefined();
      await clean.context().close();
    } finally {
      await own.close();
    }
  });
});
