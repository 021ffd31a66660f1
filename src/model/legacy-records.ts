/**
 * Records as earlier versions wrote them (stored in browser.storage, or in export files a tester
 * keeps), read into today's shape. Besides src/vendors/list.ts this is the one shared module
 * that names vendors and their settings: the old records do, so reading them has to.
 *
 * - Before chat vendors (schema 3 and older, and files exported then), every environment was
 *   Kustomer's: a record without a vendor is.
 * - Before settings were data, an environment held its vendor's one setting at its top level:
 *   `orgName` (Kustomer), `keyId` (Zendesk Messaging), `appId` (Intercom). Today they are under
 *   `settings`, by the same keys.
 */

/** The vendor of an environment record that names none. */
export const LEGACY_VENDOR = 'kustomer';

/** The settings environment records held at their top level, and how they were read then. */
const LEGACY_SETTINGS: Record<string, (text: string) => string> = {
  // Org names are subdomains: the old reader kept them in one case, so comparing was plain equality.
  orgName: (text) => text.toLowerCase(),
  keyId: (text) => text,
  appId: (text) => text,
};

/** The vendor a record names, or the one records were for before they named one. */
export function vendorOfRecord(vendor: unknown): unknown {
  return vendor === undefined ? LEGACY_VENDOR : vendor;
}

/**
 * The settings a stored or exported environment held at its top level, as [key, value] (values
 * as found: the caller checks them), in the order they were written.
 */
export function legacySettingsOf(record: Record<string, unknown>): [string, unknown][] {
  return Object.keys(LEGACY_SETTINGS)
    .filter((key) => record[key] !== undefined)
    .map((key) => [key, record[key]]);
}

/** A top-level setting's text as the old reader kept it (trimmed and normalised before). */
export function legacySettingText(key: string, text: string): string {
  return LEGACY_SETTINGS[key]?.(text) ?? text;
}
