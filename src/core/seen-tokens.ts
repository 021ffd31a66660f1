import browser from 'webextension-polyfill';

/**
 * Tokens a site's own code passed to Kustomer.login, per tab, in `storage.session` (memory
 * only) and removed when the tab closes: never sent anywhere, never kept longer.
 */
export interface SeenToken {
  token: string;
  /** Unix milliseconds. */
  at: number;
  url: string;
  /** Who the token names ("externalId cust-1"), worked out when it was seen. */
  who?: string;
  /** The token's worst finding, worked out when it was seen. */
  worst?: { severity: 'error' | 'warning' | 'info'; message: string };
}

export const MAX_SEEN = 20;
/** The storage.session key of a tab's seen tokens (the popup listens for changes to it). */
export const seenKey = (tabId: number) => `seen:${tabId}`;
const key = seenKey;

export async function seenOn(tabId: number): Promise<SeenToken[]> {
  try {
    const { [key(tabId)]: value } = await browser.storage.session.get(key(tabId));
    return Array.isArray(value) ? (value as SeenToken[]) : [];
  } catch {
    return [];
  }
}

export async function addSeen(tabId: number, seen: SeenToken): Promise<void> {
  const list = await seenOn(tabId);
  await browser.storage.session.set({ [key(tabId)]: [seen, ...list].slice(0, MAX_SEEN) });
}

export async function forgetSeen(tabId: number): Promise<void> {
  await browser.storage.session.remove(key(tabId));
}
