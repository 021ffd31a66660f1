/**
 * The bookkeeping of a wire watch, whoever reports the requests: the extension's webRequest
 * events (page-bridge/wire-watch) or Playwright's request/response events (node/). It keeps
 * the token-carrying requests (never a body, never the signature) and answers the waits of
 * WireWatch. Timers here are this process's own, never the page's.
 */
import { API_ORIGIN_LIMITS, type ApiOrigins, httpOrigin, sourceOf } from './api-origin';
import type { WireWatch } from './chat-page';
import { answered, fromServer, placeOf, signatureOf, WIRE_LIMITS, type WireExchange, type WireReport } from './wire';

/** A request as a watcher reports it. */
export interface SeenRequest {
  requestId: string;
  url: string;
  method: string;
  /** Unix ms. */
  timeStamp: number;
}

export interface WireLog {
  /** The token's signature, to look for in URLs, headers and bodies. */
  readonly signature: string;
  has(requestId: string): boolean;
  /** A request that carried the token. */
  note(request: SeenRequest, carried: WireExchange['carried']): void;
  /**
   * The status line of its answer, as the browser received it: kept for a request that then
   * fails (an answer without CORS headers reaches the page as a network error, yet the server
   * answered, and its status is its decision).
   */
  heard(requestId: string, statusCode: number): void;
  /** Its answer: an HTTP status, or the network error; `serviceWorker` when a service worker of the page gave it. */
  finish(requestId: string, answer: { statusCode?: number; error?: string; timeStamp: number; serviceWorker?: boolean }): void;
  watch: WireWatch;
}

export interface WireLogOptions {
  watched: boolean;
  /** Whose answers are the vendor's (model/api-origin); every other host's are listed apart. */
  origins: ApiOrigins;
  /** The vendor's API hosts that cannot be seen: asked only when nothing was seen. */
  hiddenHosts: () => Promise<string[]>;
  onStop?: () => void;
}

export function createWireLog(token: string, options: WireLogOptions): WireLog {
  const signature = signatureOf(token);
  const byId = new Map<string, WireExchange>();
  /** Status lines heard for token-carrying requests not yet finished. */
  const statusLines = new Map<string, number>();
  /** To the vendor's origins: the evidence. */
  const list: WireExchange[] = [];
  /** To any other host, with its origin (a page-named origin may still claim it). */
  const elsewhere: { exchange: WireExchange; origin: string }[] = [];
  /** Origins the page's widget configuration names (trust()). */
  const named = new Set<string>();
  const waiters = new Set<() => void>();
  let resolveAnswered: (e: WireExchange) => void = () => {};
  const answeredPromise = new Promise<WireExchange>((resolve) => {
    resolveAnswered = resolve;
  });
  const changed = () => {
    for (const wake of [...waiters]) wake();
  };
  const copy = () => list.map((e) => ({ ...e }));
  const watched = options.watched;
  const heard = (exchange: WireExchange) => {
    if (fromServer(exchange) && answered(exchange)) resolveAnswered(exchange);
  };

  const watch: WireWatch = {
    watched,
    exchanges: copy,
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
    trust(origins) {
      for (const origin of origins.slice(0, API_ORIGIN_LIMITS.named)) named.add(origin);
      for (let i = 0; i < elsewhere.length; ) {
        const entry = elsewhere[i];
        if (entry && named.has(entry.origin) && list.length < WIRE_LIMITS.exchanges) {
          elsewhere.splice(i, 1);
          entry.exchange.source = 'page';
          list.push(entry.exchange);
          heard(entry.exchange);
        } else i += 1;
      }
      list.sort((a, b) => a.at - b.at);
      changed();
    },
    async report(): Promise<WireReport> {
      const others = elsewhere.map((e) => ({ ...e.exchange }));
      // Which hosts cannot be seen matters only when nothing was seen.
      if (list.length > 0) return { exchanges: copy(), elsewhere: others, watched, hiddenHosts: [] };
      let hiddenHosts: string[];
      try {
        hiddenHosts = await options.hiddenHosts();
      } catch {
        hiddenHosts = [];
      }
      return { exchanges: copy(), elsewhere: others, watched, hiddenHosts };
    },
    stop() {
      options.onStop?.();
      changed();
    },
  };

  return {
    signature,
    has: (id) => byId.has(id),
    note(request, carried) {
      if (byId.has(request.requestId)) return;
      const exchange: WireExchange = { method: request.method.slice(0, 10), ...placeOf(request.url, signature), carried, at: Math.round(request.timeStamp) };
      const source = sourceOf(request.url, options.origins, named);
      if (source) {
        if (list.length >= WIRE_LIMITS.exchanges) return;
        exchange.source = source;
        list.push(exchange);
      } else {
        // Each host gets a few places, so one chatty host cannot hide another.
        const origin = httpOrigin(request.url) ?? exchange.host;
        if (elsewhere.length >= WIRE_LIMITS.elsewhere || elsewhere.filter((e) => e.origin === origin).length >= WIRE_LIMITS.elsewherePerHost) return;
        elsewhere.push({ exchange, origin });
      }
      byId.set(request.requestId, exchange);
      changed();
    },
    heard(requestId, statusCode) {
      const exchange = byId.get(requestId);
      if (exchange && !answered(exchange)) statusLines.set(requestId, statusCode);
    },
    finish(requestId, answer) {
      const exchange = byId.get(requestId);
      if (!exchange || answered(exchange)) return;
      const statusLine = statusLines.get(requestId);
      statusLines.delete(requestId);
      if (answer.statusCode !== undefined) exchange.status = answer.statusCode;
      else {
        exchange.failed = (answer.error ?? 'failed').slice(0, WIRE_LIMITS.error);
        // The server did answer: the page only could not read it.
        if (statusLine !== undefined) exchange.status = statusLine;
      }
      if (answer.serviceWorker) exchange.serviceWorker = true;
      exchange.ms = Math.max(0, Math.round(answer.timeStamp - exchange.at));
      heard(exchange);
      changed();
    },
    watch,
  };
}
