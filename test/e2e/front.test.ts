/**
 * Front Chat, end to end in Chromium with the built extension, on the simulator's Front page
 * (simulator/vendors/front.mjs): a login whose evidence is Front's server's 200 to the request
 * that carried the user hash (the HMAC of the user id, or of the email when there is none), a
 * wrong secret refused with its 401 named and never called a login, a switch between two saved
 * identities, a logout that leaves no session in the page; and chatLogin once, from Node.
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

const hmac = (value: string, secret = sim.front.secret) => createHmac('sha256', secret).update(value).digest('hex');
const apiHost = () => new URL(sim.apiOrigins.front[0] ?? '').host;

beforeAll(async () => {
  sim = await startSimulator();
  lab = await launchLab();
  const chatId = { label: 'Chat ID', value: sim.front.chatId };
  await addEnvironment(lab, { name: 'Hooli Front', vendor: 'Front Chat', sites: `${sim.url}/front/*`, settings: [chatId], secret: sim.front.secret });
  // The tester's mistake: another channel's secret, for the same page under another host name.
  await addEnvironment(lab, { name: 'Front wrong secret', vendor: 'Front Chat', sites: `${sim.url.replace('127.0.0.1', 'localhost')}/front/*`, settings: [chatId], secret: 'not-this-channels-secret' });
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

/** What the page's widget was given in its last FrontChat('init') with an identity. */
async function lastInit(page: Page): Promise<Record<string, string>> {
  const calls = await page.evaluate(() => (window as unknown as { __frontSimReceived: { call: string; options: Record<string, string> }[] }).__frontSimReceived);
  return calls.filter((c) => c.call === 'init' && (c.options.userId || c.options.email)).at(-1)?.options ?? {};
}

async function openFront(url: string) {
  const site = await lab.openSite(url);
  await until(async () => (await site.page.locator('#widget-state').textContent()) === 'ready', 'the Front widget');
  return site;
}

describe('Front Chat', () => {
  it("logs in with the user hash of the user id (else of the email): Front's 200 is the evidence; switches; logs out", async () => {
    const site = await openFront(`${sim.url}/front/`);
    const popup = await lab.popup(site.tabId);
    await fill(popup, { 'User ID': 'front-ada', Email: 'ada@example.test', Name: 'Ada Lovelace' });
    expect(await click(popup, 'Log in')).toContain(`Logged in as User ID front-ada: Front Chat's server accepted the token (HTTP 200 from ${apiHost()}, this environment's API origin).`);
    await pageUser(site.page, 'front-ada');
    // Signed as Front signs: the user id, since one is given; checked with node:crypto.
    expect(await lastInit(site.page)).toEqual({ chatId: sim.front.chatId, useDefaultLauncher: true, userId: 'front-ada', email: 'ada@example.test', name: 'Ada Lovelace', userHash: hmac('front-ada') });
    expect(sim.front.backend.events.at(-1)).toMatchObject({ signed: 'front-ada', status: 200 });

    // With no user id, the email is signed.
    await fill(popup, { 'User ID': '', Email: 'grace@example.test', Name: '' });
    expect(await click(popup, 'Log in')).toContain('Logged in as grace@example.test');
    expect((await lastInit(site.page)).userHash).toBe(hmac('grace@example.test'));
    await pageUser(site.page, 'grace@example.test');

    // A switch between two saved identities: the previous customer is logged out first.
    for (const [label, fields] of [
      ['Ada', { 'User ID': 'front-ada', Email: '', Name: '' }],
      ['Grace', { 'User ID': '', Email: 'grace@example.test', Name: '' }],
    ] as const) {
      await fill(popup, { ...fields, Label: label });
      expect(await click(popup, 'Save identity')).toContain(`Saved identity "${label}"`);
    }
    const list = popup.getByRole('list', { name: 'Saved identities' });
    const settled = await nextOutcome(popup, 'the switch to Ada');
    await list.getByRole('button', { name: /Log in as Ada/ }).click();
    const switched = await settled();
    expect(switched).toContain('Logged out grace@example.test first.');
    expect(switched).toContain('Logged in as User ID front-ada');
    await pageUser(site.page, 'front-ada');

    expect(await click(popup, 'Log out')).toContain('Logged out');
    await pageUser(site.page, 'anonymous');
    // The widget's session is gone from the page (its localStorage key), and the secret never came.
    expect(await site.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('frontchat-session-')))).toEqual([]);
    expect(JSON.stringify(sim.requests)).not.toContain(sim.front.secret);
    await popup.close();
    await site.page.close();
  });

  it("a wrong secret is refused: Front's 401 is named, and it is never called a login", async () => {
    const site = await openFront(`${sim.url.replace('127.0.0.1', 'localhost')}/front/`);
    const popup = await lab.popup(site.tabId);
    await fill(popup, { 'User ID': 'front-refused' });
    const refused = await click(popup, 'Log in');
    expect(refused).toContain(`Front Chat refused the token (HTTP 401 from ${apiHost()}, this environment's API origin).`);
    expect(refused).toContain('Most often the secret of environment "Front wrong secret" is not this chat channel\'s verification secret');
    expect(refused).not.toContain('Logged in as');
    expect(sim.front.backend.events.at(-1)).toMatchObject({ signed: 'front-refused', status: 401 });
    await until(async () => ((await site.page.locator('#last-answer').textContent()) ?? '').startsWith('HTTP 401'), "the page's 401");
    expect(await site.page.locator('#chat-user').textContent()).toBe('anonymous');
    await popup.close();
    await site.page.close();
  });

  it('chatLogin logs a customer in from Node with the 200 as evidence, and chatLogout logs out', async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${sim.url}/front/`);
    const result = await chatLogin(page, { vendor: 'front', secret: sim.front.secret, externalId: 'front-node', email: 'node@example.test', apiOrigins: sim.apiOrigins.front });
    expect(result).toMatchObject({ loggedIn: true, token: hmac('front-node'), credential: { kind: 'hmac', signed: 'front-node', field: 'userId' }, evidence: { server: { status: 200, host: apiHost() } } });
    await pageUser(page, 'front-node');
    expect(await chatLogout(page, { vendor: 'front' })).toMatchObject({ loggedOut: true });
    await pageUser(page, 'anonymous');
  });
});
