/**
 * The chat vendors, one line each: the light profile (names, fields, claim rules: what the
 * popup and options show) and the rest (token header, page command, token rules, server code).
 * Both load on demand, except Kustomer's profile, the default, which is part of the popup's
 * first paint. Adding a vendor is a folder beside these, its id in ids.ts, and a line here.
 */
import { kustomer } from './kustomer/profile';
import { isVendorId as isListedId, VENDOR_NAMES } from '../model/vendor-ids';
import type { ChatVendor, VendorId, VendorProfile } from '../model/vendor';

interface VendorEntry {
  profile: () => Promise<VendorProfile>;
  load: () => Promise<ChatVendor>;
}

const VENDORS: Record<VendorId, VendorEntry> = {
  kustomer: { profile: async () => kustomer, load: () => import('./kustomer/index').then((m) => m.default) },
  zendesk: { profile: () => import('./zendesk/profile').then((m) => m.zendesk), load: () => import('./zendesk/index').then((m) => m.default) },
  intercom: { profile: () => import('./intercom/profile').then((m) => m.intercom), load: () => import('./intercom/index').then((m) => m.default) },
};

export { VENDOR_IDS } from '../model/vendor-ids';

/** Vendors added at run time (registerVendor): a test's made-up vendor. */
const registered = new Set<string>();

/** A listed vendor's id, or one registered at run time. */
export const isVendorId = (value: unknown): value is VendorId => isListedId(value) || (typeof value === 'string' && registered.has(value));

/**
 * Adds a vendor at run time, with everything in its own module (a test fixture's folder): from
 * then on it is loaded, named and checked like the listed ones. Nothing shared changes for it.
 */
export function registerVendor(vendor: ChatVendor): void {
  registered.add(vendor.id);
  provideVendors([vendor]);
}

const profiles: Partial<Record<VendorId, VendorProfile>> = { kustomer };
/** Vendors already in memory: the service worker provides them (it cannot import() at run time). */
const provided: Partial<Record<VendorId, ChatVendor>> = {};

/** Loads the profiles of `ids` (every vendor by default), so profileOf answers for them. */
export async function loadProfiles(ids: readonly (VendorId | undefined)[] = Object.keys(VENDORS) as VendorId[]): Promise<void> {
  await Promise.all(
    [...new Set(ids.map((id) => id ?? 'kustomer'))]
      .filter((id) => !profiles[id])
      .map(async (id) => {
        profiles[id] = await VENDORS[id].profile();
      }),
  );
}

/** The vendor an environment is for (stored environments from before vendors are Kustomer); its profile must be loaded. */
export function profileOf(id: VendorId | undefined): VendorProfile {
  const profile = profiles[id ?? 'kustomer'] ?? provided[id ?? 'kustomer'];
  if (!profile) throw new Error(`The ${id} chat vendor is not loaded yet (loadProfiles).`);
  return profile;
}

export function provideVendors(vendors: ChatVendor[]): void {
  for (const vendor of vendors) {
    provided[vendor.id] = vendor;
    profiles[vendor.id] = vendor;
  }
}

export function loadVendor(id: VendorId | undefined): Promise<ChatVendor> {
  const key = id ?? 'kustomer';
  const ready = provided[key];
  if (ready) return Promise.resolve(ready);
  return VENDORS[key].load().then((vendor) => {
    provideVendors([vendor]);
    return vendor;
  });
}

/**
 * The vendor, if loaded already: it is by the time the page has answered (its page command
 * came from it), so what comes after an answer can use it without waiting.
 */
export function loadedVendor(id: VendorId | undefined): ChatVendor | undefined {
  return provided[id ?? 'kustomer'];
}

export const vendorName = (id: VendorId) => VENDOR_NAMES[id];
