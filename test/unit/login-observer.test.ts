// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { transformWithOxc } from 'vite';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';

type Callback = (response?: unknown, error?: unknown) => void;
const w = window as unknown as Record<string | symbol, unknown> & { Kustomer?: Record<string, unknown> };
const source = readFileSync(resolve(import.meta.dirname, '../../src/vendors/kustomer/observer.iife.ts'), 'utf8');
// The observer as the page gets it: plain JavaScript, run as a script.
let script = '';
beforeAll(async () => {
  script = (await transformWithOxc(source, 'login-observer.ts', { lang: 'ts' })).code;
});
const runObserver = () => new Function(script)();

let seen: string[] = [];
const START_RECORD = Symbol.for('chat-identity-lab.kustomer-start');
/** Read as page-command reads it: the lab's record on window, else the observer's through Kustomer.start. */
const startRecord = () =>
  (w[START_RECORD] ?? (w.Kustomer?.start as unknown as Record<symbol, unknown> | undefined)?.[START_RECORD]) as { calledAt?: number; finishedAt?: number; by?: string } | undefined;
window.addEventListener('chat-identity-lab:page-login', (e) => seen.push((e as CustomEvent).detail));
beforeEach(() => {
  delete (w as { Kustomer?: unknown }).Kustomer;
  // A fresh window property each time: remove what a previous run defined.
  Reflect.deleteProperty(window, 'Kustomer');
  Reflect.deleteProperty(window, Symbol.for('chat-identity-lab.own-login.observer'));
  Reflect.deleteProperty(window, Symbol.for('chat-identity-lab.own-login'));
  Reflect.deleteProperty(window, START_RECORD);
  seen = [];
});

function fakeSdk() {
  const calls: { self: unknown; args: unknown[] }[] = [];
  const sdk: Record<string, unknown> = {
    start() {},
    login(this: unknown, ...args: unknown[]) {
      calls.push({ self: this, args });
      (args[1] as Callback | undefined)?.({ customerId: 'cus_1' });
      return 'returned';
    },
  };
  return { sdk, calls };
}

