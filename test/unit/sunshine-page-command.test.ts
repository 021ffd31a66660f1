// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import type { PageContext, PageRequest } from '../../src/model/protocol';
import { PAGE_LIMITS, readPageAnswer } from '../../src/session/page-answer';
import { runSunshineCommand } from '../../src/vendors/sunshine/page-command';

/**
 * The Sunshine Conversations page command, run as the extension runs it in a page (the same
 * source), against a stand-in Web Messenger whose promises each test chooses. Every answer also
 * passes the extension's own check (session/page-answer).
 */
const CONTEXT: PageContext = { origin: location.origin, limits: PAGE_LIMITS };
// biome-ignore lint/suspicious/noExplicitAny: the page's globals.
const w = window as any;
const OWN = Symbol.for('chat-identity-lab.own-login');
const login = (extra: Partial<Extract<PageRequest, { command: 'login' }>> = {}): PageRequest => ({
  command: 'login',
  credential: { kind: 'jwt', value: 'header.payload.signature' },
  identity: { scope: 'user', external_id: 'sun-2' },
  lookup: { externalId: 'sun-2' },
  timeoutMs: 200,
  ...extra,
});

async function run(request: PageRequest, context = CONTEXT) {
  return readPageAnswer(JSON.parse(JSON.stringify(await runSunshineCommand(request, context))), request);
}

/** A Web Messenger whose login settles as `answer` says ('never': never settles); `user` is who it has. */
function messenger(answer: 'resolve' | 'never' | Error = 'resolve', user?: string) {
  const calls: unknown[][] = [];
  let current = user;
  w.Smooch = {
    init: () => Promise.resolve(),
    login: (externalId: string, jwt: string) => {
      calls.push(['login', externalId, jwt, w[OWN]]);
      if (answer === 'never') return new Promise(() => {});
      if (answer instanceof Error) return Promise.reject(answer);
      current = externalId;
      return Promise.resolve();
    },
    logout: () => {
      calls.push(['logout', current]);
      current = undefined;
      return Promise.resolve();
    },
    getUser: () => (current ? { _id: 'au1', externalId: current } : undefined),
  };
  return calls;
}

afterEach(() => {
  delete w.Smooch;
});

describe('Sunshine Conversations page command', () => {
  it("passes the external id and the token to Smooch.login, marked as the extension's own, and says the promise resolved", async () => {
    const calls = messenger();
    expect(await run(login())).toMatchObject({ ok: true, command: 'login', loggedIn: true, said: 'callback', loggedOutPrevious: false, ready: 'widget' });
    expect(calls).toEqual([['login', 'sun-2', 'header.payload.signature', true]]);
    expect(w[OWN]).toBe(false);
  });

  it('on a switch, logs the previous user out first; the same user is not logged out', async () => {
    const calls = messenger('resolve', 'sun-1');
    expect(await run(login({ previous: { externalId: 'sun-1' } }))).toMatchObject({ ok: true, loggedOutPrevious: true });
    expect(calls.map((c) => c[0])).toEqual(['logout', 'login']);
    const again = messenger('resolve', 'sun-2');
    expect(await run(login({ previous: { externalId: 'sun-2' } }))).toMatchObject({ ok: true, loggedOutPrevious: false });
    expect(again.map((c) => c[0])).toEqual(['login']);
  });

  it("a rejection comes back as the widget's error (a network error has no status), capped; never settling is a timeout", async () => {
    messenger(new TypeError('Failed to fetch'));
    expect(await run(login())).toEqual({ ok: false, problem: 'sdk-error', call: 'login', message: 'TypeError: Failed to fetch' });
    const refused = Object.assign(new Error('Invalid JWT signature.'), { code: 'invalid_auth', status: 401 });
    messenger(refused);
    expect(await run(login())).toMatchObject({ problem: 'sdk-error', message: 'invalid_auth: HTTP 401: Invalid JWT signature.' });
    messenger(new Error('x'.repeat(PAGE_LIMITS.text * 2)));
    const long = await run(login());
    expect(long.ok === false && (long.message ?? '').length).toBeLessThanOrEqual(PAGE_LIMITS.text);
    messenger('never');
    expect(await run(login({ timeoutMs: 50 }))).toMatchObject({ ok: false, problem: 'sdk-timeout', call: 'login' });
  });

  it('logs out with Smooch.logout and answers when its promise has; has no check or conversation list', async () => {
    const calls = messenger('resolve', 'sun-1');
    expect(await run({ command: 'logout', timeoutMs: 200 })).toEqual({ ok: true, command: 'logout', ready: 'widget' });
    expect(calls).toEqual([['logout', 'sun-1']]);
    expect(await run({ command: 'check', lookup: { externalId: 'sun-1' }, timeoutMs: 100 })).toMatchObject({ ok: false, problem: 'unsupported' });
  });

  it("the loader's stub (no login yet) is not ready; nothing is not a widget; another origin runs nothing", async () => {
    w.Smooch = { init: () => new Promise(() => {}), on: () => {}, render: () => {}, destroy: () => {} };
    expect(await run({ command: 'inspect', probe: false, timeoutMs: 100 })).toMatchObject({ ok: true, report: { sdk: 'loader' } });
    expect(await run(login())).toMatchObject({ ok: false, problem: 'not-ready' });
    delete w.Smooch;
    expect(await run({ command: 'inspect', probe: false, timeoutMs: 100 })).toMatchObject({ ok: true, report: { sdk: 'none' } });
    const calls = messenger();
    expect(await run(login(), { ...CONTEXT, origin: 'https://elsewhere.example' })).toEqual({ ok: false, problem: 'other-page' });
    expect(calls).toEqual([]);
  });
});
