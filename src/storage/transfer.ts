import { emailProblem } from '../model/email';
import { parseApiOrigins } from '../model/api-origin';
import { type Environment, type Identity, isSettingKey, SCHEMA_VERSION, SETTING_LIMITS } from '../model/schema';
import { LEGACY_VENDOR, legacySettingsOf, vendorOfRecord } from '../model/legacy-records';
import { normaliseText, textProblem } from '../model/text';
import { readSealedSecrets, type SealedSecrets } from './export-secrets';
import { parseSite } from '../sites/site-patterns';
import { isVendorId, VENDOR_IDS } from '../vendors/list';
import type { VendorId } from '../model/vendor';
import { messageOf } from '../model/errors';

/**
 * Export and import of environments and identities as a JSON file. An import is validated
 * completely before anything is written, and every problem is reported with its place in
 * the file; a malformed, truncated or hostile file changes nothing.
 */

export const EXPORT_FORMAT = 'chat-identity-lab';
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
const MAX_ENVIRONMENTS = 500;
const MAX_IDENTITIES = 20_000;
const MAX_TEXT = 2000;

export interface ExportedIdentity {
  label: string;
  externalId: string;
  email: string;
  name?: string;
  note: string;
}

export interface ExportedEnvironment {
  name: string;
  /** Absent in files from before vendors (model/legacy-records says whose they are). */
  vendor?: VendorId;
  sites: string[];
  /** The vendor's settings, by key; files from before settings were data held them at the top level. */
  settings?: Record<string, string>;
  /** Origins that answer for the vendor besides its known hosts. */
  apiOrigins?: string[];
  observeLogins?: boolean;
  /** Only in files from older versions, which exported secrets in plain text. */
  secret?: string;
  identities: ExportedIdentity[];
}

export interface ExportFile {
  format: typeof EXPORT_FORMAT;
  schemaVersion: number;
  exportedAt: string;
  includesSecrets: boolean;
  environments: ExportedEnvironment[];
  /** When the tester chose "Include secrets": every secret, encrypted with their passphrase. */
  sealedSecrets?: SealedSecrets;
}

/** The file; with `sealedSecrets` (storage/export-secrets, in the environments' order) when asked. */
export function buildExport(
  environments: Environment[],
  identities: Record<string, Identity[]>,
  sealedSecrets: SealedSecrets | undefined,
  now = new Date(),
): ExportFile {
  return {
    format: EXPORT_FORMAT,
    schemaVersion: SCHEMA_VERSION,
    exportedAt: now.toISOString(),
    includesSecrets: sealedSecrets !== undefined,
    environments: environments.map((e) => ({
      name: e.name,
      vendor: e.vendor,
      sites: e.sites,
      ...(e.settings && Object.keys(e.settings).length > 0 ? { settings: e.settings } : {}),
      ...(e.apiOrigins?.length ? { apiOrigins: e.apiOrigins } : {}),
      ...(e.observeLogins === false ? { observeLogins: false } : {}),
      identities: (identities[e.id] ?? []).map((i) => ({ label: i.label, externalId: i.externalId, email: i.email, ...(i.name ? { name: i.name } : {}), note: i.note })),
    })),
    ...(sealedSecrets ? { sealedSecrets } : {}),
  };
}

/** The file with its decrypted secrets put on its environments (`secrets` in their order). */
export function withSecrets(file: ExportFile, secrets: string[]): ExportFile {
  return { ...file, environments: file.environments.map((e, i) => (secrets[i] ? { ...e, secret: secrets[i] } : e)) };
}

export type ParsedImport = { ok: true; file: ExportFile } | { ok: false; problems: string[] };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function text(value: unknown, path: string, problems: string[], { required = false, verbatim = false } = {}): string {
  if (value === undefined || value === null) {
    if (required) problems.push(`${path}: missing.`);
    return '';
  }
  if (typeof value !== 'string') {
    problems.push(`${path}: must be text, not ${Array.isArray(value) ? 'a list' : typeof value}.`);
    return '';
  }
  if (value.length > MAX_TEXT) problems.push(`${path}: longer than ${MAX_TEXT} characters.`);
  // A secret is a raw key: any normalising would change it.
  if (verbatim) return value.trim();
  const invisible = textProblem(value);
  if (invisible) problems.push(`${path}: ${invisible}`);
  return normaliseText(value);
}

