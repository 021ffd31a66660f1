// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { PAGE_LIMITS, readPageAnswer } from '../../src/session/page-answer';
import type { PageContext, PageRequest } from '../../src/model/protocol';
import { runIntercomCommand } from '../../src/vendors/intercom/page-command';
import { runZendeskCommand } from '../../src/vendors/zendesk/page-command';
import { inspectPresence } from '../../src/session/presence';
import type { ChatVendor } from '../../src/model/vendor';
import intercom from '../../src/vendors/intercom/index';
import kustomer from '../../src/vendors/kustomer/index';
import zendeskVendor from '../../src/vendors/zendesk/index';

/**
 * The Zendesk and Intercom page commands, run here as the extension runs them in a page (the
 * same source), against stand-in widgets whose answers each test chooses. Every answer also
 * passes the extension's own check (session/page-answer).
 */
const CONTEXT: PageContext = { origin: location.origin, limits: PAGE_LIMITS };
// biome-ignore lint/suspicious/noExplicitAny: the page's globals.
const w = window as any;
const OWN = Symbol.for('chat-identity-lab.own-login');
const login = (extra: Partial<Extract<PageRequest, { command: 'login' }>> = {}): PageRequest => ({
  command: 'login',
  credential: { kind: 'jwt', value: 'header.payload.signature' },
  identity: { external_id: 'user-2' },
  lookup: { externalId: 'user-2' },
  timeoutMs: 200,
  ...extra,
});

/** The shared inspect, asked about these vendors' widgets as the extension asks it (session/presence). */
const presenceOf = (...vendors: ChatVendor[]) =>
  run(inspectPresence, { command: 'inspect', probe: false, presence: vendors.map((v) => ({ id: v.id, ...v.presence })), timeoutMs: 100 });

afterEach(() => {
  delete w.zE;
  delete w.Intercom;
  delete w.intercomSettings;
  delete w.Kustomer;
});

/** A Zendesk widget that answers loginUser with `error` (null: success), or never ('never'). */
function zendesk(error: unknown = null) {
  const calls: unknown[][] = [];
  w.zE = (...args: unknown[]) => {
    calls.push(args);
    if (args[1] === 'loginUser' && error !== 'never') {
      (args[2] as (cb: (jwt: string) => void) => void)((jwt) => {
        calls.push(['jwt', jwt]);
        setTimeout(() => (args[3] as (e: unknown) => void)(error), 1);
      });
    }
  };
  return calls;
}

async function run(command: typeof runZendeskCommand, request: PageRequest, context = CONTEXT) {
  const answer = await command(request, context);
  return readPageAnswer(JSON.parse(JSON.stringify(answer)), request);
}

describe('Zendesk page command', () => {
  it('hands the token through jwtCallback, marked as the extension\'s own, and reports the callback\'s answer', async () => {
    const calls = zendesk(null);
    let marked: unknown;
    const original = w.zE;
    w.zE = (...args: unknown[]) => {
      if (args[1] === 'loginUser') marked = (args[2] as unknown as Record<symbol, unknown>)[OWN];
      return original(...args);
    };
    expect(await run(runZendeskCommand, login())).toEqual({ ok: true, command: 'login', loggedIn: true, said: 'callback', response: {}, loggedOutPrevious: false, ready: 'widget' });
    expect(calls).toContainEqual(['jwt', 'header.payload.signature']);
    expect(marked).toBe(true);
  });

  it('logs out without a callback and says the logout is pending; a login never logs out by itself (the extension switches)', async () => {
    const calls = zendesk(null);
    expect(await run(runZendeskCommand, { command: 'logout', timeoutMs: 100 })).toEqual({ ok: true, command: 'logout', ready: 'widget', pending: true });
    expect(calls[0]).toEqual(['messenger', 'logoutUser']);
    calls.length = 0;
    expect(await run(runZendeskCommand, login({ previous: { externalId: 'user-1' } }))).toMatchObject({ loggedOutPrevious: false });
    expect(calls.some((c) => c[1] === 'logoutUser')).toBe(false);
  });

  it('a LoginFailedError comes back as its type, reason and message, capped', async () => {
    zendesk({ type: 'LoginFailedError', reason: 'invalid_kid', message: 'x'.repeat(2000) });
    const answer = await run(runZendeskCommand, login());
    expect(answer).toMatchObject({ ok: false, problem: 'sdk-error', call: 'login' });
    expect(answer.ok === false && answer.message?.startsWith('LoginFailedError: invalid_kid: xxx')).toBe(true);
    expect(answer.ok === false && (answer.message?.length ?? 0) <= PAGE_LIMITS.text).toBe(true);
  });

  it('a widget that never answers: sdk-timeout at the deadline; one that throws: sdk-threw', async () => {
    zendesk('never');
    expect(await run(runZendeskCommand, login())).toMatchObject({ ok: false, problem: 'sdk-timeout', call: 'login' });
    w.zE = () => {
      throw new Error('widget broke');
    };
    expect(await run(runZendeskCommand, login())).toMatchObject({ ok: false, problem: 'sdk-threw', call: 'login', message: 'widget broke' });
  });

  it('says what it cannot do, and reports other vendors on the page', async () => {
    zendesk(null);
    expect(await run(runZendeskCommand, { command: 'check', lookup: { externalId: 'a' }, timeoutMs: 100 })).toEqual({ ok: false, problem: 'unsupported' });
    delete w.zE;
    w.Intercom = () => undefined;
    const inspected = await run(runZendeskCommand, { command: 'inspect', probe: false, timeoutMs: 100 });
    expect(inspected).toMatchObject({ ok: true, report: { sdk: 'none' } });
    // The other vendors' widgets: the shared inspect finds them by their fingerprints, no page command does.
    expect(await presenceOf(kustomer, intercom)).toMatchObject({ ok: true, report: { others: ['intercom'] } });
    expect(await run(runZendeskCommand, login())).toMatchObject({ ok: false, problem: 'not-ready' });
  });

  it('runs nothing in a document of another origin', async () => {
    const calls = zendesk(null);
    expect(await runZendeskCommand(login(), { ...CONTEXT, origin: 'https://elsewhere.example' })).toEqual({ ok: false, problem: 'other-page' });
    expect(calls).toEqual([]);
  });
});

