import browser from 'webextension-polyfill';
import {
  answered,
  type BodyDetails,
  type HeaderList,
  inBody,
  inHeaders,
  inUrl,
  placeOf,
  signatureOf,
  WIRE_LIMITS,
  type WireExchange,
  type WireReport,
} from '../model/wire';

/**
 * Watches (never blocks, never changes) the requests of the tab under test while a command
 * runs, through non-blocking webRequest: the browser reports a request only where the
 * extension has host access to both the page and the request's host. No body is kept.
 */
export interface WireWatch {
  /** False where the browser gives no way to watch requests (no webRequest): nothing will be seen. */
  readonly watched: boolean;
  /** The token-carrying requests seen so far. */
  exchanges(): WireExchange[];
  /** Resolves when a token-carrying request is answered (or failed); never rejects. */
  answered: Promise<WireExchange>;
  /**
   * Resolves once no token-carrying request is waiting for its answer and, when `needAnswer`,
   * one was answered; or at `until` (Unix ms), or on `signal`. Waits for states, not times.
   */
  settled(until: number, needAnswer: boolean, signal?: AbortSignal): Promise<void>;
  /** What to put in the outcome. */
  report(): Promise<WireReport>;
  stop(): void;
}

/** The vendor's API hosts (match patterns) the report names when the extension cannot see them. */
export interface WatchOptions {
  tabId: number;
  token: string;
  apiHosts: readonly string[];
}

type Details = { requestId: string; tabId: number; url: string; method: string; timeStamp: number };

export function watchWire({ tabId, token, apiHosts }: WatchOptions): WireWatch {
  const signature = signatureOf(token);
  const byId = new Map<string, WireExchange>();
  const list: WireExchange[] = [];
  const waiters = new Set<() => void>();
  let resolveAnswered: (e: WireExchange) => void = () => {};
  const answeredPromise = new Promise<WireExchange>((resolve) => {
    resolveAnswered = resolve;
  });
  const changed = () => {
    for (const wake of [...waiters]) wake();
  };

  const note = (d: Details, carried: WireExchange['carried']) => {
    if (d.tabId !== tabId || byId.has(d.requestId) || list.length >= WIRE_LIMITS.exchanges) return;
    const exchange: WireExchange = { method: d.method.slice(0, 10), ...placeOf(d.url, signature), carried, at: Math.round(d.timeStamp) };
    byId.set(d.requestId, exchange);
    list.push(exchange);
    changed();
  };
  const finish = (d: Details & { statusCode?: number; error?: string }) => {
    const exchange = byId.get(d.requestId);
    if (!exchange || answered(exchange)) return;
    if (d.statusCode !== undefined) exchange.status = d.statusCode;
    else exchange.failed = (d.error ?? 'failed').slice(0, WIRE_LIMITS.error);
    exchange.ms = Math.max(0, Math.round(d.timeStamp - exchange.at));
    resolveAnswered(exchange);
    changed();
  };

  const onBeforeRequest = (d: Details & { requestBody?: BodyDetails | null }) => {
    if (inUrl(d.url, signature)) note(d, 'url');
    else if (inBody(d.requestBody ?? undefined, signature)) note(d, 'body');
  };
  const onBeforeSendHeaders = (d: Details & { requestHeaders?: HeaderList }) => {
    if (!byId.has(d.requestId) && inHeaders(d.requestHeaders, signature)) note(d, 'header');
  };
  const onCompleted = (d: Details & { statusCode: number }) => finish(d);
  const onErrorOccurred = (d: Details & { error: string }) => finish({ ...d, statusCode: undefined });

  const handlers: Handlers = { onBeforeRequest, onBeforeSendHeaders, onCompleted, onErrorOccurred };
  const tap = tapFor(tabId);
  tap?.active.add(handlers);
  const watched = tap !== undefined;

  return {
    watched,
    exchanges: () => list.map((e) => ({ ...e })),
    answered: answeredPromise,
    settled(until, needAnswer, signal) {
      if (!watched) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
          signal?.removeEventListener('abort', done);
          resolve();
        };
        const check = () => {
          const waiting = list.some((e) => !answered(e));
          if (!waiting && (!needAnswer || list.some(answered))) done();
        };
        const timer = setTimeout(done, Math.max(0, until - Date.now()));
        signal?.addEventListener('abort', done, { once: true });
        waiters.add(check);
        check();
      });
    },
    async report() {
      let hiddenHosts: string[] = [];
      // Which hosts it cannot see matters only when nothing was seen: no permission round trip otherwise.
      if (list.length > 0) return { exchanges: list.map((e) => ({ ...e })), watched, hiddenHosts };
      try {
        const granted = await Promise.all(apiHosts.map((origin) => browser.permissions.contains({ origins: [origin] })));
        hiddenHosts = apiHosts.filter((_, i) => !granted[i]);
      } catch {
        hiddenHosts = [...apiHosts];
      }
      return { exchanges: list.map((e) => ({ ...e })), watched, hiddenHosts };
    },
    stop() {
      tap?.active.delete(handlers);
      for (const wake of [...waiters]) wake();
    },
  };
}