/**
 * An exported environment's vendor settings: its `settings`, over the top-level fields of files
 * from before settings were data (model/legacy-records), each checked as text with its place.
 */
function settingsOf(raw: Record<string, unknown>, at: string, problems: string[]): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const [key, value] of legacySettingsOf(raw)) {
    const read = text(value, `${at}.${key}`, problems);
    if (read) settings[key] = read;
  }
  if (raw.settings === undefined) return settings;
  if (!isRecord(raw.settings)) {
    problems.push(`${at}.settings: must be an object of text.`);
    return settings;
  }
  const entries = Object.entries(raw.settings);
  if (entries.length > SETTING_LIMITS.count) problems.push(`${at}.settings: more than ${SETTING_LIMITS.count}.`);
  for (const [key, value] of entries.slice(0, SETTING_LIMITS.count)) {
    if (!isSettingKey(key)) {
      problems.push(`${at}.settings: ${JSON.stringify(key.slice(0, SETTING_LIMITS.key))} is not a setting's name.`);
      continue;
    }
    const read = text(value, `${at}.settings.${key}`, problems);
    if (read) settings[key] = read;
  }
  return settings;
}

/** Reads and checks a whole file; `problems` lists every one, each with its place. */
export function parseImport(content: string): ParsedImport {
  if (content.length > MAX_IMPORT_BYTES) return { ok: false, problems: [`The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB: it is not an export of this extension.`] };
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch (caught) {
    return { ok: false, problems: [`The file is not JSON (${messageOf(caught)}): was it cut short or edited?`] };
  }
  const problems: string[] = [];
  if (!isRecord(data)) return { ok: false, problems: ['The file holds no export object: pick a file made by Export.'] };
  if (data.format !== EXPORT_FORMAT) problems.push(`format: expected "${EXPORT_FORMAT}", found ${JSON.stringify(data.format) ?? 'nothing'}.`);
  if (typeof data.schemaVersion !== 'number' || !Number.isInteger(data.schemaVersion) || data.schemaVersion < 1) {
    problems.push('schemaVersion: missing or not a whole number.');
  } else if (data.schemaVersion > SCHEMA_VERSION) {
    problems.push(`schemaVersion: ${data.schemaVersion} is from a newer Chat Identity Lab; update the extension first.`);
  }
  if (!Array.isArray(data.environments)) {
    problems.push('environments: missing or not a list.');
    return { ok: false, problems };
  }
  if (data.environments.length > MAX_ENVIRONMENTS) problems.push(`environments: more than ${MAX_ENVIRONMENTS}.`);
  const environments: ExportedEnvironment[] = [];
  const names = new Set<string>();
  let identityCount = 0;
  data.environments.slice(0, MAX_ENVIRONMENTS).forEach((raw, i) => {
    const at = `environments[${i}]`;
    if (!isRecord(raw)) {
      problems.push(`${at}: not an object.`);
      return;
    }
    const name = text(raw.name, `${at}.name`, problems, { required: true });
    if (raw.name !== undefined && name === '' && typeof raw.name === 'string') problems.push(`${at}.name: empty.`);
    if (name && names.has(name.toLowerCase())) problems.push(`${at}.name: "${name}" appears twice in the file.`);
    names.add(name.toLowerCase());
    const sites: string[] = [];
    if (!Array.isArray(raw.sites) || raw.sites.length === 0) problems.push(`${at}.sites: must be a list of at least one site.`);
    else {
      raw.sites.slice(0, 100).forEach((site, j) => {
        if (typeof site !== 'string') {
      problems.push(`${at}.sites[${j}]: must be text.`);
      return;
    }
        const parsed = parseSite(site);
        if (parsed.ok) sites.push(parsed.pattern);
        else problems.push(`${at}.sites[${j}]: ${parsed.error}`);
      });
    }
    const settings = settingsOf(raw, at, problems);
    let apiOrigins: string[] = [];
    if (raw.apiOrigins !== undefined) {
      const parsed = Array.isArray(raw.apiOrigins) && raw.apiOrigins.every((o) => typeof o === 'string') ? parseApiOrigins(raw.apiOrigins) : undefined;
      if (!parsed) problems.push(`${at}.apiOrigins: must be a list of origins.`);
      else if (!parsed.ok) problems.push(`${at}.apiOrigins: ${parsed.error}`);
      else apiOrigins = parsed.origins;
    }
    const named = vendorOfRecord(raw.vendor);
    if (!isVendorId(named)) problems.push(`${at}.vendor: must be one of ${VENDOR_IDS.join(', ')}.`);
    const vendor: VendorId = isVendorId(named) ? named : LEGACY_VENDOR;
    const secret = text(raw.secret, `${at}.secret`, problems, { verbatim: true });
    if (raw.observeLogins !== undefined && typeof raw.observeLogins !== 'boolean') problems.push(`${at}.observeLogins: must be true or false.`);
    const identities: ExportedIdentity[] = [];
    const labels = new Set<string>();
    if (raw.identities !== undefined && !Array.isArray(raw.identities)) problems.push(`${at}.identities: must be a list.`);
    const rawIdentities: unknown[] = Array.isArray(raw.identities) ? raw.identities : [];
    identityCount += rawIdentities.length;
    rawIdentities.slice(0, MAX_IDENTITIES).forEach((rawIdentity, k) => {
      const where = `${at}.identities[${k}]`;
      if (!isRecord(rawIdentity)) {
      problems.push(`${where}: not an object.`);
      return;
    }
      const label = text(rawIdentity.label, `${where}.label`, problems, { required: true });
      const externalId = text(rawIdentity.externalId, `${where}.externalId`, problems);
      const email = text(rawIdentity.email, `${where}.email`, problems);
      const note = text(rawIdentity.note, `${where}.note`, problems);
      const personName = text(rawIdentity.name, `${where}.name`, problems);
      if (rawIdentity.label !== undefined && label === '' && typeof rawIdentity.label === 'string') problems.push(`${where}.label: empty.`);
      if (label && labels.has(label.toLowerCase())) problems.push(`${where}.label: "${label}" appears twice in this environment.`);
      labels.add(label.toLowerCase());
      if (externalId === '' && email === '') problems.push(`${where}: needs an externalId or an email.`);
      if (email) {
        const bad = emailProblem(email);
        if (bad) problems.push(`${where}.email: ${bad}`);
      }
      identities.push({ label, externalId, email, ...(personName ? { name: personName } : {}), note });
    });
    environments.push({
      name,
      vendor,
      sites,
      ...(Object.keys(settings).length > 0 ? { settings } : {}),
      ...(apiOrigins.length > 0 ? { apiOrigins } : {}),
      ...(raw.observeLogins === false ? { observeLogins: false } : {}),
      ...(secret ? { secret } : {}),
      identities,
    });
  });
  if (identityCount > MAX_IDENTITIES) problems.push(`More than ${MAX_IDENTITIES} identities in all.`);
  const sealedSecrets = data.sealedSecrets === undefined ? undefined : readSealedSecrets(data.sealedSecrets);
  if (typeof sealedSecrets === 'string') problems.push(sealedSecrets);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    file: {
      format: EXPORT_FORMAT,
      schemaVersion: data.schemaVersion as number,
      exportedAt: typeof data.exportedAt === 'string' ? data.exportedAt : '',
      includesSecrets: sealedSecrets !== undefined || environments.some((e) => e.secret !== undefined),
      environments,
      ...(sealedSecrets && typeof sealedSecrets !== 'string' ? { sealedSecrets } : {}),
    },
  };
}
