import browser from 'webextension-polyfill';
import relayFile from '../page-bridge/observer-relay.iife.ts?script';

/**
 * Asks the browser itself whether it can match `sites`, by registering a content script on
 * them for a moment: returns the browser's reason when it refuses, so a pattern is refused
 * at save in the browser's own words (core/site-patterns checks the same rules first).
 */
export async function browserRefusal(sites: string[]): Promise<string | undefined> {
  if (sites.length === 0) return undefined;
  const id = `site-probe-${crypto.randomUUID()}`;
  try {
    await browser.scripting.registerContentScripts([{ id, js: [relayFile], matches: sites, persistAcrossSessions: false }]);
  } catch (caught) {
    return String((caught as Error)?.message ?? caught).slice(0, 300);
  }
  await browser.scripting.unregisterContentScripts({ ids: [id] }).catch(() => undefined);
  return undefined;
}
