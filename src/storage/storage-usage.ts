import { checkReportsKey, identitiesKey } from './storage-keys';

/**
 * How much of storage.local each kind of record takes, as stored JSON (Firefox has no
 * getBytesInUse for storage.local, and the same measure serves both browsers). Pure.
 */
export interface StorageUsage {
  environments: number;
  identities: number;
  reports: number;
  /** Report lists (one per environment that has any). */
  reportLists: number;
  other: number;
  total: number;
}

/** storage.local's quota without the unlimitedStorage permission (Chrome and Firefox). */
export const LOCAL_QUOTA_BYTES = 10 * 1024 * 1024;

export function storageUsage(all: Record<string, unknown>): StorageUsage {
  const usage: StorageUsage = { environments: 0, identities: 0, reports: 0, reportLists: 0, other: 0, total: 0 };
  for (const [key, value] of Object.entries(all)) {
    const bytes = key.length + (JSON.stringify(value) ?? '').length;
    usage.total += bytes;
    if (key === 'environments') usage.environments += bytes;
    else if (key.startsWith(identitiesKey(''))) usage.identities += bytes;
    else if (key.startsWith(checkReportsKey(''))) {
      usage.reports += bytes;
      usage.reportLists += 1;
    } else usage.other += bytes;
  }
  return usage;
}

/** "12.3 KB" */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
