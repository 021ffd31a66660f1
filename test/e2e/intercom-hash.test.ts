import { createHmac } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../simulator/server.mjs';
import { chatLogin } from '../../src/node/playwright';
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
    expect(await sessionCookies(site.page)).toEqual([`intercom-session-${sim.intercom.hashAppId}`]);

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
    expect(outcome).toMatch(/^Refused by IntercomServer answer: HTTP 401 from 127\.0\.0\.1:\d+, this environment's API origin\.Most often the user_hash signs the wrong field/);
    expect(outcome).toContain('User ID ic-hash-refused not logged in');
    expect(outcome).toContain('the secret of environment "Initech wrong secret" is not this workspace\'s identity verification secret');
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
    await page.getByRole('textbox', { name: 'Signed user_id (or else email)' }).fill('ic-hash-ada');
    await page.getByRole('textbox', { name: 'Signature' }).fill(hashOf('ic-hash-ada').toUpperCase());
    await page.getByText('The signature\'s hex is in capitals').waitFor();
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
