import browser from 'webextension-polyfill';
import { environmentsFor } from '../model/environment-match';
import { popupPage } from '../platform/popup-pages';
import { store } from '../storage/extension-store';

/**
 * Keeps each tab's toolbar button pointing at the popup page prerendered for the environment
 * covering the tab's address: its vendor's fields and room for its saved identities (Kustomer's
 * with none by default), so the popup's first paint is its final layout. The address is only
 * visible for sites the extension has access to, which are the ones it can log in on anyway.
 */
export async function pointPopup(tabId: number, url: string | undefined): Promise<void> {
  if (!url) return;
  const { environments } = await store.environments();
  const environment = environmentsFor(url, environments)[0]?.environment;
  const count = environment ? (await store.identities(environment.id)).identities.length : 0;
  await browser.action.setPopup({ tabId, popup: popupPage(environment?.vendor ?? 'kustomer', count) }).catch(() => {});
}

/** After environments or identities change: every open tab the extension can see. */
export async function pointAllPopups(): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(tabs.map((tab) => (tab.id === undefined ? undefined : pointPopup(tab.id, tab.url))));
}
