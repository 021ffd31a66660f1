import browser from 'webextension-polyfill';
import { type ApiOrigins, originPatterns } from '../model/api-origin';
import { permissionOrigins } from '../sites/sites';
import type { TrafficWatch, WireWatch } from '../model/chat-page';
import { type BodyDetails, type CredentialRequest, type HeaderList, inBody, inHeaders, inUrl, isCredentialRequest, type WireExchange } from '../model/wire';
import { createWireLog } from '../model/wire-log';
import { createTrafficLog } from '../model/traffic-log';

/**
 * Watches (never blocks, never changes) the requests of the tab under test while a command
 * runs, through non-blocking webRequest: the browser reports a request only where the
 * extension has host access to both the page and the request's host. No body is kept. The
 * bookkeeping is model/wire-log's, shared with the Node package.
 */
export type { WireWatch } from '../model/chat-page';

export interface WatchOptions {
  tabId: number;
  token: string;
  /** Whose answers are the vendor's; their hosts are named when the extension cannot see them. */
  origins: ApiOrigins;
  /** The vendor's credential request, counted when the browser hides its body (model/wire). */
  request?: CredentialRequest;
}

type Details = { requestId: string; tabId: number; url: string; method: string; timeStamp: number };

export function watchWire({ tabId, token, origins, request }: WatchOptions): WireWatch {
  const tap = tapFor(tabId);
  const apiHosts = [...origins.known, ...permissionOrigins(originPatterns(origins.listed))];
  const log = createWireLog(token, {
    watched: tap !== undefined,
    origins,
    hiddenHosts: async () => {
      try {
        const granted = await Promise.all(apiHosts.map((origin) => browser.permissions.contains({ origins: [origin] })));
        return apiHosts.filter((_, i) => !granted[i]);
      } catch {
        return [...apiHosts];
      }
    },
    onStop: () => tap?.active.delete(handlers),
  });
  const { signature } = log;
  const note = (d: Details, carried: WireExchange['carried']) => {
    if (d.tabId === tabId) log.note(d, carried);
  };
  const finish = (d: Details & { statusCode?: number; error?: string }) => log.finish(d.requestId, d);

  const onBeforeRequest = (d: Details & { requestBody?: BodyDetails | null }) => {
    if (inUrl(d.url, signature)) note(d, 'url');
    else if (inBody(d.requestBody ?? undefined, signature)) note(d, 'body');
    // Chromium shows no body of a PATCH: the vendor's credential request is known by its method and path.
    else if (!d.requestBody && isCredentialRequest(d.method, d.url, request)) note(d, 'body');
  };
  const onBeforeSendHeaders = (d: Details & { requestHeaders?: HeaderList }) => {
    if (!log.has(d.requestId) && inHeaders(d.requestHeaders, signature)) note(d, 'header');
  };
  // Before the browser's own checks: an answer without CORS headers is an error by onErrorOccurred.
  const onHeadersReceived = (d: Details & { statusCode: number }) => log.heard(d.requestId, d.statusCode);
  const onCompleted = (d: Details & { statusCode: number }) => finish(d);
  const onErrorOccurred = (d: Details & { error: string }) => finish({ ...d, statusCode: undefined });

  const handlers: Handlers = { onBeforeRequest, onBeforeSendHeaders, onHeadersReceived, onCompleted, onErrorOccurred };
  tap?.active.add(handlers);
  return log.watch;
}

interface Handlers {
  onBeforeRequest(d: Details & { requestBody?: BodyDetails | null }): void;
  onBeforeSendHeaders(d: Details & { requestHeaders?: HeaderList }): void;
  onHeadersReceived(d: Details & { statusCode: number }): void;
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
  // Chromium tells the headers of an answer its CORS check then fails (the page sees a network
  // error) only to a listener with extraHeaders; Firefox has no such option and tells them anyway.
  try {
    api.onHeadersReceived.addListener(each('onHeadersReceived') as never, filter, ['extraHeaders'] as never);
  } catch {
    try {
      api.onHeadersReceived.addListener(each('onHeadersReceived') as never, filter);
    } catch {
      // Without it, such an answer is the network error the page saw.
    }
  }
  taps.set(tabId, tap);
  return tap;
}

/**
 * Waits until the requests the tab starts from now on have all been answered, with at least one
 * that changes something (not GET, HEAD or OPTIONS) among them: a widget's logout that takes no
 * callback (a widget whose logout takes none) has taken effect when the request it sends is answered; the
 * page's own reads meanwhile do not count. Bounded by `until`; says whether it saw that happen.
 */
export function watchTraffic(tabId: number): TrafficWatch {
  const log = createTrafficLog();
  const api = browser.webRequest;
  const filter = { urls: ['<all_urls>'], tabId };
  const onBeforeRequest = (d: Details) => {
    if (d.tabId === tabId) log.started(d.requestId, d.method);
  };
  const onEnd = (d: Details) => log.ended(d.requestId);
  try {
    api?.onBeforeRequest.addListener(onBeforeRequest as never, filter);
    api?.onCompleted.addListener(onEnd as never, filter);
    api?.onErrorOccurred.addListener(onEnd as never, filter);
  } catch {
    // No webRequest: quiet() waits out its bound and says it saw nothing.
  }
  return {
    quiet: log.quiet,
    stop() {
      api?.onBeforeRequest.removeListener(onBeforeRequest as never);
      api?.onCompleted.removeListener(onEnd as never);
      api?.onErrorOccurred.removeListener(onEnd as never);
    },
  };
}
