import browser from 'webextension-polyfill';
import { originPatterns } from '../model/api-origin';
import type { Environment } from '../model/schema';
import { environmentApiOrigins } from '../model/vendor-settings';
import { needsPermission, permissionOrigins } from '../sites/sites';
import { profileOf } from '../vendors/registry';

/**
 * Asks for host access to an environment's sites beyond the localhost hosts the manifest
 * grants, and with them the vendor's API hosts: the extension sees the vendor server's answer
 * to a login (the evidence) only with access to the host it goes to. A local simulator's
 * sites need neither. Must be called straight from a click: Chrome requires a user gesture.
 * Returns the origins that were not granted.
 */
export async function requestSiteAccess(environment: Environment): Promise<string[]> {
  const sites = permissionOrigins(environment.sites).filter(needsPermission);
  let apiHosts: readonly string[] = [];
  // The listed API origins, and those the vendor's settings name (a self-hosted server's base URL).
  let apiOrigins = environment.apiOrigins ?? [];
  try {
    const profile = profileOf(environment.vendor);
    apiHosts = profile.apiHosts;
    apiOrigins = environmentApiOrigins(environment, profile.settings);
  } catch {
    // Profiles not loaded: the sites alone; the popup says when the server's answer cannot be seen.
  }
  if (sites.length === 0 && !apiOrigins.some((o) => needsPermission(`${o}/*`))) return [];
  const listed = permissionOrigins(originPatterns(apiOrigins)).filter(needsPermission);
  const origins = [...new Set([...sites, ...apiHosts, ...listed])];
  try {
    const granted = await browser.permissions.request({ origins });
    return granted ? [] : origins;
  } catch {
    return origins;
  }
}
