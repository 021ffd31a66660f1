import browser from 'webextension-polyfill';
import { Store } from './storage';

/** The store over this extension's `storage.local` (never `storage.sync`). */
export const store = new Store(browser.storage.local);
