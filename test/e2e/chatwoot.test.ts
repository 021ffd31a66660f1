/**
 * Chatwoot, end to end in Chromium with the built extension, on the simulator's Chatwoot page:
 * the SDK comes from a Chatwoot server of its own (the environment's Base URL, the only thing
 * that makes its origin the vendor's here: the API origin field is left empty), and the
 * widget's frame sends the identity from there. An accepted login (the server's 200 the
 * evidence), the same user twice, a switch, a log out, a refusal (a wrong HMAC token: the 401
 * named, never a login); then chatLogin and the CLI in the Node package. No secret reaches the
 * page, its network or storage.sync.
 */
import { createHmac } from 'node:crypto';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../simulator/server.mjs';
import { CHROMIUM } from '../../scripts/chromium.mjs';
import { main } from '../../src/node/cli';
import { chatLogin, chatLogout } from '../../src/node/playwright';
import { addEnvironment, type Lab, launchLab, nextOutcome, pageFootprint, until } from './harness';

let lab: Lab;
let sim: Awaited<ReturnType<typeof startSimulator>>;
const WRONG_SECRET = 'another-inbox-hmac-token-0000';

beforeAll(async () => {
  sim = await startSimulator();
  lab = await launchLab();
  const settings = [
    { label: 'Base URL', value: sim.chatwoot.baseUrl },
    { label: 'Website token', value: sim.chatwoot.websiteToken },
  ];
  // No API origin listed: the Base URL alone makes the Chatwoot server's answers the vendor's.
  await addEnvironment(lab, { name: 'Hooli Chatwoot', vendor: 'Chatwoot', sites: `${sim.url}/chatwoot/*`, settings, secret: sim.chatwoot.hmacToken, apiOrigins: '' });
  // A tester's mistake: another inbox's website token and HMAC token, for the same page on localhost.
  await addEnvironment(lab, {
    name: 'Hooli wrong inbox',
    vendor: 'Chatwoot',
    sites: `${sim.url.replace('127.0.0.1', 'localhost')}/chatwoot/*`,
    settings: [settings[0] as { label: string; value: string }, { label: 'Website token', value: 'otherInboxWebToken9' }],
    secret: WRONG_SECRET,
    apiOrigins: '',
  });
});

afterAll(async () => {
  await lab?.close();
  await sim?.close();
});

const hex = (identifier: string, secret = sim.chatwoot.hmacToken) => createHmac('sha256', secret).update(identifier).digest('hex');
const serverHost = () => new URL(sim.chatwoot.baseUrl).host.replaceAll('.', '\\.');

async function fillIdentity(popup: Page, fields: Record<string, string>) {
  for (const [name, value] of Object.entries(fields)) await popup.getByRole('textbox', { name, exact: true }).fill(value);
}

async function click(popup: Page, name: string) {
  const settled = await nextOutcome(popup, `"${name}"`);
  await popup.getByRole('button', { name, exact: true }).click();
  const text = await settled();
  await until(() => popup.getByRole('button', { name: 'Log in', exact: true }).isEnabled(), 'the popup to be ready again');
  return text;
}

async function pageUser(page: Page, expected: string) {
  await until(async () => (await page.locator('#chat-user').textContent()) === expected, `the page to show ${expected}`);
}

const cookieNames = async (page: Page) => (await page.context().cookies(page.url())).map((c) => c.name);

