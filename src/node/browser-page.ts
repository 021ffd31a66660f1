/**
 * The ChatPage port for a Playwright or Puppeteer `page`: the vendor's self-contained page
 * command runs through `page.evaluate` (the same function the extension injects), its answer is
 * checked by page-bridge/page-answer, and the vendor server's answer is read from the page's own
 * network events (`request`, `response`, `requestfailed`: both libraries have them).
 */
import type { ApiOrigins } from '../model/api-origin';
import { Cancelled, type ChatPage, type PageDriver, type TrafficWatch, type WireWatch } from '../model/chat-page';
import { DEADLINE_SLACK_MS, deadline } from '../model/deadline';
import { messageOf } from '../model/errors';
import type { PageCommand, PageContext, PageRequest } from '../model/protocol';
import { ReachError, type ReachProblem } from '../model/reach';
import { inBody, inHeaders, inUrl } from '../model/wire';
import { createWireLog } from '../model/wire-log';
import { createTrafficLog } from '../model/traffic-log';
import { answerOf, PAGE_LIMITS } from '../page-bridge/page-answer';
import { originOf } from '../sites/sites';

/**
 * What the package needs of a page: Playwright's Page and Puppeteer's Page both fit. The events
 * are typed loosely here (Puppeteer's `on` is generic over its own event map); the handlers
 * below read them as BrowserRequest and BrowserResponse, which both libraries' objects are.
 */
export interface BrowserPage {
  url(): string;
  evaluate(expression: string): Promise<unknown>;
  evaluate(fn: (arg: CommandCall) => Promise<unknown>, arg: CommandCall): Promise<unknown>;
  reload(options?: { waitUntil?: 'load'; timeout?: number }): Promise<unknown>;
  // biome-ignore lint/suspicious/noExplicitAny: both libraries' event signatures must fit.
  on(event: any, handler: (value: any) => void): unknown;
  // biome-ignore lint/suspicious/noExplicitAny: both libraries' event signatures must fit.
  off(event: any, handler: (value: any) => void): unknown;
}

/** The one argument the command's caller gets in the page: JSON. */
export interface CommandCall {
  request: PageRequest;
  context: PageContext;
}

export interface BrowserRequest {
  url(): string;
  method(): string;
  headers(): Record<string, string>;
  postData(): string | null | undefined;
  resourceType(): string;
  failure(): { errorText: string } | null;
}

export interface BrowserResponse {
  status(): number;
  request(): BrowserRequest;
  /** True when a service worker of the page answered, not a server (Playwright and Puppeteer both say). */
  fromServiceWorker?(): boolean;
}

/** Widgets send tokens with fetch / XHR, beacons or a socket: documents, scripts, styles and images are not watched. */
const WATCHED_TYPES = new Set(['fetch', 'xhr', 'ping', 'websocket', 'eventsource', 'other']);

/** Maps Playwright's and Puppeteer's evaluate errors to what went wrong. */
function reachProblem(message: string): ReachProblem {
  const m = message.toLowerCase();
  if (m.includes('target closed') || m.includes('page has been closed') || m.includes('browser has been closed') || m.includes('session closed')) return { kind: 'tab-closed' };
  if (m.includes('context was destroyed') || m.includes('navigat') || m.includes('detached')) return { kind: 'navigated' };
  return { kind: 'failed', message: message.slice(0, PAGE_LIMITS.text) };
}

/**
 * The function page.evaluate sends: the vendor's command called with the request and context.
 * Both libraries send a function as its source text, as chrome.scripting does, so the command
 * stays self-contained (JSON in and out). A function with an argument is evaluated in one round
 * trip; an expression string costs Playwright a second one. Made once per command.
 */
const callers = new WeakMap<PageCommand, (arg: CommandCall) => Promise<unknown>>();
function callerOf(command: PageCommand) {
  let caller = callers.get(command);
  if (!caller) {
    // The command's own source text, wrapped: no value of this process reaches the page but the argument.
    caller = new Function('arg', `return (${command.toString()})(arg.request, arg.context);`) as (arg: CommandCall) => Promise<unknown>;
    callers.set(command, caller);
  }
  return caller;
}

