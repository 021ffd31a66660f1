import browser from 'webextension-polyfill';
import type { PageAccountReader } from '../model/vendor';
import { readStorageNames, STORAGE_LIMITS, type StorageNames, storageNamesOf } from '../model/page-storage';

/** What the page says about the vendor's account (an org), if the vendor can read one. */
export async function readPageAccount(tabId: number, reader: PageAccountReader | undefined): Promise<string | undefined> {
  if (!reader) return undefined;
  try {
    const [result] = await browser.scripting.executeScript({ target: { tabId }, func: reader.read });
    return typeof result?.result === 'string' ? reader.parse(result.result) : undefined;
  } catch {
    return undefined;
  }
}

/** The names of the page's cookies and localStorage keys (model/page-storage), in the extension's isolated world. */
export async function readPageStorageNames(tabId: number, origin: string | undefined): Promise<StorageNames | undefined> {
  try {
    const [result] = await browser.scripting.executeScript({ target: { tabId }, func: readStorageNames, args: [origin ?? null, { ...STORAGE_LIMITS }] });
    return storageNamesOf(result?.result);
  } catch {
    return undefined;
  }
}
