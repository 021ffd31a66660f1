import jwt from 'jsonwebtoken';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../simulator/server.mjs';
import { addEnvironment, addZendeskAndIntercom, type Lab, launchLab, nextOutcome, setSdkTimeout, until } from './harness';

/**
 * Zendesk Messaging and Intercom, end to end in Chromium, each on its simulator page: configure
 * an environment, log in, switch between two saved identities, log out, inspect a bad token;
 * and an environment of the wrong vendor on a page says so.
 */
let lab: Lab;
let sim: Awaited<ReturnType<typeof startSimulator>>;

beforeAll(async () => {
  sim = await startSimulator();
  lab = await launchLab();
  await addZendeskAndIntercom(lab, sim);
  // A tester's mistake: a Zendesk environment for a site that runs Intercom.
  await addEnvironment(lab, {
    name: 'Zendesk by mistake',
    vendor: 'Zendesk Messaging',
    sites: `${sim.url.replace('127.0.0.1', 'localhost')}/intercom/*`,
    setting: { label: 'Key ID', value: sim.zendesk.keyId },
    secret: sim.zendesk.secret,
  });
});

afterAll(async () => {
  await lab?.close();
  await sim?.close();
});

const statusText = async (popup: Page) => (await popup.getByRole('status').textContent()) ?? '';

async function click(popup: Page, name: string) {
  const settled = await nextOutcome(popup, `"${name}"`);
  await popup.getByRole('button', { name, exact: true }).click();
  return settled();
}

/** What the page's widget received: the tokens passed to it, in order. */
async function tokensOn(page: Page, global: '__zendeskSimReceived' | '__intercomSimReceived'): Promise<string[]> {
  return page.evaluate((name) => ((window as unknown as Record<string, { token?: string }[]>)[name] ?? []).flatMap((r) => (r.token ? [r.token] : [])), global);
}

async function pageUser(page: Page, expected: string) {
  await until(async () => (await page.locator('#chat-user').textContent()) === expected, `the page to show ${expected}`);
}

async function saveIdentity(popup: Page, label: string, fields: Record<string, string>) {
  for (const [name, value] of Object.entries(fields)) await popup.getByRole('textbox', { name, exact: true }).fill(value);
  await popup.getByRole('textbox', { name: 'Label' }).fill(label);
  expect(await click(popup, 'Save identity')).toContain(`Saved identity "${label}"`);
}

async function findings(lab: Lab, token: string, rules?: string): Promise<string> {
  const page = await lab.context.newPage();
  await page.goto(`chrome-extension://${lab.extensionId}/src/inspector/index.html`);
  await page.getByRole('textbox', { name: 'Token' }).fill(token);
  // The rules follow the token's claims when they tell; otherwise the tester picks them.
  if (rules) await page.getByRole('combobox', { name: 'Rules of' }).selectOption({ label: rules });
  const list = page.getByRole('list', { name: 'Findings' });
  await until(async () => (await list.getByRole('listitem').count()) > 0, 'the findings');
  const text = (await list.allTextContents()).join('\n');
  await page.close();
  return text;
}

