/**
 * The Front Chat and Help Scout Beacon simulator pages and their fault pages (issue 30), driven
 * in Chromium through the widgets' own page APIs with signatures made by node:crypto: on the
 * healthy page verification is enforced (no signature and base64 refused) and logout forgets
 * the customer; each `?fault=` breaks exactly its promise, as the requests and the page show.
 */
import { createHmac } from 'node:crypto';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../simulator/server.mjs';
import { CHROMIUM, until } from './harness';

let browser: Browser;
let sim: Awaited<ReturnType<typeof startSimulator>>;

beforeAll(async () => {
  sim = await startSimulator();
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
});

afterAll(async () => {
  await browser?.close();
  await sim?.close();
});

interface Widget {
  name: string;
  path: string;
  secret: () => string;
  /** Logs `email` in with `signature` (undefined: none) through the widget's own call. */
  login: (page: Page, email: string, signature?: string) => Promise<void>;
  logout: (page: Page) => Promise<void>;
  storageKey: string;
  apiPath: string;
  /** What the widget's server decided, oldest first. */
  events: () => { signed: string; status: number }[];
}

const WIDGETS: Widget[] = [
  {
    name: 'Front Chat',
    path: '/front/',
    secret: () => sim.front.secret,
    login: (page, email, userHash) => page.evaluate(([e, h, id]) => (window as unknown as { FrontChat: (m: string, o: object) => void }).FrontChat('init', { chatId: id, email: e, ...(h ? { userHash: h } : {}) }), [email, userHash, sim.front.chatId] as const),
    logout: (page) => page.evaluate(() => (window as unknown as { FrontChat: (m: string, o: object) => void }).FrontChat('shutdown', { clearSession: true })),
    storageKey: 'frontchat-session-',
    events: () => sim.front.backend.events,
    apiPath: '/frontapp/chat/v1/',
  },
  {
    name: 'Help Scout Beacon',
    path: '/helpscout/',
    secret: () => sim.helpscout.secret,
    login: (page, email, signature) => page.evaluate(([e, s]) => (window as unknown as { Beacon: (m: string, o?: object) => void }).Beacon('identify', { email: e, ...(s ? { signature: s } : {}) }), [email, signature] as const),
    logout: (page) => page.evaluate(() => (window as unknown as { Beacon: (m: string) => void }).Beacon('logout')),
    storageKey: 'persist:hs-beacon-',
    events: () => sim.helpscout.backend.events,
    apiPath: '/beaconapi/v2/',
  },
];

const shown = (page: Page) => page.locator('#chat-user').textContent();
const answer = (page: Page) => page.locator('#last-answer').textContent();

async function open(widget: Widget, fault?: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${sim.url}${widget.path}${fault ? `?fault=${fault}` : ''}`);
  await until(async () => (await page.locator('#widget-state').textContent()) === 'ready', `${widget.name} to be ready`);
  return page;
}

/** The requests the widget sent to its API (on the vendors' origin), as the simulator received them. */
const apiRequests = (widget: Widget, action: string) => sim.requests.filter((r) => r.url.startsWith(widget.apiPath) && r.url.includes(`/${action}`));

describe.each(WIDGETS)('$name simulator pages', (widget) => {
  const sign = (value: string, encoding: 'hex' | 'base64' = 'hex') => createHmac('sha256', widget.secret()).update(value).digest(encoding);

  it('healthy: a good signature logs in; none, or base64, is refused (401); logout forgets the session', async () => {
    const page = await open(widget);
    const decided = (email: string) => until(async () => widget.events().some((e) => e.signed === email && e.status === 401), `the 401 for ${email}`);
    await widget.login(page, 'none@example.test');
    await decided('none@example.test');
    await widget.login(page, 'b64@example.test', sign('b64@example.test', 'base64'));
    await decided('b64@example.test');
    await until(async () => (await answer(page))?.startsWith('HTTP 401') ?? false, "the page's 401");
    expect(await shown(page)).toBe('anonymous');
    await widget.login(page, 'ada@example.test', sign('ada@example.test'));
    await until(async () => (await shown(page)) === 'ada@example.test', 'the login');
    await widget.logout(page);
    await until(async () => (await shown(page)) === 'anonymous', 'the logout');
    expect(await page.evaluate((prefix) => Object.keys(localStorage).filter((k) => k.startsWith(prefix)), widget.storageKey)).toEqual([]);
    await page.context().close();
  });

  it('accepts-base64 and not-enforced: the server accepts what it must refuse', async () => {
    const base64 = await open(widget, 'accepts-base64');
    await widget.login(base64, 'b64@example.test', sign('b64@example.test', 'base64'));
    await until(async () => (await shown(base64)) === 'b64@example.test', 'base64 accepted');
    await base64.context().close();
    const open_ = await open(widget, 'not-enforced');
    await widget.login(open_, 'anyone@example.test');
    await until(async () => (await shown(open_)) === 'anyone@example.test', 'no signature accepted');
    await open_.context().close();
  });

  it('logout-keeps: after logout the storage stays and the next request still names the customer', async () => {
    const page = await open(widget, 'logout-keeps');
    await widget.login(page, 'kept@example.test', sign('kept@example.test'));
    await until(async () => (await shown(page)) === 'kept@example.test', 'the login');
    const visits = apiRequests(widget, 'visit').length;
    await widget.logout(page);
    await until(async () => apiRequests(widget, 'visit').length > visits, 'the visit after logout');
    expect(await page.evaluate((prefix) => Object.keys(localStorage).filter((k) => k.startsWith(prefix)).length, widget.storageKey)).toBe(1);
    expect(await shown(page)).toBe('kept@example.test');
    await page.context().close();
  });

  it('sticky-identity: after a switch the requests name the previous customer too', async () => {
    const page = await open(widget, 'sticky-identity');
    await widget.login(page, 'first@example.test', sign('first@example.test'));
    await until(async () => (await shown(page)) === 'first@example.test', 'the first login');
    await widget.logout(page);
    await widget.login(page, 'second@example.test', sign('second@example.test'));
    await until(async () => (await shown(page)) === 'second@example.test (and first@example.test)', 'the switch');
    expect(apiRequests(widget, 'identify').at(-1)?.body).toContain('first@example.test');
    await page.context().close();
  });
});
