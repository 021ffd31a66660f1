/**
 * Pages that behave as real sites do, not as the simulator's default page: a widget that
 * arrives late, an SDK that draws no iframe, one that answers only through events, and a page
 * that loads the SDK but leaves starting it to a visitor's click.
 */
import jwt from 'jsonwebtoken';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../simulator/server.mjs';
import { act, addEnvironment, type Lab, lastLoginToken, launchLab, nextOutcome, received, until } from './harness';

let lab: Lab;
let sim: Awaited<ReturnType<typeof startSimulator>>;
/** Opened before any environment existed: no login observer was registered on it. */
let unobserved: { page: Page; tabId: number };

const SDK_TIMEOUT_S = 10;

beforeAll(async () => {
  sim = await startSimulator();
  lab = await launchLab();
  unobserved = await lab.openSite(`${sim.url}/?draw=elsewhere`);
  await until(async () => (await unobserved.page.locator('#sdk-state').textContent()) === 'ready', 'the unobserved chat to start');
  await addEnvironment(lab, { name: 'Acme staging', sites: sim.url, secret: sim.secret });
});

afterAll(async () => {
  await lab?.close();
  await sim?.close();
});

function verifyToken(token: string, externalId: string) {
  const payload = jwt.verify(token, sim.secret, { algorithms: ['HS256'] }) as Record<string, unknown>;
  expect(Object.keys(payload).sort()).toEqual(['externalId', 'iat']);
  expect(payload.externalId).toBe(externalId);
}

const statusText = async (popup: Page) => (await popup.getByRole('status').textContent()) ?? '';

/** Clicks "Log in" with an External ID and waits until the popup says it waits for the widget. */
async function loginWhileWaiting(popup: Page, externalId: string): Promise<() => Promise<string>> {
  await popup.getByRole('textbox', { name: 'External ID' }).fill(externalId);
  const settled = await nextOutcome(popup, 'the login');
  await popup.getByRole('button', { name: 'Log in', exact: true }).click();
  await until(async () => (await statusText(popup)).includes('Waiting for the chat widget to load…'), 'the waiting message');
  return settled;
}

