import browser from 'webextension-polyfill';
import { ReachError, type ReachProblem } from '../model/reach';
import { messageOf } from '../model/errors';

export { ReachError, type ReachProblem } from '../model/reach';

/** The tab the popup acts on. `url` is undefined when Chrome does not show it to us. */
export interface TargetPage {
  tabId: number;
  url: string | undefined;
}

// Pages Chrome never lets an extension script, whatever its permissions.
const FORBIDDEN_SCHEMES = ['chrome:', 'chrome-extension:', 'chrome-untrusted:', 'devtools:', 'edge:', 'about:', 'view-source:', 'chrome-search:', 'moz-extension:'];
const FORBIDDEN_HOSTS = ['chromewebstore.google.com', 'chrome.google.com', 'addons.mozilla.org', 'microsoftedge.microsoft.com'];

export function isForbiddenUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (FORBIDDEN_SCHEMES.includes(parsed.protocol)) return true;
  if (parsed.hostname === 'chrome.google.com') return parsed.pathname.startsWith('/webstore');
  return FORBIDDEN_HOSTS.includes(parsed.hostname);
}

/** Maps Chrome's scripting errors to what went wrong, in a tester's terms. */
export function classifyScriptingError(message: string, url?: string): ReachProblem {
  const m = message.toLowerCase();
  if (m.includes('no tab with id') || m.includes('tab was closed') || m.includes('no tab')) return { kind: 'tab-closed' };
  if (m.includes('cannot be scripted') || m.includes('chrome://') || m.includes('cannot access a chrome') || m.includes('extensions gallery')) {
    return { kind: 'forbidden', url };
  }
  if (m.includes('cannot access contents') || m.includes('must request permission') || m.includes('permission')) {
    return { kind: 'no-access', url };
  }
  if (m.includes('frame') && (m.includes('removed') || m.includes('navigat'))) return { kind: 'navigated' };
  if (m.includes('document') && m.includes('unloaded')) return { kind: 'navigated' };
  return { kind: 'failed', message };
}

/** The tab named by `?tabId=N`, or else the active tab of the popup's own window. */
export async function findTargetPage(tabIdParam: string | null): Promise<TargetPage> {
  try {
    if (tabIdParam !== null && /^\d+$/.test(tabIdParam)) {
      const tab = await browser.tabs.get(Number(tabIdParam));
      return { tabId: tab.id ?? Number(tabIdParam), url: tab.url };
    }
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (!tab || tab.id === undefined) throw new ReachError({ kind: 'no-tab' });
    return { tabId: tab.id, url: tab.url };
  } catch (error) {
    if (error instanceof ReachError) throw error;
    throw new ReachError(classifyScriptingError(messageOf(error)));
  }
}

/**
 * Checks that the extension may script the page, without running anything that matters.
 * Used when Chrome hides the tab's URL, to tell a browser page from a missing permission.
 */
export async function probePage(target: TargetPage): Promise<void> {
  if (target.url && isForbiddenUrl(target.url)) throw new ReachError({ kind: 'forbidden', url: target.url });
  try {
    await browser.scripting.executeScript({ target: { tabId: target.tabId }, func: () => true });
  } catch (error) {
    throw new ReachError(classifyScriptingError(messageOf(error), target.url));
  }
}
