/**
 * The bookkeeping of a wire watch, whoever reports the requests: the extension's webRequest
 * events (page-bridge/wire-watch) or Playwright's request/response events (node/). It keeps
 * the token-carrying requests (never a body, never the signature) and answers the waits of
 * WireWatch. Timers here are this process's own, never the page's.
 */
import type { WireWatch } from './chat-page';
import { answered, placeOf, signatureOf, WIRE_LIMITS, type WireExchange, type WireReport } from './wire';

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
  /** Its answer: an HTTP status, or the network error. */
  finish(requestId: string, answer: { statusCode?: number; error?: string; timeStamp: number }): void;
  watch: WireWatch;
}

export interface WireLogOptions {
  watched: boolean;
  /** The vendor's API hosts that cannot be seen: asked only when nothing was seen. */
  hiddenHosts: () => Promise<string[]>;
  onStop?: () => void;
}

export function createWireLog(token: string, options: WireLogOptions): WireLog {
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
  const copy = () => list.map((e) => ({ ...e }));
  const watched = options.watched;

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
    async report(): Promise<WireReport> {
      // Which hosts cannot be seen matters only when nothing was seen.
      if (list.length > 0) return { exchanges: copy(), watched, hiddenHosts: [] };
      let hiddenHosts: string[];
      try {
        hiddenHosts = await options.hiddenHosts();
      } catch {
        hiddenHosts = [];
      }
      return { exchanges: copy(), watched, hiddenHosts };
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
      if (byId.has(request.requestId) || list.length >= WIRE_LIMITS.exchanges) return;
      const exchange: WireExchange = { method: request.method.slice(0, 10), ...placeOf(request.url, signature), carried, at: Math.round(request.timeStamp) };
      byId.set(request.requestId, exchange);
      list.push(exchange);
      changed();
    },
    finish(requestId, answer) {
      const exchange = byId.get(requestId);
      if (!exchange || answered(exchange)) return;
      if (answer.statusCode !== undefined) exchange.status = answer.statusCode;
      else exchange.failed = (answer.error ?? 'failed').slice(0, WIRE_LIMITS.error);
      exchange.ms = Math.max(0, Math.round(answer.timeStamp - exchange.at));
      resolveAnswered(exchange);
      changed();
    },
    watch,
  };
}
