import { createHmac } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../simulator/server.mjs';
import { chatLogin, chatLogout } from '../../src/node/playwright';
import { addEnvironment, type Lab, launchLab, nextOutcome, until } from './harness';

/**
 * Intercom's identity verification by user_hash, end to end in Chromium with the built
 * extension, on the simulator's user_hash app (`/intercom/?verification=hash`): an environment
 * whose Identity verification is user_hash (a select in Options) logs in with the HMAC of the
 * user_id (or of the email when there is none), Intercom's server's answer as the evidence; a
 * wrong secret is refused and never called a login; a switch; a log out; and chatLogin with the
 * option.
 */
let lab: Lab;
let sim: Awaited<ReturnType<typeof startSimulator>>;
const USER_HASH = 'user_hash (HMAC of the user_id or email)';

beforeAll(async () => {
  sim = await startSimulator();
  lab = await launchLab();
  await addEnvironment(lab, {
    name: 'Initech legacy',
    vendor: 'Intercom',
    sites: `${sim.url}/intercom/*`,
    settings: [
      { label: 'App ID', value: sim.intercom.hashAppId },
      { label: 'Identity verification', value: USER_HASH, select: true },
    ],
    secret: sim.intercom.hashSecret,
  });
  // The same workspace reached as localhost, with another workspace's secret: a tester's mistake.
  await addEnvironment(lab, {
    name: 'Initech wrong secret',
    vendor: 'Intercom',
    sites: `${sim.url.replace('127.0.0.1', 'localhost')}/intercom/*`,
    settings: [
      { label: 'App ID', value: sim.intercom.hashAppId },
      { label: 'Identity verification', value: USER_HASH, select: true },
    ],
    secret: 'another-workspace-identity-verification-secret',
  });
});

afterAll(async () => {
  await lab?.close();
  await sim?.close();
});

const hashOf = (value: string, secret = sim.intercom.hashSecret) => createHmac('sha256', secret).update(value).digest('hex');

async function click(popup: Page, name: string) {
  const settled = await nextOutcome(popup, `"${name}"`);
  await popup.getByRole('button', { name, exact: true }).click();
  return settled();
}

/** What the page's Messenger was booted with by a login: each user_hash with the values beside it. */
async function hashesOn(page: Page): Promise<{ userHash?: string; userId?: string; email?: string; token?: string }[]> {
  return page.evaluate(() => ((window as unknown as { __intercomSimReceived?: { userHash?: string; userId?: string; email?: string; token?: string }[] }).__intercomSimReceived ?? []).slice());
}

async function pageUser(page: Page, expected: string) {
  await until(async () => (await page.locator('#chat-user').textContent()) === expected, `the page to show ${expected}`);
}

async function openHashPage(host = sim.url) {
  const site = await lab.openSite(`${host}/intercom/?verification=hash`);
  await until(async () => (await site.page.locator('#messenger-state').textContent()) === 'booted', 'the anonymous Messenger');
  return site;
}

const sessionCookies = async (page: Page) => (await page.context().cookies(sim.url)).filter((c) => c.name.startsWith('intercom-session-')).map((c) => c.name);

/** Waits for the Messenger to have set its session cookie (it does when the ping's answer reaches the page). */
async function sessionCookieSet(page: Page, appId: string) {
  await until(async () => (await sessionCookies(page)).includes(`intercom-session-${appId}`), 'the session cookie');
}

/** Who a ping names: its user_data's user_id, or the user_id its JWT signs. */
function namedIn(ping: { userData: { user_id?: string }; jwt?: string }): string | undefined {
  if (ping.userData.user_id) return ping.userData.user_id;
  const payload = ping.jwt ? jwt.decode(ping.jwt) : null;
  return payload && typeof payload === 'object' && typeof payload.user_id === 'string' ? payload.user_id : undefined;
}

