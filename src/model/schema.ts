/**
 * Every record the extension stores in `storage.local`, in one place. Nothing goes to
 * `storage.sync`: the secrets must not leave this browser profile.
 *
 * Keys:
 *   schemaVersion        number            version of this layout (SCHEMA_VERSION)
 *   environments         Environment[]
 *   identities:<envId>   Identity[]        one key per environment, so showing one
 *                                          environment never reads the others' identities
 *   settings             Settings
 *   setAside             SetAsideRecord[]  values that could not be read, kept for the tester
 *
 *   lock                 LockRecord | null the passphrase lock, when a tester set one
 *
 * Versions: 1 (environments, settings); 2 (adds identities:<envId>); 3 (adds an environment's
 * org name and sealed secret, and lock); 4 (adds an environment's chat vendor and its setting,
 * and an identity's name). Later additions are optional, so version 4 still reads every record:
 * an environment's apiOrigins, and its vendor settings as data (`settings`, by key), which took
 * the place of one top-level field per vendor (model/legacy-records reads those).
 *
 * Every key, with its area and reader, is listed in storage/storage-keys.ts.
 */
import { isVendorIdShape, type VendorId } from './vendor-ids';
import { legacyFeatureSettingsOf, legacySettingsOf, vendorOfRecord } from './legacy-records';
import { normaliseText } from './text';

export const SCHEMA_VERSION = 4;

/** An encrypted value as stored (storage/crypto): base64url IV and ciphertext with the GCM tag. */
export interface Sealed {
  iv: string;
  data: string;
  /** Sealed with its owner (an environment id) as AES-GCM additional data; older seals lack it. */
  bound?: true;
}

/** What is read back of an environment's settings: how many, and how long a key and a value may be. */
export const SETTING_LIMITS = { count: 20, key: 40, value: 200 } as const;

/** A setting's key: a short name (`apiKey`), never one an object already has (`__proto__`). */
export const isSettingKey = (key: string) => key.length <= SETTING_LIMITS.key && /^[A-Za-z][\w-]*$/.test(key);

/**
 * An environment's vendor settings as stored: its `settings`, over what older records held at
 * their top level (model/legacy-records). Text only, normalised and capped; anything else, and
 * empty values, are left out (as the old reader skipped a setting that was not text).
 */
export function readVendorSettings(record: Record<string, unknown>): Record<string, string> {
  const settings: Record<string, string> = {};
  const stored = isRecord(record.settings) ? Object.entries(record.settings).slice(0, SETTING_LIMITS.count) : [];
  // Later entries win: the settings over the top-level fields of older records.
  for (const [key, value] of [...legacySettingsOf(record), ...stored]) {
    const text = typeof value === 'string' && isSettingKey(key) ? normaliseText(value).slice(0, SETTING_LIMITS.value) : '';
    if (text !== '') settings[key] = text;
  }
  return settings;
}

export function isSealed(value: unknown): value is Sealed {
  return typeof value === 'object' && value !== null && typeof (value as Sealed).iv === 'string' && typeof (value as Sealed).data === 'string';
}

export interface Environment {
  id: string;
  name: string;
  /** The chat vendor of the sites (schema 4; older records are read as model/legacy-records says). */
  vendor: VendorId;
  /** Normalised match patterns, see sites/sites.ts. */
  sites: string[];
  /** The org's chat signing secret; empty until the tester adds it. */
  secret: string;
  /** List the tokens the site's own code logs in with ("Seen on this page"); on unless false. */
  observeLogins?: boolean;
  /** The vendor's settings (its profile's `settings` say which), by key; absent when none is set. */
  settings?: Record<string, string>;
  /**
   * Origins that answer for the vendor besides its known hosts (a self-hosted server, a proxy, a
   * test server such as the simulator): only these and the vendor's own hosts are evidence of a
   * login (model/api-origin). Absent when none.
   */
  apiOrigins?: string[];
  /** With a passphrase lock: the secret, encrypted; `secret` is then empty. */
  secretSealed?: Sealed;
}

/** The passphrase lock. The passphrase is never stored; `verifier` proves a derived key right. */
export interface LockRecord {
  salt: string;
  iterations: number;
  verifier: Sealed;
  /** Minutes of not signing after which the unlocked key is forgotten. */
  idleMinutes: number;
}

/** What the last login, switch or check as an identity found. */
export interface IdentityResult {
  /** Unix milliseconds. */
  at: number;
  ok: boolean;
  customerId?: string;
  conversationCount?: number;
  /** The outcome's sentence, for a failure. */
  message?: string;
}

/** A saved test customer of one environment. */
export interface Identity {
  id: string;
  /** Unique within its environment, compared without case. */
  label: string;
  /** The vendor's user id (the claim each vendor names it by: its profile's first identity field). */
  externalId: string;
  email: string;
  /** A display name (for vendors that sign one); absent when empty. */
  name?: string;
  note: string;
  /** Unix milliseconds. */
  createdAt: number;
  lastUsedAt?: number;
  lastResult?: IdentityResult;
}

export interface Settings {
  /** How long to wait for the page's SDK to load or to answer one call. */
  sdkTimeoutSeconds: number;
  /**
   * The settings of vendors' optional features (where Fetch secret asks), by vendor id, then by
   * key; absent: each feature's default (model/feature-settings).
   */
  vendors?: Record<VendorId, Record<string, string>>;
}