describe('Zendesk Messaging', () => {
  it('logs in with a kid-signed token, switches between two saved identities, logs out', async () => {
    const site = await lab.openSite(`${sim.url}/zendesk/`);
    const popup = await lab.popup(site.tabId);
    // The fields follow the vendor; what the widget cannot do is said, not offered.
    for (const name of ['External ID', 'Email', 'Name']) await popup.getByRole('textbox', { name, exact: true }).waitFor();
    expect(await popup.getByRole('button', { name: 'Check login' }).count()).toBe(0);
    // Said once, folded under the form.
    await popup.getByText('What Zendesk Messaging does not tell').click();
    await popup.getByText('Zendesk Messaging has no call that says who is logged in').waitFor();

    await popup.getByRole('textbox', { name: 'External ID' }).fill('zd-ada');
    await popup.getByRole('textbox', { name: 'Email' }).fill('ada@example.test');
    await popup.getByRole('textbox', { name: 'Name' }).fill('Ada Lovelace');
    expect(await click(popup, 'Log in')).toContain("Logged in as External ID zd-ada: Zendesk Messaging's server accepted the token (HTTP 200 from");
    await pageUser(site.page, 'zd-ada');
    const [token] = await tokensOn(site.page, '__zendeskSimReceived');
    const verified = jwt.verify(token ?? '', sim.zendesk.secret, { algorithms: ['HS256'], complete: true });
    expect(verified.header).toEqual({ alg: 'HS256', typ: 'JWT', kid: sim.zendesk.keyId });
    expect(verified.payload).toMatchObject({ scope: 'user', external_id: 'zd-ada', email: 'ada@example.test', name: 'Ada Lovelace' });

    await saveIdentity(popup, 'Ada', { 'External ID': 'zd-ada', Email: '', Name: '' });
    await saveIdentity(popup, 'Grace', { 'External ID': 'zd-grace', Email: 'grace@example.test', Name: 'Grace Hopper' });
    const list = popup.getByRole('list', { name: 'Saved identities' });
    let settled = await nextOutcome(popup, 'the switch to Grace');
    await list.getByRole('button', { name: /Log in as Grace/ }).click();
    expect(await settled()).toContain('Logged in as External ID zd-grace');
    await pageUser(site.page, 'zd-grace');
    settled = await nextOutcome(popup, 'the switch to Ada');
    await list.getByRole('button', { name: /Log in as Ada/ }).click();
    const back = await settled();
    expect(back).toContain("Before the switch, for External ID zd-grace: Logged out: zE('messenger', 'logoutUser') was called and the request it caused was answered.");
    expect(back).toContain('Logged in as External ID zd-ada');
    await pageUser(site.page, 'zd-ada');

    expect(await click(popup, 'Log out')).toContain("Logged out: zE('messenger', 'logoutUser') was called and the request it caused was answered.");
    await pageUser(site.page, 'anonymous');
    expect(await statusText(popup)).not.toContain(sim.zendesk.secret);
    await popup.close();
    await site.page.close();
  });

  it('a wrong key id: Zendesk refuses with its reason; a widget that never boots: a clear timeout', async () => {
    const wrong = await lab.openSite(`${sim.url}/zendesk/?fault=wrong-kid`);
    const popup = await lab.popup(wrong.tabId);
    await popup.getByRole('textbox', { name: 'External ID' }).fill('zd-kid');
    const refused = await click(popup, 'Log in');
    expect(refused).toMatch(/Zendesk Messaging refused the token \(HTTP 401 from [^)]+\): LoginFailedError: invalid_kid/);
    expect(refused).not.toContain('Logged in as');
    await popup.close();
    await wrong.page.close();

    await setSdkTimeout(lab, 2);
    try {
      const stuck = await lab.openSite(`${sim.url}/zendesk/?fault=never-boot`);
      const waiting = await lab.popup(stuck.tabId);
      await waiting.getByRole('textbox', { name: 'External ID' }).fill('zd-stuck');
      const started = Date.now();
      expect(await click(waiting, 'Log in')).toContain("zE('messenger', 'loginUser') never called back: the Zendesk widget may not have booted");
      expect(Date.now() - started).toBeLessThan(2_000 + 3_500);
      await waiting.close();
      await stuck.page.close();
    } finally {
      await setSdkTimeout(lab, 10);
    }
  });

  it('lists the token the site sends itself under "Seen on this page"', async () => {
    const site = await lab.openSite(`${sim.url}/zendesk/?own=good`);
    await until(async () => (await site.page.locator('#site-login').textContent()) === 'ok', "the site's own login");
    const popup = await lab.popup(site.tabId);
    const seen = popup.getByRole('region', { name: 'Seen on this page' });
    await seen.getByText('external_id zd-site-user').waitFor();
    await popup.close();
    await site.page.close();
  });

  it('inspects a bad Zendesk token by its rules', async () => {
    const text = await findings(lab, jwt.sign({ scope: 'user', externalId: 'zd-1' }, sim.zendesk.secret, { algorithm: 'HS256' }));
    expect(text).toContain('The header has no kid');
    expect(text).toContain('The claim "externalId" is not one Zendesk reads: rename it to "external_id"');
  });
});

