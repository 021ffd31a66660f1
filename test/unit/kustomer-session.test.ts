// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PAGE_LIMITS } from '../../src/session/page-answer';
import { runKustomerCommand as runInThisPage } from '../../src/vendors/kustomer/page-command';
import type { PageContext, PageRequest } from '../../src/model/protocol';

const CONTEXT: PageContext = { origin: location.origin, limits: PAGE_LIMITS };
/** The command as the extension runs it here: in the document of the checked origin. */
const runKustomerCommand = (request: PageRequest, context: PageContext = CONTEXT) => runInThisPage(request, context);

type Callback = (a?: unknown, b?: unknown) => void;
const w = window as unknown as { Kustomer?: Record<string, unknown> };

/** A fake chat SDK whose answers each test chooses. */
function installSdk(overrides: Record<string, unknown> = {}, { started = true } = {}) {
  const calls: { name: string; args: unknown[] }[] = [];
  const sdk = {
    start: vi.fn(),
    login: (opts: unknown, cb: Callback) => {
      calls.push({ name: 'login', args: [opts] });
      setTimeout(() => cb({ identified: true, customerId: 'cus_1', email: undefined, externalId: 'x', extra: { nested: true } }), 1);
    },
    isLoggedIn: (query: unknown, cb: Callback) => {
      calls.push({ name: 'isLoggedIn', args: [query] });
      setTimeout(() => cb(true), 1);
    },
    logout: (cb: Callback) => {
      calls.push({ name: 'logout', args: [] });
      setTimeout(() => cb({}), 1);
    },
    getOpenConversations: (cb: Callback) => {
      calls.push({ name: 'getOpenConversations', args: [] });
      setTimeout(() => cb([{ conversationId: 'con_1', createdAt: '2026-01-01T00:00:00Z', secretStuff: { x: 1 } }, { id: 'con_2' }, 'junk', null]), 1);
    },
    ...overrides,
  };
  w.Kustomer = sdk;
  if (started) startedIframe();
  return calls;
}

function startedIframe() {
  const iframe = document.createElement('iframe');
  iframe.id = 'kustomer-ui-sdk-iframe';
  document.body.appendChild(iframe);
}

const login: PageRequest = { command: 'login', credential: { kind: 'jwt', value: 'a.b.c' }, identity: { externalId: 'x' }, lookup: { externalId: 'x' }, timeoutMs: 300 };

beforeEach(() => {
  document.body.innerHTML = '';
  document.head.innerHTML = '';
  delete w.Kustomer;
  for (const key of [Symbol.for('chat-identity-lab.kustomer-start'), Symbol.for('chat-identity-lab.readiness-probe'), Symbol.for('chat-identity-lab.own-login.observer')]) {
    Reflect.deleteProperty(window, key);
  }
});
afterEach(() => {
  vi.useRealTimers();
});

const START_RECORD = Symbol.for('chat-identity-lab.kustomer-start');
const PROBE_RECORD = Symbol.for('chat-identity-lab.readiness-probe');
const OBSERVER_FLAG = Symbol.for('chat-identity-lab.own-login.observer');
const globals = window as unknown as Record<symbol, unknown>;
const inspect = (probe = false) => runKustomerCommand({ command: 'inspect', probe, timeoutMs: 300 });
/** Matches `expected`, and the report names no ready signal (the key is absent, not undefined). */
function expectNotStarted(result: unknown, expected: Record<string, unknown>) {
  expect(result).toMatchObject(expected);
  expect((result as { report: { started?: string } }).report.started).toBeUndefined();
}
const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

