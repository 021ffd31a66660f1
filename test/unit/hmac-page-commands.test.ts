// @vitest-environment jsdom
/**
 * The Front Chat and Help Scout Beacon page commands, run here as the extension runs them in a
 * page (the same source), against stand-in widgets that record their calls. Every answer also
 * passes the extension's own check (session/page-answer). And their page-account readers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PageContext, PageRequest } from '../../src/model/protocol';
import { PAGE_LIMITS, readPageAnswer } from '../../src/session/page-answer';
import { parseChatId, readFrontChatId } from '../../src/vendors/front/page-account';
import { runFrontCommand } from '../../src/vendors/front/page-command';
import { parseBeaconId, readBeaconId } from '../../src/vendors/helpscout/page-account';
import { runBeaconCommand } from '../../src/vendors/helpscout/page-command';
import { front } from '../../src/vendors/front/profile';
import { helpscout } from '../../src/vendors/helpscout/profile';

const CONTEXT: PageContext = { origin: location.origin, limits: PAGE_LIMITS };
// biome-ignore lint/suspicious/noExplicitAny: the page's globals.
const w = window as any;
const OWN = Symbol.for('chat-identity-lab.own-login');
const SIGNATURE = 'ab'.repeat(32);

const login = (identity: Record<string, unknown>, extra: Partial<Extract<PageRequest, { command: 'login' }>> = {}): PageRequest => ({
  command: 'login',
  credential: { kind: 'hmac', value: SIGNATURE },
  identity,
  lookup: typeof identity.userId === 'string' ? { externalId: identity.userId } : { email: String(identity.email) },
  timeoutMs: 200,
  ...extra,
});

/** Runs a command and reads its answer as the extension does, with the calls its vendor names. */
async function run(command: typeof runFrontCommand, request: PageRequest, context = CONTEXT) {
  const calls = command === runFrontCommand ? front.calls : helpscout.calls;
  return readPageAnswer(JSON.parse(JSON.stringify(await command(request, context))), request, calls);
}

/** A widget global that records each call, with whether it was marked as the extension's own. */
function widget(name: 'FrontChat' | 'Beacon') {
  const calls: unknown[][] = [];
  w[name] = (...args: unknown[]) => calls.push([...args, w[OWN] === true]);
  return calls;
}

afterEach(() => {
  delete w.FrontChat;
  delete w.Beacon;
  document.body.innerHTML = '';
});

