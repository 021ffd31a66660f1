import browser from 'webextension-polyfill';
import type { ChatPage } from '../model/chat-page';
import { readPageAccount, readPageStorageNames } from './page-account';
import { originOf } from '../sites/sites';
import { runInPage } from './page-runner';
import { ReachError, type TargetPage } from './target-page';
import { watchTraffic, watchWire } from './wire-watch';

/** The ChatPage port for a browser tab: chrome.scripting to run, webRequest to watch. */
export function extensionPage(target: TargetPage): ChatPage {
  return {
    url: target.url,
    run: (driver, request, signal) => runInPage(target, driver, request, signal),
    watchWire: (token, origins, request) => watchWire({ tabId: target.tabId, token, origins, request }),
    watchTraffic: () => watchTraffic(target.tabId),
    readAccount: (reader) => readPageAccount(target.tabId, reader),
    readStorageNames: () => readPageStorageNames(target.tabId, target.url ? originOf(target.url) : undefined),
    async reload(timeoutMs) {
      const started = await documentStart(target.tabId);
      try {
        await browser.tabs.reload(target.tabId);
      } catch {
        throw new ReachError({ kind: 'tab-closed' });
      }
      return waitForLoad(target.tabId, started, timeoutMs);
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** When the tab's document started; changes when the page reloads. -1 while it is loading. */
async function documentStart(tabId: number): Promise<number | undefined> {
  try {
    const [result] = await browser.scripting.executeScript({
      target: { tabId },
      func: () => (document.readyState === 'complete' ? performance.timeOrigin : -1),
    });
    return typeof result?.result === 'number' ? result.result : undefined;
  } catch {
    return undefined;
  }
}

/** Waits until the tab shows a loaded document other than the one that started at `previousStart`. */
export async function waitForLoad(tabId: number, previousStart: number | undefined, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const start = await documentStart(tabId);
    if (start !== undefined && start !== -1 && start !== previousStart) return true;
    await sleep(50);
  }
  return false;
}
