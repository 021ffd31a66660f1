import browser from 'webextension-polyfill';
import { environmentsFor } from '../model/environment-match';
import { POPUP_PAGES } from '../platform/popup-pages';
import { store } from '../storage/extension-store';

/**
 * Keeps each tab's toolbar button pointing at the popup page prerendered for the vendor of the
 * environment covering the tab's address (Kustomer's by default), so the popup's first paint
 * shows the fields it keeps. The address is only visible for sites the extension has access to,
 * which are the ones it can log in on anyway.
 */
export async function pointPopup(tabId: number, url: string | undefined): Promise<void> {
  if (!url) return;
  const { environments } = await store.environments();
  const vendor = environmentsFor(url, environments)[0]?.environment.vendor ?? 'kustomer';
  await browser.action.setPopup({ tabId, popup: POPUP_PAGES[vendor] }).catch(() => {});
}

/** After environments change: every open tab the extension can see. */
export async function pointAllPopups(): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(tabs.map((tab) => (tab.id === undefined ? undefined : pointPopup(tab.id, tab.url))));
}
