/**
 * The integration check for the widgets beyond Kustomer's and Zendesk's (integration-check.test.ts
 * has those): Chatwoot, Sunshine Conversations, Front Chat, Help Scout Beacon and Intercom, by JWT
 * and by user_hash. On each widget's healthy simulator page every check that applies passes; on
 * each page that breaks one promise (`?fault=`, the same names on every widget) exactly that check
 * fails. Run as a tester would: from the popup, on the check page, read by accessible names.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../simulator/server.mjs';
import { addEnvironment, type Lab, launchLab, until } from './harness';

let lab: Lab;
let sim: Awaited<ReturnType<typeof startSimulator>>;
/** Intercom's user_hash app is served on the other name of loopback, so its environment covers its page alone. */
const other = (url: string) => url.replace('127.0.0.1', 'localhost');

beforeAll(async () => {
  sim = await startSimulator();
  lab = await launchLab();
  await addEnvironment(lab, {
    name: 'Hooli Chatwoot',
    vendor: 'Chatwoot',
    sites: `${sim.url}/chatwoot/*`,
    settings: [
      { label: 'Base URL', value: sim.chatwoot.baseUrl },
      { label: 'Website token', value: sim.chatwoot.websiteToken },
    ],
    secret: sim.chatwoot.secret,
  });
  await addEnvironment(lab, {
    name: 'Pied Piper Sunshine',
    vendor: 'Sunshine Conversations',
    sites: `${sim.url}/sunshine/*`,
    settings: [
      { label: 'App ID', value: sim.sunshine.appId },
      { label: 'Key ID', value: sim.sunshine.keyId },
    ],
    secret: sim.sunshine.secret,
  });
  await addEnvironment(lab, { name: 'Aviato Front', vendor: 'Front Chat', sites: `${sim.url}/front/*`, settings: [{ label: 'Chat ID', value: sim.front.chatId }], secret: sim.front.secret });
  await addEnvironment(lab, { name: 'Vandelay Beacon', vendor: 'Help Scout Beacon', sites: `${sim.url}/helpscout/*`, settings: [{ label: 'Beacon ID', value: sim.helpscout.beaconId }], secret: sim.helpscout.secret });
  await addEnvironment(lab, { name: 'Initech Intercom', vendor: 'Intercom', sites: `${sim.url}/intercom/*`, settings: [{ label: 'App ID', value: sim.intercom.appId }], secret: sim.intercom.secret });
  await addEnvironment(lab, {
    name: 'Initech legacy',
    vendor: 'Intercom',
    sites: `${other(sim.url)}/intercom/*`,
    settings: [
      { label: 'App ID', value: sim.intercom.hashAppId },
      { label: 'Identity verification', value: 'user_hash (HMAC of the user_id or email)', select: true },
    ],
    secret: sim.intercom.hashSecret,
  });
});

afterAll(async () => {
  await lab?.close();
  await sim?.close();
});

/** Opens the check from the popup of the tab showing `url`. */
async function openCheck(url: string): Promise<Page> {
  const site = await lab.openSite(url);
  const popup = await lab.popup(site.tabId);
  const [check] = await Promise.all([lab.context.waitForEvent('page'), popup.getByRole('button', { name: 'Run integration check' }).click()]);
  await popup.close();
  await check.getByRole('button', { name: 'Run check' }).waitFor();
  return check;
}

async function runToEnd(check: Page): Promise<{ results: Record<string, string>; summary: string }> {
  await check.getByRole('button', { name: 'Run check' }).click();
  const status = check.getByRole('status');
  await until(async () => (await status.getAttribute('aria-busy')) === null && /passed, \d+ failed/.test((await status.textContent()) ?? ''), 'the check to finish', 120_000);
  const results: Record<string, string> = {};
  for (const item of await check.getByRole('list', { name: 'Checks' }).getByRole('listitem').all()) {
    const name = await item.getAttribute('aria-label');
    if (name) results[name] = (await item.locator('.result').first().textContent()) ?? '';
  }
  return { results, summary: (await status.textContent()) ?? '' };
}

const EVERY_WIDGET = ['Widget', 'Login', 'Refusals are real', 'Identity verification is enforced', 'Logout forgets', 'A switch carries nothing of the previous customer', "The site's own credentials"];
const ENFORCED = 'Identity verification is enforced';

