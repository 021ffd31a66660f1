import browser from 'webextension-polyfill';
import { Store } from './storage';
import { Vault } from './vault';

/** The store over this extension's `storage.local` (never `storage.sync`). */
export const store = new Store(browser.storage.local);

/** The passphrase lock: sealed secrets in storage.local, the unlocked key in storage.session. */
export const vault = new Vault(browser.storage.local, browser.storage.session);
