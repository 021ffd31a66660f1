import type {
  ConversationSummary,
  ConversationsView,
  LoginResponse,
  PageProblem,
  PageRequest,
  PageResult,
  ReadinessReport,
} from '../model/protocol';
import { READY_SIGNALS, SDK_CALLS, WIDGET_WORDS } from '../model/protocol';
import { isVendorIdShape } from '../model/vendor-ids';
import { ReachError } from '../model/reach';
import { API_ORIGIN_LIMITS, httpOrigin } from '../model/api-origin';

/**
 * What comes back from the page under test is the page's word: it owns every global and
 * prototype our injected code touches, and can replace what that code returns. So the answer
 * is checked here against the protocol's types, with caps, and rebuilt from known fields only
 * before anything shows or stores it. The page code keeps within the same caps (PAGE_LIMITS is
 * passed to it), so an honest page never trips them.
 */
export const PAGE_LIMITS = {
  /** Characters in any one string (ids, messages, timestamps, storage keys). */
  text: 500,
  /** Conversations in one list. */
  conversations: 200,
  /** Storage keys removed by "forget device". */
  keys: 100,
  /** Other vendors' widgets named on one page. */
  others: 10,
  /** The whole answer, as JSON, in bytes (UTF-16 code units, which is what JSON.stringify counts). */
  bytes: 64 * 1024,
} as const;

export class UntrustedAnswer extends Error {}

/** The problems a page command may answer with (the vendors' own SDK states are judged here, never said by the page). */
const PROBLEMS: readonly PageProblem[] = ['not-ready', 'other-page', 'no-sdk', 'sdk-not-loaded', 'unknown-sdk', 'not-started', 'sdk-error', 'sdk-threw', 'sdk-timeout', 'unsupported'];

/** An SDK state: the shared ones, or a vendor's own (its readiness data names them), so a short word. */
function word(value: unknown, what: string): string {
  if (typeof value !== 'string' || !/^[a-z][a-z-]{0,31}$/.test(value)) fail(`${what} is not a word`);
  return value;
}

type Fields = Record<string, unknown>;

function fail(what: string): never {
  throw new UntrustedAnswer(what);
}

function object(value: unknown, what: string): Fields {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(`${what} is not an object`);
  return value as Fields;
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string') fail(`${what} is not text`);
  if (value.length > PAGE_LIMITS.text) fail(`${what} is ${value.length} characters long (at most ${PAGE_LIMITS.text})`);
  return value;
}

const optionalText = (value: unknown, what: string) => (value === undefined ? undefined : text(value, what));

function flag(value: unknown, what: string): boolean {
  if (typeof value !== 'boolean') fail(`${what} is not true or false`);
  return value;
}

const optionalFlag = (value: unknown, what: string) => (value === undefined ? undefined : flag(value, what));

function count(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) fail(`${what} is not a duration`);
  return value;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], what: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) fail(`${what} is not one of ${allowed.join(', ')}`);
  return value as T;
}

function list(value: unknown, max: number, what: string): unknown[] {
  if (!Array.isArray(value)) fail(`${what} is not a list`);
  if (value.length > max) fail(`${what} has ${value.length} entries (at most ${max})`);
  return value;
}

function report(value: unknown): ReadinessReport {
  const r = object(value, 'the readiness report');
  const out: ReadinessReport = {
    sdk: word(r.sdk, 'the SDK state'),
    pageLoaded: flag(r.pageLoaded, 'pageLoaded'),
    quietMs: count(r.quietMs, 'quietMs'),
  };
  if (r.started !== undefined) out.started = oneOf(r.started, READY_SIGNALS, 'the ready signal');
  if (r.startCalled !== undefined) out.startCalled = flag(r.startCalled, 'startCalled');
  if (r.others !== undefined) {
    const others = list(r.others, PAGE_LIMITS.others, 'the other widgets').map((v) => (isVendorIdShape(v) ? v : fail('another widget is not a vendor id')));
    if (others.length > 0) out.others = [...new Set(others)];
  }
  return out;
}

function conversation(value: unknown, index: number): ConversationSummary {
  const c = object(value, `conversation ${index + 1}`);
  const conversationId = text(c.conversationId, `conversation ${index + 1}'s id`);
  if (conversationId === '') fail(`conversation ${index + 1} has an empty id`);
  return {
    conversationId,
    createdAt: optionalText(c.createdAt, `conversation ${index + 1}'s createdAt`),
    updatedAt: optionalText(c.updatedAt, `conversation ${index + 1}'s updatedAt`),
    lastMessage: optionalText(c.lastMessage, `conversation ${index + 1}'s lastMessage`),
  };
}

function conversations(value: unknown): ConversationsView {
  const v = object(value, 'the conversations');
  if (v.ok === false) return { ok: false, message: text(v.message, 'the conversations error') };
  if (v.ok !== true) fail('the conversations are neither ok nor an error');
  return { ok: true, items: list(v.items, PAGE_LIMITS.conversations, 'the conversations').map(conversation) };
}

function response(value: unknown): LoginResponse {
  const r = object(value, 'the login response');
  return {
    identified: optionalFlag(r.identified, 'identified'),
    customerId: optionalText(r.customerId, 'the customer id'),
    email: optionalText(r.email, 'the email'),
    externalId: optionalText(r.externalId, 'the external id'),
    visitorId: optionalText(r.visitorId, 'the visitor id'),
  };
}