describe('Front Chat page command', () => {
  it('shuts down, then inits with the chat id, the identity and the user hash, marked as its own; claims nothing (said: none)', async () => {
    const calls = widget('FrontChat');
    const answer = await run(runFrontCommand, login({ userId: 'u-1', email: 'ada@example.test', name: 'Ada' }, { settings: { chatId: 'chat123' }, previous: { email: 'old@example.test' } }));
    expect(answer).toEqual({ ok: true, command: 'login', loggedIn: false, said: 'none', response: {}, loggedOutPrevious: true, ready: 'widget' });
    expect(calls).toEqual([
      ['shutdown', { clearSession: true }, true],
      ['init', { chatId: 'chat123', useDefaultLauncher: true, userId: 'u-1', email: 'ada@example.test', name: 'Ada', userHash: SIGNATURE }, true],
    ]);
    expect(w[OWN]).toBe(false);
  });

  it("takes the chat id from the page's own init when the environment has none; says so when neither has one", async () => {
    const calls = widget('FrontChat');
    document.body.innerHTML = `<script>window.FrontChat('init', { chatId: 'pagechat42', useDefaultLauncher: true });</script>`;
    await run(runFrontCommand, login({ email: 'ada@example.test' }));
    expect(calls.at(-1)?.[1]).toMatchObject({ chatId: 'pagechat42', email: 'ada@example.test', userHash: SIGNATURE });
    expect(parseChatId(readFrontChatId() ?? '')).toBe('pagechat42');
    document.body.innerHTML = '';
    const none = await run(runFrontCommand, login({ email: 'ada@example.test' }));
    expect(none).toMatchObject({ ok: false, problem: 'sdk-error', call: 'init', message: expect.stringContaining('enter the Chat ID in Options') });
  });

  it('the unsigned probe inits without a user hash; a JWT is not its kind; logout is shutdown', async () => {
    const calls = widget('FrontChat');
    await run(runFrontCommand, login({ userId: 'u-2' }, { credential: { kind: 'none', value: '' }, settings: { chatId: 'c' } }));
    expect(calls.at(-1)?.[1]).toEqual({ chatId: 'c', useDefaultLauncher: true, userId: 'u-2' });
    expect(await run(runFrontCommand, login({ userId: 'u-2' }, { credential: { kind: 'jwt', value: 'a.b.c' } }))).toMatchObject({ ok: false, problem: 'unsupported' });
    expect(await run(runFrontCommand, { command: 'logout', timeoutMs: 100 })).toEqual({ ok: true, command: 'logout', ready: 'widget' });
    expect(calls.at(-1)).toEqual(['shutdown', { clearSession: true }, false]);
  });

  it('a widget that throws: sdk-threw, capped; no widget: not ready; another origin: nothing runs', async () => {
    w.FrontChat = () => {
      throw new Error('x'.repeat(10_000));
    };
    const threw = await run(runFrontCommand, login({ userId: 'u' }, { settings: { chatId: 'c' } }));
    expect(threw).toMatchObject({ ok: false, problem: 'sdk-threw', call: 'shutdown' });
    expect((threw as { message: string }).message.length).toBeLessThanOrEqual(PAGE_LIMITS.text);
    delete w.FrontChat;
    expect(await run(runFrontCommand, login({ userId: 'u' }))).toMatchObject({ ok: false, problem: 'not-ready' });
    widget('FrontChat');
    expect(await runFrontCommand(login({ userId: 'u' }), { ...CONTEXT, origin: 'https://elsewhere.example' })).toEqual({ ok: false, problem: 'other-page' });
  });
});

describe('Help Scout Beacon page command', () => {
  it('logs the previous customer out, then identifies with the email, name and signature, marked as its own', async () => {
    const calls = widget('Beacon');
    const answer = await run(runBeaconCommand, login({ email: 'ada@example.test', name: 'Ada' }, { previous: { email: 'old@example.test' } }));
    expect(answer).toEqual({ ok: true, command: 'login', loggedIn: false, said: 'none', response: {}, loggedOutPrevious: true, ready: 'widget' });
    expect(calls).toEqual([
      ['logout', true],
      ['identify', { email: 'ada@example.test', name: 'Ada', signature: SIGNATURE }, true],
    ]);
  });

  it('the unsigned probe identifies without a signature; logout and forget-device are logout and reset', async () => {
    const calls = widget('Beacon');
    await run(runBeaconCommand, login({ email: 'probe@example.test' }, { credential: { kind: 'none', value: '' } }));
    expect(calls.at(-1)).toEqual(['identify', { email: 'probe@example.test' }, true]);
    expect(await run(runBeaconCommand, { command: 'logout', timeoutMs: 100 })).toEqual({ ok: true, command: 'logout', ready: 'widget' });
    expect(await run(runBeaconCommand, { command: 'forget-device', timeoutMs: 100 })).toEqual({ ok: true, command: 'forget-device', removedKeys: [], ready: 'widget' });
    expect(calls.slice(-2)).toEqual([
      ['logout', true],
      ['reset', true],
    ]);
  });

  it("reads the page's Beacon ID from its Beacon('init') call, and only a UUID", () => {
    document.body.innerHTML = `<script>window.Beacon('init', 'c676047b-c2e8-45b1-8319-344f4e7e2431');</script>`;
    expect(parseBeaconId(readBeaconId() ?? '')).toBe('c676047b-c2e8-45b1-8319-344f4e7e2431');
    expect(parseBeaconId('<b>not an id</b>')).toBeUndefined();
  });
});
