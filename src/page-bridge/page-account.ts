import browser from 'webextension-polyfill';
import type { PageAccountReader } from '../model/vendor';

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
