import jwt from 'jsonwebtoken';
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM } from '../../scripts/chromium.mjs';
import { startSimulator } from '../../simulator/server.mjs';
import { chatLogin, chatLogout } from '../../src/node/playwright';
import { addEnvironment, type Lab, launchLab, nextOutcome, until } from './harness';

/**
 * Sunshine Conversations' Web Messenger end to end in Chromium with the built extension, on the
 * simulator's page (its SDK API on a host of its own): an accepted login with the server's 2xx
 * as evidence, a refused one (wrong secret) named by its 401, the expired token's 401 that carries
 * no CORS header (the page sees a network error; the verdict is still the server's 401), log out,
 * a switch; and chatLogin once, with Playwright's own network events.
 */
let lab: Lab;
let sim: Awaited<ReturnType<typeof startSimulator>>;
/** The simulator's site under another host name: a second environment (a wrong secret) covers it. */
let other: string;
const OTHER_APP = '6a2b4c8d0e1f2a3b4c5d6e7f';

beforeAll(async () => {
  sim = await startSimulator();
  other = sim.url.replace('127.0.0.1', 'localhost');
  lab = await launchLab();
  const settings = [
    { label: 'App ID', value: sim.sunshine.appId },
    { label: 'Key ID', value: sim.sunshine.keyId },
  ];
  await addEnvironment(lab, { name: 'Hooli Sunshine', vendor: 'Sunshine Conversations', sites: `${sim.url}/sunshine/*`, settings, secret: sim.sunshine.secret });
  await addEnvironment(lab, {
    name: 'Hooli wrong secret',
    vendor: 'Sunshine Conversations',
    sites: `${other}/sunshine/*`,
    // Another team's app, as a copied environment may name.
    settings: [
      { label: 'App ID', value: OTHER_APP },
      { label: 'Key ID', value: sim.sunshine.keyId },
    ],
    secret: 'not-the-app-key-secret',
    apiOrigins: sim.apiOrigins.sunshine.join('\n'),
  });
});

afterAll(async () => {
  await lab?.close();
  await sim?.close();
});

async function click(popup: Page, name: string) {
  const settled = await nextOutcome(popup, `"${name}"`);
  await popup.getByRole('button', { name, exact: true }).click();
  return settled();
}

/** Who the server has logged in on the page's device, as the page shows it. */
async function pageUser(page: Page, expected: string) {
  await until(async () => (await page.locator('#chat-user').textContent()) === expected, `the page to show ${expected}`);
}

/** The tokens the page's Smooch.login was given, in order. */
async function tokensOn(page: Page): Promise<string[]> {
  return page.evaluate(() => ((window as unknown as { __sunshineSimReceived?: { call: string; token?: string }[] }).__sunshineSimReceived ?? []).flatMap((r) => (r.call === 'login' && r.token ? [r.token] : [])));
}

const apiHost = () => new URL(sim.apiOrigins.sunshine[0] ?? '').host;

async function saveIdentity(popup: Page, label: string, externalId: string) {
  await popup.getByRole('textbox', { name: 'External ID', exact: true }).fill(externalId);
  await popup.getByRole('textbox', { name: 'Label' }).fill(label);
  expect(await click(popup, 'Save identity')).toContain(`Saved identity "${label}"`);
}