/** Stable ids for request objects (the libraries hand the same object to every event). */
const ids = new WeakMap<object, string>();
let nextId = 0;
const idOf = (request: object) => {
  let id = ids.get(request);
  if (!id) {
    nextId += 1;
    id = String(nextId);
    ids.set(request, id);
  }
  return id;
};

export function browserPage(page: BrowserPage): ChatPage {
  const url = page.url();
  const origin = /^https?:/.test(url) ? originOf(url) : undefined;
  return {
    url,
    async run(driver: PageDriver, request: PageRequest, signal?: AbortSignal) {
      if (signal?.aborted) throw new Cancelled();
      const context: PageContext = { origin, limits: PAGE_LIMITS };
      let raw: unknown;
      try {
        raw = await deadline(page.evaluate(callerOf(driver.pageCommand), { request, context }), request.timeoutMs + DEADLINE_SLACK_MS, signal);
      } catch (caught) {
        if (caught instanceof Cancelled || caught instanceof ReachError) throw caught;
        throw new ReachError(reachProblem(messageOf(caught)));
      }
      return answerOf(raw, request, driver.calls);
    },
    watchWire: (token, origins) => watchWire(page, token, origins),
    watchTraffic: () => watchTraffic(page),
    async readAccount(reader) {
      if (!reader) return undefined;
      try {
        const raw = await deadline(page.evaluate(`(${reader.read.toString()})()`), 5_000);
        return typeof raw === 'string' && raw.length <= PAGE_LIMITS.text ? reader.parse(raw) : undefined;
      } catch {
        return undefined;
      }
    },
    async reload(timeoutMs) {
      try {
        await page.reload({ waitUntil: 'load', timeout: timeoutMs });
        return true;
      } catch (caught) {
        const problem = reachProblem(messageOf(caught));
        if (problem.kind === 'tab-closed') throw new ReachError(problem);
        return false;
      }
    },
  };
}

/** The page's requests that carry the token, and their answers (never a body, never the signature). */
function watchWire(page: BrowserPage, token: string, origins: ApiOrigins): WireWatch {
  const log = createWireLog(token, { watched: true, origins, hiddenHosts: async () => [], onStop: () => stop() });
  const { signature } = log;
  const onRequest = (request: BrowserRequest) => {
    try {
      if (!WATCHED_TYPES.has(request.resourceType())) return;
      const url = request.url();
      // As the extension looks (model/wire), the body last: the libraries read it only when asked.
      const carried = inUrl(url, signature) ? 'url' : inHeaders(request.headers(), signature) ? 'header' : inBody(request.postData(), signature) ? 'body' : undefined;
      if (carried) log.note({ requestId: idOf(request), url, method: request.method(), timeStamp: Date.now() }, carried);
    } catch {
      // A request the library can no longer describe (its page closed): nothing to note.
    }
  };
  const onResponse = (response: BrowserResponse) =>
    log.finish(idOf(response.request()), { statusCode: response.status(), timeStamp: Date.now(), serviceWorker: response.fromServiceWorker?.() === true });
  const onFailed = (request: BrowserRequest) => log.finish(idOf(request), { error: request.failure()?.errorText ?? 'failed', timeStamp: Date.now() });
  page.on('request', onRequest);
  page.on('response', onResponse);
  page.on('requestfailed', onFailed);
  function stop() {
    page.off('request', onRequest);
    page.off('response', onResponse);
    page.off('requestfailed', onFailed);
  }
  return log.watch;
}

/** Every request the page starts from now on, for a logout that takes no callback (model/traffic-log). */
function watchTraffic(page: BrowserPage): TrafficWatch {
  const log = createTrafficLog();
  const onRequest = (request: BrowserRequest) => log.started(idOf(request), request.method());
  const onFailed = (request: BrowserRequest) => log.ended(idOf(request));
  const onResponse = (response: BrowserResponse) => log.ended(idOf(response.request()));
  page.on('request', onRequest);
  page.on('response', onResponse);
  page.on('requestfailed', onFailed);
  return {
    quiet: log.quiet,
    stop() {
      page.off('request', onRequest);
      page.off('response', onResponse);
      page.off('requestfailed', onFailed);
    },
  };
}
