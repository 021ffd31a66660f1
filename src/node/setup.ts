/**
 * What the Node package's callers pass, checked once: the vendor, the secret and the identity
 * become the vendor module, an in-memory environment (never stored), settings and claims.
 * Programming errors throw a TypeError that says what to pass; nothing here touches a page.
 */
import { parseApiOrigins } from '../model/api-origin';
import { checkSetting } from '../model/vendor-settings';
import type { Environment, Settings } from '../model/schema';
import { DEFAULT_SETTINGS } from '../model/schema';
import type { ChatVendor, ClaimsResult, IdentityFields, VendorId } from '../model/vendor';
import { isVendorId, loadVendor, VENDOR_IDS } from '../vendors/registry';
import { type Audience, askedInCallerWords, optionName } from './wording';

export interface IdentityOptions {
  /** The vendor's user id (its profile's first identity field). */
  externalId?: string;
  email?: string;
  /** A display name (for vendors that sign one). */
  name?: string;
}

export interface VendorOptions {
  vendor: VendorId;
  /** How long to wait for the page's chat and for each answer, in seconds (default 10, at most 120). */
  timeoutSeconds?: number;
  /**
   * Origins that answer for the vendor besides its known hosts (a self-hosted server, a proxy, a
   * test server): only their answers and the vendor's own hosts' are evidence of a login.
   */
  apiOrigins?: string[];
  /**
   * The vendor's settings, each under its key, as text: what its environment holds in the
   * extension (docs/automated-tests.md lists them; the vendor's profile has each one's key).
   */
  [setting: string]: unknown;
}

const vendorList = VENDOR_IDS.map((id) => `'${id}'`).join(', ');

/**
 * The vendor module for `id` (in any case: a vendor writes its own name capitalised), or a
 * TypeError naming the ones there are.
 */
export async function vendorFor(id: unknown, audience: Audience = 'api'): Promise<ChatVendor> {
  if (id === undefined || id === null || id === '') throw new TypeError(`Pass ${optionName('vendor', audience)}: one of ${vendorList}.`);
  const known = typeof id === 'string' ? id.trim().toLowerCase() : '';
  if (!isVendorId(known)) throw new TypeError(`Unknown vendor ${JSON.stringify(String(id)).slice(0, 60)}: pass one of ${vendorList}.`);
  return loadVendor(known);
}

/** The secret option, or a TypeError saying where a secret comes from (`where`: what to pass or set). */
export function checkSecret(secret: unknown, where = 'secret'): string {
  if (typeof secret !== 'string' || secret === '') {
    throw new TypeError(`Pass ${where}: the chat signing secret, from an environment variable (for example secret: process.env.CHAT_IDENTITY_LAB_SECRET), never written in the test.`);
  }
  return secret;
}

export function settingsFor(timeoutSeconds: unknown, audience: Audience = 'api'): Settings {
  if (timeoutSeconds === undefined) return { ...DEFAULT_SETTINGS };
  if (typeof timeoutSeconds !== 'number' || !Number.isFinite(timeoutSeconds) || timeoutSeconds < 1 || timeoutSeconds > 120) {
    throw new TypeError(`Pass ${audience === 'api' ? 'timeoutSeconds' : '--timeout'} as a number of seconds from 1 to 120 (default 10).`);
  }
  return { ...DEFAULT_SETTINGS, sdkTimeoutSeconds: timeoutSeconds };
}

/** What the shared code calls the in-memory environment (wording.ts puts the caller's words in its place). */
export const environmentNameFor = (vendor: ChatVendor) => `${vendor.name} (chat-identity-lab)`;

/** The environment the shared code reads (names, settings, secret), held in memory only. */
export function environmentFor(vendor: ChatVendor, options: VendorOptions, secret: string, signing = true, audience: Audience = 'api'): Environment {
  const settings: Record<string, string> = {};
  for (const setting of vendor.settings) {
    // The caller's name for it: chatLogin's option (its key) or the tool's flag.
    const name = audience === 'api' ? setting.key : setting.flag;
    const raw = options[setting.key];
    // Checked as the options form checks it (model/vendor-settings).
    const checked = checkSetting(setting, typeof raw === 'string' ? raw : '');
    // The help is a sentence of its own: in brackets it would nest the ones it has ("(app_…)").
    if (signing && checked.missing) throw new TypeError(`Pass ${name} for ${vendor.name}, its ${setting.label}. ${setting.help}`);
    if (checked.problem) throw new TypeError(`${name}: ${checked.problem}`);
    if (checked.value) settings[setting.key] = checked.value;
  }
  const apiOrigins = apiOriginsFor(options.apiOrigins, audience);
  return {
    id: `node-${vendor.id}`,
    name: environmentNameFor(vendor),
    vendor: vendor.id,
    sites: [],
    secret,
    ...(Object.keys(settings).length > 0 ? { settings } : {}),
    ...(apiOrigins.length > 0 ? { apiOrigins } : {}),
  };
}

/** The API origins a caller passed, normalised, or a TypeError that says what to pass. */
export function apiOriginsFor(value: unknown, audience: Audience = 'api'): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new TypeError("Pass apiOrigins as a list of origins, such as ['https://chat.example.com'].");
  const parsed = parseApiOrigins(value);
  if (!parsed.ok) throw new TypeError(`${audience === 'api' ? 'apiOrigins' : '--api-origin'}: ${parsed.error}`);
  return parsed.origins;
}

/** The claims for the identity, or a TypeError with the vendor's own reasons, naming the caller's options. */
export function claimsFor(vendor: ChatVendor, identity: IdentityOptions, audience: Audience = 'api', settings?: Record<string, string>): Extract<ClaimsResult, { ok: true }> {
  const fields: IdentityFields = { externalId: (identity.externalId ?? '').trim(), email: (identity.email ?? '').trim(), ...(identity.name ? { name: identity.name.trim() } : {}) };
  const claims = vendor.buildClaims(fields, 'login', settings);
  if (!claims.ok) throw new TypeError(claims.errors.map((e) => askedInCallerWords(e, vendor.fields, audience)).join(' '));
  return claims;
}
