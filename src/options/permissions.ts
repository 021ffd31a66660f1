import browser from 'webextension-polyfill';
import type { Environment } from '../core/schema';
import { needsPermission, permissionOrigins } from '../core/sites';

/**
 * Asks for host access to an environment's sites beyond the localhost hosts the manifest
 * grants. Must be called straight from a click: Chrome requires a user gesture.
 * Returns the origins that were not granted.
 */
export async function requestSiteAccess(environment: Environment): Promise<string[]> {
  const origins = permissionOrigins(environment.sites).filter(needsPermission);
  if (origins.length === 0) return [];
  try {
    const granted = await browser.permissions.request({ origins });
    return granted ? [] : origins;
  } catch {
    return origins;
  }
}