describe('Chatwoot in the extension', () => {
  it("logs in (the Chatwoot server's 200 the evidence), again as the same user, switches, logs out", async () => {
    const site = await lab.openSite(`${sim.url}/chatwoot/`);
    const popup = await lab.popup(site.tabId);
    // Its fields, by their labels; what the widget cannot do is said, not offered.
    for (const name of ['Identifier', 'Email', 'Name']) await popup.getByRole('textbox', { name, exact: true }).waitFor();
    expect(await popup.getByRole('button', { name: 'Check login' }).count()).toBe(0);

    // setUser needs an email or a name: said before anything is sent.
    await fillIdentity(popup, { Identifier: 'cw-ada', Email: '', Name: '' });
    expect(await click(popup, 'Log in')).toContain("Enter an Email or a Name too: Chatwoot's setUser throws for a user with none of avatar_url, email and name.");
    expect(sim.chatwoot.identities).toEqual([]);

    await fillIdentity(popup, { Identifier: 'cw-ada', Email: 'ada@example.test', Name: 'Ada Lovelace' });
    const accepted = new RegExp(`Logged in as Identifier cw-ada: Chatwoot's server accepted the token \\(HTTP 200 from ${serverHost()}, this environment's API origin\\)\\.`);
    expect(await click(popup, 'Log in')).toMatch(accepted);
    await pageUser(site.page, 'cw-ada');
    expect(await site.page.locator('#chat-verified').textContent()).toBe('yes');
    // What the widget's frame sent: the hex HMAC of the identifier, as node:crypto computes it.
    expect(sim.chatwoot.identities.at(-1)).toMatchObject({ identifier: 'cw-ada', email: 'ada@example.test', hash: hex('cw-ada'), status: 200 });
    expect(await cookieNames(site.page)).toContain(`cw_user_${sim.chatwoot.websiteToken}`);

    // The same user again: setUser alone would send nothing (its cw_user_ cookie); the login
    // resets first, so the request goes out and its answer is the evidence again.
    const before = sim.chatwoot.identities.length;
    expect(await click(popup, 'Log in')).toMatch(accepted);
    expect(sim.chatwoot.identities.length).toBe(before + 1);
    expect(sim.chatwoot.identities.at(-1)).toMatchObject({ identifier: 'cw-ada', status: 200 });
    await pageUser(site.page, 'cw-ada');

    // A switch: reset, then setUser for the new identity (a new contact on the server).
    await fillIdentity(popup, { Identifier: 'cw-grace', Email: 'grace@example.test', Name: '' });
    const switched = await click(popup, 'Log in');
    expect(switched).toMatch(/Logged in as Identifier cw-grace: Chatwoot's server accepted the token \(HTTP 200 from /);
    expect(switched).toContain('Logged out Identifier cw-ada first.');
    await pageUser(site.page, 'cw-grace');
    const [ada, grace] = [sim.chatwoot.identities.at(-2), sim.chatwoot.identities.at(-1)];
    expect(grace).toMatchObject({ identifier: 'cw-grace', hash: hex('cw-grace'), status: 200 });
    // After the reset the frame is another (anonymous) contact's: Grace is not set on Ada's contact.
    expect(grace?.authToken).not.toBe(ada?.authToken);

    expect(await click(popup, 'Log out')).toContain('Logged out');
    await pageUser(site.page, 'anonymous');
    expect(await cookieNames(site.page)).not.toContain(`cw_user_${sim.chatwoot.websiteToken}`);

    // No secret reached the page, its network (the site's or the Chatwoot server's log) or storage.sync.
    const secret = sim.chatwoot.hmacToken;
    expect(await pageFootprint(site.page)).not.toContain(secret);
    expect(JSON.stringify(sim.requests)).not.toContain(secret);
    expect(JSON.stringify(sim.chatwoot.requests)).not.toContain(secret);
    expect(JSON.stringify((await lab.storage()).sync)).not.toContain(secret);
    expect(await popup.getByRole('status').textContent()).not.toContain(secret);
    await popup.close();
    await site.page.close();
  });

  it("a wrong HMAC token is refused: the 401 and the widget's chatwoot:error named, never a login", async () => {
    const site = await lab.openSite(`${sim.url.replace('127.0.0.1', 'localhost')}/chatwoot/`);
    const popup = await lab.popup(site.tabId);
    // The page's widget names its website token (its frame's address): the popup warns it is another inbox's.
    await popup
      .getByText(`This page's chat belongs to website token ${sim.chatwoot.websiteToken}, but Hooli wrong inbox is for website token otherInboxWebToken9`)
      .waitFor();
    await fillIdentity(popup, { Identifier: 'cw-bob', Email: 'bob@example.test' });
    const refused = await click(popup, 'Log in');
    expect(refused).toMatch(new RegExp(`Chatwoot refused the token \\(HTTP 401 from ${serverHost()}, this environment's API origin\\)`));
    expect(refused).toContain('HMAC failed: Invalid Identifier Hash Provided');
    // The likely causes follow, the other inbox's HMAC token among them.
    expect(refused).toContain("another inbox's HMAC token");
    expect(refused).not.toContain('Logged in as');
    expect(sim.chatwoot.identities.at(-1)).toMatchObject({ identifier: 'cw-bob', hash: hex('cw-bob', WRONG_SECRET), status: 401 });
    // The widget's own word, on the page too; the contact stays anonymous.
    await until(async () => (await site.page.locator('#chat-error').textContent()) === 'HMAC failed: Invalid Identifier Hash Provided', 'the chatwoot:error event');
    expect(await site.page.locator('#chat-user').textContent()).toBe('anonymous');
    expect(JSON.stringify(sim.chatwoot.requests)).not.toContain(WRONG_SECRET);
    await popup.close();
    await site.page.close();
  });
  it("lists the identifier_hash the site hands the widget itself under \"Seen on this page\"", async () => {
    const site = await lab.openSite(`${sim.url}/chatwoot/?own=good`);
    await pageUser(site.page, 'cw-site-user');
    const popup = await lab.popup(site.tabId);
    await popup.getByRole('region', { name: 'Seen on this page' }).getByRole('listitem').first().waitFor();
    await popup.close();
    await site.page.close();
  });
});

describe('Chatwoot in the Node package', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("chatLogin logs in with the Base URL as the vendor's origin: the server's 200 is the evidence", async () => {
    const page = await (await browser.newContext()).newPage();
    // What the page (and its widget's frame) writes to its console.
    const consoleText: string[] = [];
    page.on('console', (message) => consoleText.push(message.text()));
    await page.goto(`${sim.url}/chatwoot/`);
    const result = await chatLogin(page, { vendor: 'chatwoot', secret: sim.chatwoot.hmacToken, externalId: 'cw-node', email: 'node@example.test', baseUrl: sim.chatwoot.baseUrl });
    expect(result.message).toMatch(new RegExp(`^Logged in as Identifier cw-node: Chatwoot's server accepted the token \\(HTTP 200 from ${serverHost()}, this environment's API origin\\)\\.$`));
    expect(result).toMatchObject({ loggedIn: true, token: hex('cw-node'), credential: { kind: 'hmac', signed: 'cw-node', field: 'identifier' }, evidence: { server: { status: 200, method: 'PATCH', source: 'environment' } } });
    await pageUser(page, 'cw-node');
    // The secret reached neither the page, its console, nor the Chatwoot server.
    expect(await pageFootprint(page)).not.toContain(sim.chatwoot.hmacToken);
    expect(consoleText.join('\n')).not.toContain(sim.chatwoot.hmacToken);
    expect(JSON.stringify(sim.chatwoot.requests)).not.toContain(sim.chatwoot.hmacToken);
    await page.context().close();
  });

  it('the fault pages behave as documented', async () => {
    const open = async (fault: string) => {
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${sim.url}/chatwoot/?fault=${fault}`);
      await page.waitForFunction(() => (window as unknown as { $chatwoot?: { hasLoaded?: boolean } }).$chatwoot?.hasLoaded === true);
      return page;
    };
    const options = { vendor: 'chatwoot', secret: sim.chatwoot.hmacToken, baseUrl: sim.chatwoot.baseUrl } as const;
    type Widget = { $chatwoot: { setUser(id: string, user: object): void } };

    // accepts-base64: the base64 form of the right HMAC is taken (and called verified).
    let page = await open('accepts-base64');
    const base64 = createHmac('sha256', sim.chatwoot.hmacToken).update('cw-b64').digest('base64');
    await page.evaluate((hash) => (window as unknown as Widget).$chatwoot.setUser('cw-b64', { name: 'B', identifier_hash: hash }), base64);
    await pageUser(page, 'cw-b64');
    expect(await page.locator('#chat-verified').textContent()).toBe('yes');
    await page.context().close();

    // not-enforced: no hash at all is accepted, the contact unverified.
    page = await open('not-enforced');
    await page.evaluate(() => (window as unknown as Widget).$chatwoot.setUser('cw-bare', { name: 'Bare' }));
    await pageUser(page, 'cw-bare');
    expect(await page.locator('#chat-verified').textContent()).toBe('no');
    await page.context().close();

    // logout-keeps: reset() leaves the user's cookie, and the logout says so instead of claiming it.
    page = await open('logout-keeps');
    expect((await chatLogin(page, { ...options, externalId: 'cw-keep', email: 'keep@example.test' })).loggedIn).toBe(true);
    const logout = await chatLogout(page, { vendor: 'chatwoot' });
    expect(logout.loggedOut).toBe(false);
    expect(logout.message).toContain('$chatwoot.reset() did not log the user out');
    await pageUser(page, 'cw-keep');
    await page.context().close();

    // sticky-identity: after the switch's reset, the frame sets the previous user again.
    page = await open('sticky-identity');
    expect((await chatLogin(page, { ...options, externalId: 'cw-first', email: 'first@example.test' })).loggedIn).toBe(true);
    const from = sim.chatwoot.identities.length;
    expect((await chatLogin(page, { ...options, externalId: 'cw-second', email: 'second@example.test' })).loggedIn).toBe(true);
    expect(sim.chatwoot.identities.slice(from).map((i) => i.identifier)).toEqual(['cw-first', 'cw-second']);
    await page.context().close();
  });

  it('the CLI signs the identifier (--identifier), and --json says what was signed', async () => {
    let out = '';
    let err = '';
    const io = { out: (t: string) => (out += t), err: (t: string) => (err += t), env: { CHAT_IDENTITY_LAB_SECRET: sim.chatwoot.hmacToken }, stdin: async () => '' };
    expect(await main(['sign', '--vendor', 'chatwoot', '--identifier', 'cw-cli', '--email', 'cli@example.test', '--json'], io)).toBe(0);
    expect(err).toBe('');
    expect(JSON.parse(out)).toEqual({ signature: hex('cw-cli'), signed: 'cw-cli', field: 'identifier' });
    out = '';
    expect(await main(['sign', '--vendor', 'chatwoot', '--identifier', 'cw-cli', '--name', 'CLI'], io)).toBe(0);
    expect(out).toBe(`${hex('cw-cli')}\n`);
  });
});
