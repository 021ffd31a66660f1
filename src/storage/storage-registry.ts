/**
 * Every stored key: its area, what it holds, and the function that reads it back (each reader
 * takes anything, as storage may be corrupt, and returns a usable value or says why not).
 * Nothing is stored anywhere else, and nothing goes to storage.sync. Key names are in
 * storage/storage-keys.ts; this table is for readers of the code and for the test that holds
 * every reader to "never throws".
 */
import { readReport } from '../model/check-report';
import { readLock, readIdentity, readSettings } from '../model/schema';
import { readStoredEnvironment } from './storage';
import { readSeen } from './seen-tokens';
import * as keys from './storage-keys';
import { readTabLogins } from './tab-logins';

export interface StoredKey {
  /** The key, or its pattern with <placeholders>. */
  key: string;
  area: 'local' | 'session';
  /** What it holds, in the types of model/schema and the modules named. */
  holds: string;
  read: (value: unknown) => unknown;
}

const listOf = (read: (value: unknown) => unknown) => (value: unknown) => (Array.isArray(value) ? value.map(read) : 'not a list');

export const STORED_KEYS: StoredKey[] = [
  { key: keys.SCHEMA_VERSION_KEY, area: 'local', holds: 'number: the layout version (SCHEMA_VERSION)', read: (v) => (typeof v === 'number' ? v : 1) },
  { key: keys.ENVIRONMENTS_KEY, area: 'local', holds: 'Environment[] (model/schema)', read: listOf(readStoredEnvironment) },
  { key: keys.identitiesKey('<environmentId>'), area: 'local', holds: 'Identity[] of one environment (model/schema)', read: listOf(readIdentity) },
  { key: keys.SETTINGS_KEY, area: 'local', holds: 'Settings (model/schema)', read: readSettings },
  { key: keys.SET_ASIDE_KEY, area: 'local', holds: 'SetAsideRecord[]: values that could not be read, kept for the tester', read: (v) => (Array.isArray(v) ? v : []) },
  { key: keys.LOCK_KEY, area: 'local', holds: 'LockRecord | null: the passphrase lock (storage/vault)', read: readLock },
  { key: keys.checkReportsKey('<environmentId>'), area: 'local', holds: 'CheckReport[]: the last integration check reports, within 20 and 256 KB (storage/report-budget)', read: listOf(readReport) },
  { key: keys.VAULT_KEY, area: 'session', holds: '{ key, expiresAt }: the unlocked key until the idle time ends (storage/vault)', read: (v) => (v && typeof v === 'object' ? v : undefined) },
  { key: keys.HANDOFF_KEY, area: 'session', holds: '{ id, token }: a token on its way to the inspector, read once (actions/inspector-handoff)', read: (v) => (v && typeof v === 'object' ? v : undefined) },
  { key: keys.tabLoginsKey(0).replace('0', '<tabId>'), area: 'session', holds: 'TabLogin[]: who the extension logged in on a tab (storage/tab-logins)', read: readTabLogins },
  { key: keys.seenKey(0).replace('0', '<tabId>'), area: 'session', holds: 'SeenToken[]: tokens a site sent itself (storage/seen-tokens)', read: readSeen },
];
