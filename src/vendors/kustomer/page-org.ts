import browser from 'webextension-polyfill';
import { MAX_CHAT_KEY, orgFromChatKey } from './chat-key';

/**
 * Which Kustomer org a page's chat belongs to, read from the chat widget's own API key (the
 * data-kustomer-api-key attribute: a readable JWT naming the org). The key is only decoded
 * here, never sent anywhere, and nothing runs in the page's main world to read it.
 *
 * The page writes that attribute, so it is data: capped in the page before it crosses to the
 * extension, and the name in it is used only when it is an org name (a subdomain). Anything
 * else (megabytes of text, Markdown, HTML) is not an org and is dropped.
 */

export async function pageOrg(tabId: number): Promise<string | undefined> {
  try {
    const [result] = await browser.scripting.executeScript({
      target: { tabId },
      // Runs in the isolated world; the cap is applied there, so a huge attribute never crosses.
      func: (max: number) => {
        const key = document.querySelector('script[data-kustomer-api-key]')?.getAttribute('data-kustomer-api-key');
        return typeof key === 'string' && key.length <= max ? key : null;
      },
      args: [MAX_CHAT_KEY],
    });
    return typeof result?.result === 'string' ? orgFromChatKey(result.result) : undefined;
  } catch {
    return undefined;
  }
}
