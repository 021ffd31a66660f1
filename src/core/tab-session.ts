import browser from 'webextension-polyfill';
import type { IdentityFields, IdentityLookup } from '../kustomer/claims';

/**
 * Who the extension last logged in on each tab, kept in `storage.session` (memory only,
 * gone when the browser closes): a switch logs that customer out first.
 */
export interface TabLogin {
  environmentId: string;
  fields: IdentityFields;
  lookup: IdentityLookup;
  identityId?: string;
}

const key = (tabId: number) => `tab:${tabId}`;

export async function lastLoginOn(tabId: number): Promise<TabLogin | undefined> {
  try {
    const { [key(tabId)]: value } = await browser.storage.session.get(key(tabId));
    return value && typeof value === 'object' ? (value as TabLogin) : undefined;
  } catch {
    return undefined;
  }
}

export async function rememberLogin(tabId: number, login: TabLogin | undefined): Promise<void> {
  try {
    if (login) await browser.storage.session.set({ [key(tabId)]: login });
    else await browser.storage.session.remove(key(tabId));
  } catch {
    // Memory storage unavailable: switching then simply skips the logout of the previous customer.
  }
}
