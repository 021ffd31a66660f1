import { checkReportsKey } from './storage-keys';
import browser from 'webextension-polyfill';
import { type CheckReport, KEPT_REPORTS, readReport } from '../model/check-report';

/**
 * The last KEPT_REPORTS integration-check reports of each environment, newest first, in
 * storage.local. A report holds no token and no secret (model/check-report).
 */
const key = checkReportsKey;

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
  await browser.storage.local.set({ [key(environmentId)]: [report, ...previous].slice(0, KEPT_REPORTS) });
}