/** An Intercom Messenger like the real one: `booted` is true from install, whatever a boot's result. */
function messenger() {
  const calls: unknown[][] = [];
  const intercom = (method: string, arg?: Record<string, unknown>) => {
    calls.push([method, arg, w[OWN]]);
    return undefined;
  };
  intercom.booted = true;
  w.Intercom = intercom;
  w.intercomSettings = { app_id: 'page-app' };
  return calls;
}

describe('Intercom page command', () => {
  it("shuts down, boots with the page's app id and the token, and claims nothing itself (said: none)", async () => {
    const calls = messenger();
    const answer = await run(runIntercomCommand, login({ settings: { appId: 'env-app' }, previous: { externalId: 'user-1' } }));
    expect(answer).toEqual({ ok: true, command: 'login', loggedIn: false, said: 'none', response: {}, loggedOutPrevious: true, ready: 'widget' });
    expect(calls.slice(0, 2)).toEqual([
      ['shutdown', undefined, true],
      ['boot', { app_id: 'page-app', intercom_user_jwt: 'header.payload.signature' }, true],
    ]);
    expect(w[OWN]).toBe(false);
  });

  it("keeps the page's own boot settings (api_base, launcher), never its previous user's identity", async () => {
    const calls = messenger();
    w.intercomSettings = { app_id: 'page-app', api_base: 'https://api-iam.eu.intercom.io', alignment: 'left', horizontal_padding: 40, user_id: 'someone-else', user_hash: 'h', onClick: () => 1 };
    await run(runIntercomCommand, login());
    expect(calls[1]?.[1]).toEqual({ app_id: 'page-app', api_base: 'https://api-iam.eu.intercom.io', alignment: 'left', horizontal_padding: 40, intercom_user_jwt: 'header.payload.signature' });
  });

  it('boots with the environment\'s app id when the page names none; says so when neither does', async () => {
    const calls = messenger();
    delete w.intercomSettings;
    await run(runIntercomCommand, login({ settings: { appId: 'env-app' } }));
    expect(calls[1]?.[1]).toMatchObject({ app_id: 'env-app' });
    expect(await run(runIntercomCommand, login())).toMatchObject({ ok: false, problem: 'sdk-error', call: 'boot' });
  });

  it("user_hash: boots with the identity's user_id and email and their hash, over the page's own user's", async () => {
    const calls = messenger();
    w.intercomSettings = { app_id: 'page-app', user_id: 'someone-else', email: 'else@example.test', user_hash: 'their-hash' };
    const identity = { user_id: 'user-2', email: 'two@example.test' };
    await run(runIntercomCommand, login({ credential: { kind: 'hmac', value: 'a'.repeat(64) }, identity, lookup: { externalId: 'user-2' } }));
    expect(calls[1]?.[1]).toEqual({ app_id: 'page-app', user_id: 'user-2', email: 'two@example.test', user_hash: 'a'.repeat(64) });
    // Only the email: the hash is the email's.
    await run(runIntercomCommand, login({ credential: { kind: 'hmac', value: 'b'.repeat(64) }, identity: { email: 'only@example.test' }, lookup: { email: 'only@example.test' } }));
    expect(calls[3]?.[1]).toEqual({ app_id: 'page-app', email: 'only@example.test', user_hash: 'b'.repeat(64) });
  });

  it('the unsigned probe (credential none): boots with user_id and email, no JWT and no hash, and lets the server decide', async () => {
    const calls = messenger();
    w.intercomSettings = { app_id: 'page-app', intercom_user_jwt: 'page.jwt.token', user_hash: 'their-hash' };
    const answer = await run(runIntercomCommand, login({ credential: { kind: 'none', value: '' }, identity: { user_id: 'anyone' }, lookup: { externalId: 'anyone' } }));
    expect(answer).toMatchObject({ ok: true, command: 'login', said: 'none' });
    expect(calls[1]?.[1]).toEqual({ app_id: 'page-app', user_id: 'anyone' });
    const boot = calls[1]?.[1] as Record<string, unknown>;
    // The page's own credentials are cleared (undefined overrides them in the Messenger's merge).
    expect('intercom_user_jwt' in boot && boot.intercom_user_jwt === undefined && 'user_hash' in boot && boot.user_hash === undefined).toBe(true);
  });

  it('logs out as shutdown and an anonymous boot', async () => {
    const calls = messenger();
    expect(await run(runIntercomCommand, { command: 'logout', settings: { appId: 'env-app' }, timeoutMs: 200 })).toEqual({ ok: true, command: 'logout', ready: 'widget' });
    expect(calls.map((c) => c[0])).toEqual(['shutdown', 'boot']);
    expect(calls[1]?.[1]).toEqual({ app_id: 'page-app' });
  });

  it('reports Kustomer and Zendesk on a page without Intercom', async () => {
    w.Kustomer = { login() {} };
    w.zE = () => undefined;
    expect(await run(runIntercomCommand, { command: 'inspect', probe: false, timeoutMs: 100 })).toMatchObject({ report: { sdk: 'none' } });
    expect(await presenceOf(kustomer, zendeskVendor)).toMatchObject({ report: { others: ['kustomer', 'zendesk'] } });
  });
});
