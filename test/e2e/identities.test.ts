import jwt from 'jsonwebtoken';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../simulator/server.mjs';
import { act, addEnvironment, type Lab, lastLoginToken, launchLab, nextOutcome, received, until } from './harness';

let lab: Lab;
let sim: Awaited<ReturnType<typeof startSimulator>>;

beforeAll(async () => {
  sim = await startSimulator();
  lab = await launchLab();
  await addEnvironment(lab, { name: 'Acme staging', sites: `${sim.url}\n${sim.url.replace('127.0.0.1', 'localhost')}`, secret: sim.secret });
});

afterAll(async () => {
  await lab?.close();
  await sim?.close();
});

const statusText = async (popup: Page) => (await popup.getByRole('status').textContent()) ?? '';

/** Clicks a button in the popup and waits for the next outcome. */
async function click(popup: Page, name: string) {
  const settled = await nextOutcome(popup, `"${name}"`);
  await popup.getByRole('button', { name, exact: true }).click();
  return settled();
}

async function identityButtons(popup: Page): Promise<string[]> {
  return popup.getByRole('list', { name: 'Saved identities' }).getByRole('button').allTextContents();
}

/** Who the simulator thinks this page's device is logged in as. */
async function pageCustomer(page: Page): Promise<string> {
  await until(async () => !((await page.locator('#chat-customer').textContent()) ?? '').includes('…'), 'the page');
  return (await page.locator('#chat-customer').textContent()) ?? '';
}

function claimsOf(token: string) {
  const payload = jwt.verify(token, sim.secret, { algorithms: ['HS256'] }) as Record<string, unknown>;
  const { iat, ...claims } = payload;
  expect(Math.abs((iat as number) - Date.now() / 1000)).toBeLessThan(10);
  return claims;
}