describe('login observer', () => {
  it('reports the token when the SDK was there first, and passes the call through unchanged', () => {
    const { sdk, calls } = fakeSdk();
    w.Kustomer = sdk;
    runObserver();
    const options = { jwtToken: 'site.token.one' };
    const callback: Callback = () => {};
    const result = (w.Kustomer?.login as (...a: unknown[]) => unknown).call(w.Kustomer, options, callback);
    expect(seen).toEqual(['site.token.one']);
    expect(calls).toEqual([{ self: sdk, args: [options, callback] }]);
    expect(result).toBe('returned');
  });

  it('reports the token when the observer was there first and the SDK replaces the loader stub', () => {
    runObserver();
    w.Kustomer = { start() {} };
    const { sdk, calls } = fakeSdk();
    w.Kustomer = sdk;
    (w.Kustomer.login as (...a: unknown[]) => unknown)({ jwtToken: 'site.token.two' });
    expect(seen).toEqual(['site.token.two']);
    expect(calls).toHaveLength(1);
    expect(w.Kustomer).toBe(sdk);
  });

  it('reports the token when the SDK adds login to an object it already published', () => {
    runObserver();
    const stub: Record<string, unknown> = { start() {} };
    w.Kustomer = stub;
    const { sdk } = fakeSdk();
    stub.login = sdk.login;
    (w.Kustomer.login as (...a: unknown[]) => unknown)({ jwtToken: 'site.token.three' }, () => {});
    expect(seen).toEqual(['site.token.three']);
  });

  it("skips the extension's own logins", () => {
    runObserver();
    const { sdk, calls } = fakeSdk();
    w.Kustomer = sdk;
    w[Symbol.for('chat-identity-lab.own-login')] = true;
    (w.Kustomer.login as (...a: unknown[]) => unknown)({ jwtToken: 'ours' });
    w[Symbol.for('chat-identity-lab.own-login')] = false;
    expect(seen).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it('wraps once, however often it runs or login is reassigned', () => {
    const { sdk, calls } = fakeSdk();
    w.Kustomer = sdk;
    runObserver();
    runObserver();
    const login = w.Kustomer.login;
    w.Kustomer.login = login;
    (w.Kustomer.login as (...a: unknown[]) => unknown)({ jwtToken: 'once' });
    expect(seen).toEqual(['once']);
    expect(calls).toHaveLength(1);
    expect(w.Kustomer.login).toBe(login);
  });

  it('ignores calls without a token, and still passes them through', () => {
    runObserver();
    const { sdk, calls } = fakeSdk();
    w.Kustomer = sdk;
    (w.Kustomer.login as (...a: unknown[]) => unknown)(undefined);
    (w.Kustomer.login as (...a: unknown[]) => unknown)({ jwtToken: 42 });
    expect(seen).toEqual([]);
    expect(calls).toHaveLength(2);
  });

  it('leaves a frozen SDK and a non-SDK global alone', () => {
    runObserver();
    const { sdk, calls } = fakeSdk();
    w.Kustomer = Object.freeze(sdk);
    (w.Kustomer.login as (...a: unknown[]) => unknown)({ jwtToken: 'frozen' });
    expect(calls).toHaveLength(1);
    w.Kustomer = 'not an object' as unknown as Record<string, unknown>;
    expect(w.Kustomer).toBe('not an object');
  });
});

describe('login observer: Kustomer.start', () => {
  /** An SDK whose start calls back later, when the test says. */
  function startingSdk() {
    const starts: { self: unknown; args: unknown[] }[] = [];
    const sdk: Record<string, unknown> = {
      start(this: unknown, ...args: unknown[]) {
        starts.push({ self: this, args });
        return 'start returned';
      },
      login() {},
    };
    const finish = (i = 0, ...callbackArgs: unknown[]) => (starts[i]?.args[1] as (...a: unknown[]) => unknown)(...callbackArgs);
    return { sdk, starts, finish };
  }

  it("records the page's start call, then its callback, keeping this, options, arguments and return values", () => {
    const { sdk, starts, finish } = startingSdk();
    w.Kustomer = sdk;
    runObserver();
    const options = { brandId: 'b1', hideChatIcon: true };
    const seenByCallback: { self: unknown; args: unknown[] }[] = [];
    const callback = function (this: unknown, ...args: unknown[]) {
      seenByCallback.push({ self: this, args });
      return 'callback returned';
    };
    const returned = (w.Kustomer?.start as (...a: unknown[]) => unknown).call(w.Kustomer, options, callback, 'extra');
    expect(returned).toBe('start returned');
    expect(starts[0]?.self).toBe(sdk);
    expect(starts[0]?.args[0]).toBe(options);
    expect(starts[0]?.args[2]).toBe('extra');
    expect(startRecord()).toEqual({ calledAt: expect.any(Number) });
    const self = { sdk: true };
    const callbackReturned = (starts[0]?.args[1] as (...a: unknown[]) => unknown).call(self, 'x', 2);
    expect(callbackReturned).toBe('callback returned');
    expect(seenByCallback).toEqual([{ self, args: ['x', 2] }]);
    expect(startRecord()).toEqual({ calledAt: expect.any(Number), finishedAt: expect.any(Number), by: 'page' });
    finish();
    expect(seenByCallback).toHaveLength(2);
  });

  it('follows a start queued on the loader stub into the real SDK, wrapping the callback once', () => {
    runObserver();
    const queue: unknown[][] = [];
    w.Kustomer = { start: (...args: unknown[]) => queue.push(args) };
    const pageCallback = () => 'ready';
    (w.Kustomer.start as (...a: unknown[]) => unknown)({ brandId: 'b' }, pageCallback);
    expect(startRecord()?.calledAt).toEqual(expect.any(Number));
    const { sdk, starts, finish } = startingSdk();
    w.Kustomer = sdk;
    // The SDK replays the queue through its own (now observed) start.
    (w.Kustomer.start as (...a: unknown[]) => unknown)(...(queue[0] ?? []));
    expect(starts[0]?.args[1]).toBe(queue[0]?.[1]);
    expect(finish()).toBe('ready');
    expect(startRecord()?.by).toBe('page');
  });

  it("keeps the lab's own mark when it started the SDK through the observed start", () => {
    const { sdk, finish } = startingSdk();
    w.Kustomer = sdk;
    runObserver();
    w[START_RECORD] = { calledAt: 1, by: 'lab' };
    (w.Kustomer?.start as (...a: unknown[]) => unknown)({}, () => {});
    finish();
    expect(startRecord()).toMatchObject({ by: 'lab', finishedAt: expect.any(Number) });
  });

  it('passes a start without callback through untouched', () => {
    const { sdk, starts } = startingSdk();
    w.Kustomer = sdk;
    runObserver();
    (w.Kustomer?.start as (...a: unknown[]) => unknown)({ brandId: 'b' });
    expect(starts[0]?.args).toEqual([{ brandId: 'b' }]);
    expect(startRecord()).toEqual({ calledAt: expect.any(Number) });
  });

  it('never breaks the page when the record cannot be written', () => {
    const { sdk, starts } = startingSdk();
    w.Kustomer = sdk;
    runObserver();
    Object.defineProperty(window, START_RECORD, {
      configurable: true,
      get() {
        throw new Error('hostile');
      },
    });
    let called = 0;
    const callback = () => {
      called += 1;
      return 'page';
    };
    expect((w.Kustomer?.start as (...a: unknown[]) => unknown)({}, callback)).toBe('start returned');
    // The observer keeps its own record then; the page's callback still runs, once, as given.
    expect((starts[0]?.args[1] as () => unknown)()).toBe('page');
    expect(called).toBe(1);
  });
});

describe('login observer: what the page can see of it', () => {
  it('adds nothing to window, and leaves window.Kustomer a plain property once the SDK is there', () => {
    const before = new Set(Reflect.ownKeys(window));
    runObserver();
    w.Kustomer = { start() {} };
    const { sdk } = fakeSdk();
    w.Kustomer = sdk;
    (w.Kustomer.start as (...a: unknown[]) => unknown)({}, () => {});
    const added = Reflect.ownKeys(window).filter((k) => !before.has(k));
    expect(added.map(String)).toEqual(['Kustomer']);
    const descriptor = Object.getOwnPropertyDescriptor(window, 'Kustomer');
    expect(descriptor?.get).toBeUndefined();
    expect(descriptor?.value).toBe(sdk);
    expect(Object.getOwnPropertyDescriptor(sdk, 'login')?.get).toBeUndefined();
    expect((sdk.login as { name: string }).name).toBe('login');
    expect(Object.getOwnPropertySymbols(sdk.start as object)).toEqual([]);
  });
});