describe('Sunshine Conversations', () => {
  it("logs in with a kid-signed user token on the server's word, switches between saved identities, logs out", async () => {
    const site = await lab.openSite(`${sim.url}/sunshine/`);
    await until(async () => (await site.page.locator('#widget-state').textContent()) === 'ready', 'the Web Messenger');
    const popup = await lab.popup(site.tabId);
    // Smooch.login takes an external id and the token: that is the one field.
    await popup.getByRole('textbox', { name: 'External ID', exact: true }).waitFor();
    // The page's Smooch.init names its app, and it is the environment's.
    await popup.getByText(`app ${sim.sunshine.appId}`).waitFor();
    expect(await popup.getByText("This page's chat belongs to").count()).toBe(0);
    expect(await popup.getByRole('textbox', { name: 'Email' }).count()).toBe(0);
    expect(await popup.getByRole('button', { name: 'Check login' }).count()).toBe(0);

    await popup.getByRole('textbox', { name: 'External ID', exact: true }).fill('sun-ada');
    const accepted = await click(popup, 'Log in');
    // With the appUser id the widget now holds (getUser()._id) as the customer.
    expect(accepted).toMatch(/Logged in as External ID sun-ada \(customer [0-9a-f]{24}\): Sunshine Conversations's server accepted the token \(HTTP 200 from /);
    expect(accepted).toContain(`(HTTP 200 from ${apiHost()}`);
    await pageUser(site.page, 'sun-ada');
    const [token] = await tokensOn(site.page);
    const verified = jwt.verify(token ?? '', sim.sunshine.secret, { algorithms: ['HS256'], complete: true });
    expect(verified.header).toEqual({ alg: 'HS256', typ: 'JWT', kid: sim.sunshine.keyId });
    expect(verified.payload).toMatchObject({ scope: 'user', external_id: 'sun-ada' });
    // The server's answer is to the request that carried the token: the login, on the API host.
    expect(sim.sunshine.calls.filter((c) => c.path.endsWith('/login')).at(-1)).toMatchObject({ userId: 'sun-ada', status: 200 });

    await saveIdentity(popup, 'Ada', 'sun-ada');
    await saveIdentity(popup, 'Grace', 'sun-grace');
    const list = popup.getByRole('list', { name: 'Saved identities' });
    let settled = await nextOutcome(popup, 'the switch to Grace');
    await list.getByRole('button', { name: /Log in as Grace/ }).click();
    const switched = await settled();
    expect(switched).toContain('Logged in as External ID sun-grace');
    expect(switched).toContain('Logged out External ID sun-ada first.');
    await pageUser(site.page, 'sun-grace');
    // A switch names only the new customer: the login carried no previous appUser.
    const lastLogin = sim.sunshine.calls.filter((c) => c.path.endsWith('/login')).at(-1);
    expect(lastLogin).toMatchObject({ userId: 'sun-grace', status: 200 });
    expect(lastLogin?.appUserId).toBeUndefined();
    expect(await site.page.locator('#chat-previous').textContent()).toBe('none');

    settled = await nextOutcome(popup, 'the switch back to Ada');
    await list.getByRole('button', { name: /Log in as Ada/ }).click();
    expect(await settled()).toContain('Logged in as External ID sun-ada');
    await pageUser(site.page, 'sun-ada');

    expect(await click(popup, 'Log out')).toContain('Logged out');
    await pageUser(site.page, 'anonymous');
    // The Web Messenger forgets the user and keeps its device (client id).
    const keys = await site.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith(`${document.querySelector('code')?.textContent}.`)));
    expect(keys).toEqual([`${sim.sunshine.appId}.clientId`]);
    expect(JSON.stringify(sim.requests)).not.toContain(sim.sunshine.secret);
    await popup.close();
    await site.page.close();
  });

  it('a wrong secret: never called a login, the 401 named with its likely cause', async () => {
    const site = await lab.openSite(`${other}/sunshine/`);
    await until(async () => (await site.page.locator('#widget-state').textContent()) === 'ready', 'the Web Messenger');
    const popup = await lab.popup(site.tabId);
    await popup.getByText(`This page's chat belongs to app ${sim.sunshine.appId}, but Hooli wrong secret is for app ${OTHER_APP}`).waitFor();
    await popup.getByRole('textbox', { name: 'External ID', exact: true }).fill('sun-refused');
    const refused = await click(popup, 'Log in');
    expect(refused).toContain(`Sunshine Conversations refused the token (HTTP 401 from ${apiHost()}, this environment's API origin): invalid_auth: HTTP 401: Invalid JWT signature.`);
    expect(refused).toContain('Most often the secret of environment "Hooli wrong secret" is not the secret of the app key its Key ID names');
    expect(refused).not.toContain('Logged in as');
    // The widget said it too: its onInvalidAuth ran, and its promise was rejected.
    await until(async () => (await site.page.locator('#invalid-auth').textContent()) === '1', "the page's onInvalidAuth");
    expect(await site.page.locator('#chat-user').textContent()).toBe('anonymous');
    await popup.close();
    await site.page.close();
  });

  it("an expired token's 401 without CORS headers: the page sees a network error, the verdict is the server's 401", async () => {
    // The API's clock is two hours ahead: the token (15 minutes' life) is expired on arrival.
    const site = await lab.openSite(`${sim.url}/sunshine/?clock=ahead`);
    await until(async () => (await site.page.locator('#widget-state').textContent()) === 'ready', 'the Web Messenger');
    const popup = await lab.popup(site.tabId);
    await popup.getByRole('textbox', { name: 'External ID', exact: true }).fill('sun-expired');
    const refused = await click(popup, 'Log in');
    expect(refused).toContain(`Sunshine Conversations refused the token (HTTP 401 from ${apiHost()}, this environment's API origin): TypeError: Failed to fetch. Most often the token's exp has passed`);
    expect(refused).toContain('a 401 that carries no CORS header, so the page sees only a network error');
    expect(refused).not.toMatch(/no verdict|no answer from|had no answer|Logged in as/);
    // What the page saw: a rejection with no status, and no onInvalidAuth.
    await until(async () => (await site.page.locator('#login-result').textContent())?.startsWith('rejected: ') === true, "the page's rejection");
    expect(await site.page.locator('#login-result').textContent()).toBe('rejected: Failed to fetch');
    expect(await site.page.locator('#invalid-auth').textContent()).toBe('0');
    expect(sim.sunshine.calls.filter((c) => c.path.endsWith('/login')).at(-1)).toMatchObject({ userId: 'sun-expired', status: 401 });
    await popup.close();
    await site.page.close();
  });

  it('lists the token the site passes to Smooch.login under "Seen on this page"', async () => {
    const site = await lab.openSite(`${sim.url}/sunshine/?own=good`);
    await until(async () => (await site.page.locator('#site-login').textContent()) === 'ok', "the site's own login");
    const popup = await lab.popup(site.tabId);
    await popup.getByRole('region', { name: 'Seen on this page' }).getByText('external_id sun-site-user').waitFor();
    await popup.close();
    await site.page.close();
  });

  it('the inspector takes a pasted Sunshine token and checks it against the environment\'s secret', async () => {
    const page = await lab.context.newPage();
    await page.goto(`chrome-extension://${lab.extensionId}/src/inspector/index.html`);
    const legacy = jwt.sign({ scope: 'appUser', userId: 'sun-legacy' }, sim.sunshine.secret, { algorithm: 'HS256', keyid: sim.sunshine.keyId });
    await page.getByRole('textbox', { name: 'Token' }).fill(legacy);
    const findings = page.getByRole('list', { name: 'Findings' });
    await until(async () => ((await findings.allTextContents()).join('\n')).includes('scope "appUser" with userId'), 'the legacy finding');
    expect(await page.getByRole('combobox', { name: 'Rules of' }).inputValue()).toBe('sunshine');
    await page.getByRole('combobox', { name: 'Check with the secret of' }).selectOption({ label: 'Hooli Sunshine' });
    const note = page.getByRole('note', { name: 'Signature check' });
    await until(async () => ((await note.textContent()) ?? '').includes('valid'), 'the signature check');
    expect(await note.textContent()).toBe('Signature valid with the secret of Hooli Sunshine.');
    // The server code mints today's claims from the legacy ones, with the key id and a short life.
    const snippet = (await page.getByRole('region', { name: 'Server code' }).locator('pre').textContent()) ?? '';
    expect(snippet).toContain('"scope": "user"');
    expect(snippet).toContain('"external_id": "sun-legacy"');
    expect(snippet).toContain(`keyid: "${sim.sunshine.keyId}"`);
    expect(snippet).toContain('expiresIn: 900');
    // A scope-user token is also Zendesk Messaging's shape: the checked environment's vendor decides.
    const noKid = jwt.sign({ scope: 'user', external_id: 'sun-1' }, sim.sunshine.secret, { algorithm: 'HS256' });
    await page.getByRole('textbox', { name: 'Token' }).fill(noKid);
    await until(async () => ((await findings.allTextContents()).join('\n')).includes('Missing key id (kid)'), 'the kid finding');
    await page.close();
  });
});