describe('saved identities', () => {
  it('saves identities from the popup and the options page, with clear messages for bad ones', async () => {
    const site = await lab.openSite(sim.url);
    const popup = await lab.popup(site.tabId);
    await popup.getByRole('textbox', { name: 'External ID' }).fill('cust-vip');
    await popup.getByRole('textbox', { name: 'Label' }).fill('VIP with 3 open chats');
    expect(await click(popup, 'Save identity')).toContain('Saved identity "VIP with 3 open chats"');

    await popup.getByRole('textbox', { name: 'Label' }).fill('vip WITH 3 open chats');
    expect(await click(popup, 'Save identity')).toContain('The label "vip WITH 3 open chats" is taken');
    await popup.getByRole('textbox', { name: 'External ID' }).fill('');
    await popup.getByRole('textbox', { name: 'Label' }).fill('Nobody');
    expect(await click(popup, 'Save identity')).toContain('Enter an External ID or an Email');
    await popup.getByRole('textbox', { name: 'Email' }).fill('bad@');
    expect(await click(popup, 'Save identity')).toContain('the Email field above says what to fix');
    expect(await popup.locator('#email-error').textContent()).toContain('"bad@" is not an email address');

    const options = await lab.options();
    const add = async (label: string, externalId: string, email: string, note = '') => {
      const form = options.getByRole('form', { name: 'Add identity' });
      await form.getByRole('textbox', { name: 'Label' }).fill(label);
      await form.getByRole('textbox', { name: 'External ID' }).fill(externalId);
      await form.getByRole('textbox', { name: 'Email' }).fill(email);
      await form.getByRole('textbox', { name: 'Note' }).fill(note);
      await form.getByRole('button', { name: 'Save identity' }).click();
      await options.getByRole('listitem', { name: label }).waitFor();
    };
    await add('Ada', '', 'ada@example.test');
    await add('Refund case', 'cust-refund', 'refund@example.test', 'escalated to tier 2');
    const form = options.getByRole('form', { name: 'Add identity' });
    await form.getByRole('textbox', { name: 'Label' }).fill('ADA');
    await form.getByRole('textbox', { name: 'External ID' }).fill('x');
    await form.getByRole('button', { name: 'Save identity' }).click();
    await options.getByText('The label "ADA" is taken').waitFor();
    await options.close();

    const { local } = await lab.storage();
    const key = Object.keys(local).find((k) => k.startsWith('identities:')) as string;
    expect((local[key] as { label: string }[]).map((i) => i.label).sort()).toEqual(['Ada', 'Refund case', 'VIP with 3 open chats']);
  });

  it('switches between identities in one click; the page holds exactly that customer each time', async () => {
    const site = await lab.openSite(sim.url);
    const popup = await lab.popup(site.tabId);
    const session = popup.getByRole('region', { name: 'Session' });

    expect(await click(popup, 'Log in as VIP with 3 open chats')).toContain('Logged in as External ID cust-vip');
    expect(claimsOf(await lastLoginToken(site.page))).toEqual({ externalId: 'cust-vip' });
    expect(await pageCustomer(site.page)).toMatch(/^cust-vip \(cus_\d+\)$/);
    expect(await session.textContent()).toContain('3 open conversations');
    expect(await session.getByRole('list', { name: 'Open conversations' }).getByRole('listitem').count()).toBe(3);

    const callsBefore = (await received(site.page)).length;
    const switched = await click(popup, 'Log in as Ada');
    expect(switched).toContain('Logged in as ada@example.test');
    expect(switched).toContain('Logged out External ID cust-vip first.');
    const calls = (await received(site.page)).slice(callsBefore);
    expect(calls.map((c) => c.call)).toEqual(['isLoggedIn', 'logout', 'login', 'isLoggedIn']);
    expect(calls[0]?.query).toEqual({ externalId: 'cust-vip' });
    expect(calls[3]?.query).toEqual({ email: 'ada@example.test' });
    expect(claimsOf(await lastLoginToken(site.page))).toEqual({ email: 'ada@example.test' });
    await until(async () => (await pageCustomer(site.page)).startsWith('ada@example.test'), 'Ada on the page');
    expect(await session.textContent()).toContain('1 open conversation');

    expect(await click(popup, 'Log in as Refund case')).toContain('Logged in as refund@example.test');
    expect(claimsOf(await lastLoginToken(site.page))).toEqual({ externalId: 'cust-refund', email: 'refund@example.test' });
    await until(async () => (await pageCustomer(site.page)).startsWith('refund@example.test'), 'Refund on the page');
    expect(await session.textContent()).toContain('2 open conversations');

    // Most recently used first, each with its last result.
    expect(await identityButtons(popup)).toEqual(['Log in as Refund case', 'Log in as Ada', 'Log in as VIP with 3 open chats']);
    const vip = popup.getByRole('listitem').filter({ hasText: 'Log in as VIP with 3 open chats' });
    expect(await vip.textContent()).toMatch(/cus_\d+ · 3 conversations/);
  });

  it('filters as you type and works from the keyboard', async () => {
    const site = await lab.openSite(sim.url);
    const popup = await lab.popup(site.tabId);
    const filter = popup.getByRole('searchbox', { name: 'Filter identities' });
    await filter.fill('escalated');
    expect(await identityButtons(popup)).toEqual(['Log in as Refund case']);
    await filter.fill('ada');
    expect(await identityButtons(popup)).toEqual(['Log in as Ada']);
    await filter.fill('zzz');
    expect(await identityButtons(popup)).toEqual([]);
    expect(await popup.getByText('No identity matches "zzz"').count()).toBe(1);

    await filter.fill('vip');
    const afterEnter = await nextOutcome(popup, 'Enter');
    await filter.press('Enter');
    await afterEnter();
    expect(await statusText(popup)).toContain('Logged in as External ID cust-vip');

    await filter.fill('');
    await filter.press('ArrowDown');
    await popup.keyboard.press('ArrowDown');
    const focused = await popup.evaluate(() => document.activeElement?.textContent);
    expect(focused).toBe((await identityButtons(popup))[1]);
    const afterSecondEnter = await nextOutcome(popup, 'Enter');
    await popup.keyboard.press('Enter');
    await afterSecondEnter();
    expect(await statusText(popup)).toMatch(/Logged in as (refund|ada)@example.test/);
    await popup.keyboard.press('ArrowUp');
    await popup.keyboard.press('ArrowUp');
    expect(await popup.evaluate(() => document.activeElement?.id)).toBe('identity-filter');
  });

  it('fills a new random identity that Kustomer has never seen', async () => {
    const site = await lab.openSite(sim.url);
    const popup = await lab.popup(site.tabId);
    await popup.getByRole('button', { name: 'New random identity' }).click();
    const externalId = await popup.getByRole('textbox', { name: 'External ID' }).inputValue();
    const email = await popup.getByRole('textbox', { name: 'Email' }).inputValue();
    expect(externalId).toMatch(/^qa-[0-9a-f]{8}$/);
    expect(email).toBe(`${externalId}@example.test`);
    expect(await popup.getByRole('textbox', { name: 'Label' }).inputValue()).toMatch(/^Random [0-9a-f]{8}$/);
    expect(await act(popup, 'Log in')).toContain(`Logged in as ${email}`);
    expect(await popup.getByRole('region', { name: 'Session' }).textContent()).toContain('0 open conversations');
  });
});

