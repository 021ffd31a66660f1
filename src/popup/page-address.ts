import type { IdentityFields } from '../model/vendor';

type FormCommand = 'login' | 'logout' | 'check';

/**
 * The tab the popup acts on when it is opened as a tab or window: `?tabId=N`, or `#tabId=N`,
 * which a form submission made before the popup's script ran keeps (it replaces the query).
 */
export function tabIdParam(): string | null {
  return new URLSearchParams(location.search).get('tabId') ?? new URLSearchParams(location.hash.slice(1)).get('tabId');
}

/** Longer than any identity field the vendors take: a hand-made address cannot flood the form. */
const MAX_FIELD = 1000;

/**
 * What a click made before the popup's script ran asked for: the identity form submitted itself
 * to the popup (IdentityForm), fields and command in the query. Read once; the address is then
 * cleaned, so a reload does not do it again.
 */
export function askedBeforeScript(): { command: FormCommand; fields: IdentityFields } | undefined {
  const params = new URLSearchParams(location.search);
  const command = params.get('command');
  if (command !== 'login' && command !== 'logout' && command !== 'check') return undefined;
  const field = (key: string) => (params.get(key) ?? '').slice(0, MAX_FIELD);
  const fields = { externalId: field('externalId'), email: field('email'), name: field('name') };
  const tabId = params.get('tabId');
  history.replaceState(null, '', `${location.pathname}${tabId ? `?tabId=${encodeURIComponent(tabId)}` : ''}${location.hash}`);
  return { command, fields };
}
