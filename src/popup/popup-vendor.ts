import type { VendorId } from '../model/vendor-ids';
import { DEFAULT_VENDOR, isVendorId } from '../vendors/registry';

/**
 * The vendor this popup page was prerendered for (its fields are on screen already): the
 * service worker points each tab's button at its environment's page (background/popup-page.ts).
 */
export function pageVendor(): VendorId {
  const hint = document.getElementById('app')?.dataset.vendor;
  return isVendorId(hint) ? hint : DEFAULT_VENDOR;
}