describe('Intercom', () => {
  it('boots the Messenger with a user JWT, switches between two saved identities, logs out', async () => {
    const site = await lab.openSite(`${sim.url}/intercom/`);
    await until(async () => (await site.page.locator('#messenger-state').textContent()) === 'booted', 'the anonymous Messenger');
    const popup = await lab.popup(site.tabId);
    await popup.getByRole('textbox', { name: 'User ID', exact: true }).waitFor();
    expect(await popup.getByRole('textbox', { name: 'Name', exact: true }).count()).toBe(0);

    await popup.getByRole('textbox', { name: 'User ID' }).fill('ic-ada');
    const outcome = await click(popup, 'Log in');
    expect(outcome).toMatch(/Logged in as User ID ic-ada: Intercom's server accepted the token \(HTTP 200 from 127\.0\.0\.1:\d+, this environment's API origin\)\./);
    await pageUser(site.page, 'ic-ada');
    const [token] = await tokensOn(site.page, '__intercomSimReceived');
    expect(jwt.verify(token ?? '', sim.intercom.secret, { algorithms: ['HS256'] })).toMatchObject({ user_id: 'ic-ada' });
    await popup.getByRole('region', { name: 'Session' }).getByRole('list', { name: 'Requests that carried the token' }).waitFor();

    await saveIdentity(popup, 'Ada', { 'User ID': 'ic-ada', Email: '' });
    await saveIdentity(popup, 'Grace', { 'User ID': 'ic-grace', Email: 'grace@example.test' });
    const list = popup.getByRole('list', { name: 'Saved identities' });
    let settled = await nextOutcome(popup, 'the switch to Grace');
    await list.getByRole('button', { name: /Log in as Grace/ }).click();
    expect(await settled()).toContain('Logged in as User ID ic-grace');
    await pageUser(site.page, 'ic-grace');
    settled = await nextOutcome(popup, 'the switch to Ada');
    await list.getByRole('button', { name: /Log in as Ada/ }).click();
    const back = await settled();
    expect(back).toContain('Logged out User ID ic-grace first.');
    await pageUser(site.page, 'ic-ada');

    expect(await click(popup, 'Log out')).toContain('Logged out');
    await pageUser(site.page, 'anonymous');
    await popup.close();
    await site.page.close();
  });

  it('a Messenger that never loads: claims nothing, says no answer from Intercom was seen and why', async () => {
    await setSdkTimeout(lab, 2);
    try {
      const stuck = await lab.openSite(`${sim.url}/intercom/?fault=never-boot`);
      const popup = await lab.popup(stuck.tabId);
      await popup.getByRole('textbox', { name: 'User ID' }).fill('ic-stuck');
      expect(await click(popup, 'Log in')).toContain(
        "The Intercom Messenger was given the token for User ID ic-stuck, but no answer from Intercom's server was seen within 2 s (the extension has no access to Intercom's API hosts (https://*.intercom.io/*), so it cannot see that request; click \"Grant access\" to allow them). Nothing says whether Intercom accepted it.",
      );
      await popup.close();
      await stuck.page.close();
    } finally {
      await setSdkTimeout(lab, 10);
    }
  });

  it('lists the token the site boots the Messenger with under "Seen on this page"', async () => {
    const site = await lab.openSite(`${sim.url}/intercom/?own=good`);
    await until(async () => (await site.page.locator('#chat-user').textContent()) === 'ic-site-user', "the site's own login");
    const popup = await lab.popup(site.tabId);
    await popup.getByRole('region', { name: 'Seen on this page' }).getByText('user_id ic-site-user').waitFor();
    await popup.close();
    await site.page.close();
  });

  it('a Zendesk environment on a page that only has Intercom says so', async () => {
    const site = await lab.openSite(`${sim.url.replace('127.0.0.1', 'localhost')}/intercom/`);
    const popup = await lab.popup(site.tabId);
    await popup.getByRole('textbox', { name: 'External ID' }).fill('zd-lost');
    expect(await click(popup, 'Log in')).toContain(
      'This page has Intercom, not the Zendesk Messaging widget, but environment Zendesk by mistake is for Zendesk Messaging. Pick the right chat vendor for this environment in Options',
    );
    await popup.getByRole('button', { name: 'Open options' }).waitFor();
    expect(await tokensOn(site.page, '__intercomSimReceived')).toEqual([]);
    await popup.close();
    await site.page.close();
  });

  it('inspects a bad Intercom token by its rules', async () => {
    const expired = jwt.sign({ userId: 'ic-1', exp: Math.floor(Date.now() / 1000) - 60 }, sim.intercom.secret, { algorithm: 'HS256', noTimestamp: true });
    const text = await findings(lab, expired, 'Intercom');
    expect(text).toContain('The claim "userId" is not one Intercom reads: rename it to "user_id"');
    expect(text).toContain('Intercom refuses an expired token');
  });
});
