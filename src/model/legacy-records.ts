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
 * - The extension's settings held Kustomer's Fetch secret address as `kustomerApiUrl`; today
 *   it is that feature's setting `apiUrl`, under the vendor.
 */

/** The vendor of an environment record that names none. */
export const LEGACY_VENDOR = 'kustomer';

/** The vendor a record names, or the one records were for before they named one. */
export const vendorOfRecord = (vendor: unknown): unknown => (vendor === undefined ? LEGACY_VENDOR : vendor);

/**
 * The settings a stored or exported environment held at its top level, as [key, value], values
 * as found (the caller checks them) but for the org name, which the old reader kept in lower
 * case (a subdomain: comparing was plain equality).
 */
export function legacySettingsOf(record: Record<string, unknown>): [string, unknown][] {
  return ['orgName', 'keyId', 'appId'].filter((key) => record[key] !== undefined).map((key) => [key, key === 'orgName' && typeof record[key] === 'string' ? record[key].toLowerCase() : record[key]]);
}

/** Settings held Fetch secret's address as `kustomerApiUrl`; today it is under the vendor's feature settings. */
export function legacyFeatureSettingsOf(settings: Record<string, unknown>): Record<string, Record<string, unknown>> {
  return settings.kustomerApiUrl === undefined ? {} : { kustomer: { apiUrl: settings.kustomerApiUrl } };
}

/** Integration check reports from before they named their vendor: Kustomer's, whose account is an org. */
export const LEGACY_CHECK = { vendor: 'Kustomer', account: 'org' } as const;
