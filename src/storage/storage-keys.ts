/**
 * The name of every key the extension stores, in one place (storage/storage-registry.ts lists
 * each with its area, type and reader). Only names here: modules import their key from this
 * file without pulling in anyone else's readers.
 */

// storage.local: kept in this browser profile, never synced.
export const SCHEMA_VERSION_KEY = 'schemaVersion';
export const ENVIRONMENTS_KEY = 'environments';
export const SETTINGS_KEY = 'settings';
export const SET_ASIDE_KEY = 'setAside';
export const LOCK_KEY = 'lock';
export const identitiesKey = (environmentId: string) => `identities:${environmentId}`;
export const checkReportsKey = (environmentId: string) => `checkReports:${environmentId}`;

// storage.session: memory only, gone when the browser closes.
export const VAULT_KEY = 'vault:key';
export const HANDOFF_KEY = 'inspector:handoff';
export const tabLoginsKey = (tabId: number) => `tab:${tabId}`;
export const seenKey = (tabId: number) => `seen:${tabId}`;
