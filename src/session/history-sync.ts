import type { ChatPage, WaitOptions } from '../model/chat-page';
import type { ChatVendor } from '../model/vendor';
import { type LoginPorts, logIn, type RememberedLogin } from './login';
import type { ConversationSummary } from '../model/protocol';
import type { Environment, Settings } from '../model/schema';
import { type Outcome, reachOutcome } from '../model/outcome';
import { ReachError } from '../model/reach';
import { isOutcome, run } from './page-commands';
import { problemOutcome } from './vendor-outcome';

/**
 * The history sync check through the ChatPage port: whether a customer's conversations follow
 * them to a new device. actions/history-sync adds the extension's incognito variant.
 */

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

/**
 * Makes the page a new device, as a new visitor's: logs out, removes the chat SDK's device data
 * from the page's storage, reloads and waits for the page. An Outcome when that failed.
 */
export async function makeNewDevice(page: ChatPage, settings: Settings, environment: Environment, vendor: ChatVendor, wait: WaitOptions = {}): Promise<Outcome | undefined> {
  const timeoutMs = settings.sdkTimeoutSeconds * 1000;
  const forgot = await run(page, { command: 'forget-device', timeoutMs }, vendor, environment, wait);
  if (isOutcome(forgot)) return forgot;
  if (!forgot.ok) return problemOutcome(forgot, settings, environment, vendor);
  try {
    if (!(await page.reload(Math.max(timeoutMs, 5000)))) {
      return { tone: 'error', message: 'The page did not finish reloading. Check it, then run the check again.', notes: [] };
    }
  } catch (caught) {
    if (caught instanceof ReachError) return reachOutcome(caught.problem);
    throw caught;
  }
  return undefined;
}

export async function conversationsOn(page: ChatPage, settings: Settings, environment: Environment, vendor: ChatVendor, wait: WaitOptions) {
  const result = await run(page, { command: 'conversations', timeoutMs: settings.sdkTimeoutSeconds * 1000 }, vendor, environment, wait);
  if (isOutcome(result)) return result;
  if (!result.ok) return problemOutcome(result, settings, environment, vendor);
  if (result.command !== 'conversations') return undefined;
  if (!result.conversations.ok) {
    return { tone: 'error', message: `${vendor.callName(vendor.features.conversations?.call)} answered with an error: ${result.conversations.message}`, notes: [] } satisfies Outcome;
  }
  return result.conversations.items;
}

/**
 * The check's progress: its current step, replaced while it waits for the page's chat (after
 * the reload above all, through the same wait as a login) and restored after.
 */
export function steps(progress: (step: string) => void, signal?: AbortSignal): { say: (step: string) => void; wait: WaitOptions } {
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
export interface SyncOutcome extends Outcome {
  sync?: SyncReport;
}

/** What the check needs besides the page: who is logged in, and the login's ports to log them in again (session/login). */
export interface SyncCheck {
  vendor: ChatVendor;
  environment: Environment;
  settings: Settings;
  login: RememberedLogin;
  ports: LoginPorts;
  progress?: (step: string) => void;
  signal?: AbortSignal;
}

/**
 * Checks that the logged-in customer's history follows them to a new device: record the
 * conversations, make the page a new device (log out, remove the SDK's device state, reload),
 * log the same customer in again, record again, compare.
 */
export async function checkHistorySyncOn(page: ChatPage, check: SyncCheck): Promise<SyncOutcome> {
  const { vendor, environment, settings } = check;
  const who = vendor.describe(check.login.lookup);
  const { say, wait } = steps(check.progress ?? (() => {}), check.signal);
  say(`Recording ${who}'s conversations…`);
  const before = await conversationsOn(page, settings, environment, vendor, wait);
  if (!Array.isArray(before)) return before ?? reachOutcome({ kind: 'navigated' });

  say('Making this tab a new device (log out, clear the chat device data, reload)…');
  const fresh = await makeNewDevice(page, settings, environment, vendor, wait);
  if (fresh) return fresh;

  say(`Logging ${who} in again on the new device…`);
  const { outcome: again } = await logIn({ page, vendor, environment, fields: check.login.fields, settings, wait }, check.ports);
  if (again.tone === 'error' || !again.session?.loggedIn) {
    return { ...again, message: `After the reload: ${again.message}` };
  }
  const after = again.session.conversations;
  if (!after?.ok) return { ...again, tone: 'error', message: 'After the reload, the conversations could not be read.' };
  const report = compareHistories(before, after.items);
  const { tone, message } = describeSync(report);
  return { tone, message, notes: [], session: again.session, sync: report, token: again.token };
}
