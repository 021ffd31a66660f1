import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../simulator/server.mjs';
import { addEnvironment, addZendeskAndIntercom, type Lab, launchLab, until } from './harness';

/**
 * The popup's first paint is already the environment's vendor's: the service worker points
 * each tab's toolbar button at the page prerendered for that vendor, so no field appears,
 * disappears or is renamed once storage answers, and nothing moves.
 */
let lab: Lab;
let sim: Awaited<ReturnType<typeof startSimulator>>;

beforeAll(async () => {
  sim = await startSimulator();
  lab = await launchLab();
  await addZendeskAndIntercom(lab, sim);
  await addEnvironment(lab, { name: 'Acme Kustomer', sites: `${sim.url}/`, secret: sim.secret });
});

afterAll(async () => {
  await lab?.close();
  await sim?.close();
});

/** The popup as the toolbar button opens it, with the field labels of its first paint (before any module ran) and every layout shift. */
async function openPopup(tabId: number): Promise<{ popup: Page; firstPaint: () => Promise<string[]> }> {
  // Wait for a state: the service worker has pointed the button at some page for this tab.
  await until(async () => (await lab.popupPageOf(tabId)).includes('/src/popup/'), 'the tab to have a popup page');
  const popup = await lab.context.newPage();
  await popup.setViewportSize({ width: 360, height: 600 });
  await popup.addInitScript(() => {
    const w = window as unknown as { __shift: number; __firstLabels: string[] };
    w.__shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__shift += (entry as unknown as { value: number }).value;
    }).observe({ type: 'layout-shift', buffered: true });
    // Registered before the page's first script: runs when the HTML is parsed, before the module is even requested.
    document.addEventListener('DOMContentLoaded', () => {
      w.__firstLabels = [...document.querySelectorAll('form[aria-label="Identity"] label')].map((l) => (l.textContent ?? '').trim());
    });
  });
  await popup.goto(`${await lab.popupPageOf(tabId)}?tabId=${tabId}`);
  return { popup, firstPaint: () => popup.evaluate(() => (window as unknown as { __firstLabels: string[] }).__firstLabels) };
}

const labelsNow = (popup: Page) => popup.evaluate(() => [...document.querySelectorAll('form[aria-label="Identity"] label')].map((l) => (l.textContent ?? '').trim()));

describe('the popup paints the environment vendor’s fields first, and they never change', () => {
  for (const [vendor, path, labels] of [
    ['Zendesk Messaging', '/zendesk/', ['External ID', 'Email', 'Name']],
    ['Intercom', '/intercom/', ['User ID', 'Email']],
    ['Kustomer', '/', ['External ID', 'Email']],
  ] as const) {
    it(`${vendor}: the same labels at first paint and once loaded, layout shift 0, and the login works`, async () => {
      const { page, tabId } = await lab.openSite(`${sim.url}${path}`);
      const { popup, firstPaint } = await openPopup(tabId);
      await popup.locator('#app[data-loaded]').waitFor();
      expect(await firstPaint()).toEqual(labels);
      expect(await labelsNow(popup)).toEqual(labels);
      expect(await popup.evaluate(() => (window as unknown as { __shift: number }).__shift)).toBe(0);
      // The fields are live, not a picture: a login through them reaches the page.
      await popup.getByRole('textbox', { name: labels[0], exact: true }).fill(`first-paint-${path.length}`);
      await popup.getByRole('button', { name: 'Log in', exact: true }).click();
      await until(async () => ((await popup.getByRole('status').textContent()) ?? '').includes(`Logged in as ${labels[0]} first-paint-${path.length}`), 'the login');
      await popup.close();
      await page.close();
    });
  }

  it('a tab navigated from a Zendesk site to a Kustomer site gets the Kustomer popup again', async () => {
    const { page, tabId } = await lab.openSite(`${sim.url}/zendesk/`);
    await until(async () => /\/src\/popup\/zendesk-\d\.html$/.test(await lab.popupPageOf(tabId)), 'the Zendesk popup for the tab');
    await page.goto(`${sim.url}/`);
    await until(async () => (await lab.popupPageOf(tabId)).endsWith('/src/popup/index.html'), 'the Kustomer popup for the tab');
    await page.close();
  });
});