describe('chatLogin on the Sunshine Conversations page', () => {
  it("logs in on the server's 2xx and names the expired token's 401 (Playwright's events say only net::ERR_FAILED; the protocol session has the status)", async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
    try {
      const options = { vendor: 'sunshine' as const, apiOrigins: sim.apiOrigins.sunshine, secret: sim.sunshine.secret, keyId: sim.sunshine.keyId, appId: sim.sunshine.appId };
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${sim.url}/sunshine/`);
      const result = await chatLogin(page, { ...options, externalId: 'sun-node' });
      expect(result.loggedIn).toBe(true);
      expect(result.evidence.server).toMatchObject({ status: 200, host: apiHost() });
      expect(jwt.verify(result.token, sim.sunshine.secret, { algorithms: ['HS256'], complete: true })).toMatchObject({ header: { kid: sim.sunshine.keyId }, payload: { external_id: 'sun-node', scope: 'user' } });
      await until(async () => (await page.locator('#chat-user').textContent()) === 'sun-node', 'the page to show sun-node');
      const out = await chatLogout(page, { vendor: 'sunshine' });
      expect(out.loggedOut).toBe(true);

      const expired = await (await browser.newContext()).newPage();
      await expired.goto(`${sim.url}/sunshine/?clock=ahead`);
      const refused = await chatLogin(expired, { ...options, externalId: 'sun-node-expired' });
      expect(refused.loggedIn).toBe(false);
      expect(refused.evidence.server).toMatchObject({ status: 401 });
      expect(refused.message).toContain('Sunshine Conversations refused the token (HTTP 401 from');
    } finally {
      await browser.close();
    }
  });

  it('the fault pages break exactly their promise: accepts-expired, logout-keeps, sticky-identity', async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
    try {
      const options = { vendor: 'sunshine' as const, apiOrigins: sim.apiOrigins.sunshine, secret: sim.sunshine.secret, keyId: sim.sunshine.keyId };
      const open = async (query: string) => {
        const page = await (await browser.newContext()).newPage();
        await page.goto(`${sim.url}/sunshine/${query}`);
        return page;
      };
      const stored = (page: Page) => page.evaluate(() => Object.keys(localStorage).sort());

      // The server takes the token its clock says is expired.
      const expired = await open('?clock=ahead&fault=accepts-expired');
      expect((await chatLogin(expired, { ...options, externalId: 'sun-late' })).loggedIn).toBe(true);

      // Healthy: after logout only the client id is left, and the server forgot the device.
      const healthy = await open('');
      await chatLogin(healthy, { ...options, externalId: 'sun-out' });
      expect((await chatLogout(healthy, { vendor: 'sunshine' })).loggedOut).toBe(true);
      await until(async () => (await healthy.locator('#chat-user').textContent()) === 'anonymous', 'the healthy logout');
      expect(await stored(healthy)).toEqual([`${sim.sunshine.appId}.clientId`]);

      // logout-keeps: the stored session stays and the Messenger asks for that user again.
      const keeps = await open('?fault=logout-keeps');
      await chatLogin(keeps, { ...options, externalId: 'sun-kept' });
      expect((await chatLogout(keeps, { vendor: 'sunshine' })).loggedOut).toBe(true);
      expect(await stored(keeps)).toEqual([`${sim.sunshine.appId}.appUserId`, `${sim.sunshine.appId}.clientId`, `${sim.sunshine.appId}.sessionToken`]);
      await until(async () => sim.sunshine.calls.some((c) => c.path.includes('/appusers/') && !c.path.endsWith('/logout') && c.status === 200), 'the request naming the kept user');
      expect(await keeps.locator('#chat-user').textContent()).toBe('sun-kept');

      // sticky-identity: after a switch the login still names the previous user's appUser.
      const sticky = await open('?fault=sticky-identity');
      await chatLogin(sticky, { ...options, externalId: 'sun-first' });
      await chatLogin(sticky, { ...options, externalId: 'sun-second' });
      const last = sim.sunshine.calls.filter((c) => c.path.endsWith('/login')).at(-1);
      expect(last).toMatchObject({ userId: 'sun-second', status: 200 });
      expect(last?.appUserId).toEqual(expect.any(String));
      await until(async () => (await sticky.locator('#chat-previous').textContent()) === 'sun-first', 'the previous user still linked');
    } finally {
      await browser.close();
    }
  });
});
