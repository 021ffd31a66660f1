/**
 * Which Chatwoot inbox a page's widget belongs to: its website token, read in the page's
 * isolated world (page-bridge/page-account) from the widget frame's address
 * (`{baseUrl}/widget?website_token=…`), or else from the snippet's `websiteToken: '…'`. The page
 * writes both, so they are data: capped, and used only when they look like a website token.
 */

/** Runs in the page's isolated world: self-contained. */
export const readWebsiteToken = (): string | null => {
  const src = document.getElementById('chatwoot_live_chat_widget')?.getAttribute('src');
  if (typeof src === 'string' && src.length <= 2048) {
    const match = /[?&]website_token=([^&#]{1,100})/.exec(src);
    if (match?.[1]) return match[1];
  }
  for (const script of Array.from(document.querySelectorAll('script:not([src])')).slice(0, 50)) {
    const match = /websiteToken\s*:\s*['"]([^'"]{1,100})['"]/.exec((script.textContent ?? '').slice(0, 20_000));
    if (match?.[1]) return match[1];
  }
  return null;
};

/** The token when it is one (letters, digits, - and _), else undefined. */
export const parseWebsiteToken = (raw: string): string | undefined => {
  let value = raw;
  try {
    value = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  return /^[A-Za-z0-9_-]{1,64}$/.test(value) ? value : undefined;
};