describe('runKustomerCommand: finding the SDK', () => {
  it('reports no SDK, at once, when the page has no Kustomer and no loader', async () => {
    expect(await runKustomerCommand(login)).toMatchObject({ ok: false, problem: 'not-ready', report: { sdk: 'none' } });
    expect(await inspect()).toMatchObject({ ok: true, report: { sdk: 'none', startCalled: undefined } });
  });

  it("recognises Kustomer's Cards SDK and other globals named Kustomer", async () => {
    w.Kustomer = { initialize() {}, close() {}, resize() {} };
    expect(await inspect()).toMatchObject({ report: { sdk: 'cards' } });
    w.Kustomer = { hello: 1 };
    expect(await inspect()).toMatchObject({ report: { sdk: 'other' } });
  });

  it('reports the loader, whether its script tag or its stub (start only) is what is there', async () => {
    const script = document.createElement('script');
    script.setAttribute('data-kustomer-api-key', 'key');
    document.head.appendChild(script);
    expect(await inspect()).toMatchObject({ report: { sdk: 'loader' } });
    document.head.innerHTML = '';
    w.Kustomer = { start() {} };
    expect(await inspect()).toMatchObject({ report: { sdk: 'loader' } });
  });

  it('reports a loaded SDK that is not started, and sends nothing to it', async () => {
    const calls = installSdk({}, { started: false });
    expectNotStarted(await runKustomerCommand(login), { ok: false, problem: 'not-ready', report: { sdk: 'loaded' } });
    expect(calls).toEqual([]);
  });

  it("takes the observer's record of start's callback as the strongest sign, with no iframe needed", async () => {
    const calls = installSdk({}, { started: false });
    globals[OBSERVER_FLAG] = true;
    globals[START_RECORD] = { calledAt: 1 };
    expectNotStarted(await inspect(), { report: { sdk: 'loaded', startCalled: true } });
    globals[START_RECORD] = { calledAt: 1, finishedAt: 2, by: 'page' };
    expect(await runKustomerCommand(login)).toMatchObject({ ok: true, loggedIn: true, ready: 'observer' });
    expect(calls.map((c) => c.name)).toEqual(['login', 'isLoggedIn', 'getOpenConversations']);
  });

  it('says the page never called start when the observer was there and saw no call', async () => {
    installSdk({}, { started: false });
    globals[OBSERVER_FLAG] = true;
    expect(await inspect()).toMatchObject({ report: { sdk: 'loaded', startCalled: false } });
  });

  it('falls back to the iframe', async () => {
    installSdk();
    expect(await runKustomerCommand(login)).toMatchObject({ ok: true, ready: 'iframe' });
  });

  it('probes with isLoggedIn for an identity that cannot exist, only when asked, once at a time', async () => {
    const asked: unknown[] = [];
    let refuse = true;
    installSdk(
      {
        isLoggedIn: (query: unknown, cb: Callback) => {
          asked.push(query);
          setTimeout(() => (refuse ? cb(false, new Error('Kustomer.start has not finished')) : cb(false)), 1);
        },
      },
      { started: false },
    );
    expectNotStarted(await inspect(false), { report: {} });
    expect(asked).toEqual([]);
    await inspect(true);
    await inspect(true); // the first probe is still out: not asked again
    expect(asked).toHaveLength(1);
    expect(asked[0]).toEqual({ externalId: expect.stringMatching(/^chat-identity-lab-probe-[a-z0-9]+$/) });
    await tick();
    expectNotStarted(await inspect(false), { report: { sdk: 'loaded' } });
    expect((globals[PROBE_RECORD] as { answer?: string }).answer).toBe('refused');
    // Refused: asked again, but not sooner than the probe interval.
    await inspect(true);
    expect(asked).toHaveLength(1);
    (globals[PROBE_RECORD] as { sentAt: number }).sentAt -= 1000;
    refuse = false;
    await inspect(true);
    expect(asked).toHaveLength(2);
    await tick();
    expect(await runKustomerCommand(login)).toMatchObject({ ok: true, ready: 'probe' });
  });

  it('treats a probe that throws as a refusal', async () => {
    installSdk(
      {
        isLoggedIn: () => {
          throw new Error('not started');
        },
      },
      { started: false },
    );
    expectNotStarted(await inspect(true), { report: { sdk: 'loaded' } });
    expect((globals[PROBE_RECORD] as { answer?: string }).answer).toBe('refused');
  });

  it('reports how long the page has been quiet once it has loaded', async () => {
    const report = (await inspect()) as { report: { pageLoaded: boolean; quietMs: number } };
    expect(report.report.pageLoaded).toBe(document.readyState === 'complete');
    expect(report.report.quietMs).toBeGreaterThanOrEqual(0);
  });
});

