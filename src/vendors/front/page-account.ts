/**
 * Which Front chat channel a page's widget belongs to: the chatId of the page's own
 * FrontChat('init', { chatId }) call, read from its inline scripts in the page's isolated world
 * (page-bridge/page-account). The page writes that text, so it is data: only the first scripts,
 * capped, are read, and only a value that looks like a chat id is kept.
 */

/** Runs in the page's isolated world: self-contained. */
export const readFrontChatId = (): string | null => {
  for (const script of Array.from(document.querySelectorAll('script:not([src])')).slice(0, 50)) {
    const match = /chatId\s*:\s*['"]([A-Za-z0-9_-]{1,64})['"]/.exec((script.textContent ?? '').slice(0, 20_000));
    if (match?.[1]) return match[1];
  }
  return null;
};

export const parseChatId = (raw: string): string | undefined => (/^[A-Za-z0-9_-]{1,64}$/.test(raw) ? raw : undefined);
