import browser from 'webextension-polyfill';

/**
 * Tokens a site's own code passed to the widget's login, per tab, in `storage.session` (memory
 * only) and removed when the tab closes: never sent anywhere, never kept longer. Each belongs
 * to the page's origin and the environment it was judged for, like remembered logins: a tab
 * that moves to another site or environment never has them listed or used there.
 */
export interface SeenToken {
  token: string;
  /** Unix milliseconds. */
  at: number;
  url: string;
  /** The origin of the page that announced it (from the browser, not the page). */
  origin: string;
  /** The environment whose site it was seen on, if any covered it. */
  environmentId?: string;
  /** Who the token names ("externalId cust-1"), worked out when it was seen. */
  who?: string;
  /** The token's worst finding, worked out when it was seen. */
  worst?: { severity: 'error' | 'warning' | 'info'; message: string };
}

export const MAX_SEEN = 20;
/** What one tab's list may hold in all, so a page cannot fill the extension's memory. */
export const MAX_SEEN_BYTES = 64 * 1024;
/** The storage.session key of a tab's seen tokens (the popup listens for changes to it). */
export { seenKey } from './storage-keys';
import { seenKey } from './storage-keys';
const key = seenKey;

/** A stored list of seen tokens, as far as it is usable (entries without an origin are not). */
export function readSeen(value: unknown): SeenToken[] {
  return Array.isArray(value)
    ? (value as SeenToken[]).filter((s) => s && typeof s === 'object' && typeof s.token === 'string' && typeof s.at === 'number' && typeof s.origin === 'string')
    : [];
}

/** Where a list is read for: the page's origin and the environment that covers it. */
export interface SeenScope {
  origin: string | undefined;
  environmentId: string | undefined;
}

/** The tokens seen on this tab's current site and environment only. */
export function seenWithin(list: SeenToken[], scope: SeenScope): SeenToken[] {
  if (scope.origin === undefined || scope.environmentId === undefined) return [];
  return list.filter((s) => s.origin === scope.origin && s.environmentId === scope.environmentId);
}

export async function seenOn(tabId: number, scope: SeenScope): Promise<SeenToken[]> {
  try {
    const { [key(tabId)]: value } = await browser.storage.session.get(key(tabId));
    return seenWithin(readSeen(value), scope);
  } catch {
    return [];
  }
}

async function allSeenOn(tabId: number): Promise<SeenToken[]> {
  try {
    const { [key(tabId)]: value } = await browser.storage.session.get(key(tabId));
    return readSeen(value);
  } catch {
    return [];
  }
}

/** One write at a time per tab: concurrent read-modify-writes would lose entries. */
const queues = new Map<number, Promise<void>>();

/** Adds a token to the tab's list (newest first), once, within MAX_SEEN and MAX_SEEN_BYTES. */
export function addSeen(tabId: number, seen: SeenToken): Promise<void> {
  const previous = queues.get(tabId) ?? Promise.resolve();
  const next = previous.then(async () => {
    const list = (await allSeenOn(tabId)).filter((s) => s.token !== seen.token);
    const kept: SeenToken[] = [];
    let bytes = 0;
    for (const entry of [seen, ...list].slice(0, MAX_SEEN)) {
      bytes += JSON.stringify(entry).length;
      if (bytes > MAX_SEEN_BYTES) break;
      kept.push(entry);
    }
    await browser.storage.session.set({ [key(tabId)]: kept });
  });
  const settled = next.catch(() => undefined);
  queues.set(tabId, settled);
  void settled.then(() => {
    if (queues.get(tabId) === settled) queues.delete(tabId);
  });
  return next;
}

export async function forgetSeen(tabId: number): Promise<void> {
  await browser.storage.session.remove(key(tabId));
}