describe('runKustomerCommand: starting the SDK for the tester', () => {
  it('calls Kustomer.start({}, callback) and records the callback as its own', async () => {
    const starts: unknown[][] = [];
    installSdk({ start: (...args: unknown[]) => starts.push(args) }, { started: false });
    expect(await runKustomerCommand({ command: 'start', timeoutMs: 300 })).toEqual({ ok: true, command: 'start' });
    expect(starts).toHaveLength(1);
    expect(starts[0]?.[0]).toEqual({});
    expectNotStarted(await inspect(), { report: { startCalled: true } });
    (starts[0]?.[1] as () => void)();
    expect(await runKustomerCommand(login)).toMatchObject({ ok: true, ready: 'lab' });
  });

  it('reports a start that throws', async () => {
    installSdk(
      {
        start: () => {
          throw new Error('no brand');
        },
      },
      { started: false },
    );
    expect(await runKustomerCommand({ command: 'start', timeoutMs: 300 })).toEqual({ ok: false, problem: 'sdk-threw', call: 'start', message: 'no brand' });
  });

  it('does not call start where there is no SDK', async () => {
    expect(await runKustomerCommand({ command: 'start', timeoutMs: 300 })).toMatchObject({ ok: false, problem: 'not-ready' });
  });
});

describe('runKustomerCommand: callback or event', () => {
  /** An SDK that never calls login's or logout's callback, and only fires the events. */
  function eventsOnlySdk() {
    const listeners: Record<string, ((payload: unknown) => void)[]> = {};
    const calls = installSdk({
      addListener: (event: string, fn: (payload: unknown) => void) => (listeners[event] ??= []).push(fn),
      removeListener: (event: string, fn: (payload: unknown) => void) => {
        listeners[event] = (listeners[event] ?? []).filter((f) => f !== fn);
      },
      login: () => setTimeout(() => (listeners.onLogin ?? []).forEach((fn) => fn({ customerId: 'cus_event' })), 1),
      logout: () => setTimeout(() => (listeners.onLogout ?? []).forEach((fn) => fn(undefined)), 1),
    });
    return { calls, listeners };
  }

  it('settles login on onLogin when the callback never comes, and removes its listener', async () => {
    const { listeners } = eventsOnlySdk();
    expect(await runKustomerCommand(login)).toMatchObject({ ok: true, loggedIn: true, response: { customerId: 'cus_event' } });
    expect(listeners.onLogin).toEqual([]);
  });

  it('an error on onLogin is a refusal, not a success (listeners carry (response, error))', async () => {
    const listeners: Record<string, ((payload: unknown, error?: unknown) => void)[]> = {};
    installSdk({
      addListener: (event: string, fn: (payload: unknown) => void) => (listeners[event] ??= []).push(fn),
      removeListener() {},
      login: () => setTimeout(() => (listeners.onLogin ?? []).forEach((fn) => fn(undefined, new Error('Invalid token signature'))), 1),
    });
    expect(await runKustomerCommand(login)).toEqual({ ok: false, problem: 'sdk-error', call: 'login', message: 'Invalid token signature' });
  });

  it("an onLogin that answers the page's own login of another customer is not ours", async () => {
    const listeners: Record<string, ((payload: unknown, error?: unknown) => void)[]> = {};
    installSdk({
      addListener: (event: string, fn: (payload: unknown) => void) => (listeners[event] ??= []).push(fn),
      removeListener() {},
      login: (_o: unknown, cb: Callback) => {
        // The page's own login of someone else fires first; ours answers by callback later.
        (listeners.onLogin ?? []).forEach((fn) => fn({ customerId: 'cus_page', externalId: 'page-user' }));
        setTimeout(() => cb({ customerId: 'cus_ours', externalId: 'x' }), 5);
      },
    });
    expect(await runKustomerCommand(login)).toMatchObject({ ok: true, response: { customerId: 'cus_ours' } });
  });

  it('settles logout on onLogout', async () => {
    const { listeners } = eventsOnlySdk();
    expect(await runKustomerCommand({ command: 'logout', timeoutMs: 300 })).toMatchObject({ ok: true, command: 'logout' });
    expect(listeners.onLogout).toEqual([]);
  });

  it('settles on the callback when that comes first, and removes its listener then too', async () => {
    const listeners: unknown[] = [];
    installSdk({ addListener: (_e: string, fn: unknown) => listeners.push(fn), removeListener: (_e: string, fn: unknown) => listeners.splice(listeners.indexOf(fn), 1) });
    expect(await runKustomerCommand(login)).toMatchObject({ ok: true, loggedIn: true });
    expect(listeners).toEqual([]);
  });

  it('still times out when neither comes', async () => {
    installSdk({ login: () => {}, addListener() {}, removeListener() {} });
    expect(await runKustomerCommand(login)).toMatchObject({ ok: false, problem: 'sdk-timeout', call: 'login' });
  });
});

