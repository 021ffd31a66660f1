import { checkReportsKey } from './storage-keys';
import browser from 'webextension-polyfill';
import { type CheckReport, readReport } from '../model/check-report';
import { keptReports } from './report-budget';

/**
 * The last integration-check reports of each environment, newest first, in storage.local,
 * within the budget of storage/report-budget. A report holds no token and no secret
 * (model/check-report).
 */
const key = checkReportsKey;
const PREFIX = checkReportsKey('');

export async function reportsOf(environmentId: string): Promise<CheckReport[]> {
  try {
    const { [key(environmentId)]: value } = await browser.storage.local.get(key(environmentId));
    return Array.isArray(value) ? value.map(readReport).filter((r): r is CheckReport => r !== undefined) : [];
  } catch {
    return [];
  }
}

export async function keepReport(environmentId: string, report: CheckReport): Promise<void> {
  const previous = await reportsOf(environmentId);
  await browser.storage.local.set({ [key(environmentId)]: keptReports(report, previous) });
}

/** Removes every environment's reports (Options → Storage); returns how many lists went. */
export async function clearReports(): Promise<number> {
  const all = await browser.storage.local.get(null);
  const keys = Object.keys(all).filter((k) => k.startsWith(PREFIX));
  if (keys.length > 0) await browser.storage.local.remove(keys);
  return keys.length;
}
