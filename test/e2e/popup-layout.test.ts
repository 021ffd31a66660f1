import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../simulator/server.mjs';
import { addEnvironment, type Lab, lastLoginToken, launchLab, nextOutcome, until } from './harness';

/**
 * The popup is usable the moment its (prerendered) HTML is parsed, and the answer to a click
 * is in view in Chrome's 600 px popup, with five saved identities and a long error.
 */
let lab: Lab;
let sim: Awaited<ReturnType<typeof startSimulator>>;

beforeAll(async () => {
  sim = await startSimulator();
  lab = await launchLab();
  await addEnvironment(lab, { name: 'Acme staging', sites: sim.url, secret: sim.secret });
  const options = await lab.options();
  const form = options.getByRole('form', { name: 'Add identity' });
  for (const n of [1, 2, 3, 4, 5]) {
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
  await page.goto(`chrome-extension://${lab.extensionId}/src/popup/index.html?tabId=${tabId}`);
  await page.getByRole('button', { name: /^Log in as Customer 5/ }).waitFor();
  return page;
}

async function statusInView(page: Page) {
  const box = await page.getByRole('status').boundingBox();
  expect(box).not.toBeNull();
  expect(box?.y ?? -1).toBeGreaterThanOrEqual(0);
  expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(600);
  return (await page.getByRole('status').textContent()) ?? '';
}

describe('the popup at static-page speed', () => {
  it('a "Log in" clicked right after the HTML is parsed, before the module has run, still reaches the page', async () => {
    const site = await lab.openSite(sim.url);
    const page = await lab.context.newPage();
    // As a tester who types and clicks at once: in the page, as soon as its HTML is parsed.
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        const early = (window as unknown as { __popupEarly?: { live: boolean; held: unknown[] } }).__popupEarly;
        (document.getElementById('external-id') as HTMLInputElement).value = 'cust-early-click';
        (document.querySelector('button.primary') as HTMLButtonElement).click();
        (window as unknown as { __clickedEarly: unknown }).__clickedEarly = { live: early?.live, held: early?.held.length };
      });
    });
    await page.goto(`chrome-extension://${lab.extensionId}/src/popup/index.html?tabId=${site.tabId}`);
    await until(async () => ((await page.getByRole('status').textContent()) ?? '').includes('Logged in as External ID cust-early-click'), 'the early login');
    // The click came before the module was live: held by the first script, then replayed.
    expect(await page.evaluate(() => (window as unknown as { __clickedEarly: unknown }).__clickedEarly)).toEqual({ live: false, held: 1 });
    const token = await lastLoginToken(site.page);
    expect(JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString())).toMatchObject({ externalId: 'cust-early-click' });
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
    it(`in ${scheme}, the status lies inside the 600 px popup after a login, a switch and a failure`, async () => {
      const site = await lab.openSite(sim.url);
      const page = await popupAt(site.tabId, scheme);
      await page.getByRole('textbox', { name: 'External ID' }).fill('cust-layout-typed');
      let settled = await nextOutcome(page, 'the login');
      await page.getByRole('button', { name: 'Log in', exact: true }).click();
      await settled();
      expect(await statusInView(page)).toContain('Now: External ID cust-layout-typed logged in');

      settled = await nextOutcome(page, 'the switch');
      await page.getByRole('button', { name: /^Log in as Customer 4/ }).click();
      await settled();
      expect(await statusInView(page)).toContain('Logged in as External ID cust-layout-4');

      // A long error: a very long invalid email.
      await page.getByRole('textbox', { name: 'Email' }).fill(`${'very-long-part-'.repeat(14)}@`);
      settled = await nextOutcome(page, 'the failure');
      await page.getByRole('button', { name: 'Log in', exact: true }).click();
      await settled();
      const failure = await statusInView(page);
      expect(failure).toContain('is not an email address');
      // Who is logged in now is said with the failure.
      expect(failure).toContain('Now: External ID cust-layout-4 logged in');
      await page.close();
      await site.page.close();
    });
  }
});
