import { decodeJwt } from 'jose';

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

/** Runs in the page's isolated world (page-bridge/page-account): self-contained. */
export const readChatKey = (): string | null =>
  document.querySelector('script[data-kustomer-api-key]')?.getAttribute('data-kustomer-api-key') ?? null;
