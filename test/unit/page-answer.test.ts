import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PAGE_LIMITS, readPageAnswer, UntrustedAnswer } from '../../src/session/page-answer';
import type { PageRequest } from '../../src/model/protocol';

const login: PageRequest = { command: 'login', credential: { kind: 'jwt', value: 'a.b.c' }, identity: { externalId: 'x' }, lookup: { externalId: 'x' }, timeoutMs: 1000 };
const goodLogin = {
  ok: true,
  command: 'login',
  loggedIn: true,
  said: 'check',
  response: { identified: true, customerId: 'cus_1', externalId: 'x' },
  loggedOutPrevious: false,
  conversations: { ok: true, items: [{ conversationId: 'con_1', lastMessage: 'hi' }] },
  ready: 'iframe',
};

function refusal(raw: unknown, request: PageRequest = login): string {
  try {
    readPageAnswer(raw, request);
  } catch (caught) {
    expect(caught).toBeInstanceOf(UntrustedAnswer);
    return (caught as Error).message;
  }
  throw new Error('accepted');
}

describe('readPageAnswer: what it accepts', () => {
  it('rebuilds a good login answer from known fields only', () => {
    const answer = readPageAnswer({ ...goodLogin, extra: 'dropped', response: { ...goodLogin.response, secret: 'x' } }, login);
    expect(answer).toEqual({
      ...goodLogin,
      response: { identified: true, customerId: 'cus_1', email: undefined, externalId: 'x' },
      conversations: { ok: true, items: [{ conversationId: 'con_1', createdAt: undefined, updatedAt: undefined, lastMessage: 'hi' }] },
    });
    expect(answer).not.toHaveProperty('extra');
  });

  it('accepts problems, with their call, message, wait and readiness report', () => {
    expect(readPageAnswer({ ok: false, problem: 'sdk-error', call: 'login', message: 'Token expired' }, login)).toEqual({
      ok: false,
      problem: 'sdk-error',
      call: 'login',
      message: 'Token expired',
    });
    expect(readPageAnswer({ ok: false, problem: 'not-ready', report: { sdk: 'loaded', startCalled: false, pageLoaded: true, quietMs: 12 } }, login)).toEqual({
      ok: false,
      problem: 'not-ready',
      report: { sdk: 'loaded', startCalled: false, pageLoaded: true, quietMs: 12 },
    });
  });

  it('accepts every command it knows, each only as the answer to that command', () => {
    const inspect: PageRequest = { command: 'inspect', probe: true, timeoutMs: 1 };
    expect(readPageAnswer({ ok: true, command: 'inspect', report: { sdk: 'none', pageLoaded: false, quietMs: 0 } }, inspect)).toMatchObject({ command: 'inspect' });
    expect(readPageAnswer({ ok: true, command: 'start' }, { command: 'start', timeoutMs: 1 })).toEqual({ ok: true, command: 'start' });
    expect(readPageAnswer({ ok: true, command: 'logout', ready: 'probe', extra: 1 }, { command: 'logout', timeoutMs: 1 })).toEqual({ ok: true, command: 'logout', ready: 'probe' });
    expect(
      readPageAnswer({ ok: true, command: 'check', loggedIn: false, ready: 'observer' }, { command: 'check', lookup: { email: 'a@b.c' }, timeoutMs: 1 }),
    ).toEqual({ ok: true, command: 'check', loggedIn: false, conversations: undefined, ready: 'observer' });
    expect(
      readPageAnswer({ ok: true, command: 'forget-device', removedKeys: ['k'], ready: 'lab' }, { command: 'forget-device', timeoutMs: 1 }),
    ).toMatchObject({ removedKeys: ['k'] });
    expect(readPageAnswer({ ...goodLogin, command: 'conversations' }, { command: 'conversations', timeoutMs: 1 })).toMatchObject({ command: 'conversations' });
  });

  it('accepts strings and lists exactly at the caps', () => {
    const items = Array.from({ length: PAGE_LIMITS.conversations }, (_, i) => ({ conversationId: `c${i}` }));
    const answer = readPageAnswer({ ...goodLogin, response: { customerId: 'x'.repeat(PAGE_LIMITS.text) }, conversations: { ok: true, items } }, login);
    expect(answer).toMatchObject({ response: { customerId: 'x'.repeat(PAGE_LIMITS.text) } });
  });
});

