/**
 * A chat vendor's id: the name of its folder under src/vendors/, listed in src/vendors/list.ts
 * (which says which ids there are: model/ cannot know the list, it sits below it).
 */
export type VendorId = string;

/** What a vendor id looks like (a folder's name): what a record may name before the list is asked. */
export const isVendorIdShape = (value: unknown): value is VendorId => typeof value === 'string' && /^[a-z][a-z0-9-]{0,39}$/.test(value);