interface Handlers {
  onBeforeRequest(d: Details & { requestBody?: BodyDetails | null }): void;
  onBeforeSendHeaders(d: Details & { requestHeaders?: HeaderList }): void;
  onCompleted(d: Details & { statusCode: number }): void;
  onErrorOccurred(d: Details & { error: string }): void;
}

/**
 * One set of webRequest listeners per tab, registered on the first login and kept while this
 * page lives: registering and removing listeners costs the browser a round trip each, which a
 * login should not pay every time. Each watch adds its handlers while it runs.
 */
const taps = new Map<number, { active: Set<Handlers> }>();

function tapFor(tabId: number): { active: Set<Handlers> } | undefined {
  const existing = taps.get(tabId);
  if (existing) return existing;
  const api = browser.webRequest;
  if (!api) return undefined;
  const tap = { active: new Set<Handlers>() };
  const each =
    <K extends keyof Handlers>(name: K) =>
    (d: Parameters<Handlers[K]>[0]) => {
      for (const h of tap.active) (h[name] as (x: typeof d) => void)(d);
    };
  // Widgets send tokens with fetch / XHR, beacons or a socket's handshake: documents, scripts,
  // styles and images are not watched.
  const filter = { urls: ['<all_urls>'], tabId, types: ['xmlhttprequest', 'ping', 'websocket', 'other'] as never };
  try {
    api.onBeforeRequest.addListener(each('onBeforeRequest') as never, filter, ['requestBody']);
    api.onBeforeSendHeaders.addListener(each('onBeforeSendHeaders') as never, filter, ['requestHeaders']);
    api.onCompleted.addListener(each('onCompleted') as never, filter);
    api.onErrorOccurred.addListener(each('onErrorOccurred') as never, filter);
  } catch {
    return undefined;
  }
  taps.set(tabId, tap);
  return tap;
}

/**
 * Waits until the requests the tab starts from now on have all been answered, with at least one
 * that changes something (not GET, HEAD or OPTIONS) among them: a widget's logout that takes no
 * callback (Zendesk's logoutUser) has taken effect when the request it sends is answered; the
 * page's own reads meanwhile do not count. Bounded by `until`; says whether it saw that happen.
 */
export function watchTraffic(tabId: number): { quiet(until: number, signal?: AbortSignal): Promise<boolean>; stop(): void } {
  const open = new Set<string>();
  const writes = new Set<string>();
  let written = 0;
  const waiters = new Set<() => void>();
  const api = browser.webRequest;
  const filter = { urls: ['<all_urls>'], tabId };
  const onBeforeRequest = (d: Details) => {
    if (d.tabId !== tabId) return;
    open.add(d.requestId);
    if (!['GET', 'HEAD', 'OPTIONS'].includes(d.method)) writes.add(d.requestId);
  };
  const onEnd = (d: Details) => {
    if (!open.delete(d.requestId)) return;
    if (writes.delete(d.requestId)) written += 1;
    for (const wake of [...waiters]) wake();
  };
  try {
    api?.onBeforeRequest.addListener(onBeforeRequest as never, filter);
    api?.onCompleted.addListener(onEnd as never, filter);
    api?.onErrorOccurred.addListener(onEnd as never, filter);
  } catch {
    // No webRequest: quiet() waits out its bound and says it saw nothing.
  }
  const stop = () => {
    api?.onBeforeRequest.removeListener(onBeforeRequest as never);
    api?.onCompleted.removeListener(onEnd as never);
    api?.onErrorOccurred.removeListener(onEnd as never);
  };
  return {
    stop,
    quiet: (until, signal) =>
      new Promise<boolean>((resolve) => {
        const finish = (seen: boolean) => {
          clearTimeout(timer);
          waiters.delete(check);
          signal?.removeEventListener('abort', aborted);
          resolve(seen);
        };
        const check = () => {
          if (written > 0 && open.size === 0) finish(true);
        };
        const aborted = () => finish(false);
        const timer = setTimeout(() => finish(false), Math.max(0, until - Date.now()));
        signal?.addEventListener('abort', aborted, { once: true });
        waiters.add(check);
        check();
      }),
  };
}
