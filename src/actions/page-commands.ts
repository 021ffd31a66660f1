import type { PageRequest, PageResult } from '../model/protocol';
import { loadVendor } from '../vendors/registry';
import { conversationNote } from './login-outcome';
import type { ChatVendor, IdentityFields } from '../model/vendor';
import { readyNote } from '../page-bridge/chat-readiness';
import { error, type Outcome, reachOutcome, type SessionView } from '../model/outcome';
import { runWhenReady, type WaitOptions } from '../page-bridge/page-runner';
import type { Environment, Settings } from '../model/schema';
import { originOf } from '../sites/sites';
import { forgetLogins } from '../storage/tab-logins';
import { ReachError, type TargetPage } from '../page-bridge/target-page';
import { problemOutcome } from './vendor-outcome';
import { watchTraffic } from '../page-bridge/wire-watch';
import { messageOf } from '../model/errors';

/**
 * The page commands besides logging in (actions/login.ts): run one with the environment's
 * vendor, and say what came of it. Vendor-blind: the vendor's page command and words do the rest.
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
 * Runs the environment's vendor's page command once the page's chat is ready (waiting for a
 * late widget or a start under way, as `wait` lets the tester follow and cancel); a failure to
 * reach the page comes back as an Outcome.
 */
export async function run(target: TargetPage, request: PageRequest, vendor: ChatVendor, environment?: Environment, wait: WaitOptions = {}): Promise<RunResult | Outcome> {
  try {
    const ran = await runWhenReady(target, vendor, request, wait);
    if (ran.kind === 'cancelled') return cancelledOutcome(ran.sent);
    return { ...ran.result, waitedMs: ran.waitedMs };
  } catch (caught) {
    if (caught instanceof ReachError) return reachOutcome(caught.problem, environment);
    return error(`Could not run in the page: ${messageOf(caught)}`);
  }
}

export const isOutcome = (value: RunResult | Outcome): value is Outcome => 'tone' in value;

/** How long a logout that takes no callback (Zendesk's logoutUser) is awaited on the wire. */
export const LOGOUT_BOUND_MS = 3_000;

/**
 * Logs the page's customer out. A widget whose logout takes no callback (Zendesk's logoutUser)
 * answers `pending`: then the request the logout causes is awaited (bounded), and the outcome
 * says whether its answer was seen, never more. `resolved`: the vendor, when the calling action has it.
 */
export async function logOut(target: TargetPage, settings: Settings, environment?: Environment, wait: WaitOptions = {}, resolved?: ChatVendor): Promise<Outcome> {
  const vendor = resolved ?? (await loadVendor(environment?.vendor));
  const traffic = watchTraffic(target.tabId);
  try {
    const timeoutMs = settings.sdkTimeoutSeconds * 1000;
    const result = await run(target, { command: 'logout', appId: environment?.appId, timeoutMs }, vendor, environment, wait);
    if (isOutcome(result)) return result;
    if (!result.ok) return problemOutcome(result, settings, environment, vendor);
    if (result.command !== 'logout') return error('The page answered a different command.');
    await forgetLogins(target.tabId, target.url ? originOf(target.url) : '');
    const notes = [readyNote(result.ready, result.waitedMs)];
    if (!result.pending) return { tone: 'success', message: 'Logged out: the chat on this page is anonymous now.', notes };
    const bound = Math.min(timeoutMs, LOGOUT_BOUND_MS);
    const seen = await traffic.quiet(Date.now() + bound, wait.signal);
    return seen
      ? { tone: 'success', message: `Logged out: ${vendor.callName('logout')} was called and the request it caused was answered.`, notes }
      : {
          tone: 'warning',
          message: `Asked the ${vendor.widget} to log out (${vendor.callName('logout')} takes no callback), but no answer to its request was seen within ${bound / 1000} s: nothing confirms the logout yet.`,
          notes,
        };
  } finally {
    traffic.stop();
  }
}

export async function checkLogin(
  target: TargetPage,
  fields: IdentityFields,
  settings: Settings,
  environment?: Environment,
  wait: WaitOptions = {},
): Promise<Outcome> {
  const vendor = await loadVendor(environment?.vendor);
  if (!vendor.capabilities.check) return { tone: 'warning', message: vendor.limits, notes: [] };
  const claims = vendor.buildClaims(fields, 'check');
  if (!claims.ok) return error(claims.errors.join(' '));
  const result = await run(target, { command: 'check', lookup: claims.lookup, timeoutMs: settings.sdkTimeoutSeconds * 1000 }, vendor, environment, wait);
  if (isOutcome(result)) return { ...result, notes: claims.warnings };
  if (!result.ok) return { ...problemOutcome(result, settings, environment, vendor), notes: claims.warnings };
  if (result.command !== 'check') return error('The page answered a different command.');
  const session: SessionView = { lookup: claims.lookup, loggedIn: result.loggedIn, conversations: result.conversations, at: Date.now() };
  const notes = [...claims.warnings];
  const conversationProblem = conversationNote(vendor, result.conversations);
  if (conversationProblem) notes.push(conversationProblem);
  notes.push(readyNote(result.ready, result.waitedMs));
  const who = vendor.describe(claims.lookup);
  return result.loggedIn
    ? { tone: 'success', message: `${who} is logged in on this page.`, notes, session }
    : { tone: 'warning', message: `${who} is not logged in on this page.`, notes, session };
}
