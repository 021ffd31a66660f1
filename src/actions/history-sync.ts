import browser from 'webextension-polyfill';
import type { ChatVendor } from '../model/vendor';
import { loadVendor } from '../vendors/registry';
import type { Environment, Settings } from '../model/schema';
import { extensionPorts, logIn } from './login';
import { type Outcome, reachOutcome } from '../model/outcome';
import type { WaitOptions } from '../model/chat-page';
import type { TabLogin } from '../storage/tab-logins';
import { ReachError, type TargetPage } from '../page-bridge/target-page';
import { extensionPage, waitForLoad } from '../page-bridge/extension-page';
import { messageOf } from '../model/errors';
import { checkHistorySyncOn, compareHistories, conversationsOn, describeSync, makeNewDevice as makeNewDeviceOn, steps, type SyncOutcome } from '../session/history-sync';

export { compareHistories, describeSync, type SyncOutcome, type SyncReport } from '../session/history-sync';

/** Makes the tab a new device (session/history-sync). */
export function makeNewDevice(target: TargetPage, settings: Settings, environment: Environment, vendor: ChatVendor, wait: WaitOptions = {}): Promise<Outcome | undefined> {
  return makeNewDeviceOn(extensionPage(target), settings, environment, vendor, wait);
}

/** The history sync check on the tester's tab (session/history-sync), logging in with the extension's ports (its saved identity's result is the caller's to keep). */
export async function checkHistorySync(
  target: TargetPage,
  environment: Environment,
  login: TabLogin,
  settings: Settings,
  progress: (step: string) => void = () => {},
  signal?: AbortSignal,
  resolved?: ChatVendor,
): Promise<SyncOutcome> {
  const vendor = resolved ?? (await loadVendor(environment.vendor));
  return checkHistorySyncOn(extensionPage(target), {
    vendor,
    environment,
    settings,
    login,
    ports: extensionPorts(target, environment, login.identityId),
    progress,
    signal,
  });
}

export async function incognitoAllowed(): Promise<boolean> {
  try {
    return await browser.extension.isAllowedIncognitoAccess();
  } catch {
    return false;
  }
}

/**
 * The same check in a fresh incognito window, a truly separate device: the tester's tab is
 * left as it is.
 */
export async function checkHistorySyncIncognito(
  target: TargetPage,
  environment: Environment,
  login: TabLogin,
  settings: Settings,
  progress: (step: string) => void = () => {},
  signal?: AbortSignal,
  resolved?: ChatVendor,
): Promise<SyncOutcome> {
  const vendor = resolved ?? (await loadVendor(environment.vendor));
  if (!target.url) return { tone: 'error', message: "The page's address is not visible to the extension.", notes: [] };
  const { say, wait } = steps(progress, signal);
  const before = await conversationsOn(extensionPage(target), settings, environment, vendor, wait);
  if (!Array.isArray(before)) return before ?? reachOutcome({ kind: 'navigated' });
  say('Opening a fresh incognito window…');
  let windowId: number | undefined;
  try {
    const created = await browser.windows.create({ incognito: true, url: target.url, focused: false });
    windowId = created.id;
    const tabId = created.tabs?.[0]?.id;
    if (tabId === undefined) return { tone: 'error', message: 'The incognito window opened without a tab.', notes: [] };
    if (!(await waitForLoad(tabId, undefined, Math.max(settings.sdkTimeoutSeconds * 1000, 5000)))) {
      return { tone: 'error', message: 'The page did not load in the incognito window.', notes: [] };
    }
    say(`Logging ${vendor.describe(login.lookup)} in there…`);
    const there = await logIn({ target: { tabId, url: target.url }, environment, fields: login.fields, settings, wait, vendor });
    if (there.tone === 'error' || !there.session?.loggedIn || !there.session.conversations?.ok) {
      return { ...there, tone: 'error', message: `In the incognito window: ${there.message}` };
    }
    const report = compareHistories(before, there.session.conversations.items);
    const { tone, message } = describeSync(report);
    return { tone, message: message.replace('a new device', 'an incognito window'), notes: [], sync: report };
  } catch (caught) {
    if (caught instanceof ReachError) return reachOutcome(caught.problem);
    return { tone: 'error', message: `The incognito check failed: ${messageOf(caught)}`, notes: [] };
  } finally {
    if (windowId !== undefined) await browser.windows.remove(windowId).catch(() => undefined);
  }
}