describe('readPageAnswer: what it refuses, and says why', () => {
  it.each([
    ['not an object', null, 'the answer is not an object'],
    ['a list', [], 'the answer is not an object'],
    ['neither', { ok: 'yes' }, 'neither a result nor a problem'],
    ['another command', { ...goodLogin, command: 'check' }, 'it answers "check", not "login"'],
    ['an unknown problem', { ok: false, problem: 'pwned' }, 'the problem is not one of'],
    ['an unknown call', { ok: false, problem: 'sdk-error', call: 'eval' }, 'the SDK call is not one of'],
    ['a 5 MB customer id', { ...goodLogin, response: { customerId: 'x'.repeat(5_000_000) } }, 'it is 4884 KB (at most 64 KB)'],
    ['a long customer id', { ...goodLogin, response: { customerId: 'x'.repeat(PAGE_LIMITS.text + 1) } }, 'the customer id is 501 characters long (at most 500)'],
    ['null conversations', { ...goodLogin, conversations: { ok: true, items: null } }, 'the conversations is not a list'],
    ['too many conversations', { ...goodLogin, conversations: { ok: true, items: Array.from({ length: 201 }, (_, i) => ({ conversationId: `c${i}` })) } }, 'has 201 entries (at most 200)'],
    ['a conversation without id', { ...goodLogin, conversations: { ok: true, items: [{}] } }, "conversation 1's id is not text"],
    ['an empty conversation id', { ...goodLogin, conversations: { ok: true, items: [{ conversationId: '' }] } }, 'conversation 1 has an empty id'],
    ['a number for loggedIn', { ...goodLogin, loggedIn: 1 }, 'loggedIn is not true or false'],
    ['an unknown signal', { ...goodLogin, ready: 'trust-me' }, 'the ready signal is not one of'],
    ['a negative wait', { ok: false, problem: 'sdk-timeout', waitedMs: -1 }, 'waitedMs is not a duration'],
    ['an infinite quiet time', { ok: false, problem: 'not-ready', report: { sdk: 'none', pageLoaded: true, quietMs: Number.POSITIVE_INFINITY } }, 'quietMs is not a duration'],
  ])('%s', (_name, raw, reason) => {
    expect(refusal(raw)).toContain(reason);
  });

  it('refuses what cannot be read as JSON, and getters that throw', () => {
    const cyclic: Record<string, unknown> = { ok: true };
    cyclic.self = cyclic;
    expect(refusal(cyclic)).toContain('cannot be read as JSON');
    const hostile = Object.defineProperty({ ok: true, command: 'login' }, 'loggedIn', {
      enumerable: false,
      get() {
        throw new Error('boom');
      },
    });
    expect(refusal(hostile)).toBe('reading it failed');
  });
});

describe('readPageAnswer: properties', () => {
  const requests: PageRequest[] = [
    login,
    { command: 'logout', timeoutMs: 1 },
    { command: 'check', lookup: { externalId: 'x' }, timeoutMs: 1 },
    { command: 'inspect', probe: false, timeoutMs: 1 },
    { command: 'conversations', timeoutMs: 1 },
    { command: 'forget-device', timeoutMs: 1 },
  ];

  /** Every string in an accepted answer, recursively. */
  function strings(value: unknown, out: string[] = []): string[] {
    if (typeof value === 'string') out.push(value);
    else if (Array.isArray(value)) for (const v of value) strings(v, out);
    else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
    return out;
  }

  it('arbitrary JSON never throws anything but UntrustedAnswer, and what passes keeps the caps', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), fc.constantFrom(...requests), (raw, request) => {
        try {
          const answer = readPageAnswer(raw, request);
          expect(JSON.stringify(answer).length).toBeLessThanOrEqual(PAGE_LIMITS.bytes);
          for (const s of strings(answer)) expect(s.length).toBeLessThanOrEqual(PAGE_LIMITS.text);
        } catch (caught) {
          expect(caught).toBeInstanceOf(UntrustedAnswer);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('answers shaped like the protocol, with any values, never escape the caps', () => {
    const anything = fc.oneof(fc.string({ maxLength: 700 }), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string({ maxLength: 600 }), { maxLength: 250 }));
    const shaped = fc.record({
      ok: fc.constantFrom(true, false),
      command: fc.constantFrom('login', 'check', 'logout'),
      problem: fc.constantFrom('sdk-error', 'nope'),
      message: anything,
      loggedIn: anything,
      response: fc.record({ customerId: anything, email: anything }),
      loggedOutPrevious: anything,
      conversations: fc.record({ ok: fc.constant(true), items: fc.array(fc.record({ conversationId: anything, lastMessage: anything }), { maxLength: 230 }) }),
      ready: fc.constantFrom('iframe', 'x'),
    });
    fc.assert(
      fc.property(shaped, (raw) => {
        try {
          const answer = readPageAnswer(raw, login);
          for (const s of strings(answer)) expect(s.length).toBeLessThanOrEqual(PAGE_LIMITS.text);
          if (answer.ok && answer.command === 'login' && answer.conversations?.ok) expect(answer.conversations.items.length).toBeLessThanOrEqual(PAGE_LIMITS.conversations);
        } catch (caught) {
          expect(caught).toBeInstanceOf(UntrustedAnswer);
        }
      }),
      { numRuns: 500 },
    );
  });
});
