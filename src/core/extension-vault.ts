import browser from 'webextension-polyfill';
import { Vault } from './vault';

export { PassphraseError } from './vault';

/** The passphrase lock: sealed secrets in storage.local, the unlocked key in storage.session. */
export const vault = new Vault(browser.storage.local, browser.storage.session);
