import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../simulator/server.mjs';
import { act, addEnvironment, type Lab, launchLab, received, setSdkTimeout, until } from './harness';

let lab: Lab;
let sim: Awaited<ReturnType<typeof startSimulator>>;

beforeAll(async () => {
  sim = await startSimulator();
  lab = await launchLab();
  await addEnvironment(lab, { name: 'Acme staging', sites: sim.url, secret: sim.secret });
  // A short SDK timeout keeps the "never answers" cases quick; it is a tester setting.
  await setSdkTimeout(lab, 2);
});

afterAll(async () => {
  await lab?.close();
  await sim?.close();
});

/** Logs in on `url` and returns the status; also checks the popup still works and storage is unchanged. */
async function loginOn(url: string, identity = { externalId: 'cust-fault' }) {
  const before = await lab.storage();
  const site = await lab.openSite(url);
  const popup = await lab.popup(site.tabId);
  const status = await act(popup, 'Log in', identity);
  expect(await popup.getByRole('button', { name: 'Log in', exact: true }).isEnabled()).toBe(true);
  expect(await lab.storage()).toEqual(before);
  return { status, popup, ...site };
}

describe('what goes wrong, and what the tester sees', () => {
  it('no environment covers the site: says so and offers the options page, prefilled', async () => {
    const otherHost = sim.url.replace('127.0.0.1', 'localhost');
    const site = await lab.openSite(otherHost);
    const popup = await lab.popup(site.tabId);
    await until(async () => ((await popup.getByRole('status').textContent()) ?? '').includes('No environment covers'), 'the notice');
    expect(await popup.getByRole('status').textContent()).toContain(`No environment covers ${otherHost}.`);
    const status = await act(popup, 'Log in', { externalId: 'cust-1' });
    expect(status).toContain(`No environment covers ${otherHost}`);
    expect((await received(site.page)).filter((r) => r.call === 'login')).toHaveLength(0);

    const [options] = await Promise.all([lab.context.waitForEvent('page'), popup.getByRole('button', { name: 'Open options' }).click()]);
    await options.getByRole('textbox', { name: 'Sites' }).waitFor();
    expect(await options.getByRole('textbox', { name: 'Sites' }).inputValue()).toBe(otherHost);
    await options.close();
  });

  it('an environment without a secret: asks for the secret, signs nothing', async () => {
    const host = sim.url.replace('127.0.0.1', 'localhost');
    await addEnvironment(lab, { name: 'No secret yet', sites: `${host}/no-sdk.html`, secret: '' });
    const { status, page } = await loginOn(`${host}/no-sdk.html`);
    expect(status).toContain('Environment "No secret yet" has no secret');
    expect(status).toContain('Open options');
    expect(await page.evaluate(() => typeof (window as { Kustomer?: unknown }).Kustomer)).toBe('undefined');
  });

  it('a page without the Kustomer SDK', async () => {
    const { status } = await loginOn(`${sim.url}/no-sdk.html`);
    expect(status).toContain('No Kustomer chat SDK on this page');
  });

  it("a page whose Kustomer global is the Cards SDK", async () => {
    const { status } = await loginOn(`${sim.url}/cards.html`);
    expect(status).toContain("Kustomer's Cards SDK");
  });

  it('an SDK that calls back with an error: shows its message', async () => {
    const { status } = await loginOn(`${sim.url}/?fault=login-error`);
    expect(status).toContain('Kustomer.login answered with an error: Simulated SDK failure: the chat service is unavailable.');
  });

  it('a token the backend refuses (wrong secret): shows Kustomer\'s reason', async () => {
    const options = await lab.options();
    await options.getByRole('listitem', { name: 'Acme staging' }).getByRole('button', { name: 'Edit' }).click();
    await options.getByLabel('Secret', { exact: true }).fill('a-secret-from-another-org');
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await until(async () => ((await options.getByRole('status').textContent()) ?? '').includes('Saved'), 'the save');
    const site = await lab.openSite(sim.url);
    const popup = await lab.popup(site.tabId);
    const status = await act(popup, 'Log in', { externalId: 'cust-wrong-secret' });
    // The server's answer is the evidence, paired with the SDK's own message.
    expect(status).toContain(`Kustomer refused the token (HTTP 401 from ${new URL(sim.vendorUrl).host}, this environment's API origin): Invalid token signature: it was not signed with this org's secret.`);
    expect(status).not.toContain('Logged in as');

    await options.getByRole('listitem', { name: 'Acme staging' }).getByRole('button', { name: 'Edit' }).click();
    await options.getByLabel('Secret', { exact: true }).fill(sim.secret);
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await until(async () => ((await options.getByRole('status').textContent()) ?? '').includes('Saved'), 'the save');
    await options.close();
  });

  it('an SDK that never calls back: gives up after the timeout and says so', async () => {
    const started = Date.now();
    const { status } = await loginOn(`${sim.url}/?fault=silent`);
    expect(status).toContain('Kustomer.login did not answer within 2 s');
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('an SDK that never finishes loading, and one never started', async () => {
    expect((await loginOn(`${sim.url}/?fault=never-load`)).status).toContain('the SDK did not finish loading within 2 s');
    const lazy = await loginOn(`${sim.url}/?fault=no-start`);
    expect(lazy.status).toContain('The page has not started the Kustomer chat SDK');
    expect(await lazy.popup.getByRole('button', { name: 'Start chat SDK' }).isVisible()).toBe(true);
  });

  it('a page the browser does not let extensions touch (chrome://)', async () => {
    const before = new Set(await lab.tabIds());
    const page = await lab.context.newPage();
    await page.goto('chrome://version');
    const tabId = (await lab.tabIds()).find((id) => !before.has(id));
    expect(tabId).toBeDefined();
    const popup = await lab.popup(tabId as number);
    await until(async () => ((await popup.getByRole('status').textContent()) ?? '').length > 0, 'the notice');
    expect(await popup.getByRole('status').textContent()).toContain('The browser does not let extensions work on this page');
    expect(await act(popup, 'Log in', { externalId: 'cust-1' })).toContain('does not let extensions work on this page');
    expect(await act(popup, 'Log out')).toContain('does not let extensions work on this page');
  });

  it('the tab under test closed meanwhile', async () => {
    const site = await lab.openSite(sim.url);
    const popup = await lab.popup(site.tabId);
    await site.page.close();
    expect(await act(popup, 'Log in', { externalId: 'cust-1' })).toContain('The tab under test was closed');
    expect(await act(popup, 'Check login', { externalId: 'cust-1' })).toContain('The tab under test was closed');
  });
});
