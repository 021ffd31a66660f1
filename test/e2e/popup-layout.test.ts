import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../simulator/server.mjs';
import { addEnvironment, clickBeforeAnyScript, type Lab, lastLoginToken, launchLab, nextOutcome, received, until } from './harness';

/**
 * The popup is usable the moment its (prerendered) HTML is parsed, and in Chrome's 600 px
 * popup, with six saved identities, the answer to a click and every main control are in view
 * together: nothing covers anything. Keyboard only works, and an Options edit reaches an open
 * popup.
 */
let lab: Lab;
let sim: Awaited<ReturnType<typeof startSimulator>>;

beforeAll(async () => {
  sim = await startSimulator();
  lab = await launchLab();
  await addEnvironment(lab, { name: 'Acme staging', sites: sim.url, secret: sim.secret });
  const options = await lab.options();
  const form = options.getByRole('form', { name: 'Add identity' });
  for (const n of [1, 2, 3, 4, 5, 6]) {
    await form.getByRole('textbox', { name: 'Label' }).fill(`Customer ${n} with a longer label`);
    await form.getByRole('textbox', { name: 'External ID' }).fill(`cust-layout-${n}`);
    await form.getByRole('button', { name: 'Save identity' }).click();
    await options.getByRole('listitem', { name: `Customer ${n} with a longer label` }).waitFor();
  }
  await options.close();
});

afterAll(async () => {
  await lab?.close();
  await sim?.close();
});

/** The popup as Chrome shows it: 360 × 600 at most. */
async function popupAt(tabId: number, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await lab.context.newPage();
  await page.emulateMedia({ colorScheme });
  await page.setViewportSize({ width: 360, height: 600 });
  // Every layout shift from the first paint on (the Layout Instability API).
  await page.addInitScript(() => {
    const w = window as unknown as { __shift: number };
    w.__shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__shift += (entry as unknown as { value: number }).value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  // The page the toolbar button opens: prerendered with room for five or more identities.
  await until(async () => (await lab.popupPageOf(tabId)).endsWith('/src/popup/kustomer-5.html'), 'the popup page for six identities');
  await page.goto(`${await lab.popupPageOf(tabId)}?tabId=${tabId}`);
  await page.getByRole('button', { name: /^Log in as Customer 5/ }).waitFor();
  return page;
}

async function statusInView(page: Page) {
  const box = await page.getByRole('status').boundingBox();
  expect(box).not.toBeNull();
  expect(box?.y ?? -1).toBeGreaterThanOrEqual(0);
  // Within the 600 px (Chromium may align its bottom edge on a fraction of a pixel).
  expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(601);
  return (await page.getByRole('status').textContent()) ?? '';
}

/** Nothing covers the control: once scrolled to and focused, it is the element under its own centre. */
async function uncovered(control: Locator): Promise<string> {
  await control.scrollIntoViewIfNeeded();
  await control.focus();
  return control.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    const inView = r.top >= 0 && r.bottom <= window.innerHeight;
    return hit === el && inView && document.activeElement === el ? 'uncovered' : `covered by ${hit?.outerHTML.slice(0, 80)} (in view: ${inView})`;
  });
}

/** The outcome is in view, and each main control can be reached and is not covered. */
async function everythingReachable(page: Page, shot: string): Promise<string> {
  if (process.env.POPUP_SHOTS) await page.screenshot({ path: `${process.env.POPUP_SHOTS}/${shot}.png` });
  const text = await statusInView(page);
  const controls = {
    'Log in': page.getByRole('button', { name: 'Log in', exact: true }),
    'Log out': page.getByRole('button', { name: 'Log out', exact: true }),
    'Save identity': page.getByRole('button', { name: 'Save identity', exact: true }),
    'a saved identity': page.getByRole('list', { name: 'Saved identities' }).getByRole('button').last(),
  };
  for (const [name, control] of Object.entries(controls)) expect(`${name}: ${await uncovered(control)}`).toBe(`${name}: uncovered`);
  return text;
}

