/**
 * The chat vendors: one line each. Adding a vendor is its folder beside this file and its line
 * here; nothing else in the shared code names a vendor (test/unit/vendor-names.test.ts).
 * Everything that lists vendors comes from here: the registry (vendors/registry), the ids and
 * names, the service worker's vendors (vendors/all), the login observers (background/observer,
 * each folder's observer.iife.ts), the popup's pages (one per vendor) and the build's chunks.
 *
 * The first vendor is the default (a new environment's, the popup's on a page no environment
 * covers): its profile is in memory, part of the popup's first paint; the others' load on demand.
 */
import type { ChatVendor, VendorId, VendorProfile } from '../model/vendor';
import { kustomer } from './kustomer/profile';

export interface VendorEntry {
  /** Its folder's name under src/vendors/, and what environments store. */
  id: VendorId;
  /** For sentences about a vendor whose profile is not loaded ("This page has …"): its profile's name. */
  name: string;
  /** Its light profile (names, fields, settings, claim rules): in memory, or loaded on demand. */
  profile: VendorProfile | (() => Promise<VendorProfile>);
  /** The rest (token header, page command, token rules, server code), loaded on demand. */
  load: () => Promise<ChatVendor>;
}

export const VENDORS: readonly VendorEntry[] = [
  { id: 'kustomer', name: 'Kustomer', profile: kustomer, load: () => import('./kustomer/index').then((m) => m.default) },
  { id: 'zendesk', name: 'Zendesk Messaging', profile: () => import('./zendesk/profile').then((m) => m.zendesk), load: () => import('./zendesk/index').then((m) => m.default) },
  { id: 'intercom', name: 'Intercom', profile: () => import('./intercom/profile').then((m) => m.intercom), load: () => import('./intercom/index').then((m) => m.default) },
  { id: 'chatwoot', name: 'Chatwoot', profile: () => import('./chatwoot/profile').then((m) => m.chatwoot), load: () => import('./chatwoot/index').then((m) => m.default) },
  { id: 'front', name: 'Front Chat', profile: () => import('./front/profile').then((m) => m.front), load: () => import('./front/index').then((m) => m.default) },
  { id: 'helpscout', name: 'Help Scout Beacon', profile: () => import('./helpscout/profile').then((m) => m.helpscout), load: () => import('./helpscout/index').then((m) => m.default) },
  { id: 'sunshine', name: 'Sunshine Conversations', profile: () => import('./sunshine/profile').then((m) => m.sunshine), load: () => import('./sunshine/index').then((m) => m.default) },
];

/** Every vendor's id, in the list's order (the options form's). */
export const VENDOR_IDS: readonly VendorId[] = VENDORS.map((v) => v.id);

/** The vendor of a new environment, and of the popup on a page no environment covers. */
export const DEFAULT_VENDOR: VendorId = VENDOR_IDS[0] as VendorId;

export const isVendorId = (value: unknown): value is VendorId => typeof value === 'string' && VENDOR_IDS.includes(value);

/** A vendor's name, for sentences about one whose profile is not loaded. */
export const vendorName = (id: VendorId): string => VENDORS.find((v) => v.id === id)?.name ?? id;
