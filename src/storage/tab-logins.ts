import { tabLoginsKey } from './storage-keys';
import browser from 'webextension-polyfill';
import type { IdentityFields, IdentityLookup } from '../model/vendor';

/**
 * Who the extension last logged in on each tab, per environment and origin, kept in
 * `storage.session` (memory only, gone when the browser closes): a switch logs that customer
 * out first. It belongs to the site it was logged in on: a tab that moves to another
 * environment's site, or another origin, never has it named there.
 */
export interface TabLogin {
  environmentId: string;
  /** The origin of the page the customer was logged in on. */
  origin: string;
  fields: IdentityFields;
  lookup: IdentityLookup;
  identityId?: string;
}

const key = tabLoginsKey;

/** A stored list of tab logins, as far as it is usable. */
export function readTabLogins(value: unknown): TabLogin[] {
  return Array.isArray(value) ? (value as TabLogin[]).filter((l) => l && typeof l === 'object' && typeof l.origin === 'string' && typeof l.environmentId === 'string') : [];
}

async function loginsOn(tabId: number): Promise<TabLogin[]> {
  try {
    const { [key(tabId)]: value } = await browser.storage.session.get(key(tabId));
    return readTabLogins(value);
  } catch {
    return [];
  }
}

async function store(tabId: number, logins: TabLogin[]): Promise<void> {
  try {
    if (logins.length > 0) await browser.storage.session.set({ [key(tabId)]: logins });
    else await browser.storage.session.remove(key(tabId));
  } catch {
    // Memory storage unavailable: switching then simply skips the logout of the previous customer.
  }
}

/** The customer last logged in on this tab for this environment, on this origin. */
export async function lastLoginOn(tabId: number, environmentId: string, origin: string | undefined): Promise<TabLogin | undefined> {
  if (!origin) return undefined;
  return (await loginsOn(tabId)).find((l) => l.environmentId === environmentId && l.origin === origin);
}

export async function rememberLogin(tabId: number, login: TabLogin): Promise<void> {
  const others = (await loginsOn(tabId)).filter((l) => !(l.environmentId === login.environmentId && l.origin === login.origin));
  await store(tabId, [...others, login]);
}

/** Forgets the tab's logins on `origin` (a logout there), or all of them (the tab closed). */
export async function forgetLogins(tabId: number, origin?: string): Promise<void> {
  if (origin === undefined) return store(tabId, []);
  await store(tabId, (await loginsOn(tabId)).filter((l) => l.origin !== origin));
}