/** Edits the environment in Options (a tab of its own, the popup stays open). */
async function editEnvironment(from: string, to: { name: string; secret: string }) {
  const options = await lab.options();
  await options.getByRole('listitem', { name: from }).getByRole('button', { name: 'Edit' }).click();
  await expect.poll(() => options.getByRole('textbox', { name: 'Name', exact: true }).inputValue()).toBe(from);
  await options.getByRole('textbox', { name: 'Name', exact: true }).fill(to.name);
  await options.getByLabel('Secret', { exact: true }).fill(to.secret);
  await options.getByRole('button', { name: 'Save', exact: true }).click();
  await until(async () => ((await options.getByRole('status').textContent()) ?? '').includes(`Saved "${to.name}"`), 'the save');
  await options.close();
}

describe('the popup at static-page speed', () => {
  it('a "Log in" clicked right after the HTML is parsed, before any script has run, still reaches the page, once', async () => {
    const site = await lab.openSite(sim.url);
    const page = await lab.context.newPage();
    // As a tester who types and clicks at once: in the page, as soon as its HTML is parsed
    // (once, and in the popup only: the script runs in the form's own frame too).
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        if (!document.getElementById('external-id') || sessionStorage.getItem('clicked')) return;
        sessionStorage.setItem('clicked', '1');
        const early = (window as unknown as { __popupEarly?: { live: boolean } }).__popupEarly;
        sessionStorage.setItem('path', early ? 'held by the first script' : 'submitted by the HTML form');
        (document.getElementById('external-id') as HTMLInputElement).value = 'cust-early-click';
        (document.querySelector('button.primary') as HTMLButtonElement).click();
      });
    });
    await page.goto(`chrome-extension://${lab.extensionId}/src/popup/index.html#tabId=${site.tabId}`);
    await until(async () => ((await page.getByRole('status').textContent()) ?? '').includes('Logged in as External ID cust-early-click'), 'the early login');
    const path = await page.evaluate(() => sessionStorage.getItem('path'));
    expect(['held by the first script', 'submitted by the HTML form']).toContain(path);
    const logins = (await received(site.page)).filter((r) => r.call === 'login');
    expect(logins).toHaveLength(1);
    const token = await lastLoginToken(site.page);
    expect(JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString())).toMatchObject({ externalId: 'cust-early-click' });
    // Done once: the address no longer asks for it, so a reload does not log in again.
    expect(page.url()).not.toContain('command=');
    await page.close();
    await site.page.close();
  });

  it('"Log out" clicked before any script ran logs out (the HTML form carries which button)', async () => {
    const site = await lab.openSite(sim.url);
    const popup = await lab.popup(site.tabId);
    await popup.getByRole('textbox', { name: 'External ID' }).fill('cust-before-logout');
    const settled = await nextOutcome(popup);
    await popup.getByRole('button', { name: 'Log in', exact: true }).click();
    expect(await settled()).toContain('Logged in as External ID cust-before-logout');
    await popup.close();
    // Only the HTML form sees the click: it submits into the popup's own frame, which the popup reads once its script runs.
    const page = await lab.context.newPage();
    await clickBeforeAnyScript(page, 'Log out');
    await page.goto(`chrome-extension://${lab.extensionId}/src/popup/index.html?tabId=${site.tabId}`);
    await until(async () => /logged out|not logged in/i.test((await page.getByRole('status').textContent()) ?? ''), 'the logout');
    expect((await received(site.page)).filter((r) => r.call === 'logout')).toHaveLength(1);
    expect(page.url()).toBe(`chrome-extension://${lab.extensionId}/src/popup/index.html?tabId=${site.tabId}`);
    await page.close();
    await site.page.close();
  });

  it('text typed before the module runs is kept when it hydrates', async () => {
    const site = await lab.openSite(sim.url);
    const page = await lab.context.newPage();
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        (document.getElementById('email') as HTMLInputElement).value = 'typed-early@example.test';
      });
    });
    await page.goto(`chrome-extension://${lab.extensionId}/src/popup/index.html?tabId=${site.tabId}`);
    await page.getByRole('button', { name: /^Log in as Customer 1/ }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Email' }).inputValue()).toBe('typed-early@example.test');
    const settled = await nextOutcome(page, 'the login');
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    expect(await settled()).toContain('Logged in as typed-early@example.test');
    await page.close();
    await site.page.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`in ${scheme}, at 360 × 600: after a login, a switch and a long refusal the outcome is in view and no control is covered`, async () => {
      const site = await lab.openSite(sim.url);
      const page = await popupAt(site.tabId, scheme);
      await page.getByRole('textbox', { name: 'External ID' }).fill('cust-layout-typed');
      let settled = await nextOutcome(page, 'the login');
      await page.getByRole('button', { name: 'Log in', exact: true }).click();
      await settled();
      const login = await everythingReachable(page, `${scheme}-1-login`);
      expect(login).toContain('Logged in as External ID cust-layout-typed');
      // Said once: no "Now: … logged in" after "Logged in as …".
      expect(login).not.toContain('Now:');

      const list = page.getByRole('list', { name: 'Saved identities' }).getByRole('button');
      const order = await list.allTextContents();
      settled = await nextOutcome(page, 'the switch');
      await page.getByRole('button', { name: /^Log in as Customer 4/ }).click();
      await settled();
      expect(await everythingReachable(page, `${scheme}-2-switch`)).toContain('Logged in as External ID cust-layout-4');
      // The list keeps its order while the popup is open: the used identity did not jump to the top.
      expect(await list.allTextContents()).toEqual(order);

      // Options edits the environment while the popup is open (here as a tab): the popup follows,
      // and signs with the new, wrong secret: a long refusal with its likely causes.
      await editEnvironment('Acme staging', { name: 'Acme staging (wrong secret)', secret: 'not-the-org-secret' });
      await page.getByText('Acme staging (wrong secret)').waitFor();
      settled = await nextOutcome(page, 'the refusal');
      await page.getByRole('button', { name: 'Log in', exact: true }).click();
      await settled();
      const refusal = await everythingReachable(page, `${scheme}-3-refusal`);
      expect(refusal).toContain('Kustomer refused the token (HTTP 401');
      expect(refusal).toContain('Now: External ID');
      await page.getByText(/^Details \(\d+\)$/).click();
      if (process.env.POPUP_SHOTS) await page.screenshot({ path: `${process.env.POPUP_SHOTS}/${scheme}-4-details.png`, fullPage: true });
      await editEnvironment('Acme staging (wrong secret)', { name: 'Acme staging', secret: sim.secret });
      await page.close();
      await site.page.close();
    });
  }

  it('keyboard only: focus starts in the filter; type to filter, one Tab stop for the list, arrows inside, Enter logs in', async () => {
    const site = await lab.openSite(sim.url);
    const page = await popupAt(site.tabId);
    await page.locator('#app[data-loaded]').waitFor();
    await until(() => page.evaluate(() => document.activeElement?.id === 'identity-filter'), 'focus in the filter');
    // The list arriving from storage moved nothing: room for it was kept from the last popup.
    await page.evaluate(() => new Promise((frame) => requestAnimationFrame(() => requestAnimationFrame(frame))));
    expect(await page.evaluate(() => (window as unknown as { __shift: number }).__shift)).toBe(0);
    await page.keyboard.type('longer label');
    const second = (await page.getByRole('list', { name: 'Saved identities' }).getByRole('button').allTextContents())[1];
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(second);
    // One Tab stop: Tab leaves the list for the form, Shift+Tab comes back to the identity last focused.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('external-id');
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(second);
    const settled = await nextOutcome(page, 'the keyboard login');
    await page.keyboard.press('Enter');
    expect(await settled()).toContain(`Logged in as External ID cust-layout-${second?.match(/Customer (\d)/)?.[1]}`);
    await page.close();
    await site.page.close();
  });

  it('the verdict leads: a short bold headline at 14 px or more, then the evidence in one line', async () => {
    const site = await lab.openSite(sim.url);
    const page = await popupAt(site.tabId);
    await page.locator('#app[data-loaded]').waitFor();
    await page.getByRole('textbox', { name: 'External ID' }).fill('cust-glance');
    const settled = await nextOutcome(page, 'the login');
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await settled();
    const verdict = page.getByRole('status').locator('.verdict');
    expect(await verdict.textContent()).toMatch(/^Logged in as External ID cust-glance \(customer cus_\d+\)$/);
    const style = await verdict.evaluate((el) => ({ weight: getComputedStyle(el).fontWeight, size: Number.parseFloat(getComputedStyle(el).fontSize) }));
    expect(Number(style.weight)).toBeGreaterThanOrEqual(700);
    expect(style.size).toBeGreaterThanOrEqual(14);
    expect(await page.getByRole('status').locator('.evidence').textContent()).toMatch(/^Kustomer's server accepted the token \(HTTP 200 from [^)]+\) and Kustomer\.isLoggedIn confirms it\.$/);
    await page.close();
    await site.page.close();
  });

  it('waiting for a late widget with six identities: Cancel is in view, and Escape cancels', async () => {
    const site = await lab.openSite(`${sim.url}/?widget=consent`);
    const page = await popupAt(site.tabId);
    await page.locator('#app[data-loaded]').waitFor();
    await page.getByRole('textbox', { name: 'External ID' }).fill('cust-wait');
    const settled = await nextOutcome(page, 'the cancelled wait');
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    const cancel = page.getByRole('button', { name: 'Cancel', exact: true });
    await cancel.waitFor();
    await until(async () => {
      const box = await cancel.boundingBox();
      return box !== null && box.y >= 0 && box.y + box.height <= 600;
    }, 'Cancel wholly in view');
    if (process.env.POPUP_SHOTS) await page.screenshot({ path: `${process.env.POPUP_SHOTS}/light-5-wait.png` });
    await page.keyboard.press('Escape');
    expect(await settled()).toContain('Cancelled: nothing was sent to the page.');
    expect((await received(site.page)).filter((c) => c.call === 'login')).toHaveLength(0);
    await page.close();
    await site.page.close();
  });

  /** Each vendor's page, its setting and identity field: a refusal by its server (a wrong secret). */
  const REFUSALS = [
    { vendor: 'Zendesk Messaging', credential: 'jwt', path: '/zendesk/', settings: () => [{ label: 'Key ID', value: sim.zendesk.keyId }], fields: { 'External ID': 'zd-refused' } },
    { vendor: 'Intercom', credential: 'jwt', path: '/intercom/', settings: () => [{ label: 'App ID', value: sim.intercom.appId }], fields: { 'User ID': 'ic-refused' } },
    { vendor: 'Chatwoot', credential: 'hmac', path: '/chatwoot/', settings: () => [{ label: 'Base URL', value: sim.chatwoot.baseUrl }, { label: 'Website token', value: sim.chatwoot.websiteToken }], fields: { Identifier: 'cw-refused', Email: 'cw-refused@example.test' } },
    { vendor: 'Sunshine Conversations', credential: 'jwt', path: '/sunshine/', settings: () => [{ label: 'App ID', value: sim.sunshine.appId }, { label: 'Key ID', value: sim.sunshine.keyId }], fields: { 'External ID': 'sun-refused' } },
    { vendor: 'Front Chat', credential: 'hmac', path: '/front/', settings: () => [{ label: 'Chat ID', value: sim.front.chatId }], fields: { 'User ID': 'front-refused' } },
    { vendor: 'Help Scout Beacon', credential: 'hmac', path: '/helpscout/', settings: () => [{ label: 'Beacon ID', value: sim.helpscout.beaconId }], fields: { Email: 'hs-refused@example.test' } },
  ] as const;
  for (const refusal of REFUSALS) {
    it(`a refusal by ${refusal.vendor}'s server, at 360 × 600: "Refused by ${refusal.vendor}", the HTTP status, the likely cause and Open options in view`, async () => {
      await addEnvironment(lab, { name: `${refusal.vendor} (wrong secret)`, vendor: refusal.vendor, sites: `${sim.url}${refusal.path}*`, settings: refusal.settings(), secret: 'not-this-account-secret' });
      const site = await lab.openSite(`${sim.url}${refusal.path}`);
      const page = await lab.context.newPage();
      await page.setViewportSize({ width: 360, height: 600 });
      await page.goto(`${await lab.popupPageOf(site.tabId)}?tabId=${site.tabId}`);
      await page.locator('#app[data-loaded]').waitFor();
      for (const [field, value] of Object.entries(refusal.fields)) await page.getByRole('textbox', { name: field, exact: true }).fill(value);
      const settled = await nextOutcome(page, 'the refusal');
      await page.getByRole('button', { name: 'Log in', exact: true }).click();
      await settled();
      if (process.env.POPUP_SHOTS) await page.screenshot({ path: `${process.env.POPUP_SHOTS}/light-refusal-${refusal.path.replaceAll('/', '')}.png` });
      const status = page.getByRole('status');
      expect(await status.locator('.verdict').textContent()).toBe(`Refused by ${refusal.vendor}`);
      expect(await status.locator('.evidence').textContent()).toMatch(/HTTP 401 from /);
      // A wrong secret: the cause that leads is the secret (Zendesk's widget names invalid_signature).
      expect(await status.locator('.cause').textContent()).toMatch(/^Most often the secret of environment /);
      await statusInView(page);
      expect(await uncovered(status.getByRole('button', { name: 'Open options' }))).toBe('uncovered');
      // A JWT is a token; an HMAC, a signature.
      await status.getByRole('button', { name: refusal.credential === 'hmac' ? 'Copy signature' : 'Copy token' }).waitFor();
      await page.close();
      await site.page.close();
    });
  }

  it('a page with no chat SDK: nothing was sent, so no token to copy or inspect', async () => {
    const site = await lab.openSite(`${sim.url}/no-sdk.html`);
    const page = await popupAt(site.tabId);
    await page.locator('#app[data-loaded]').waitFor();
    await page.getByRole('textbox', { name: 'External ID' }).fill('cust-nothing');
    const settled = await nextOutcome(page, 'the answer');
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    expect(await settled()).toContain('No Kustomer chat SDK on this page');
    expect(await page.getByRole('button', { name: 'Copy token' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Inspect token' }).count()).toBe(0);
    await page.close();
    await site.page.close();
  });

  it('Enter in Label saves the typed identity', async () => {
    const site = await lab.openSite(sim.url);
    const page = await popupAt(site.tabId);
    await page.locator('#app[data-loaded]').waitFor();
    await page.getByRole('textbox', { name: 'External ID' }).fill('cust-enter');
    await page.getByRole('textbox', { name: 'Label' }).fill('Saved with Enter');
    await page.getByRole('textbox', { name: 'Label' }).press('Enter');
    await page.getByRole('button', { name: /^Log in as Saved with Enter/ }).waitFor();
    expect(page.url()).toContain(`tabId=${site.tabId}`);
    await page.close();
    await site.page.close();
  });

  it('after a switch, the identity logged in now is marked, and each line leads with what tells it apart', async () => {
    const site = await lab.openSite(sim.url);
    const page = await popupAt(site.tabId);
    await page.locator('#app[data-loaded]').waitFor();
    const settled = await nextOutcome(page, 'the switch');
    await page.getByRole('button', { name: /^Log in as Customer 2 / }).click();
    expect(await settled()).toContain('Logged in as External ID cust-layout-2');
    const marked = page.getByRole('list', { name: 'Saved identities' }).locator('[aria-current="true"]');
    await until(async () => (await marked.count()) === 1, 'one identity marked as logged in now');
    expect(await marked.textContent()).toMatch(/^Log in as Customer 2 /);
    const line = await page.locator('#identity-list li.current .identity-meta').textContent();
    expect(line).toMatch(/^logged in now · cust-layout-2 · \d\d:\d\d/);
    await page.close();
    await site.page.close();
  });
});
