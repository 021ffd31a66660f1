/**
 * Messages the extension's own pages send the service worker, declared once with their
 * answers so a sender and the handler cannot disagree. Pages and content scripts of sites
 * never reach this (no externally_connectable), and the handler checks the sender anyway.
 */
export interface Messages {
  /** Is the service worker up? Answers with the extension's version. */
  ping: { request: { kind: 'ping' }; response: { version: string } };
}

export type Message = Messages[keyof Messages]['request'];
export type Answer<K extends keyof Messages> = Messages[K]['response'];

export function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'ping';
}
