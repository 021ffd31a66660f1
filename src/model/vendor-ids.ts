export type VendorId = 'kustomer' | 'zendesk' | 'intercom';

/** Every vendor's id, in the order the options form lists them. */
export const VENDOR_IDS: readonly VendorId[] = ['kustomer', 'zendesk', 'intercom'];

/** Each vendor's name, for sentences about a vendor whose profile is not loaded ("This page has Intercom"). */
export const VENDOR_NAMES: Record<VendorId, string> = { kustomer: 'Kustomer', zendesk: 'Zendesk Messaging', intercom: 'Intercom' };

export const isVendorId = (value: unknown): value is VendorId => typeof value === 'string' && (VENDOR_IDS as readonly string[]).includes(value);
