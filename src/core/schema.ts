/**
 * Every record the extension stores in `storage.local`, in one place. Nothing goes to
 * `storage.sync`: the secrets must not leave this browser profile.
 *
 * Keys:
 *   schemaVersion  number            version of this layout (SCHEMA_VERSION)
 *   environments   StoredEnvironment[]
 *   settings       Settings
 *   setAside       SetAsideRecord[]  values that could not be read, kept for the tester
 */

export const SCHEMA_VERSION = 1;

export interface Environment {
  id: string;
  name: string;
  /** Normalised match patterns, see core/sites.ts. */
  sites: string[];
  /** The org's chat signing secret; empty until the tester adds it. */
  secret: string;
}

export interface Settings {
  /** How long to wait for the page's SDK to load or to answer one call. */
  sdkTimeoutSeconds: number;
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

/** Checks one stored environment; returns why it cannot be used, or the environment. */
export function readEnvironment(value: unknown): Environment | string {
  if (!isRecord(value)) return 'not an object';
  const { id, name, sites, secret } = value;
  if (typeof id !== 'string' || id === '') return 'no id';
  if (typeof name !== 'string') return 'no name';
  if (!Array.isArray(sites) || !sites.every((s) => typeof s === 'string')) return 'sites are not a list of text';
  if (typeof secret !== 'string') return 'secret is not text';
  return { id, name, sites: [...sites], secret };
}

export function readSettings(value: unknown): Settings {
  if (!isRecord(value)) return { ...DEFAULT_SETTINGS };
  const seconds = value.sdkTimeoutSeconds;
  return {
    sdkTimeoutSeconds:
      typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 1 && seconds <= 120
        ? seconds
        : DEFAULT_SETTINGS.sdkTimeoutSeconds,
  };
}