describe("Intercom's user_hash", () => {
  it('the options list the environment with its Identity verification', async () => {
    const options = await lab.options();
    const card = options.getByRole('listitem', { name: 'Initech legacy' });
    await card.getByText(`Identity verification: ${USER_HASH}`).waitFor();
    await card.getByText(`App ID: ${sim.intercom.hashAppId}`).waitFor();
    await options.close();
  });

  it("logs in with the user_id's hash (Intercom's 2xx as evidence), switches between two saved identities, logs out", async () => {
    const site = await openHashPage();
    const popup = await lab.popup(site.tabId);
    await popup.getByRole('textbox', { name: 'User ID', exact: true }).fill('ic-hash-ada');
    await popup.getByRole('textbox', { name: 'Email', exact: true }).fill('ada@example.test');
    const pingsBefore = sim.intercom.pings.length;
    const outcome = await click(popup, 'Log in');
    expect(outcome).toMatch(/Logged in as User ID ic-hash-ada: Intercom's server accepted the token \(HTTP 200 from 127\.0\.0\.1:\d+, this environment's API origin\)\./);
    await pageUser(site.page, 'ic-hash-ada');
    // What the page's Messenger received: the user_id, the email, and node:crypto's hash of the user_id; no JWT.
    const [boot] = await hashesOn(site.page);
    expect(boot).toEqual(expect.objectContaining({ userId: 'ic-hash-ada', email: 'ada@example.test', userHash: hashOf('ic-hash-ada') }));
    expect(boot?.token).toBeUndefined();
    // Intercom's API host received that hash with the ping, and answered 200.
    const ping = sim.intercom.pings.slice(pingsBefore).find((p) => p.userData.user_hash !== undefined);
    expect(ping).toEqual(expect.objectContaining({ appId: sim.intercom.hashAppId, status: 200, userData: expect.objectContaining({ user_id: 'ic-hash-ada', user_hash: hashOf('ic-hash-ada') }) }));
    await popup.getByRole('region', { name: 'Session' }).getByRole('list', { name: 'Requests that carried the token' }).waitFor();
    await sessionCookieSet(site.page, sim.intercom.hashAppId);

    for (const [label, id, email] of [
      ['Ada', 'ic-hash-ada', ''],
      ['Grace', 'ic-hash-grace', 'grace@example.test'],
    ]) {
      await popup.getByRole('textbox', { name: 'User ID', exact: true }).fill(id as string);
      await popup.getByRole('textbox', { name: 'Email', exact: true }).fill(email as string);
      await popup.getByRole('textbox', { name: 'Label' }).fill(label as string);
      expect(await click(popup, 'Save identity')).toContain(`Saved identity "${label}"`);
    }
    const list = popup.getByRole('list', { name: 'Saved identities' });
    let settled = await nextOutcome(popup, 'the switch to Grace');
    await list.getByRole('button', { name: /Log in as Grace/ }).click();
    expect(await settled()).toContain("Logged in as User ID ic-hash-grace: Intercom's server accepted the token (HTTP 200");
    await pageUser(site.page, 'ic-hash-grace');
    expect((await hashesOn(site.page)).at(-1)).toEqual(expect.objectContaining({ userId: 'ic-hash-grace', userHash: hashOf('ic-hash-grace') }));
    settled = await nextOutcome(popup, 'the switch to Ada');
    await list.getByRole('button', { name: /Log in as Ada/ }).click();
    const back = await settled();
    expect(back).toContain('Logged out User ID ic-hash-grace first.');
    expect(back).toContain('Logged in as User ID ic-hash-ada');
    await pageUser(site.page, 'ic-hash-ada');

    expect(await click(popup, 'Log out')).toContain('Logged out');
    await pageUser(site.page, 'anonymous');
    // Intercom('shutdown') cleared the Messenger's session cookie.
    expect(await sessionCookies(site.page)).toEqual([]);
    await popup.close();
    await site.page.close();
  });

  it('signs the email for a user with only an email', async () => {
    const site = await openHashPage();
    const popup = await lab.popup(site.tabId);
    await popup.getByRole('textbox', { name: 'Email', exact: true }).fill('only-email@example.test');
    const outcome = await click(popup, 'Log in');
    expect(outcome).toMatch(/Logged in as only-email@example\.test: Intercom's server accepted the token \(HTTP 200 from 127\.0\.0\.1:\d+/);
    await pageUser(site.page, 'only-email@example.test');
    const [boot] = await hashesOn(site.page);
    expect(boot).toEqual(expect.objectContaining({ email: 'only-email@example.test', userHash: hashOf('only-email@example.test') }));
    expect(boot?.userId).toBeUndefined();
    await popup.close();
    await site.page.close();
  });

  it("a wrong secret: Intercom's 401 is named, with the hash's likely causes, and it is never called a login", async () => {
    const site = await openHashPage(sim.url.replace('127.0.0.1', 'localhost'));
    const popup = await lab.popup(site.tabId);
    await popup.getByRole('textbox', { name: 'User ID', exact: true }).fill('ic-hash-refused');
    const outcome = await click(popup, 'Log in');
    expect(outcome).toMatch(/^Refused by IntercomServer answer: HTTP 401 from 127\.0\.0\.1:\d+, this environment's API origin\.Most often the secret of environment "Initech wrong secret" is not this workspace's identity verification secret/);
    expect(outcome).toContain('User ID ic-hash-refused not logged in');
    expect(outcome).toContain('the user_hash signs the wrong field');
    expect(outcome).not.toMatch(/Logged in/);
    // The page got the wrong secret's hash, which Intercom's server refused.
    expect((await hashesOn(site.page)).at(-1)?.userHash).toBe(hashOf('ic-hash-refused', 'another-workspace-identity-verification-secret'));
    expect(await site.page.locator('#chat-user').textContent()).toBe('anonymous');
    await popup.close();
    await site.page.close();
  });

  it('the inspector shows the HMAC view for a user_hash environment', async () => {
    const page = await lab.context.newPage();
    await page.goto(`chrome-extension://${lab.extensionId}/src/inspector/index.html`);
    await page.getByRole('combobox', { name: 'Signed field' }).waitFor();
    await page.getByRole('textbox', { name: 'Signed user_id' }).fill('ic-hash-ada');
    await page.getByRole('textbox', { name: 'Signature' }).fill(hashOf('ic-hash-ada').toUpperCase());
    await page.getByText(/hex is in capitals|right HMAC in capital hex/).first().waitFor();
    await page.getByRole('region', { name: 'Server code' }).getByText("digest('hex')").waitFor();
    await page.close();
  });

  it("chatLogin with identityVerification: 'user_hash' logs in with the hash, Intercom's 200 as evidence", async () => {
    const page = await lab.context.newPage();
    await page.goto(`${sim.url}/intercom/?verification=hash`);
    await until(async () => (await page.locator('#messenger-state').textContent()) === 'booted', 'the anonymous Messenger');
    const result = await chatLogin(page, {
      vendor: 'intercom',
      identityVerification: 'user_hash',
      appId: sim.intercom.hashAppId,
      apiOrigins: sim.apiOrigins.intercom,
      secret: sim.intercom.hashSecret,
      externalId: 'ic-hash-node',
    });
    expect(result.loggedIn).toBe(true);
    expect(result.credential).toEqual({ kind: 'hmac', value: hashOf('ic-hash-node'), signed: 'ic-hash-node', field: 'user_id' });
    expect(result.evidence.server?.status).toBe(200);
    await until(async () => (await page.locator('#chat-user').textContent()) === 'ic-hash-node', 'the page to show ic-hash-node');
    await expect(chatLogin(page, { vendor: 'intercom', identityVerification: 'hmac', secret: 's', externalId: 'x' })).rejects.toThrow('identityVerification: The Identity verification is jwt or user_hash, not "hmac".');
    await page.close();
  });
});

