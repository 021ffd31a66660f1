import browser from 'webextension-polyfill';
import { originPatterns } from '../model/api-origin';
import type { Environment } from '../model/schema';
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
  if (sites.length === 0 && !(environment.apiOrigins ?? []).some((o) => needsPermission(`${o}/*`))) return [];
  let apiHosts: readonly string[] = [];
  try {
    apiHosts = profileOf(environment.vendor).apiHosts;
  } catch {
    // Profiles not loaded: the sites alone; the popup says when the server's answer cannot be seen.
  }
  const listed = permissionOrigins(originPatterns(environment.apiOrigins ?? [])).filter(needsPermission);
  const origins = [...new Set([...sites, ...apiHosts, ...listed])];
  try {
    const granted = await browser.permissions.request({ origins });
    return granted ? [] : origins;
  } catch {
    return origins;
  }
}
