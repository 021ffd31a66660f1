import { decodeJwt } from 'jose';
import browser from 'webextension-polyfill';

/**
 * Which Kustomer org a page's chat belongs to, read from the chat widget's own API key (the
 * data-kustomer-api-key attribute: a readable JWT naming the org). The key is only decoded
 * here, never sent anywhere, and nothing runs in the page's main world to read it.
 */
export function orgFromChatKey(chatKey: string): string | undefined {
  try {
    const payload = decodeJwt(chatKey);
    const org = payload.orgName ?? payload.org;
    return typeof org === 'string' && org !== '' ? org : undefined;
  } catch {
    return undefined;
  }
}

export async function pageOrg(tabId: number): Promise<string | undefined> {
  try {
    const [result] = await browser.scripting.executeScript({
      target: { tabId },
      func: () => document.querySelector('script[data-kustomer-api-key]')?.getAttribute('data-kustomer-api-key') ?? null,
    });
    return typeof result?.result === 'string' ? orgFromChatKey(result.result) : undefined;
  } catch {
    return undefined;
  }
}
