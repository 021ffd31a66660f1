import browser from 'webextension-polyfill';
import type { ChatVendor } from '../model/vendor';
import { loadVendor } from '../vendors/registry';
import type { ConversationSummary } from '../model/protocol';
import type { Environment, Settings } from '../model/schema';
import { logIn } from './login';
import { type Outcome, reachOutcome } from '../model/outcome';
import type { WaitOptions } from '../page-bridge/page-runner';
import { isOutcome, run } from './page-commands';
import { problemOutcome } from './vendor-outcome';
import type { TabLogin } from '../storage/tab-logins';
import { ReachError, type TargetPage } from '../page-bridge/target-page';
import { messageOf } from '../model/errors';

/** The two sides of a history sync check, compared by conversation id. */
export interface SyncReport {
  before: string[];
  after: string[];
  matched: string[];
  missing: string[];
  added: string[];
}

export function compareHistories(before: ConversationSummary[], after: ConversationSummary[]): SyncReport {
  const beforeIds = before.map((c) => c.conversationId);
  const afterIds = after.map((c) => c.conversationId);
  const afterSet = new Set(afterIds);
  const beforeSet = new Set(beforeIds);
  return {
    before: beforeIds,
    after: afterIds,
    matched: beforeIds.filter((id) => afterSet.has(id)),
    missing: beforeIds.filter((id) => !afterSet.has(id)),
    added: afterIds.filter((id) => !beforeSet.has(id)),
  };
}

export function describeSync(report: SyncReport): { tone: Outcome['tone']; message: string } {
  const total = report.before.length;
  if (total === 0 && report.added.length === 0) {
    // Said about what the page listed, not the customer: a row's count may be from an older login.
    return {
      tone: 'warning',
      message:
        "Nothing to compare: the page's chat listed no open conversations for this customer when the check began. If it has some, reload the page so the chat loads them; otherwise start one. Then check again.",
    };
  }
  if (report.missing.length === 0 && report.added.length === 0) {
    return { tone: 'success', message: `In sync: ${total} of ${total} conversations followed the customer to a new device.` };
  }
  const parts = [`Out of sync: ${report.matched.length} of ${total} conversations followed the customer to a new device.`];
  if (report.missing.length > 0) parts.push(`Missing on the new device: ${report.missing.join(', ')}.`);
  if (report.added.length > 0) parts.push(`Only on the new device: ${report.added.join(', ')}.`);
  return { tone: 'error', message: parts.join(' ') };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** When the tab's document started; changes when the page reloads. */
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

async function waitForReload(tabId: number, previousStart: number | undefined, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const start = await documentStart(tabId);
    if (start !== undefined && start !== -1 && start !== previousStart) return true;
    await sleep(50);
  }
  return false;
}

/**
 * Makes the tab a new device, as a new visitor's: logs out, removes the chat SDK's device data
 * from the page's storage, reloads and waits for the page. An Outcome when that failed.
 */
export async function makeNewDevice(target: TargetPage, settings: Settings, environment: Environment, vendor: ChatVendor, wait: WaitOptions = {}): Promise<Outcome | undefined> {
  const timeoutMs = settings.sdkTimeoutSeconds * 1000;
  const forgot = await run(target, { command: 'forget-device', timeoutMs }, vendor, environment, wait);
  if (isOutcome(forgot)) return forgot;
  if (!forgot.ok) return problemOutcome(forgot, settings, environment, vendor);
  const started = await documentStart(target.tabId);
  try {
    await browser.tabs.reload(target.tabId);
  } catch {
    return reachOutcome({ kind: 'tab-closed' });
  }
  if (!(await waitForReload(target.tabId, started, Math.max(timeoutMs, 5000)))) {
    return { tone: 'error', message: 'The page did not finish reloading. Check it, then run the check again.', notes: [] };
  }
  return undefined;
}

async function conversationsOn(target: TargetPage, settings: Settings, environment: Environment, vendor: ChatVendor, wait: WaitOptions) {
  const result = await run(target, { command: 'conversations', timeoutMs: settings.sdkTimeoutSeconds * 1000 }, vendor, environment, wait);
  if (isOutcome(result)) return result;
  if (!result.ok) return problemOutcome(result, settings, environment, vendor);
  if (result.command !== 'conversations') return undefined;
  if (!result.conversations.ok) {
    return { tone: 'error', message: `Kustomer.getOpenConversations answered with an error: ${result.conversations.message}`, notes: [] } satisfies Outcome;
  }
  return result.conversations.items;
}

/**
 * The check's progress: its current step, replaced while it waits for the page's chat (after
 * the reload above all, through the same wait as a login) and restored after.
 */
function steps(progress: (step: string) => void, signal?: AbortSignal): { say: (step: string) => void; wait: WaitOptions } {
  let step = '';
  return {
    say: (text) => {
      step = text;
      progress(text);
    },
    wait: { onWait: (message) => progress(message ?? step), signal },
  };
}

export interface SyncOutcome extends Outcome {
  sync?: SyncReport;
}

/**
 * Checks that the logged-in customer's history follows them to a new device: record the
 * conversations, make the tab a new device (log out, remove the SDK's device state, reload),
 * log the same customer in again, record again, compare.
 */
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
  const who = vendor.describe(login.lookup);
  const { say, wait } = steps(progress, signal);
  say(`Recording ${who}'s conversations…`);
  const before = await conversationsOn(target, settings, environment, vendor, wait);
  if (!Array.isArray(before)) return before ?? reachOutcome({ kind: 'navigated' });

  say('Making this tab a new device (log out, clear the chat device data, reload)…');
  const fresh = await makeNewDevice(target, settings, environment, vendor, wait);
  if (fresh) return fresh;

  say(`Logging ${who} in again on the new device…`);
  const again = await logIn({ target, environment, fields: login.fields, settings, identityId: login.identityId, recordUse: false, wait, vendor });
  if (again.tone === 'error' || !again.session?.loggedIn) {
    return { ...again, message: `After the reload: ${again.message}` };
  }
  const after = again.session.conversations;
  if (!after?.ok) return { ...again, tone: 'error', message: 'After the reload, the conversations could not be read.' };
  const report = compareHistories(before, after.items);
  const { tone, message } = describeSync(report);
  return { tone, message, notes: [], session: again.session, sync: report, token: again.token };
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
  const before = await conversationsOn(target, settings, environment, vendor, wait);
  if (!Array.isArray(before)) return before ?? reachOutcome({ kind: 'navigated' });
  say('Opening a fresh incognito window…');
  let windowId: number | undefined;
  try {
    const created = await browser.windows.create({ incognito: true, url: target.url, focused: false });
    windowId = created.id;
    const tabId = created.tabs?.[0]?.id;
    if (tabId === undefined) return { tone: 'error', message: 'The incognito window opened without a tab.', notes: [] };
    if (!(await waitForReload(tabId, undefined, Math.max(settings.sdkTimeoutSeconds * 1000, 5000)))) {
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