/** Each widget's page and environment; `unsigned`: whether it can be given an identity without a signature (then check 4 runs). */
const WIDGETS = {
  Chatwoot: { page: () => `${sim.url}/chatwoot/`, environment: 'Hooli Chatwoot', unsigned: true },
  'Sunshine Conversations': { page: () => `${sim.url}/sunshine/`, environment: 'Pied Piper Sunshine', unsigned: false },
  'Front Chat': { page: () => `${sim.url}/front/`, environment: 'Aviato Front', unsigned: true },
  'Help Scout Beacon': { page: () => `${sim.url}/helpscout/`, environment: 'Vandelay Beacon', unsigned: true },
  Intercom: { page: () => `${sim.url}/intercom/`, environment: 'Initech Intercom', unsigned: true },
  'Intercom (user_hash)': { page: () => `${other(sim.url)}/intercom/?verification=hash`, environment: 'Initech legacy', unsigned: true },
} as const;
type Widget = keyof typeof WIDGETS;

const withFault = (page: string, fault: string) => `${page}${page.includes('?') ? '&' : '?'}fault=${fault}`;

describe('the integration check on every widget', () => {
  it.each(Object.keys(WIDGETS) as Widget[])('on the healthy %s page every check that applies passes', async (widget) => {
    const { page, environment, unsigned } = WIDGETS[widget];
    const check = await openCheck(page());
    const { results, summary } = await runToEnd(check);
    expect(Object.keys(results)).toEqual(EVERY_WIDGET);
    // No site login was seen on this tab: the site's own credentials have nothing to check.
    const expected = (name: string) => (name === "The site's own credentials" ? 'skipped' : name === ENFORCED && !unsigned ? 'does not apply' : 'passed');
    expect(results).toEqual(Object.fromEntries(EVERY_WIDGET.map((name) => [name, expected(name)])));
    expect(summary).toContain(environment);
    await check.close();
  });

  // One line per widget and broken promise. Not yet here (issue 30 stays open for them): the
  // sticky-identity pages of Chatwoot, Sunshine Conversations, Front, Help Scout and Intercom (the switch
  // check does not yet see the previous customer named reliably there) and Intercom's
  // accepts-expired page (Logout forgets fails beside Refusals are real).
  const REFUSALS = 'Refusals are real';
  const LOGOUT = 'Logout forgets';
  it.each([
    { widget: 'Chatwoot', fault: 'accepts-base64', failing: REFUSALS },
    { widget: 'Chatwoot', fault: 'not-enforced', failing: ENFORCED },
    { widget: 'Chatwoot', fault: 'logout-keeps', failing: LOGOUT },
    { widget: 'Sunshine Conversations', fault: 'accepts-expired', failing: REFUSALS },
    { widget: 'Sunshine Conversations', fault: 'logout-keeps', failing: LOGOUT },
    { widget: 'Front Chat', fault: 'accepts-base64', failing: REFUSALS },
    { widget: 'Front Chat', fault: 'not-enforced', failing: ENFORCED },
    { widget: 'Front Chat', fault: 'logout-keeps', failing: LOGOUT },
    { widget: 'Help Scout Beacon', fault: 'accepts-base64', failing: REFUSALS },
    { widget: 'Help Scout Beacon', fault: 'not-enforced', failing: ENFORCED },
    { widget: 'Help Scout Beacon', fault: 'logout-keeps', failing: LOGOUT },
    { widget: 'Intercom', fault: 'not-enforced', failing: ENFORCED },
    { widget: 'Intercom', fault: 'logout-keeps', failing: LOGOUT },
    { widget: 'Intercom (user_hash)', fault: 'accepts-base64', failing: REFUSALS },
    { widget: 'Intercom (user_hash)', fault: 'not-enforced', failing: ENFORCED },
  ] as { widget: Widget; fault: string; failing: string }[])('$widget ?fault=$fault: exactly "$failing" fails', async ({ widget, fault, failing }) => {
    const check = await openCheck(withFault(WIDGETS[widget].page(), fault));
    const { results } = await runToEnd(check);
    expect(results[failing]).toBe('failed');
    for (const [name, result] of Object.entries(results)) {
      if (name !== failing) expect([name, result]).toEqual([name, expect.stringMatching(/passed|skipped|does not apply/)]);
    }
    if (failing === ENFORCED) {
      // The plain consequence, and where the vendor's switch is.
      expect((await check.getByRole('listitem', { name: ENFORCED, exact: true }).textContent()) ?? '').toContain('Anyone can open this chat as any customer');
    }
    await check.close();
  });
});
