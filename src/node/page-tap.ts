/**
 * One set of listeners on a Playwright or Puppeteer page, kept while the page lives, as the
 * extension keeps one set of webRequest listeners per tab (page-bridge/wire-watch): adding and
 * removing a network listener costs Playwright a protocol message each, which a login should not
 * pay every time. Each watch joins while it runs. It also counts the main frame's navigations,
 * so a handle made in one document is never used in the next (node/command-handle).
 */
import type { BrowserPage, BrowserRequest, BrowserResponse } from './browser-types';

/** What a watch hears while it runs. */
export interface NetworkHandlers {
  request(request: BrowserRequest): void;
  response(response: BrowserResponse): void;
  failed(request: BrowserRequest): void;
}

export interface PageTap {
  /** The watches running now. */
  readonly watches: Set<NetworkHandlers>;
  /** How many times the main frame has navigated since the tap began. */
  readonly navigations: number;
  /**
   * The HTTP status of a failed request's answer, where the browser received one and then failed
   * the request itself (an answer without CORS headers): neither library's events carry it, the
   * browser's protocol does (Chromium). Undefined where there was none or it cannot be known.
   */
  statusOfFailed(url: string, method: string): Promise<number | undefined>;
}

/** A DevTools protocol session, as both libraries hand one out (Chromium only). */
interface ProtocolSession {
  send(method: string, params?: object): Promise<unknown>;
  // biome-ignore lint/suspicious/noExplicitAny: both libraries' event signatures must fit.
  on(event: string, handler: (value: any) => void): unknown;
}

/** How long a failed request's status may take to arrive on the protocol session, after the library said it failed. */
const STATUS_WAIT_MS = 1_000;
/** Failed requests' statuses kept per page (the newest). */
const STATUS_KEPT = 50;

/**
 * Listens on a protocol session of its own for the status line of every answer and which requests
 * then failed: Playwright (`context().newCDPSession(page)`) and Puppeteer (`createCDPSession()`)
 * on Chromium. Elsewhere (Firefox) it answers undefined at once.
 */
function failedStatuses(page: BrowserPage): (url: string, method: string) => Promise<number | undefined> {
  const pageApi = page as unknown as { context?: () => { newCDPSession?: (p: unknown) => Promise<ProtocolSession> }; createCDPSession?: () => Promise<ProtocolSession> };
  let opened: Promise<ProtocolSession> | undefined;
  try {
    const context = pageApi.context?.();
    opened = context?.newCDPSession ? context.newCDPSession(page) : pageApi.createCDPSession?.();
  } catch {
    opened = undefined;
  }
  if (!opened) return async () => undefined;
  const requests = new Map<string, { key: string; status?: number }>();
  /** `METHOD url` -> the status of its answer, for requests that failed after one arrived. */
  const failed = new Map<string, number>();
  const waiting = new Map<string, Set<(status: number) => void>>();
  let live = false;
  const ready = opened.then(
    async (session) => {
      session.on('Network.requestWillBeSent', (e: { requestId: string; request: { url: string; method: string } }) => {
        requests.set(e.requestId, { key: `${e.request.method} ${e.request.url}` });
        // Bounded: requests that never end are forgotten oldest first.
        if (requests.size > 500) requests.delete(requests.keys().next().value as string);
      });
      session.on('Network.responseReceivedExtraInfo', (e: { requestId: string; statusCode: number }) => {
        const known = requests.get(e.requestId);
        if (known) known.status = e.statusCode;
      });
      session.on('Network.loadingFinished', (e: { requestId: string }) => requests.delete(e.requestId));
      session.on('Network.loadingFailed', (e: { requestId: string }) => {
        const known = requests.get(e.requestId);
        requests.delete(e.requestId);
        if (known?.status === undefined) return;
        failed.set(known.key, known.status);
        if (failed.size > STATUS_KEPT) failed.delete(failed.keys().next().value as string);
        for (const wake of waiting.get(known.key) ?? []) wake(known.status);
      });
      await session.send('Network.enable');
      live = true;
    },
    () => undefined,
  ).catch(() => undefined);
  return async (url, method) => {
    await ready;
    if (!live) return undefined;
    const key = `${method} ${url}`;
    const known = failed.get(key);
    if (known !== undefined) return known;
    // The library may say a request failed before the protocol session has told why.
    return new Promise<number | undefined>((resolve) => {
      const wake = (status: number | undefined) => {
        clearTimeout(timer);
        waiting.get(key)?.delete(wake);
        resolve(status);
      };
      const timer = setTimeout(() => wake(undefined), STATUS_WAIT_MS);
      waiting.set(key, (waiting.get(key) ?? new Set()).add(wake));
    });
  };
}

/** A frame as both libraries hand it to `framenavigated`: the main frame has no parent. */
interface NavigatedFrame {
  parentFrame?(): unknown;
}

const taps = new WeakMap<object, PageTap>();

export function tapOf(page: BrowserPage): PageTap {
  const existing = taps.get(page);
  if (existing) return existing;
  const watches = new Set<NetworkHandlers>();
  const tap = { watches, navigations: 0, statusOfFailed: failedStatuses(page) };
  // Each handler alone: one watch's failure never keeps the others from hearing.
  const each =
    <K extends keyof NetworkHandlers>(name: K) =>
    (value: Parameters<NetworkHandlers[K]>[0]) => {
      for (const watch of [...watches]) {
        try {
          (watch[name] as (v: typeof value) => void)(value);
        } catch {
          // A request the library can no longer describe (its page closed): nothing to note.
        }
      }
    };
  page.on('request', each('request'));
  page.on('response', each('response'));
  page.on('requestfailed', each('failed'));
  page.on('framenavigated', (frame: NavigatedFrame | undefined) => {
    if (!frame?.parentFrame?.()) tap.navigations += 1;
  });
  taps.set(page, tap);
  return tap;
}

/** Stable ids for request objects (the libraries hand the same object to every event). */
const ids = new WeakMap<object, string>();
let nextId = 0;
export const idOf = (request: object) => {
  let id = ids.get(request);
  if (!id) {
    nextId += 1;
    id = String(nextId);
    ids.set(request, id);
  }
  return id;
};
