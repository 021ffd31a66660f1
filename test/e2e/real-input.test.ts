import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSimulator } from '../../simulator/server.mjs';
import { startDisplay, type VirtualDisplay } from './display';
import { act, addEnvironment, type Lab, lastLoginToken, launchLab, received, until } from './harness';

let lab: Lab;
let screen: VirtualDisplay;
let sim: Awaited<ReturnType<typeof startSimulator>>;

beforeAll(async () => {
  sim = await startSimulator();
  screen = await startDisplay();
  lab = await launchLab({ display: screen.display });
  await addEnvironment(lab, { name: 'Acme staging', sites: sim.url, secret: sim.secret });
  // Save an identity and use it once from the popup, as a tester would before using the shortcut.
  const site = await lab.openSite(sim.url);
  const popup = await lab.popup(site.tabId);
  await popup.getByRole('textbox', { name: 'External ID' }).fill('cust-vip');
  await popup.getByRole('textbox', { name: 'Label' }).fill('VIP');
  await popup.getByRole('button', { name: 'Save identity' }).click();
  await popup.getByRole('button', { name: 'Log in as VIP' }).waitFor();
  await popup.getByRole('button', { name: 'Log in as VIP' }).click();
  await until(async () => ((await popup.getByRole('status').textContent()) ?? '').includes('Logged in'), 'the first login');
  await popup.close();
  await site.page.close();
});

afterAll(async () => {
  await lab?.close();
  screen?.close();
  await sim?.close();
});

it('the keyboard shortcut logs the last used identity in again on the active tab, with a badge and a notification', async () => {
  const site = await lab.openSite(sim.url);
  await until(async () => (await site.page.locator('#sdk-state').textContent()) === 'ready', 'the chat');
  await site.page.bringToFront();
  const before = await lab.worker.evaluate(() => chrome.notifications.getAll());
  screen.press('alt+shift+k');
  await until(async () => (await received(site.page)).some((r) => r.call === 'login'), 'the shortcut login');
  const payload = jwt.verify(await lastLoginToken(site.page), sim.secret, { algorithms: ['HS256'] }) as Record<string, unknown>;
  expect(payload.externalId).toBe('cust-vip');
  await until(async () => (await site.page.locator('#chat-customer').textContent())?.startsWith('cust-vip') ?? false, 'the page');
  await until(async () => (await lab.worker.evaluate((tabId) => chrome.action.getBadgeText({ tabId }), site.tabId)) === 'OK', 'the badge');
  await until(
    async () => Object.keys(await lab.worker.evaluate(() => chrome.notifications.getAll())).length === Object.keys(before).length + 1,
    'the notification',
  );
});

it('after a typed login (no saved identity), the shortcut logs that identity in again on its tab', async () => {
  const site = await lab.openSite(sim.url);
  const popup = await lab.popup(site.tabId);
  expect(await act(popup, 'Log in', { externalId: 'cust-typed-once' })).toContain('Logged in as External ID cust-typed-once');
  await popup.close();
  const logins = (await received(site.page)).filter((r) => r.call === 'login').length;
  await site.page.bringToFront();
  screen.press('alt+shift+k');
  await until(async () => (await received(site.page)).filter((r) => r.call === 'login').length > logins, 'the shortcut login');
  const payload = jwt.verify(await lastLoginToken(site.page), sim.secret, { algorithms: ['HS256'] }) as Record<string, unknown>;
  expect(payload.externalId).toBe('cust-typed-once');
  await until(async () => (await lab.worker.evaluate((tabId) => chrome.action.getBadgeText({ tabId }), site.tabId)) === 'OK', 'the badge');
});

it('the shortcut on a page no environment covers: a red badge, nothing injected', async () => {
  const site = await lab.openSite(`${sim.url.replace('127.0.0.1', 'localhost')}/`);
  await site.page.bringToFront();
  screen.press('alt+shift+k');
  await until(async () => (await lab.worker.evaluate((tabId) => chrome.action.getBadgeText({ tabId }), site.tabId)) === '!', 'the badge');
  expect((await received(site.page)).filter((r) => r.call === 'login')).toHaveLength(0);
  // The popup still works as usual afterwards.
  const popup = await lab.popup(site.tabId);
  expect(await act(popup, 'Check login', { externalId: 'cust-vip' })).toContain('is not logged in');
});

it('"Inspect JWT" in the context menu of selected text opens the inspector with the selection', async () => {
  const token = jwt.sign({ externalId: 'cust-selected' }, sim.secret, { algorithm: 'HS256' });
  const page = await lab.context.newPage();
  await page.goto(`${sim.url}/no-sdk.html`);
  await page.evaluate((text) => {
    const p = document.createElement('p');
    p.id = 'token';
    p.textContent = text;
    document.body.append(p);
    const range = document.createRange();
    range.selectNodeContents(p);
    getSelection()?.removeAllRanges();
    getSelection()?.addRange(range);
  }, token);
  await page.bringToFront();
  // The keyboard's context-menu key, then up past "Inspect" (DevTools) to "Inspect JWT".
  const opened = lab.context.waitForEvent('page');
  const windows = screen.visibleWindows();
  screen.press('shift+F10');
  // Wait for the menu itself (one more window mapped), not for a time.
  await until(async () => screen.visibleWindows() > windows, 'the context menu to open');
  screen.press('Up');
  screen.press('Up');
  screen.press('Return');
  const inspector = await opened;
  expect(inspector.url()).toContain('/src/inspector/index.html?handoff=');
  expect(inspector.url()).not.toContain(token);
  const box = inspector.getByRole('textbox', { name: 'Token' });
  await box.waitFor();
  await until(async () => (await box.inputValue()) === token, 'the selection in the inspector');
  await until(async () => ((await inspector.getByRole('note', { name: 'Signature check' }).textContent()) ?? '').includes('valid'), 'the check');
  expect(await inspector.getByRole('note', { name: 'Signature check' }).textContent()).toBe('Signature valid with the secret of Acme staging.');
});