describe('a widget that arrives late', () => {
  it('a login clicked before the widget is on the page waits for it, says so, and succeeds', async () => {
    const site = await lab.openSite(`${sim.url}/?widget=consent`);
    expect(await site.page.evaluate(() => typeof (window as { Kustomer?: unknown }).Kustomer)).toBe('undefined');
    const popup = await lab.popup(site.tabId);
    const settled = await loginWhileWaiting(popup, 'cust-late');
    expect(await popup.getByRole('button', { name: 'Cancel' }).isVisible()).toBe(true);
    // The visitor accepts cookies: the site's tag manager adds the widget only now.
    await site.page.getByRole('button', { name: 'Accept cookies' }).click();
    const text = await settled();
    expect(text).toMatch(/Logged in as External ID cust-late \(customer cus_\d+\)/);
    expect(text).toMatch(/Chat SDK ready after \d+\.\d s: the page's Kustomer\.start called back \(seen by the login observer\)\./);
    verifyToken(await lastLoginToken(site.page), 'cust-late');
    await expect.poll(() => site.page.locator('#chat-customer').textContent()).toMatch(/^cust-late \(cus_\d+\)$/);
  });

  it('also on the page whose tag manager adds the widget 2.5 s after load', async () => {
    const site = await lab.openSite(`${sim.url}/?widget=late`);
    const popup = await lab.popup(site.tabId);
    expect(await act(popup, 'Log in', { externalId: 'cust-tag' })).toMatch(/Logged in as External ID cust-tag/);
    verifyToken(await lastLoginToken(site.page), 'cust-tag');
  });

  it('"Cancel" ends the wait and sends the page nothing', async () => {
    const site = await lab.openSite(`${sim.url}/?widget=consent`);
    const popup = await lab.popup(site.tabId);
    const settled = await loginWhileWaiting(popup, 'cust-cancelled');
    await popup.getByRole('button', { name: 'Cancel' }).click();
    expect(await settled()).toContain('Cancelled: nothing was sent to the page.');
    expect(await popup.getByRole('button', { name: 'Log in', exact: true }).isEnabled()).toBe(true);
    // The widget arrives afterwards: it received no login, and nothing else of ours.
    await site.page.getByRole('button', { name: 'Accept cookies' }).click();
    await until(async () => (await site.page.locator('#sdk-state').textContent()) === 'ready', 'the chat to start');
    expect((await received(site.page)).map((r) => r.call)).not.toContain('login');
    // (The simulator keeps one device per origin, so an earlier test's customer may show here.)
    expect(await site.page.locator('#chat-customer').textContent()).not.toContain('cust-cancelled');
  });

  it('a page with no widget at all gets the clear answer within the SDK timeout', async () => {
    const site = await lab.openSite(`${sim.url}/no-sdk.html`);
    const popup = await lab.popup(site.tabId);
    const started = Date.now();
    const text = await act(popup, 'Log in', { externalId: 'cust-nowhere' });
    const took = Date.now() - started;
    expect(text).toMatch(/No Kustomer chat SDK on this page \(no window\.Kustomer and no chat widget\.js loader, and none appeared in \d+\.\d s\)/);
    expect(took).toBeLessThan(SDK_TIMEOUT_S * 1000 + 5000);
    expect(await site.page.evaluate(() => typeof (window as { Kustomer?: unknown }).Kustomer)).toBe('undefined');
  });
});

describe('SDK builds that differ from the simulator', () => {
  it('logs in with an SDK that draws no #kustomer-ui-sdk-iframe (the observer saw start call back)', async () => {
    const site = await lab.openSite(`${sim.url}/?draw=elsewhere`);
    await until(async () => (await site.page.locator('#sdk-state').textContent()) === 'ready', 'the chat to start');
    expect(await site.page.locator('#kustomer-ui-sdk-iframe').count()).toBe(0);
    const popup = await lab.popup(site.tabId);
    const text = await act(popup, 'Log in', { externalId: 'cust-noframe' });
    expect(text).toMatch(/Logged in as External ID cust-noframe/);
    expect(text).toContain("Chat SDK ready: the page's Kustomer.start called back (seen by the login observer).");
    verifyToken(await lastLoginToken(site.page), 'cust-noframe');
  });

  it('logs in where no observer was there, with no iframe: a harmless probe shows the SDK started', async () => {
    const popup = await lab.popup(unobserved.tabId);
    const text = await act(popup, 'Log in', { externalId: 'cust-probe' });
    expect(text).toMatch(/Logged in as External ID cust-probe/);
    expect(text).toMatch(/Chat SDK ready( after \d+\.\d s)?: Kustomer\.isLoggedIn answered a probe\./);
    verifyToken(await lastLoginToken(unobserved.page), 'cust-probe');
    // The probe asked about an identity that cannot exist, never about a real customer.
    const probes = (await received(unobserved.page)).filter((r) => r.call === 'isLoggedIn' && r.query?.externalId?.startsWith('chat-identity-lab-probe-'));
    expect(probes.length).toBeGreaterThan(0);
  });

  it('logs in and out with an SDK that answers only through onLogin / onLogout', async () => {
    const site = await lab.openSite(`${sim.url}/?callbacks=none`);
    const popup = await lab.popup(site.tabId);
    const login = await act(popup, 'Log in', { externalId: 'cust-events' });
    expect(login).toMatch(/Logged in as External ID cust-events \(customer cus_\d+\)/);
    verifyToken(await lastLoginToken(site.page), 'cust-events');
    await expect.poll(() => site.page.locator('#chat-customer').textContent()).toMatch(/^cust-events/);
    const logout = await act(popup, 'Log out');
    expect(logout).toContain('Logged out: the chat on this page is anonymous now.');
    await expect.poll(() => site.page.locator('#chat-customer').textContent()).toBe('anonymous');
  });
});

describe('a page that loads the SDK but starts it only on a click', () => {
  it('says so, offers "Start chat SDK", and with it the login the tester asked for succeeds', async () => {
    const site = await lab.openSite(`${sim.url}/?start=click`);
    const popup = await lab.popup(site.tabId);
    const first = await act(popup, 'Log in', { externalId: 'cust-lazy' });
    expect(first).toContain('The page has not started the Kustomer chat SDK');
    expect((await received(site.page)).map((r) => r.call)).not.toContain('login');

    const started = await nextOutcome(popup, 'the start and login');
    await popup.getByRole('button', { name: 'Start chat SDK' }).click();
    const text = await started();
    expect(text).toMatch(/Logged in as External ID cust-lazy \(customer cus_\d+\)/);
    expect(text).toMatch(/Chat SDK ready after \d+\.\d s: Chat Identity Lab started it \(Kustomer\.start called back\)\./);
    verifyToken(await lastLoginToken(site.page), 'cust-lazy');
    // The tool starts the chat with no options: the site's own (brandId, ...) are not known to it.
    const starts = (await received(site.page)).filter((r) => r.call === 'start') as unknown as { options: unknown }[];
    expect(starts.map((s) => s.options)).toEqual([{}]);
    await expect.poll(() => site.page.locator('#chat-customer').textContent()).toMatch(/^cust-lazy/);
  });
});