/** Origins the page's widget configuration names: http(s) origins only, a few at most. */
function apiOrigins(value: unknown): string[] {
  return list(value, API_ORIGIN_LIMITS.named, 'the API origins').map((item, i) => {
    const origin = httpOrigin(text(item, `API origin ${i + 1}`));
    if (origin === undefined || origin !== item) fail(`API origin ${i + 1} is not an http(s) origin`);
    return origin;
  });
}

function size(raw: unknown): number {
  try {
    return JSON.stringify(raw)?.length ?? 0;
  } catch {
    return fail('it cannot be read as JSON');
  }
}

/**
 * The page's answer to `request`, checked and rebuilt, or an UntrustedAnswer saying what was
 * wrong with it. Never throws anything else, whatever `raw` is. `ownCalls`: the SDK calls the
 * vendor names besides the shared ones (VendorProfile.calls).
 */
export function readPageAnswer(raw: unknown, request: PageRequest, ownCalls: readonly string[] = []): PageResult {
  try {
    const bytes = size(raw);
    if (bytes > PAGE_LIMITS.bytes) fail(`it is ${Math.ceil(bytes / 1024)} KB (at most ${PAGE_LIMITS.bytes / 1024} KB)`);
    const r = object(raw, 'the answer');
    if (r.ok === false) {
      const out: Extract<PageResult, { ok: false }> = { ok: false, problem: oneOf(r.problem, PROBLEMS, 'the problem') };
      if (r.call !== undefined) out.call = oneOf(r.call, ownCalls.length > 0 ? [...SDK_CALLS, ...ownCalls] : SDK_CALLS, 'the SDK call');
      if (r.message !== undefined) out.message = text(r.message, 'the message');
      if (r.waitedMs !== undefined) out.waitedMs = count(r.waitedMs, 'waitedMs');
      if (r.report !== undefined) out.report = report(r.report);
      return out;
    }
    if (r.ok !== true) fail('it is neither a result nor a problem');
    if (r.command !== request.command) fail(`it answers "${String(r.command).slice(0, 40)}", not "${request.command}"`);
    switch (request.command) {
      case 'inspect':
        return { ok: true, command: 'inspect', report: report(r.report) };
      case 'start':
        return { ok: true, command: 'start' };
      case 'login':
        return {
          ok: true,
          command: 'login',
          loggedIn: flag(r.loggedIn, 'loggedIn'),
          said: oneOf(r.said, WIDGET_WORDS, 'what the widget said'),
          response: response(r.response),
          loggedOutPrevious: flag(r.loggedOutPrevious, 'loggedOutPrevious'),
          conversations: r.conversations === undefined ? undefined : conversations(r.conversations),
          ready: oneOf(r.ready, READY_SIGNALS, 'the ready signal'),
          ...(r.apiOrigins === undefined ? {} : { apiOrigins: apiOrigins(r.apiOrigins) }),
        };
      case 'logout':
        return { ok: true, command: 'logout', ready: oneOf(r.ready, READY_SIGNALS, 'the ready signal'), pending: optionalFlag(r.pending, 'pending') };
      case 'check':
        return {
          ok: true,
          command: 'check',
          loggedIn: flag(r.loggedIn, 'loggedIn'),
          conversations: r.conversations === undefined ? undefined : conversations(r.conversations),
          ready: oneOf(r.ready, READY_SIGNALS, 'the ready signal'),
        };
      case 'conversations':
        return { ok: true, command: 'conversations', conversations: conversations(r.conversations), ready: oneOf(r.ready, READY_SIGNALS, 'the ready signal') };
      case 'create-conversation':
        return {
          ok: true,
          command: 'create-conversation',
          conversationId: optionalText(r.conversationId, 'the conversation id'),
          ready: oneOf(r.ready, READY_SIGNALS, 'the ready signal'),
        };
      case 'forget-device':
        return {
          ok: true,
          command: 'forget-device',
          removedKeys: list(r.removedKeys, PAGE_LIMITS.keys, 'the removed keys').map((k, i) => text(k, `removed key ${i + 1}`)),
          ready: oneOf(r.ready, READY_SIGNALS, 'the ready signal'),
        };
    }
  } catch (caught) {
    if (caught instanceof UntrustedAnswer) throw caught;
    // A getter or proxy that throws while we read it: the same verdict.
    throw new UntrustedAnswer('reading it failed');
  }
}

/**
 * What a page command's raw return value means, for every driver (extension or Node): nothing
 * (the document went away), an answer checked by readPageAnswer, or a ReachError.
 */
export function answerOf(raw: unknown, request: PageRequest, ownCalls?: readonly string[]): PageResult {
  if (raw === undefined || raw === null) throw new ReachError({ kind: 'navigated' });
  let answer: PageResult;
  try {
    answer = readPageAnswer(raw, request, ownCalls);
  } catch (caught) {
    if (caught instanceof UntrustedAnswer) throw new ReachError({ kind: 'untrusted', reason: caught.message });
    throw caught;
  }
  if (!answer.ok && answer.problem === 'other-page') throw new ReachError({ kind: 'other-page', command: request.command });
  return answer;
}
