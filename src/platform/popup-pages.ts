import type { VendorId } from '../model/vendor-ids';

/**
 * The popup is prerendered once per vendor (vite.config.ts), each page with that vendor's
 * fields, so its first paint is already the right one: the service worker points each tab's
 * toolbar button at the page for the vendor of the environment covering the tab
 * (action.setPopup). Kustomer's is the manifest's default popup.
 */
export const POPUP_PAGES: Record<VendorId, string> = {
  kustomer: 'src/popup/index.html',
  zendesk: 'src/popup/zendesk.html',
  intercom: 'src/popup/intercom.html',
};
