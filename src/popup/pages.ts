import type { VendorId } from '../model/vendor-ids';
import { DEFAULT_VENDOR } from '../vendors/registry';

/**
 * The popup is prerendered once per vendor and per number of saved identities in view
 * (vite.config.ts): each page has that vendor's fields and room for those rows, so its first
 * paint is already the final layout, with no script before it. The service worker points each
 * tab's toolbar button at the page for the environment covering the tab (action.setPopup).
 * The default vendor's with no identities is the manifest's default popup.
 */

/** Rows the pages make room for: 5 stands for five or more (3.5 two-line rows in view, the half says there are more). */
export const POPUP_ROWS = [0, 1, 2, 3, 4, 5] as const;

export function popupPage(vendor: VendorId, identities = 0): string {
  const rows = Math.min(Math.max(0, Math.floor(identities)), 5);
  return vendor === DEFAULT_VENDOR && rows === 0 ? 'src/popup/index.html' : `src/popup/${vendor}-${rows}.html`;
}

/** The rows in view for a page's identity count (the CSS variable --rows). */
export const rowsInView = (identities: number) => Math.min(identities, 3.5);
