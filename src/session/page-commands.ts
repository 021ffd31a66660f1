import type { ChatPage, WaitOptions } from '../model/chat-page';
import type { PageRequest, PageResult } from '../model/protocol';
import type { ChatVendor } from '../model/vendor';
import { readyNote } from './chat-readiness';
import { error, type Outcome, reachOutcome } from '../model/outcome';
import type { Environment, Settings } from '../model/schema';
import { ReachError } from '../model/reach';
import { problemOutcome } from './vendor-outcome';
import { messageOf } from '../model/errors';
import { runWhenReady } from './ready-run';
import { settingsOf } from '../model/vendor-settings';

/**
 * The page commands, through the ChatPage port: run one with the vendor, and say what came of
 * it. Vendor-blind: the vendor's page command and words do the rest. actions/page-commands adds
 * what the extension remembers (who is logged in on a tab).
 */

/** A page command's result, with how long it waited for the page's chat to be ready. */
export type RunResult = PageResult & { waitedMs?: number };

export const cancelledOutcome = (sent = false): Outcome => ({
  tone: 'warning',
  message: sent
    ? 'Cancelled: stopped waiting for the page. What was sent may still complete there; use "Check login" to see where it stands.'
    : 'Cancelled: nothing was sent to the page.',
  notes: [],
});

/**
 * Runs the vendor's page command once the page's chat is ready (waiting for a late widget or a
 * start under way, as `wait` lets the caller follow and cancel); a failure to reach the page
 * comes back as an Outcome.
 */
export async function run(page: ChatPage, request: PageRequest, vendor: ChatVendor, environment?: Environment, wait: WaitOptions = {}): Promise<RunResult | Outcome> {
  try {
    const ran = await runWhenReady(page, vendor, request, wait);
    if (ran.kind === 'cancelled') return cancelledOutcome(ran.sent);
    return { ...ran.result, waitedMs: ran.waitedMs };
  } catch (caught) {
    if (caught instanceof ReachError) return reachOutcome(caught.problem, environment);
    return error(`Could not run in the page: ${messageOf(caught)}`);
  }
}

export const isOutcome = (value: RunResult | Outcome): value is Outcome => 'tone' in value;

/** How long a logout that takes no callback is awaited on the wire. */
export const LOGOUT_BOUND_MS = 3_000;

/**
 * Logs the page's customer out. A widget whose logout takes no callback
 * answers `pending`: then the request the logout causes is awaited (bounded), and the outcome
 * says whether its answer was seen, never more. `done` says whether the page ran the logout.
 */
export async function logOutOn(page: ChatPage, settings: Settings, vendor: ChatVendor, environment?: Environment, wait: WaitOptions = {}): Promise<{ outcome: Outcome; done: boolean }> {
  const traffic = page.watchTraffic();
  try {
    const timeoutMs = settings.sdkTimeoutSeconds * 1000;
    const pageSettings = environment ? settingsOf(environment) : {};
    const request: PageRequest = { command: 'logout', ...(Object.keys(pageSettings).length > 0 ? { settings: pageSettings } : {}), timeoutMs };
    const result = await run(page, request, vendor, environment, wait);
    if (isOutcome(result)) return { outcome: result, done: false };
    if (!result.ok) return { outcome: problemOutcome(result, settings, environment, vendor), done: false };
    if (result.command !== 'logout') return { outcome: error('The page answered a different command.'), done: false };
    const notes = [readyNote(result.ready, result.waitedMs, vendor)];
    if (!result.pending) return { outcome: { tone: 'success', message: 'Logged out: the chat on this page is anonymous now.', notes }, done: true };
    const bound = Math.min(timeoutMs, LOGOUT_BOUND_MS);
    const seen = await traffic.quiet(Date.now() + bound, wait.signal);
    const outcome: Outcome = seen
      ? { tone: 'success', message: `Logged out: ${vendor.callName('logout')} was called and the request it caused was answered.`, notes }
      : {
          tone: 'warning',
          message: `Asked the ${vendor.widget} to log out (${vendor.callName('logout')} takes no callback), but no answer to its request was seen within ${bound / 1000} s: nothing confirms the logout yet.`,
          notes,
        };
    return { outcome, done: true };
  } finally {
    traffic.stop();
  }
}
