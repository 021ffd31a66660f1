import browser from 'webextension-polyfill';
import { isVendorId, type VendorId } from '../model/vendor-ids';
import { POPUP_PAGES } from '../platform/popup-pages';

/** The vendor this popup page was prerendered for (its fields are on screen already). */
export function pageVendor(): VendorId {
  const hint = document.getElementById('app')?.dataset.vendor;
  return isVendorId(hint) ? hint : 'kustomer';
}

/**
 * Points the tab's toolbar button at the page prerendered for `vendor`, when this one was not:
 * the next popup on the tab paints the right fields at once (the service worker does the same
 * on navigation; this covers tabs it has not seen).
 */
export function rememberVendor(tabId: number, vendor: VendorId): void {
  if (vendor === pageVendor()) return;
  browser.action?.setPopup({ tabId, popup: POPUP_PAGES[vendor] }).catch(() => {});
}
