/**
 * The ChatPage port for a Playwright or Puppeteer `page`: the vendor's self-contained page
 * command runs through `page.evaluate` (the same function the extension injects), its answer is
 * checked by session/page-answer, and the vendor server's answer is read from the page's own
 * network events (`request`, `response`, `requestfailed`: both libraries have them).
 *
 * What a hand-written login does not pay, a login here does not pay either: the command is put
 * in the page once per document and called through its handle (not sent and compiled again for
 * every call), and the network listeners stay on the page (not added and removed, a protocol
 * message each, for every login): each watch only joins them while it runs.
 */
import type { ApiOrigins } from '../model/api-origin';
import { Cancelled, type ChatPage, type PageDriver, type TrafficWatch, type WireWatch } from '../model/chat-page';
import { DEADLINE_SLACK_MS, deadline } from '../model/deadline';
import { messageOf } from '../model/errors';
import type { PageContext, PageRequest } from '../model/protocol';
import type { BrowserPage } from './browser-types';
import { ReachError, type ReachProblem } from '../model/reach';
import { inBody, inHeaders, inUrl } from '../model/wire';
import { createWireLog } from '../model/wire-log';
import { readStorageNames, STORAGE_LIMITS, storageNamesOf } from '../model/page-storage';
import { createTrafficLog } from '../model/traffic-log';
import { answerOf, PAGE_LIMITS } from '../session/page-answer';
import { originOf } from '../sites/sites';
import { evaluateCommand } from './command-handle';
import { idOf, type NetworkHandlers, tapOf } from './page-tap';

export type { BrowserPage, BrowserRequest, BrowserResponse, CommandCall, CommandHandle } from './browser-types';

/** Widgets send tokens with fetch / XHR, beacons or a socket: documents, scripts, styles and images are not watched. */
const WATCHED_TYPES = new Set(['fetch', 'xhr', 'ping', 'websocket', 'eventsource', 'other']);

/** Maps Playwright's and Puppeteer's evaluate errors to what went wrong. */
function reachProblem(message: string): ReachProblem {
  const m = message.toLowerCase();
  if (m.includes('target closed') || m.includes('page has been closed') || m.includes('browser has been closed') || m.includes('session closed')) return { kind: 'tab-closed' };
  // A handle made in a document that is gone: Playwright says "disposed", Puppeteer "cannot find context".
  if (m.includes('context was destroyed') || m.includes('navigat') || m.includes('detached') || m.includes('disposed') || m.includes('cannot find context')) return { kind: 'navigated' };
  return { kind: 'failed', message: message.slice(0, PAGE_LIMITS.text) };
}

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
        raw = await deadline(evaluateCommand(page, driver.pageCommand, { request, context }), request.timeoutMs + DEADLINE_SLACK_MS, signal);
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
    async readStorageNames() {
      try {
        const source = `(${readStorageNames.toString()})(${JSON.stringify(origin ?? null)}, ${JSON.stringify(STORAGE_LIMITS)})`;
        return storageNamesOf(await deadline(page.evaluate(source), 5_000));
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
  const { watches, statusOfFailed } = tapOf(page);
  const log = createWireLog(token, { watched: true, origins, hiddenHosts: async () => [], onStop: () => watches.delete(handlers) });
  const { signature } = log;
  const handlers: NetworkHandlers = {
    request(request) {
      if (!WATCHED_TYPES.has(request.resourceType())) return;
      const url = request.url();
      // As the extension looks (model/wire), the body last: the libraries read it only when asked.
      const carried = inUrl(url, signature) ? 'url' : inHeaders(request.headers(), signature) ? 'header' : inBody(request.postData(), signature) ? 'body' : undefined;
      if (carried) log.note({ requestId: idOf(request), url, method: request.method(), timeStamp: Date.now() }, carried);
    },
    response: (response) => log.finish(idOf(response.request()), { statusCode: response.status(), timeStamp: Date.now(), serviceWorker: response.fromServiceWorker?.() === true }),
    failed(request) {
      const id = idOf(request);
      const answer = { error: request.failure()?.errorText ?? 'failed', timeStamp: Date.now() };
      if (!log.has(id)) return;
      // An answer the browser then failed (no CORS headers) still has the server's status.
      void statusOfFailed(request.url(), request.method()).then((status) => {
        if (status !== undefined) log.heard(id, status);
        log.finish(id, answer);
      });
    },
  };
  watches.add(handlers);
  return log.watch;
}

/** Every request the page starts from now on, for a logout that takes no callback (model/traffic-log). */
function watchTraffic(page: BrowserPage): TrafficWatch {
  const { watches } = tapOf(page);
  const log = createTrafficLog();
  const handlers: NetworkHandlers = {
    request: (request) => log.started(idOf(request), request.method()),
    response: (response) => log.ended(idOf(response.request())),
    failed: (request) => log.ended(idOf(request)),
  };
  watches.add(handlers);
  return { quiet: log.quiet, stop: () => watches.delete(handlers) };
}
