// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { transformWithOxc } from 'vite';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';

type Callback = (response?: unknown, error?: unknown) => void;
const w = window as unknown as Record<string | symbol, unknown> & { Kustomer?: Record<string, unknown> };
const source = readFileSync(resolve(import.meta.dirname, '../../src/page/login-observer.iife.ts'), 'utf8');
// The observer as the page gets it: plain JavaScript, run as a script.
let script = '';
beforeAll(async () => {
  script = (await transformWithOxc(source, 'login-observer.ts', { lang: 'ts' })).code;
});
const runObserver = () => new Function(script)();

let seen: string[] = [];
window.addEventListener('chat-identity-lab:page-login', (e) => seen.push((e as CustomEvent).detail));
beforeEach(() => {
  delete (w as { Kustomer?: unknown }).Kustomer;
  // A fresh window property each time: remove what a previous run defined.
  Reflect.deleteProperty(window, 'Kustomer');
  Reflect.deleteProperty(window, Symbol.for('chat-identity-lab.own-login.observer'));
  Reflect.deleteProperty(window, Symbol.for('chat-identity-lab.own-login'));
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
