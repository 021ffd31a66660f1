/**
 * The tab the popup acts on when it is opened as a tab or window: `?tabId=N`, or `#tabId=N`.
 */
export function tabIdParam(): string | null {
  return new URLSearchParams(location.search).get('tabId') ?? new URLSearchParams(location.hash.slice(1)).get('tabId');
}

/** What the identity form's buttons do, as a note says it. */
const ASKED: Record<string, string> = { login: 'log in', logout: 'log out', check: 'check the login' };

/** How the note on a command in the address begins (StatusPanel shows it as information, not an alarm). */
export const ADDRESS_NOTE = 'A link asked this popup to';

/**
 * A command in the popup's address (`?command=login&externalId=…`, what its form submitted
 * before it submitted into its own frame instead: public/popup-early.js) is never done:
 * whoever opened the address asked for it, not the tester, and anyone may open it (another
 * extension with no permission at all can, with chrome.tabs.create). Drops it and the fields
 * from the address, keeping the tab it names, and returns a short note saying so.
 */
export function addressNote(): string | undefined {
  const params = new URLSearchParams(location.search);
  const command = params.get('command');
  if (command === null) return undefined;
  const tabId = params.get('tabId');
  history.replaceState(null, '', `${location.pathname}${tabId ? `?tabId=${encodeURIComponent(tabId)}` : ''}${location.hash}`);
  return Object.hasOwn(ASKED, command) ? `${ADDRESS_NOTE} ${ASKED[command]}; only your own click does.` : undefined;
}
