import browser from 'webextension-polyfill';
import { environmentsFor } from '../model/environment-match';
import { popupPage } from '../popup/pages';
import type { Environment } from '../model/schema';
import { store } from '../storage/extension-store';
import { DEFAULT_VENDOR } from '../vendors/registry';

const IDENTITIES_PREFIX = 'identities:';

/**
 * Keeps each tab's toolbar button pointing at the popup page prerendered for the environment
 * covering the tab's address: its vendor's fields and room for its saved identities (the
 * default vendor's with none by default), so the popup's first paint is its final layout. The address is only
 * visible for sites the extension has access to, which are the ones it can log in on anyway.
 */
export async function pointPopup(tabId: number, url: string | undefined, known?: Environment[]): Promise<void> {
  if (!url) return;
  const environments = known ?? (await store.environments()).environments;
  const environment = environmentsFor(url, environments)[0]?.environment;
  const count = environment ? await identityCount(environment.id) : 0;
  await browser.action.setPopup({ tabId, popup: popupPage(environment?.vendor ?? DEFAULT_VENDOR, count) }).catch(() => {});
}

/** After environments or identities change: every open tab the extension can see (environments read once). */
export async function pointAllPopups(): Promise<void> {
  const [tabs, { environments }] = await Promise.all([browser.tabs.query({}), store.environments()]);
  await Promise.all(tabs.map((tab) => (tab.id === undefined ? undefined : pointPopup(tab.id, tab.url, environments))));
}

/**
 * Saved identities per environment, as far as this worker has seen: a change brings the new
 * list with it (storage.onChanged), so a login that records its result costs no read here.
 */
const counts = new Map<string, number>();

export function noteIdentityChanges(changes: Record<string, { newValue?: unknown }>): void {
  for (const [key, change] of Object.entries(changes)) {
    if (key.startsWith(IDENTITIES_PREFIX)) counts.set(key.slice(IDENTITIES_PREFIX.length), Array.isArray(change.newValue) ? change.newValue.length : 0);
  }
}

async function identityCount(environmentId: string): Promise<number> {
  const known = counts.get(environmentId);
  if (known !== undefined) return known;
  const count = (await store.identities(environmentId)).identities.length;
  counts.set(environmentId, count);
  return count;
}
