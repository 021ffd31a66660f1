/**
 * The vendors of src/vendors/list.ts, loaded once each: the light profile (names, fields,
 * settings, claim rules: what the popup and options show) and the rest (token header, page
 * command, token rules, server code). Both load on demand, except the default vendor's
 * profile, part of the popup's first paint.
 */
import type { ChatVendor, VendorId, VendorProfile } from '../model/vendor';
import { DEFAULT_VENDOR, isVendorId as isListedId, VENDORS, type VendorEntry } from './list';

export { DEFAULT_VENDOR, VENDOR_IDS, vendorName } from './list';

const profiles: Partial<Record<VendorId, VendorProfile>> = {};
for (const entry of VENDORS) if (typeof entry.profile !== 'function') profiles[entry.id] = entry.profile;

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
/** Vendors already in memory: the service worker provides them (it cannot import() at run time). */
const provided: Partial<Record<VendorId, ChatVendor>> = {};

function entryOf(id: VendorId): VendorEntry {
  const entry = VENDORS.find((v) => v.id === id);
  if (!entry) throw new Error(`There is no chat vendor ${JSON.stringify(id)} (src/vendors/list.ts).`);
  return entry;
}

/** Loads the profiles of `ids` (every vendor by default), so profileOf answers for them. */
export async function loadProfiles(ids: readonly (VendorId | undefined)[] = VENDORS.map((v) => v.id)): Promise<void> {
  await Promise.all(
    [...new Set(ids.map((id) => id ?? DEFAULT_VENDOR))]
      .filter((id) => !profiles[id])
      .map(async (id) => {
        const { profile } = entryOf(id);
        profiles[id] = typeof profile === 'function' ? await profile() : profile;
      }),
  );
}

/** The vendor an environment is for (no environment: the default one); its profile must be loaded. */
export function profileOf(id: VendorId | undefined): VendorProfile {
  const key = id ?? DEFAULT_VENDOR;
  const profile = profiles[key] ?? provided[key];
  if (!profile) throw new Error(`The ${key} chat vendor is not loaded yet (loadProfiles).`);
  return profile;
}

export function provideVendors(vendors: ChatVendor[]): void {
  for (const vendor of vendors) {
    provided[vendor.id] = vendor;
    profiles[vendor.id] = vendor;
  }
}

export function loadVendor(id: VendorId | undefined): Promise<ChatVendor> {
  const key = id ?? DEFAULT_VENDOR;
  const ready = provided[key];
  if (ready) return Promise.resolve(ready);
  return entryOf(key)
    .load()
    .then((vendor) => {
      provideVendors([vendor]);
      return vendor;
    });
}

/**
 * The vendor, if loaded already: it is by the time the page has answered (its page command
 * came from it), so what comes after an answer can use it without waiting.
 */
export function loadedVendor(id: VendorId | undefined): ChatVendor | undefined {
  return provided[id ?? DEFAULT_VENDOR];
}
