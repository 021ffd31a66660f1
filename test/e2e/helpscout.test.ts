/**
 * Help Scout's Beacon, end to end in Chromium with the built extension, on the simulator's Help
 * Scout page (simulator/vendors/helpscout.mjs): a login whose evidence is Help Scout's server's
 * 200 to the request that carried the signature (the HMAC of the email), a wrong secret refused
 * with its 401 named and never called a login, a switch between two saved identities, a logout
 * that leaves none of the Beacon's storage; and chatLogin once, from Node.
 */
import { createHmac } from 'node:crypto';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../simulator/server.mjs';
import { chatLogin, chatLogout } from '../../src/node/playwright';
import { addEnvironment, CHROMIUM, type Lab, launchLab, nextOutcome, until } from './harness';

let lab: Lab;
let sim: Awaited<ReturnType<typeof startSimulator>>;
let browser: Browser;

const hmac = (value: string, secret = sim.helpscout.secret) => createHmac('sha256', secret).update(value).digest('hex');
const apiHost = () => new URL(sim.apiOrigins.helpscout[0] ?? '').host;

beforeAll(async () => {
  sim = await startSimulator();
  lab = await launchLab();
  const beaconId = { label: 'Beacon ID', value: sim.helpscout.beaconId };
  await addEnvironment(lab, { name: 'Vandelay Beacon', vendor: 'Help Scout Beacon', sites: `${sim.url}/helpscout/*`, settings: [beaconId], secret: sim.helpscout.secret });
  // The tester's mistake: another Beacon's key, for the same page under another host name.
  await addEnvironment(lab, { name: 'Beacon wrong key', vendor: 'Help Scout Beacon', sites: `${sim.url.replace('127.0.0.1', 'localhost')}/helpscout/*`, settings: [beaconId], secret: 'not-this-beacons-key' });
});

afterAll(async () => {
  await browser?.close();
  await lab?.close();
  await sim?.close();
});

async function click(popup: Page, name: string): Promise<string> {
  const settled = await nextOutcome(popup, `"${name}"`);
  await popup.getByRole('button', { name, exact: true }).click();
  return settled();
}

async function fill(popup: Page, fields: Record<string, string>) {
  for (const [name, value] of Object.entries(fields)) await popup.getByRole('textbox', { name, exact: true }).fill(value);
}

const pageUser = (page: Page, expected: string) => until(async () => (await page.locator('#chat-user').textContent()) === expected, `the page to show ${expected}`);

/** What the page's Beacon was given in its last Beacon('identify'). */
async function lastIdentify(page: Page): Promise<Record<string, string>> {
  const calls = await page.evaluate(() => (window as unknown as { __helpscoutSimReceived: { call: string; options: Record<string, string> }[] }).__helpscoutSimReceived);
  return calls.filter((c) => c.call === 'identify').at(-1)?.options ?? {};
}

async function openBeacon(url: string) {
  const site = await lab.openSite(url);
  await until(async () => (await site.page.locator('#widget-state').textContent()) === 'ready', 'the Beacon');
  return site;
}

