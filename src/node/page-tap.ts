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
  const tap = { watches, navigations: 0 };
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
