import { orgFromChatKey } from './chat-key';

/**
 * Which Kustomer org a page's chat belongs to, read from the chat widget's own API key (the
 * data-kustomer-api-key attribute: a readable JWT naming the org). The key is only decoded
 * here, never sent anywhere, and nothing runs in the page's main world to read it.
 *
 * The page writes that attribute, so it is data: capped in the page before it crosses to the
 * extension (MAX_CHAT_KEY in ./chat-key, repeated here because this runs as source text), and
 * the name in it is used only when it is an org name (a subdomain). Anything else (megabytes of
 * text, Markdown, HTML) is not an org and is dropped.
 */

/** Runs in the page's isolated world (page-bridge/page-account): self-contained. */
export const readChatKey = (): string | null => {
  const key = document.querySelector('script[data-kustomer-api-key]')?.getAttribute('data-kustomer-api-key');
  return typeof key === 'string' && key.length <= 4096 ? key : null;
};

export { orgFromChatKey };
