import browser from 'webextension-polyfill';
import { Vault } from './vault';

export { PassphraseError } from './vault';

/** The alarm that drops the unlocked key once its idle time is over (background/index.ts). */
export const VAULT_IDLE_ALARM = 'vault-idle';

/** The passphrase lock: sealed secrets in storage.local, the unlocked key in storage.session. */
export const vault = new Vault(browser.storage.local, browser.storage.session, Date.now, (when) => {
  void browser.alarms.create(VAULT_IDLE_ALARM, { when }).catch(() => undefined);
});
