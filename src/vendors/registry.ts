/**
 * The chat vendors, one line each: the light profile (part of the popup's first paint) and a
 * loader for the rest (token header, page command, token rules, server code). Adding a vendor
 * is a folder beside these, its id in ids.ts, and a line here.
 */
import { intercom } from './intercom/profile';
import { kustomer } from './kustomer/profile';
import type { ChatVendor, VendorId, VendorProfile } from './vendor';
import { zendesk } from './zendesk/profile';

interface VendorEntry {
  profile: VendorProfile;
  load: () => Promise<ChatVendor>;
}

const VENDORS: Record<VendorId, VendorEntry> = {
  kustomer: { profile: kustomer, load: () => import('./kustomer/index').then((m) => m.default) },
  zendesk: { profile: zendesk, load: () => import('./zendesk/index').then((m) => m.default) },
  intercom: { profile: intercom, load: () => import('./intercom/index').then((m) => m.default) },
};

export { VENDOR_IDS, isVendorId } from './ids';

/** The vendor an environment is for (stored environments from before vendors are Kustomer). */
export function profileOf(id: VendorId | undefined): VendorProfile {
  return VENDORS[id ?? 'kustomer'].profile;
}

export function loadVendor(id: VendorId | undefined): Promise<ChatVendor> {
  return VENDORS[id ?? 'kustomer'].load();
}

export const vendorName = (id: VendorId) => VENDORS[id].profile.name;