export const DEFAULT_SETTINGS: Settings = { sdkTimeoutSeconds: 10 };

export interface SetAsideRecord {
  key: string;
  reason: string;
  value: unknown;
  at: string;
}

export interface StoredLayout {
  schemaVersion: number;
  environments: unknown[];
  settings: Settings;
  setAside: SetAsideRecord[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An exact http(s) origin (`https://chat.example.com`); kept small, it is read on the popup's first paint. */
function isOrigin(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}

/** Checks one stored environment; returns why it cannot be used, or the environment. */
export function readEnvironment(value: unknown): Environment | string {
  if (!isRecord(value)) return 'not an object';
  const { id, name, sites, secret } = value;
  if (typeof id !== 'string' || id === '') return 'no id';
  if (typeof name !== 'string') return 'no name';
  if (!Array.isArray(sites) || !sites.every((s) => typeof s === 'string')) return 'sites are not a list of text';
  if (typeof secret !== 'string') return 'secret is not text';
  const vendor = vendorOfRecord(value.vendor);
  // Whether the list has it is for the caller to say (storage, the Node package): model/ cannot know the list.
  if (!isVendorIdShape(vendor)) return 'unknown chat vendor';
  const settings = readVendorSettings(value);
  // Stored text from any source (older versions, imports) is read normalised.
  const environment: Environment = { id, name: normaliseText(name), vendor, sites: [...sites], secret };
  if (value.observeLogins === false) environment.observeLogins = false;
  if (Object.keys(settings).length > 0) environment.settings = settings;
  if (value.apiOrigins !== undefined) {
    // Stored by the options form (model/api-origin checked them there): only exact origins are read back.
    const list = value.apiOrigins;
    if (!Array.isArray(list) || list.length > 10 || !list.every(isOrigin)) return 'API origins are not a list of origins';
    if (list.length > 0) environment.apiOrigins = [...list];
  }
  if (value.secretSealed !== undefined) {
    if (!isSealed(value.secretSealed)) return 'sealed secret is damaged';
    environment.secretSealed = { iv: value.secretSealed.iv, data: value.secretSealed.data, ...(value.secretSealed.bound === true ? { bound: true } : {}) };
  }
  return environment;
}

export function readLock(value: unknown): LockRecord | undefined | string {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) return 'lock is not an object';
  const { salt, iterations, verifier, idleMinutes } = value;
  if (typeof salt !== 'string' || typeof iterations !== 'number' || !isSealed(verifier)) return 'lock is damaged';
  return { salt, iterations, verifier, idleMinutes: typeof idleMinutes === 'number' && idleMinutes > 0 ? idleMinutes : 30 };
}

function readResult(value: unknown): IdentityResult | undefined {
  if (!isRecord(value) || typeof value.at !== 'number' || typeof value.ok !== 'boolean') return undefined;
  return {
    at: value.at,
    ok: value.ok,
    customerId: typeof value.customerId === 'string' ? value.customerId : undefined,
    conversationCount: typeof value.conversationCount === 'number' ? value.conversationCount : undefined,
    message: typeof value.message === 'string' ? value.message : undefined,
  };
}

/** Checks one stored identity; returns why it cannot be used, or the identity. */
export function readIdentity(value: unknown): Identity | string {
  if (!isRecord(value)) return 'not an object';
  const { id, label, externalId, email, note, createdAt, lastUsedAt } = value;
  if (typeof id !== 'string' || id === '') return 'no id';
  if (typeof label !== 'string' || label === '') return 'no label';
  if (typeof externalId !== 'string' || typeof email !== 'string') return 'externalId or email is not text';
  if (externalId === '' && email === '') return 'neither externalId nor email';
  return {
    id,
    label,
    externalId,
    email,
    ...(typeof value.name === 'string' && value.name !== '' ? { name: value.name.slice(0, 255) } : {}),
    note: typeof note === 'string' ? note : '',
    createdAt: typeof createdAt === 'number' ? createdAt : 0,
    lastUsedAt: typeof lastUsedAt === 'number' ? lastUsedAt : undefined,
    lastResult: readResult(value.lastResult),
  };
}

export function readSettings(value: unknown): Settings {
  if (!isRecord(value)) return { ...DEFAULT_SETTINGS };
  const seconds = value.sdkTimeoutSeconds;
  const settings: Settings = {
    sdkTimeoutSeconds: typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 1 && seconds <= 120 ? seconds : DEFAULT_SETTINGS.sdkTimeoutSeconds,
  };
  // Text only, as for an environment's settings; whether a feature takes a value is its own call.
  const vendors: Record<VendorId, Record<string, string>> = {};
  const stored = { ...legacyFeatureSettingsOf(value), ...(isRecord(value.vendors) ? value.vendors : {}) };
  for (const [vendor, entries] of Object.entries(stored).slice(0, SETTING_LIMITS.count)) {
    if (!isVendorIdShape(vendor) || !isRecord(entries)) continue;
    const read: Record<string, string> = {};
    for (const [key, text] of Object.entries(entries).slice(0, SETTING_LIMITS.count)) if (typeof text === 'string' && isSettingKey(key)) read[key] = text.slice(0, 2000);
    if (Object.keys(read).length > 0) vendors[vendor] = read;
  }
  if (Object.keys(vendors).length > 0) settings.vendors = vendors;
  return settings;
}