/**
 * The fault pages of the integration check (issue 30), on both apps where they apply: each
 * breaks one promise, and the healthy page keeps it. Driven by the page's own Messenger and by
 * the Node package, and judged by what Intercom's API host received and answered.
 */
describe('Intercom fault pages', () => {
  const APPS = [
    { app: 'JWT', query: '', appId: () => sim.intercom.appId, secret: () => sim.intercom.secret, identityVerification: 'jwt' },
    { app: 'user_hash', query: 'verification=hash&', appId: () => sim.intercom.hashAppId, secret: () => sim.intercom.hashSecret, identityVerification: 'user_hash' },
  ] as const;
  type App = (typeof APPS)[number];

  async function open(app: App, fault = '') {
    const page = await lab.context.newPage();
    await page.goto(`${sim.url}/intercom/?${app.query}${fault ? `fault=${fault}` : ''}`);
    await until(async () => (await page.locator('#messenger-state').textContent()) === 'booted', 'the anonymous Messenger');
    return page;
  }

  /** Boots the page's Messenger as the page's own code would, and waits for the ping's answer. */
  async function boot(page: Page, settings: Record<string, string>): Promise<number> {
    const from = sim.intercom.pings.length;
    await page.evaluate((s) => {
      const w = window as unknown as { Intercom: (m: string, a?: object) => void; intercomSettings: { app_id: string } };
      w.Intercom('shutdown');
      w.Intercom('boot', { app_id: w.intercomSettings.app_id, ...s });
    }, settings);
    await until(async () => sim.intercom.pings.slice(from).some((p) => p.status !== 0 && p.userData.user_id === settings.user_id), `the ping for ${settings.user_id}`);
    return sim.intercom.pings.slice(from).find((p) => p.userData.user_id === settings.user_id)?.status ?? 0;
  }

  const login = (page: Page, app: App, externalId: string) =>
    chatLogin(page, { vendor: 'intercom', identityVerification: app.identityVerification, appId: app.appId(), apiOrigins: sim.apiOrigins.intercom, secret: app.secret(), externalId });

  it.each(APPS)('not-enforced ($app app): a boot with a user_id and no signature is accepted; the healthy page refuses it', async (app) => {
    const healthy = await open(app);
    expect(await boot(healthy, { user_id: 'ic-typed-by-anyone' })).toBe(403);
    await healthy.close();
    const faulty = await open(app, 'not-enforced');
    expect(await boot(faulty, { user_id: 'ic-typed-by-anyone' })).toBe(200);
    await until(async () => (await faulty.locator('#chat-user').textContent()) === 'ic-typed-by-anyone', 'the unverified user');
    await faulty.close();
  });

  it('accepts-base64 (user_hash app): the base64 form of the right HMAC is accepted; the healthy page refuses it (401)', async () => {
    const app = APPS[1];
    const base64 = createHmac('sha256', sim.intercom.hashSecret).update('ic-b64').digest('base64');
    const healthy = await open(app);
    expect(await boot(healthy, { user_id: 'ic-b64', user_hash: base64 })).toBe(401);
    await healthy.close();
    const faulty = await open(app, 'accepts-base64');
    expect(await boot(faulty, { user_id: 'ic-b64', user_hash: base64 })).toBe(200);
    await faulty.close();
  });

  it('accepts-expired (JWT app): an expired JWT is accepted; the healthy page refuses it (401)', async () => {
    const app = APPS[0];
    const expired = jwt.sign({ user_id: 'ic-expired', exp: Math.floor(Date.now() / 1000) - 600 }, sim.intercom.secret, { algorithm: 'HS256' });
    const healthy = await open(app);
    const from = sim.intercom.pings.length;
    await healthy.evaluate((token) => {
      const w = window as unknown as { Intercom: (m: string, a?: object) => void; intercomSettings: { app_id: string } };
      w.Intercom('shutdown');
      w.Intercom('boot', { app_id: w.intercomSettings.app_id, intercom_user_jwt: token });
    }, expired);
    await until(async () => sim.intercom.pings.slice(from).some((p) => p.jwt === expired && p.status !== 0), 'the expired ping');
    expect(sim.intercom.pings.slice(from).find((p) => p.jwt === expired)?.status).toBe(401);
    await healthy.close();
    const faulty = await open(app, 'accepts-expired');
    const result = await chatLogin(faulty, { vendor: 'intercom', appId: app.appId(), apiOrigins: sim.apiOrigins.intercom, secret: sim.intercom.secret, externalId: 'ic-control' });
    expect(result.loggedIn).toBe(true);
    const after = sim.intercom.pings.length;
    await faulty.evaluate((token) => {
      const w = window as unknown as { Intercom: (m: string, a?: object) => void; intercomSettings: { app_id: string } };
      w.Intercom('shutdown');
      w.Intercom('boot', { app_id: w.intercomSettings.app_id, intercom_user_jwt: token });
    }, expired);
    await until(async () => sim.intercom.pings.slice(after).some((p) => p.jwt === expired && p.status !== 0), 'the expired ping');
    expect(sim.intercom.pings.slice(after).find((p) => p.jwt === expired)?.status).toBe(200);
    await faulty.close();
  });

  it.each(APPS)("logout-keeps ($app app): after shutdown the session cookie stays and the next ping names the user; the healthy page's does not", async (app) => {
    for (const fault of ['', 'logout-keeps']) {
      const page = await open(app, fault);
      const user = `ic-keeps-${app.identityVerification}-${fault || 'healthy'}`;
      expect((await login(page, app, user)).loggedIn).toBe(true);
      await sessionCookieSet(page, app.appId());
      const from = sim.intercom.pings.length;
      const out = await chatLogout(page, { vendor: 'intercom', appId: app.appId() });
      expect(out.loggedOut).toBe(true);
      await until(async () => sim.intercom.pings.slice(from).some((p) => p.status !== 0), 'the ping after the logout');
      const next = sim.intercom.pings.slice(from).find((p) => p.status !== 0);
      if (fault) {
        expect(next && namedIn(next)).toBe(user);
        expect(await sessionCookies(page)).toEqual([`intercom-session-${app.appId()}`]);
      } else {
        expect(next && namedIn(next)).toBeUndefined();
        expect(await sessionCookies(page)).toEqual([]);
      }
      await page.context().clearCookies();
      await page.close();
    }
  });

  it.each(APPS)('sticky-identity ($app app): after a switch the pings still name the previous user too; the healthy page names only the new one', async (app) => {
    for (const fault of ['', 'sticky-identity']) {
      const page = await open(app, fault);
      const first = `ic-first-${app.identityVerification}-${fault || 'healthy'}`;
      const second = `ic-second-${app.identityVerification}-${fault || 'healthy'}`;
      expect((await login(page, app, first)).loggedIn).toBe(true);
      const from = sim.intercom.pings.length;
      expect((await login(page, app, second)).loggedIn).toBe(true);
      if (fault) await until(async () => sim.intercom.pings.slice(from).some((p) => namedIn(p) === first && p.status !== 0), 'a ping naming the previous user');
      const named = sim.intercom.pings.slice(from).flatMap((p) => namedIn(p) ?? []);
      expect(named).toContain(second);
      if (fault) expect(named).toContain(first);
      else expect(named).not.toContain(first);
      await page.context().clearCookies();
      await page.close();
    }
  });
});
