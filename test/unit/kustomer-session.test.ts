// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runKustomerCommand } from '../../src/page/kustomer-session';
import type { PageRequest } from '../../src/page/protocol';

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

const login: PageRequest = { command: 'login', token: 'a.b.c', lookup: { externalId: 'x' }, timeoutMs: 300 };

beforeEach(() => {
  document.body.innerHTML = '';
  document.head.innerHTML = '';
  delete w.Kustomer;
});
afterEach(() => {
  vi.useRealTimers();
});

describe('runKustomerCommand: finding the SDK', () => {
  it('answers at once when the page has no SDK and no loader', async () => {
    const started = Date.now();
    expect(await runKustomerCommand(login)).toEqual({ ok: false, problem: 'no-sdk' });
    expect(Date.now() - started).toBeLessThan(100);
  });

  it("recognises Kustomer's Cards SDK", async () => {
    w.Kustomer = { initialize() {}, close() {}, resize() {} };
    expect(await runKustomerCommand(login)).toEqual({ ok: false, problem: 'cards-sdk' });
  });

  it('recognises some other global named Kustomer', async () => {
    w.Kustomer = { hello: 1 };
    expect(await runKustomerCommand(login)).toEqual({ ok: false, problem: 'unknown-sdk' });
  });

  it('waits for a loader that is still fetching the SDK, then gives up', async () => {
    const script = document.createElement('script');
    script.setAttribute('data-kustomer-api-key', 'key');
    document.head.appendChild(script);
    expect(await runKustomerCommand(login)).toMatchObject({ ok: false, problem: 'sdk-not-loaded' });
  });

  it('waits while only the loader stub (start) exists', async () => {
    w.Kustomer = { start() {} };
    expect(await runKustomerCommand(login)).toMatchObject({ ok: false, problem: 'sdk-not-loaded', waitedMs: expect.any(Number) });
  });

  it('waits for start to finish before logging in', async () => {
    const calls = installSdk({}, { started: false });
    setTimeout(startedIframe, 50);
    expect(await runKustomerCommand(login)).toMatchObject({ ok: true, command: 'login', loggedIn: true });
    expect(calls.map((c) => c.name)).toEqual(['login', 'isLoggedIn', 'getOpenConversations']);
  });

  it('says so when start never finishes', async () => {
    const calls = installSdk({}, { started: false });
    expect(await runKustomerCommand(login)).toMatchObject({ ok: false, problem: 'not-started' });
    expect(calls).toEqual([]);
  });

  it('picks up an SDK that arrives while waiting', async () => {
    w.Kustomer = { start() {} };
    setTimeout(() => installSdk(), 40);
    expect(await runKustomerCommand(login)).toMatchObject({ ok: true, loggedIn: true });
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
      response: { identified: true, customerId: 'cus_1', email: undefined, externalId: 'x' },
      loggedOutPrevious: false,
      conversations: {
        ok: true,
        items: [
          { conversationId: 'con_1', createdAt: '2026-01-01T00:00:00Z', updatedAt: undefined, lastMessage: undefined },
          { conversationId: 'con_2', createdAt: undefined, updatedAt: undefined, lastMessage: undefined },
        ],
      },
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
    expect(await runKustomerCommand({ command: 'logout', timeoutMs: 300 })).toEqual({ ok: true, command: 'logout' });
    expect(calls.map((c) => c.name)).toEqual(['logout']);
  });

  it('reports a failing logout', async () => {
    installSdk({ logout: (cb: Callback) => cb(undefined, new Error('offline')) });
    expect(await runKustomerCommand({ command: 'logout', timeoutMs: 300 })).toMatchObject({ problem: 'sdk-error', call: 'logout', message: 'offline' });
  });

  it('checks a login, with the conversations when logged in', async () => {
    installSdk({ isLoggedIn: (_q: unknown, cb: Callback) => cb(false) });
    expect(await runKustomerCommand({ command: 'check', lookup: { externalId: 'x' }, timeoutMs: 300 })).toEqual({ ok: true, command: 'check', loggedIn: false, conversations: undefined });
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
    });
    expect(localStorage.getItem('site-cart')).toBe('keep');
    expect(calls.map((c) => c.name)).toEqual(['logout']);
  });
});

describe('runKustomerCommand is self-contained', () => {
  it('runs from its source text alone, as executeScript sends it', async () => {
    installSdk();
    const rebuilt = new Function(`return (${runKustomerCommand.toString()})`)() as typeof runKustomerCommand;
    expect(await rebuilt(login)).toMatchObject({ ok: true, loggedIn: true });
  });
});
