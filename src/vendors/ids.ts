import type { VendorId } from './vendor';

/** Every vendor's id, in the order the options form lists them. */
export const VENDOR_IDS: readonly VendorId[] = ['kustomer', 'zendesk', 'intercom'];

export const isVendorId = (value: unknown): value is VendorId => typeof value === 'string' && (VENDOR_IDS as readonly string[]).includes(value);