describe('Help Scout Beacon', () => {
  it("logs in with the signature of the email: Help Scout's 200 is the evidence; switches; logs out", async () => {
    const site = await openBeacon(`${sim.url}/helpscout/`);
    const popup = await lab.popup(site.tabId);
    // Its fields: an email and a name, no user id.
    expect(await popup.getByRole('textbox', { name: 'User ID', exact: true }).count()).toBe(0);
    await fill(popup, { Email: 'ada@example.test', Name: 'Ada Lovelace' });
    expect(await click(popup, 'Log in')).toContain(`Logged in as ada@example.test: Help Scout Beacon's server accepted the token (HTTP 200 from ${apiHost()}, this environment's API origin).`);
    await pageUser(site.page, 'ada@example.test');
    // Signed as the Beacon wants it: the email, in hex; checked with node:crypto.
    expect(await lastIdentify(site.page)).toEqual({ email: 'ada@example.test', name: 'Ada Lovelace', signature: hmac('ada@example.test') });
    expect(sim.helpscout.backend.events.at(-1)).toMatchObject({ signed: 'ada@example.test', status: 200 });

    for (const [label, email] of [
      ['Ada', 'ada@example.test'],
      ['Grace', 'grace@example.test'],
    ] as const) {
      await fill(popup, { Email: email, Name: '', Label: label });
      expect(await click(popup, 'Save identity')).toContain(`Saved identity "${label}"`);
    }
    const list = popup.getByRole('list', { name: 'Saved identities' });
    let settled = await nextOutcome(popup, 'the switch to Grace');
    await list.getByRole('button', { name: /Log in as Grace/ }).click();
    const switched = await settled();
    expect(switched).toContain('Logged out ada@example.test first.');
    expect(switched).toContain('Logged in as grace@example.test');
    await pageUser(site.page, 'grace@example.test');
    settled = await nextOutcome(popup, 'the switch back to Ada');
    await list.getByRole('button', { name: /Log in as Ada/ }).click();
    expect(await settled()).toContain('Logged in as ada@example.test');
    await pageUser(site.page, 'ada@example.test');

    expect(await click(popup, 'Log out')).toContain('Logged out');
    await pageUser(site.page, 'anonymous');
    expect(await site.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('persist:hs-beacon-')))).toEqual([]);
    expect(JSON.stringify(sim.requests)).not.toContain(sim.helpscout.secret);
    await popup.close();
    await site.page.close();
  });

  it("a wrong secret is refused: Help Scout's 401 is named, and it is never called a login", async () => {
    const site = await openBeacon(`${sim.url.replace('127.0.0.1', 'localhost')}/helpscout/`);
    const popup = await lab.popup(site.tabId);
    await fill(popup, { Email: 'refused@example.test' });
    const refused = await click(popup, 'Log in');
    expect(refused).toContain(`Help Scout Beacon refused the token (HTTP 401 from ${apiHost()}, this environment's API origin).`);
    expect(refused).toContain('Most often the secret of environment "Beacon wrong key" is not this Beacon\'s secure-mode key');
    expect(refused).not.toContain('Logged in as');
    expect(sim.helpscout.backend.events.at(-1)).toMatchObject({ signed: 'refused@example.test', status: 401 });
    await until(async () => ((await site.page.locator('#last-answer').textContent()) ?? '').startsWith('HTTP 401'), "the page's 401");
    expect(await site.page.locator('#chat-user').textContent()).toBe('anonymous');
    await popup.close();
    await site.page.close();
  });

  it("the inspector tells a base64 signature and another Beacon's key apart, and writes the Ruby that signs in hex", async () => {
    const page = await lab.context.newPage();
    await page.goto(`chrome-extension://${lab.extensionId}/src/inspector/index.html`);
    await page.getByRole('combobox', { name: 'Rules of' }).selectOption({ label: 'Help Scout Beacon' });
    await page.getByRole('textbox', { name: 'Signed email' }).fill('ada@example.test');
    await page.getByRole('textbox', { name: 'Signature' }).fill(createHmac('sha256', sim.helpscout.secret).update('ada@example.test').digest('base64'));
    await page.getByRole('combobox', { name: 'Check with the secret of' }).selectOption({ label: 'Vandelay Beacon' });
    const findings = page.getByRole('list', { name: 'Findings' });
    await findings.getByText('It is the right HMAC written in base64: Help Scout Beacon compares the hex digest.').waitFor();
    await page.getByRole('textbox', { name: 'Signature' }).fill(hmac('ada@example.test', 'not-this-beacons-key'));
    await findings.getByText('It was made with the secret of Beacon wrong key, not of Vandelay Beacon').waitFor();
    await page.getByRole('combobox', { name: 'Server language' }).selectOption({ label: 'Ruby (OpenSSL::HMAC)' });
    await page.getByText("signature = OpenSSL::HMAC.hexdigest(").waitFor();
    expect(await page.locator('pre').textContent()).toContain("ENV.fetch('HELPSCOUT_BEACON_SECRET')");
    await page.close();
  });

  it('chatLogin logs a customer in from Node with the 200 as evidence, and chatLogout logs out', async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${sim.url}/helpscout/`);
    const result = await chatLogin(page, { vendor: 'helpscout', secret: sim.helpscout.secret, email: 'node@example.test', name: 'Node', apiOrigins: sim.apiOrigins.helpscout });
    expect(result).toMatchObject({ loggedIn: true, token: hmac('node@example.test'), credential: { kind: 'hmac', signed: 'node@example.test', field: 'email' }, evidence: { server: { status: 200, host: apiHost() } } });
    await pageUser(page, 'node@example.test');
    expect(await chatLogout(page, { vendor: 'helpscout' })).toMatchObject({ loggedOut: true });
    await pageUser(page, 'anonymous');
  });
});
