/**
 * What the extension keeps about a tab, as the popup reads it: who the extension logged in there
 * (storage/tab-logins) and the tokens the site's own code sent (storage/seen-tokens). The popup
 * reads them through here, never from storage itself.
 */
export { type SeenToken, seenKey, seenOn } from '../storage/seen-tokens';
export type { TabLogin } from '../storage/tab-logins';
