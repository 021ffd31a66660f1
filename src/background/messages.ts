/**
 * Messages the service worker accepts, declared once with their answers so a sender and the
 * handler cannot disagree. Sites never reach it (no externally_connectable); the handler
 * checks the sender anyway, and treats what a content script reports as data, not commands.
 */
export interface Messages {
  /** From the extension's pages: is the service worker up? Answers with the version. */
  ping: { request: { kind: 'ping' }; response: { version: string } };
  /** From the login-observer relay in a tab: the token the site's own code logged in with. */
  'page-login': { request: { kind: 'page-login'; token: string; url: string }; response: undefined };
}

export type Message = Messages[keyof Messages]['request'];
export type Answer<K extends keyof Messages> = Messages[K]['response'];

export function isMessage(value: unknown): value is Message {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  if (message.kind === 'ping') return true;
  return message.kind === 'page-login' && typeof message.token === 'string' && typeof message.url === 'string';
}