describe('history sync check', () => {
  it('reports in sync on a healthy site, after asking before the reload', async () => {
    const site = await lab.openSite(sim.url);
    const popup = await lab.popup(site.tabId);
    await click(popup, 'Log in as VIP with 3 open chats');
    const deviceBefore = await site.page.evaluate(() => localStorage.getItem('kustomer-chat-tracking-token'));

    await click(popup, 'Check history sync');
    expect(await statusText(popup)).toContain('reloads it and logs them in again');
    expect(await statusText(popup)).toContain('allow Chat Identity Lab in incognito');
    expect(await site.page.evaluate(() => localStorage.getItem('kustomer-chat-tracking-token'))).toBe(deviceBefore);

    expect(await click(popup, 'Reload and check')).toContain('In sync: 3 of 3 conversations followed the customer to a new device.');
    const deviceAfter = await site.page.evaluate(() => localStorage.getItem('kustomer-chat-tracking-token'));
    expect(deviceAfter).toMatch(/^dev_/);
    expect(deviceAfter).not.toBe(deviceBefore);
    expect(await pageCustomer(site.page)).toMatch(/^cust-vip/);
  });

  it('can be cancelled, leaving the page alone', async () => {
    const site = await lab.openSite(sim.url);
    const popup = await lab.popup(site.tabId);
    await click(popup, 'Log in as Ada');
    await click(popup, 'Check history sync');
    const calls = (await received(site.page)).length;
    await popup.getByRole('button', { name: 'Cancel' }).click();
    expect((await received(site.page)).length).toBe(calls);
  });

  it('catches a site whose history does not follow the customer', async () => {
    const site = await lab.openSite(`${sim.url}/?sync=broken`);
    const popup = await lab.popup(site.tabId);
    await popup.getByRole('button', { name: 'New random identity' }).click();
    await act(popup, 'Log in');
    await site.page.getByRole('textbox', { name: 'Message' }).fill('A question from this device');
    await site.page.getByRole('button', { name: 'Send' }).click();
    await until(async () => (await site.page.locator('#conversations li[data-conversation-id]').count()) === 1, 'the conversation');
    await click(popup, 'Check history sync');
    const report = await click(popup, 'Reload and check');
    expect(report).toMatch(/Out of sync: 0 of 1 conversations followed the customer to a new device\. Missing on the new device: con_\w+\./);
  });

  it('asks for a login first', async () => {
    const site = await lab.openSite(sim.url);
    const popup = await lab.popup(site.tabId);
    expect(await click(popup, 'Check history sync')).toContain('Log a customer in on this tab first');
  });
});

describe('faults during a switch', () => {
  it('a logout that fails stops the switch, says so, and logs nobody in', async () => {
    const site = await lab.openSite(`${sim.url}/?fault=logout-error`);
    const popup = await lab.popup(site.tabId);
    await click(popup, 'Log in as Ada');
    const logins = (await received(site.page)).filter((r) => r.call === 'login').length;
    const status = await click(popup, 'Log in as VIP with 3 open chats');
    expect(status).toContain('Could not log out ada@example.test before the switch: Kustomer.logout answered with an error: Simulated SDK failure: logout is unavailable.');
    expect((await received(site.page)).filter((r) => r.call === 'login').length).toBe(logins);
    const item = popup.getByRole('listitem').filter({ hasText: 'Log in as VIP with 3 open chats' });
    expect(await item.textContent()).toContain('failed');
  });

  it('conversations the SDK cannot give: the login stands, the problem is shown', async () => {
    const site = await lab.openSite(`${sim.url}/?fault=conversations-error`);
    const popup = await lab.popup(site.tabId);
    const status = await click(popup, 'Log in as Ada');
    expect(status).toContain('Logged in as ada@example.test');
    expect(status).toContain('Kustomer.getOpenConversations answered with an error: Simulated SDK failure: conversations are unavailable.');
    expect(await popup.getByRole('region', { name: 'Session' }).textContent()).toContain('Conversations unavailable');
  });

  it('the page reloading mid-switch', async () => {
    const site = await lab.openSite(`${sim.url}/?fault=reload-on-login`);
    const popup = await lab.popup(site.tabId);
    const status = await click(popup, 'Log in as Ada');
    expect(status).toContain('The page reloaded or navigated away while this ran');
  });
});