describe('runKustomerCommand: login', () => {
  it('passes exactly { jwtToken } and confirms with the lookup claim', async () => {
    const calls = installSdk();
    const result = await runKustomerCommand({ ...login, lookup: { email: 'a@b.test' } });
    expect(calls).toEqual([
      { name: 'login', args: [{ jwtToken: 'a.b.c' }] },
      { name: 'isLoggedIn', args: [{ email: 'a@b.test' }] },
      { name: 'getOpenConversations', args: [] },
    ]);
    // Only known fields, as JSON-safe values, come back from the page.
    expect(result).toEqual({
      ok: true,
      command: 'login',
      loggedIn: true,
      said: 'check',
      response: { identified: true, customerId: 'cus_1', email: undefined, externalId: 'x' },
      loggedOutPrevious: false,
      conversations: {
        ok: true,
        items: [
          { conversationId: 'con_1', createdAt: '2026-01-01T00:00:00Z', updatedAt: undefined, lastMessage: undefined },
          { conversationId: 'con_2', createdAt: undefined, updatedAt: undefined, lastMessage: undefined },
        ],
      },
      ready: 'iframe',
    });
  });

  it('reports an error passed to the callback, with its message', async () => {
    installSdk({ login: (_o: unknown, cb: Callback) => cb(undefined, new Error('Token expired')) });
    expect(await runKustomerCommand(login)).toEqual({ ok: false, problem: 'sdk-error', call: 'login', message: 'Token expired' });
  });

  it('reports a non-Error error value too', async () => {
    installSdk({ login: (_o: unknown, cb: Callback) => cb(undefined, 'bad token') });
    expect(await runKustomerCommand(login)).toMatchObject({ problem: 'sdk-error', message: 'bad token' });
  });

  it('reports an SDK that throws', async () => {
    installSdk({
      login: () => {
        throw new TypeError('boom');
      },
    });
    expect(await runKustomerCommand(login)).toEqual({ ok: false, problem: 'sdk-threw', call: 'login', message: 'boom' });
  });

  it('gives up on an SDK that never calls back', async () => {
    installSdk({ login: () => {} });
    const started = Date.now();
    expect(await runKustomerCommand(login)).toEqual({ ok: false, problem: 'sdk-timeout', call: 'login', waitedMs: 300 });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('gives up on an isLoggedIn that never answers', async () => {
    installSdk({ isLoggedIn: () => {} });
    expect(await runKustomerCommand(login)).toMatchObject({ ok: false, problem: 'sdk-timeout', call: 'isLoggedIn' });
  });

  it('says when isLoggedIn disagrees with the login', async () => {
    installSdk({ isLoggedIn: (_q: unknown, cb: Callback) => cb(false) });
    expect(await runKustomerCommand(login)).toMatchObject({ ok: true, loggedIn: false });
  });

  it('accepts a numeric customer id', async () => {
    installSdk({ login: (_o: unknown, cb: Callback) => cb({ id: 42 }) });
    expect(await runKustomerCommand(login)).toMatchObject({ response: { customerId: '42' } });
  });
});

describe('runKustomerCommand: logout and check', () => {
  it('logs out', async () => {
    const calls = installSdk();
    expect(await runKustomerCommand({ command: 'logout', timeoutMs: 300 })).toEqual({ ok: true, command: 'logout', ready: 'iframe' });
    expect(calls.map((c) => c.name)).toEqual(['logout']);
  });

  it('reports a failing logout', async () => {
    installSdk({ logout: (cb: Callback) => cb(undefined, new Error('offline')) });
    expect(await runKustomerCommand({ command: 'logout', timeoutMs: 300 })).toMatchObject({ problem: 'sdk-error', call: 'logout', message: 'offline' });
  });

  it('checks a login, with the conversations when logged in', async () => {
    installSdk({ isLoggedIn: (_q: unknown, cb: Callback) => cb(false) });
    expect(await runKustomerCommand({ command: 'check', lookup: { externalId: 'x' }, timeoutMs: 300 })).toEqual({ ok: true, command: 'check', loggedIn: false, conversations: undefined, ready: 'iframe' });
    installSdk();
    expect(await runKustomerCommand({ command: 'check', lookup: { externalId: 'x' }, timeoutMs: 300 })).toMatchObject({
      ok: true,
      loggedIn: true,
      conversations: { ok: true, items: [{ conversationId: 'con_1' }, { conversationId: 'con_2' }] },
    });
  });

  it('reports an error from isLoggedIn', async () => {
    installSdk({ isLoggedIn: (_q: unknown, cb: Callback) => cb(false, new Error('not started')) });
    expect(await runKustomerCommand({ command: 'check', lookup: { externalId: 'x' }, timeoutMs: 300 })).toMatchObject({ problem: 'sdk-error', call: 'isLoggedIn' });
  });
});

describe('runKustomerCommand: switching', () => {
  const switchTo: PageRequest = { ...login, lookup: { externalId: 'next' }, previous: { externalId: 'prev' } } as PageRequest;

  it('logs the previous customer out first when they are still logged in', async () => {
    const calls = installSdk();
    expect(await runKustomerCommand(switchTo)).toMatchObject({ ok: true, loggedOutPrevious: true });
    expect(calls.map((c) => c.name)).toEqual(['isLoggedIn', 'logout', 'login', 'isLoggedIn', 'getOpenConversations']);
    expect(calls[0]?.args).toEqual([{ externalId: 'prev' }]);
  });

  it('skips the logout when the previous customer is gone', async () => {
    let first = true;
    const calls = installSdk({
      isLoggedIn: (_q: unknown, cb: Callback) => {
        calls.push({ name: 'isLoggedIn', args: [] });
        const answer = !first;
        first = false;
        setTimeout(() => cb(answer), 1);
      },
    });
    expect(await runKustomerCommand(switchTo)).toMatchObject({ ok: true, loggedOutPrevious: false, loggedIn: true });
    expect(calls.map((c) => c.name)).not.toContain('logout');
  });

  it('does not log out when switching to the same customer', async () => {
    const calls = installSdk();
    await runKustomerCommand({ ...login, previous: { externalId: 'x' } } as PageRequest);
    expect(calls.map((c) => c.name)).toEqual(['login', 'isLoggedIn', 'getOpenConversations']);
  });

  it('stops, without logging in, when the logout fails', async () => {
    const calls = installSdk({ logout: (cb: Callback) => cb(undefined, new Error('logout broke')) });
    expect(await runKustomerCommand(switchTo)).toEqual({ ok: false, problem: 'sdk-error', call: 'logout', message: 'logout broke' });
    expect(calls.map((c) => c.name)).not.toContain('login');
  });
});

describe('runKustomerCommand: conversations and a new device', () => {
  it('reports getOpenConversations errors without failing the login', async () => {
    installSdk({ getOpenConversations: (cb: Callback) => cb(undefined, new Error('no history')) });
    expect(await runKustomerCommand(login)).toMatchObject({ ok: true, loggedIn: true, conversations: { ok: false, message: 'no history' } });
  });

  it('reads the conversations alone', async () => {
    installSdk();
    expect(await runKustomerCommand({ command: 'conversations', timeoutMs: 300 })).toMatchObject({
      ok: true,
      command: 'conversations',
      conversations: { ok: true, items: [{ conversationId: 'con_1' }, { conversationId: 'con_2' }] },
    });
  });

  it("forgets the device: logs out and removes only the SDK's keys from the page's storage", async () => {
    const calls = installSdk();
    localStorage.setItem('kustomer-chat-tracking-token', 'dev_1');
    localStorage.setItem('KUSTOMER_other', 'x');
    localStorage.setItem('site-cart', 'keep');
    sessionStorage.setItem('kustomer-session', 'y');
    expect(await runKustomerCommand({ command: 'forget-device', timeoutMs: 300 })).toEqual({
      ok: true,
      command: 'forget-device',
      removedKeys: ['kustomer-chat-tracking-token', 'KUSTOMER_other', 'kustomer-session'],
      ready: 'iframe',
    });
    expect(localStorage.getItem('site-cart')).toBe('keep');
    expect(calls.map((c) => c.name)).toEqual(['logout']);
  });
});

describe('runKustomerCommand is self-contained', () => {
  it('runs from its source text alone, as executeScript sends it', async () => {
    installSdk();
    const rebuilt = new Function(`return (${runInThisPage.toString()})`)() as typeof runInThisPage;
    expect(await rebuilt(login, CONTEXT)).toMatchObject({ ok: true, loggedIn: true });
  });
});

describe('runKustomerCommand runs only where it was sent, within caps', () => {
  it('refuses, touching nothing, in a document of another origin than the one checked', async () => {
    const calls = installSdk();
    let touched = false;
    Object.defineProperty(window, 'Kustomer', { configurable: true, get: () => ((touched = true), undefined) });
    expect(await runKustomerCommand(login, { ...CONTEXT, origin: 'https://other.example' })).toEqual({ ok: false, problem: 'other-page' });
    expect(touched).toBe(false);
    expect(calls).toEqual([]);
    Reflect.deleteProperty(window, 'Kustomer');
  });

  it('caps what it sends back: long strings, many conversations, many keys', async () => {
    const long = 'x'.repeat(PAGE_LIMITS.text * 4);
    installSdk({
      login: (_o: unknown, cb: Callback) => cb({ customerId: long }),
      getOpenConversations: (cb: Callback) => cb(Array.from({ length: PAGE_LIMITS.conversations + 50 }, (_, i) => ({ conversationId: `c${i}`, lastMessage: long }))),
      logout: (_o: unknown, cb: Callback) => cb({}, new Error(long)),
    });
    const result = (await runKustomerCommand(login)) as { response: { customerId: string }; conversations: { items: { lastMessage: string }[] } };
    expect(result.response.customerId).toHaveLength(PAGE_LIMITS.text);
    expect(result.conversations.items).toHaveLength(PAGE_LIMITS.conversations);
    expect(result.conversations.items[0]?.lastMessage).toHaveLength(PAGE_LIMITS.text);
  });

  it('keeps one deadline for the whole command, however many calls it makes', async () => {
    installSdk({
      isLoggedIn: (_q: unknown, cb: Callback) => setTimeout(() => cb(true), 100),
      logout: (cb: Callback) => setTimeout(() => cb({}), 100),
      login: () => {},
    });
    const started = Date.now();
    const result = await runKustomerCommand({ ...login, previous: { externalId: 'prev' } } as PageRequest);
    expect(result).toMatchObject({ ok: false, problem: 'sdk-timeout', call: 'login' });
    // 100 + 100 ms for the switch's calls, then login gets what is left of the 300 ms.
    expect(Date.now() - started).toBeLessThan(450);
  });
});
